#pragma once

#include "model/ElementChecks.h"
#include "model/Finding.h"
#include "model/Route.h"
#include "model/RouteGraph.h"

#include <vector>

namespace rd {

// One validation run over a route: what the route as a whole lacks (a start, an end), then per element its
// identity, its place in the graph (reachable, leads to an end, caught in a loop), its type's own checks
// (ElementChecks) and its outputs. Findings come out route-level first, then element by element in route
// order, each element's outputs in their order.
class RouteAnalysis
{
public:
    using Index = RouteGraph::Index;

    // `route` must outlive the analysis.
    explicit RouteAnalysis(const Route &route);

    std::vector<Finding> run();

private:
    static constexpr Index kNone = RouteGraph::kNone;

    void checkElement(Index i);
    void checkIdentity(Index i);
    void checkGraph(Index i);
    void checkCycle(Index i);
    void checkOutputs(Index i);

    void add(Severity severity, std::string_view code, Index element, std::string_view output, std::string message);
    void addRouteLevel(Severity severity, std::string_view code, std::string message);

    const std::vector<Element> &m_elements;
    RouteGraph m_graph;
    std::vector<Finding> m_findings;
    ElementChecks m_checks;

    // Scratch for tracing one loop through a component; sized on first use.
    std::vector<Index> m_traceParent;
    std::vector<Index> m_traceEdge;
};

} // namespace rd
