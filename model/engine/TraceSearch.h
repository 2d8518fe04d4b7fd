#pragma once

#include "model/engine/RouteTracer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

class Route;

// Which way through a route would have ended at a given model: what the app draws after a real test request,
// whose answer names the model that served it but not the path. It tries the random draws (seeds) in turn,
// and for each lets the models the walk reaches fail one after another (a fallback is how a second model
// serves), until a trace is served by the model named.
class TraceSearch
{
public:
    struct Match
    {
        TraceResult result;
        std::uint64_t seed = 1;
        std::vector<std::string> failing; // "provider/model", in the order they were made to fail
    };
    static constexpr std::uint64_t kSeedsTried = 32;

    // nullopt when no draw and no failures lead there: the route as drawn cannot serve the request that way
    // (the deployed version differs, or the request's metadata does).
    static std::optional<Match> find(const Route &route, const RequestContext &context, std::string_view provider,
                                     std::string_view model);
};

} // namespace rd
