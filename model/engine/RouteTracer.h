#pragma once

#include "model/Decoded.h"
#include "model/engine/PriceTable.h"
#include "model/engine/RequestContext.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rd {

class Route;

struct TraceOptions
{
    std::uint64_t seed = 1;
    // "provider" or "provider/model": every attempt of these fails. Others always answer.
    std::vector<std::string> failing;
    // Element id and how much of its current window is already used (requests, or USD for a cost budget).
    std::vector<std::pair<std::string, double>> rateUsed;
    PriceTable prices = PriceTable::builtIn();
};

struct TraceResult
{
    struct Step
    {
        std::string element;
        std::string type;
        std::optional<std::string> output; // none at end, or where the walk stopped
        std::string reason;
    };
    struct Model
    {
        std::string provider;
        std::string model;
    };

    std::vector<Step> path;
    std::optional<Model> served;
    std::optional<std::string> unservedReason;
    double latencyMs = 0;
    double costUsd = 0;
    bool unpriced = false;
};

// One request through a route, step by step, with the reason for each turn: what the route will do with a
// request like this one. The walk is RouteRunner's, the same as a simulation's first request with this seed.
class RouteTracer
{
public:
    // Fails only when `options` name something the route does not have (a rate-used element that is no rate).
    static Decoded<TraceResult> trace(const Route &route, const RequestContext &context, const TraceOptions &options);
};

} // namespace rd
