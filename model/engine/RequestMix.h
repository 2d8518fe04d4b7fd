#pragma once

#include "model/Decoded.h"
#include "model/engine/TrafficSimulator.h"

#include <string_view>
#include <vector>

namespace rd {

// A simulation's mix written as JSON Lines: one request a line, `{"weight": 3, "metadata": {...}, "body": ...,
// "headers": {...}, "tokens_in": N, "tokens_out": N}`, weight 1 when absent. `routectl simulate --mix` and the
// app's Simulate panel read the same text.
class RequestMix
{
public:
    // One line (not blank). The error names no line: the caller knows where it is.
    static Decoded<WeightedContext> parseLine(std::string_view line);
    // Every non-blank line; an error says "line N: …". Fails when nothing can be drawn (no line, or weights
    // adding up to 0).
    static Decoded<std::vector<WeightedContext>> parse(std::string_view text);
    // The line for one request's metadata: {"metadata": {...}}.
    static std::string lineFor(const Json &metadata);
};

} // namespace rd
