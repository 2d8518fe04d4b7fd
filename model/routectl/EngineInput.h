#pragma once

#include "model/Route.h"
#include "model/engine/PriceTable.h"
#include "model/engine/TrafficSimulator.h"
#include "model/routectl/EngineArguments.h"

#include <iosfwd>
#include <optional>

namespace rd::routectl {

// What trace and simulate read before they run: the route (chosen with --route, validated), the request
// contexts, the price table. Each loader prints its own problem to `err` and returns the exit code to stop
// with, or nullopt to go on.
class EngineInput
{
public:
    // The route FILE holds (or the one --route names), decode warnings and validation findings printed to
    // `err`. Exit 1 when it has validation errors, 2 when it cannot be read or chosen.
    std::optional<int> loadRoute(const EngineArguments &args, std::istream &in, std::ostream &err);
    // --context with --metadata laid over it.
    std::optional<int> loadContext(const EngineArguments &args, std::ostream &err);
    // --mix (or the single context) with --metadata laid over every line.
    std::optional<int> loadMix(const EngineArguments &args, std::ostream &err);
    std::optional<int> loadPrices(const EngineArguments &args, std::ostream &err);

    Route route;
    RequestContext context;
    std::vector<WeightedContext> mix;
    PriceTable prices = PriceTable::builtIn();

private:
    // Lays --metadata over `ctx` and checks Cloudflare's metadata limits; `where` names the source in errors.
    static bool applyMetadata(const EngineArguments &args, RequestContext &ctx, const std::string &where,
                              std::ostream &err);
};

} // namespace rd::routectl
