#pragma once

#include "model/Decoded.h"
#include "model/Element.h"
#include "model/Json.h"

#include <optional>
#include <string_view>
#include <vector>

namespace rd {

// Cloudflare's older docs spelled some types and properties differently (type `rate_limit`, `condition`,
// `interval`, `technique`); the live API drops or rejects them. Decoding translates them to the live spelling,
// as ElementTypes lists them, and says so in a warning. (A percentage's `else` output is LegacyElse's.)
class LegacySpelling
{
public:
    // The known type older docs spelled `name`, with a warning (at `path`); nullopt when `name` is no older
    // spelling.
    static std::optional<ElementType> type(std::string_view name, const Element &element, std::string_view path,
                                           std::vector<DecodeIssue> &warnings);

    struct PropertyResult
    {
        bool legacy = false;              // `key` was an older spelling, and has been dealt with
        std::optional<DecodeIssue> error; // its value has the wrong type for the live property
    };
    // Deals with property `key` of `element` (at `path`) if it is an older spelling: translated into the live
    // property unless that is set too (then the live one takes precedence and this is dropped), or dropped when
    // the live API has no such property. Each says so in `warnings`.
    static PropertyResult property(Element &element, std::string_view key, const Json &value, std::string_view path,
                                   std::vector<DecodeIssue> &warnings);
};

} // namespace rd
