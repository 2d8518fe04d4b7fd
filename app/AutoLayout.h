#pragma once

#include "app/RouteDocument.h"

#include <QFuture>
#include <QSizeF>

#include <string>
#include <unordered_map>

namespace rd {

// Layered left-to-right layout: start on the left, end on the right, each element's outputs leaving in their
// order. Deterministic for a given route and sizes. Two engines:
// - up to kLayeredAbove elements, Graphviz dot, exactly as ever (people have saved pictures of those layouts);
// - above it, LayeredLayout (model/), our own near-linear layered layout: dot took 2.6 s at 2,000 elements,
//   LayeredLayout takes milliseconds at 5,000 (BENCHMARKS.md).
//
// Graphviz keeps global state (error level, allocator, plugin lists) and is not re-entrant: dot layouts run one
// at a time, whichever thread they are called from. LayeredLayout needs no lock.
class AutoLayout
{
public:
    using NodeSizes = std::unordered_map<std::string, QSizeF>;

    // Top-left positions in scene units (points) for every element of `route` (the first of duplicate ids),
    // snapped to `gridSize`. Elements missing from `nodeSizes` get `defaultNodeSize()`. Any route works:
    // cycles, wires to missing elements, elements without wires. Waits while another layout runs.
    static RouteDocument::Positions layout(const Route &route, const NodeSizes &nodeSizes, double gridSize = 20);
    // layout() on a worker thread, on copies of the route and sizes, so that the GUI thread never waits for a
    // layout (dot took seconds for thousands of elements; the layered engine takes milliseconds, but a route
    // copy of that size is no longer free either).
    static QFuture<RouteDocument::Positions> layoutAsync(Route route, NodeSizes nodeSizes, double gridSize = 20);
    // From this size callers on the GUI thread use layoutAsync(): dot took seconds for large routes (measured:
    // BENCHMARKS.md); the layered engine above kLayeredAbove is fast, but the GUI does not wait for it either.
    static constexpr std::size_t kSlowElementCount = 300;
    // Routes of more elements than this go to LayeredLayout; up to it, to Graphviz dot.
    static constexpr std::size_t kLayeredAbove = 300;
    static QSizeF defaultNodeSize() { return {220, 90}; }
};

} // namespace rd
