#include "model/engine/RouteTracer.h"

#include "model/Route.h"
#include "model/engine/CompiledRoute.h"
#include "model/engine/RouteRunner.h"

namespace rd {

Decoded<TraceResult> RouteTracer::trace(const Route &route, const RequestContext &context, const TraceOptions &options)
{
    const CompiledRoute compiled(route);
    ProviderBehaviour behaviour;
    for (const std::string &failing : options.failing) {
        behaviour.setFailureRate(failing, 1.0);
    }
    RouteRunner runner(compiled, behaviour, options.prices);
    const PreparedContext prepared = runner.prepare(context);
    for (const auto &[id, used] : options.rateUsed) {
        const auto index = route.indexOf(id);
        if (!index || compiled.nodes()[*index].type != ElementType::Rate) {
            return Decoded<TraceResult>::failure(
                {std::string(), "--rate-used names \"" + id + "\", which is not a rate element of this route"});
        }
        runner.setRateUsed(compiled.nodes()[*index].detail, prepared, used);
    }
    SplitMix64 rng = SplitMix64::forRequest(options.seed, 0);
    std::vector<TraceStep> steps;
    const RunOutcome outcome = runner.run(prepared, rng, 0.0, &steps);

    TraceResult result;
    for (const TraceStep &step : steps) {
        const Element &e = route.elements()[step.node];
        TraceResult::Step s;
        s.element = e.id;
        s.type = e.type == ElementType::Unknown ? e.unknownTypeName : std::string(e.typeName());
        if (step.slot >= 0) {
            s.output =
                compiled.outputSlots()[compiled.nodes()[step.node].firstSlot + static_cast<std::uint32_t>(step.slot)]
                    .name;
        }
        s.reason = step.reason;
        result.path.push_back(std::move(s));
    }
    if (outcome.servedBy >= 0) {
        const CompiledRoute::Model &m = compiled.models()[static_cast<std::size_t>(outcome.servedBy)];
        result.served = TraceResult::Model{m.provider, m.model};
    } else {
        result.unservedReason = runner.unservedReason(outcome);
    }
    result.latencyMs = outcome.latencyMs;
    result.costUsd = outcome.costUsd;
    result.unpriced = outcome.unpriced;
    return Decoded<TraceResult>::success(std::move(result));
}

} // namespace rd
