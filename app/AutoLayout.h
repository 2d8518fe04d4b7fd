#pragma once

#include "app/RouteDocument.h"

#include <QSizeF>

#include <string>
#include <unordered_map>

namespace rd {

// Layered left-to-right layout with Graphviz dot: start on the left, end on the right, each element's outputs
// leaving in their order. Deterministic for a given route and sizes.
class AutoLayout
{
public:
    // Top-left positions in scene units (points) for every element of `route` (the first of duplicate ids),
    // snapped to `gridSize`. Elements missing from `nodeSizes` get `defaultNodeSize()`. Any route works:
    // cycles, wires to missing elements, elements without wires.
    static RouteDocument::Positions layout(const Route &route, const std::unordered_map<std::string, QSizeF> &nodeSizes,
                                           double gridSize = 20);
    static QSizeF defaultNodeSize() { return {220, 90}; }
};

} // namespace rd
