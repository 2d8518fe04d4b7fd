#pragma once

#include "widgets/canvas/FlowOverlay.h"

#include <string>
#include <unordered_map>

namespace rd {

class ElementItem;

// Puts a flow overlay on a scene's cards and wires: fades what it dims, lights and labels what it lists, and
// takes away what an earlier overlay left. Kept apart from RouteScene, which only says when.
class FlowOverlayLayer
{
public:
    static void apply(const FlowOverlay &overlay, const std::unordered_map<std::string, ElementItem *> &cards);
};

} // namespace rd
