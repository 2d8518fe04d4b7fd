#include "model/engine/TraceSearch.h"

#include "model/Route.h"

#include <algorithm>

namespace rd {

std::optional<TraceSearch::Match> TraceSearch::find(const Route &route, const RequestContext &context,
                                                    std::string_view provider, std::string_view model)
{
    // Each model fails at most once per seed, so a walk ends after as many tries as the route has model elements.
    const auto models =
        static_cast<std::size_t>(std::count_if(route.elements().begin(), route.elements().end(),
                                               [](const Element &e) { return e.type == ElementType::Model; }));
    for (std::uint64_t seed = 1; seed <= kSeedsTried; ++seed) {
        TraceOptions options;
        options.seed = seed;
        for (std::size_t attempt = 0; attempt <= models; ++attempt) {
            Decoded<TraceResult> traced = RouteTracer::trace(route, context, options);
            if (!traced || !traced.value->served) {
                break;
            }
            const TraceResult::Model &served = *traced.value->served;
            if (served.provider == provider && served.model == model) {
                return Match{std::move(*traced.value), seed, options.failing};
            }
            const std::string key = served.provider + '/' + served.model;
            if (std::find(options.failing.begin(), options.failing.end(), key) != options.failing.end()) {
                break; // failing it changed nothing: no further way from here
            }
            options.failing.push_back(key);
        }
    }
    return std::nullopt;
}

} // namespace rd
