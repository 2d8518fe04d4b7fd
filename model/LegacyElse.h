#pragma once

#include "model/Decoded.h"
#include "model/Element.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

// The old docs let a percentage element have an `else` output for "whatever the other shares leave" (its
// descriptor's legacyRemainderOutput); the live API rejects it (7001). Decoding turns it into an explicit share
// for the remainder.
class LegacyElse
{
public:
    // Renames `element`'s `else` output (if it has one) to the share the other outputs leave, spelt so that
    // no other output has that name, and says so in `warnings` (at `elsePath`). Never removes or merges an
    // output: where no exact share exists (another share cannot be read, or they total more than 100%),
    // `else` stays as it is with a warning, for a person to fix; validation reports it as an error.
    static void translate(Element &element, std::string_view elsePath, std::vector<DecodeIssue> &warnings);

    // A name for a share of `millionths` (see Share) that no output of `element` has: Share::format's
    // spelling if free, else the same amount with more zeros ("20%" -> "20.0%" -> "20.00%" ...).
    static std::string freeShareKey(const Element &element, std::int64_t millionths);
};

} // namespace rd
