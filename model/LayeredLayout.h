#pragma once

#include "model/Route.h"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace rd {

// A layered (Sugiyama-style) left-to-right layout in near-linear time, for routes too large for Graphviz dot
// (dot took 2.6 s at 2,000 elements): start on the left, end elements in the last column, each element's
// outputs leaving in their order. Deterministic: the same graph and options give the same positions.
//
// 1. Cycles: a depth-first walk from the start elements (then from the rest, in route order), outputs in port
//    order; the wires it finds going back up its path are reversed, for layering only.
// 2. Layers: longest path from the sources; end elements pinned to the last layer. Wires into end elements
//    (every model's success wire in a real route) are left out of layering and ordering: they would cross
//    every layer and pull every column towards the end.
// 3. Order within layers: depth-first discovery order (so a parent's outputs start in port order), then a
//    fixed number of barycenter sweeps down and up.
// 4. Coordinates: a column per layer, as wide as its widest card plus the gap; cards stacked in order, then
//    pulled towards their parents' (or children's) centres by a few isotonic-regression passes that keep order
//    and gaps, parents weighted by the share of paths they pass on, so that the main line stays straight;
//    everything snapped to the grid, so no two cards overlap.
class LayeredLayout
{
public:
    static constexpr std::size_t kNoTarget = static_cast<std::size_t>(-1);

    struct Node
    {
        double width = 0;
        double height = 0;
        bool start = false; // walked first, in the first layer
        bool end = false;   // pinned to the last layer; wires into it take no part in ordering
        // Output targets in port order: node indices, kNoTarget for an unwired output or a missing element.
        std::vector<std::size_t> outputs;
    };

    struct Options
    {
        double gridSize = 20;   // positions are multiples of it (none when <= 0)
        double layerGap = 80;   // between the widest card of a column and the next column
        double nodeGap = 40;    // between cards of a column
        int orderingSweeps = 4; // down-and-up barycenter sweeps
        int alignmentPasses = 3;
    };

    struct Point
    {
        double x = 0;
        double y = 0;

        bool operator==(const Point &) const = default;
    };

    struct Size
    {
        double width = 0;
        double height = 0;
    };

    // Top-left positions, one per node, in scene units.
    static std::vector<Point> layout(const std::vector<Node> &nodes, const Options &options);

    // Nodes for `elements` (as given: duplicates already dropped), with their `sizes` (same length): outputs
    // resolved by id, Start and End types marked.
    static std::vector<Node> nodesFor(const std::vector<const Element *> &elements, const std::vector<Size> &sizes);

    // The whole route, every element placed (the first of duplicate ids). Elements missing from `sizes`, or
    // with a size that is not positive and finite, get `defaultSize`.
    static std::unordered_map<std::string, Point> layout(const Route &route,
                                                         const std::unordered_map<std::string, Size> &sizes,
                                                         const Options &options, Size defaultSize = {220, 90});
};

} // namespace rd
