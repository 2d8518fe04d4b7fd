#include "model/engine/LogReplay.h"

#include "model/Route.h"
#include "model/engine/RequestContext.h"
#include "model/engine/RouteTracer.h"
#include "model/engine/TraceSearch.h"

#include <algorithm>
#include <cmath>

namespace rd {

std::optional<double> LogReplay::CardFigures::percentileMs(double p) const
{
    if (durationsMs.empty()) {
        return std::nullopt;
    }
    std::vector<double> sorted = durationsMs;
    std::sort(sorted.begin(), sorted.end());
    // Nearest rank, as the simulation reports it: the smallest value with at least p of the values at or below.
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double LogReplay::Result::wireShare(const std::string &element, const std::string &output) const
{
    const std::int64_t total = replayed();
    if (total <= 0) {
        return 0;
    }
    const auto it = wires.find({element, output});
    return it == wires.end() ? 0 : static_cast<double>(it->second) / static_cast<double>(total);
}

std::map<std::string, std::vector<std::string>> LogReplay::cardsByModel(const Route &route)
{
    std::map<std::string, std::vector<std::string>> cards;
    for (const Element &e : route.elements()) {
        if (e.type == ElementType::Model && e.model.provider && e.model.model) {
            cards[*e.model.provider + '/' + *e.model.model].push_back(e.id);
        }
    }
    return cards;
}

LogReplay::Result LogReplay::replay(const Route &route, const std::vector<Log> &logs)
{
    Result result;
    result.cardsOfModel = cardsByModel(route);
    // An unserved log is traced with every model failing: the way a request goes when none answers.
    TraceOptions unservedOptions;
    for (const auto &[key, cards] : result.cardsOfModel) {
        unservedOptions.failing.push_back(key);
    }

    for (const Log &log : logs) {
        ++result.logs;
        RequestContext context;
        if (log.metadata.is_object()) {
            context.metadata = log.metadata;
        }
        if (log.tokensIn > 0) {
            context.tokensIn = log.tokensIn;
        }
        if (log.tokensOut > 0) {
            context.tokensOut = log.tokensOut;
        }
        const bool unserved = log.provider.empty() || log.provider == "unknown";
        std::optional<TraceResult> trace;
        if (unserved) {
            if (auto traced = RouteTracer::trace(route, context, unservedOptions)) {
                trace = std::move(*traced.value);
            }
        } else if (auto match = TraceSearch::find(route, context, log.provider, log.model)) {
            trace = std::move(match->result);
        }
        if (!trace) {
            ++result.unexplained;
            if (!unserved) {
                ++result.unexplainedByModel[log.provider + '/' + log.model];
            }
            continue;
        }
        if (unserved) {
            ++result.unserved;
        }
        std::string servedBy;
        for (const TraceResult::Step &step : trace->path) {
            ++result.entered[step.element];
            if (step.output) {
                ++result.wires[{step.element, *step.output}];
                if (step.type == "model" && *step.output == "success") {
                    servedBy = step.element;
                }
            }
        }
        if (!servedBy.empty()) {
            CardFigures &card = result.cards[servedBy];
            ++card.logs;
            if (!log.success) {
                ++card.failed;
            }
            if (log.costUsd) {
                card.costUsd += *log.costUsd;
                ++card.costed;
            }
            if (log.durationMs) {
                card.durationsMs.push_back(*log.durationMs);
            }
        }
    }
    return result;
}

} // namespace rd
