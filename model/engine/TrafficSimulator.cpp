#include "model/engine/TrafficSimulator.h"

#include "model/Route.h"
#include "model/engine/CompiledRoute.h"
#include "model/engine/RouteRunner.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace rd {

namespace {

// Nearest rank: the smallest value with at least `percent` % of the values at or below it.
std::int64_t percentile(std::vector<float> &values, std::uint64_t percent)
{
    if (values.empty()) {
        return 0;
    }
    const std::uint64_t rank = (percent * values.size() + 99) / 100; // ceil, 1-based
    const auto nth = values.begin() + static_cast<std::ptrdiff_t>(std::max<std::uint64_t>(rank, 1) - 1);
    std::nth_element(values.begin(), nth, values.end());
    return std::llround(*nth);
}

} // namespace

SimulationReport TrafficSimulator::run(const Route &route, const SimulationOptions &options)
{
    const CompiledRoute compiled(route);
    RouteRunner runner(compiled, options.behaviour, options.prices);

    const RequestContext defaultContext;
    std::vector<PreparedContext> prepared;
    std::vector<double> upTo; // cumulative weights
    double totalWeight = 0;
    if (options.mix.empty()) {
        prepared.push_back(runner.prepare(defaultContext));
        upTo.push_back(1);
        totalWeight = 1;
    } else {
        for (const WeightedContext &wc : options.mix) {
            prepared.push_back(runner.prepare(wc.context));
            totalWeight += wc.weight > 0 && std::isfinite(wc.weight) ? wc.weight : 0;
            upTo.push_back(totalWeight);
        }
    }
    const bool uniform = !(totalWeight > 0);

    SimulationReport report;
    report.seed = options.seed;
    report.requests = options.requests;
    std::vector<float> latencies(options.requests);
    std::map<std::pair<Unserved, std::int32_t>, std::uint64_t> unserved;
    std::vector<std::uint64_t> unpricedFlags;
    const double rps = options.requestsPerSecond > 0 ? options.requestsPerSecond : 10;

    for (std::uint64_t i = 0; i < options.requests; ++i) {
        if (options.progress && i > 0 && i % SimulationOptions::kProgressStep == 0 && !options.progress(i)) {
            report.cancelled = true;
            report.requests = i;
            latencies.resize(i);
            break;
        }
        SplitMix64 rng = SplitMix64::forRequest(options.seed, i);
        std::size_t which = 0;
        if (prepared.size() > 1) {
            if (uniform) {
                which = static_cast<std::size_t>(rng.below(prepared.size()));
            } else {
                const double u = rng.unit() * totalWeight;
                while (which + 1 < upTo.size() && upTo[which] <= u) {
                    ++which;
                }
            }
        }
        const RunOutcome outcome = runner.run(prepared[which], rng, static_cast<double>(i) / rps);
        latencies[i] = static_cast<float>(outcome.latencyMs);
        report.costUsd += outcome.costUsd;
        report.unpriced += outcome.unpriced ? 1 : 0;
        if (outcome.servedBy < 0) {
            ++report.unserved;
            ++unserved[{outcome.unserved, outcome.unservedAt}];
        }
    }

    const auto &nodes = compiled.nodes();
    const auto &outSlots = compiled.outputSlots();
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        const Element &e = route.elements()[n];
        SimulationReport::ElementCounts counts;
        counts.id = e.id;
        counts.type = e.type == ElementType::Unknown ? e.unknownTypeName : std::string(e.typeName());
        counts.entered = runner.entered()[n];
        for (std::uint32_t s = nodes[n].firstSlot; s < nodes[n].firstSlot + nodes[n].slotCount; ++s) {
            counts.outputs.emplace_back(outSlots[s].name, runner.taken()[s]);
        }
        // Fixed ports come first in a slot list: for rate and model the second is "fallback".
        if (nodes[n].slotCount >= 2 && (e.type == ElementType::Model || e.type == ElementType::Rate)) {
            (e.type == ElementType::Model ? report.fallbacks : report.rateLimited) += counts.outputs[1].second;
        }
        report.elements.push_back(std::move(counts));
    }
    for (const std::string &key : compiled.modelKeys()) {
        report.models.push_back({key, 0, 0, 0});
    }
    for (std::size_t m = 0; m < compiled.models().size(); ++m) {
        SimulationReport::ModelCounts &counts = report.models[compiled.models()[m].key];
        counts.attempts += runner.attempts()[m];
        counts.failures += runner.failures()[m];
        counts.served += runner.served()[m];
    }
    for (const auto &[key, count] : unserved) {
        RunOutcome o;
        o.unserved = key.first;
        o.unservedAt = key.second;
        report.unservedReasons.emplace_back(runner.unservedReason(o), count);
    }
    std::stable_sort(report.unservedReasons.begin(), report.unservedReasons.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    report.latencyP50Ms = percentile(latencies, 50);
    report.latencyP95Ms = percentile(latencies, 95);
    return report;
}

} // namespace rd
