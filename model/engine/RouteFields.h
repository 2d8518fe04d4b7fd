#pragma once

#include <string>
#include <vector>

namespace rd {

class Route;

// The request fields a route reads: the paths its conditions test and its rate elements key on, as written
// ("metadata.plan", "headers.x-team"). What an operator has to fill in to trace a request, and what a caller
// has to send in `cf-aig-metadata` for the route to tell requests apart.
class RouteFields
{
public:
    // Sorted, each once; paths without a known namespace included, as written.
    static std::vector<std::string> paths(const Route &route);
    // The metadata keys among them, without the "metadata." prefix.
    static std::vector<std::string> metadataKeys(const Route &route);
    // The models its model elements call, "provider/model", sorted, each once; elements missing either are left out.
    static std::vector<std::string> modelKeys(const Route &route);
};

} // namespace rd
