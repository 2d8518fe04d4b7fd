#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace rd {

enum class ElementType { Start, Conditional, Percentage, Rate, Model, End, Unknown };

inline constexpr std::array<ElementType, 6> kKnownElementTypes{ElementType::Start,      ElementType::Conditional,
                                                               ElementType::Percentage, ElementType::Rate,
                                                               ElementType::Model,      ElementType::End};
// Every type but Unknown, in the enum's order, and Unknown last: a new type goes before Unknown and into this
// list, or this does not compile.
static_assert([] {
    for (std::size_t i = 0; i < kKnownElementTypes.size(); ++i) {
        if (static_cast<std::size_t>(kKnownElementTypes[i]) != i) {
            return false;
        }
    }
    return kKnownElementTypes.size() == static_cast<std::size_t>(ElementType::Unknown);
}());

// What each type is (names, outputs, properties, older spellings) is in ElementTypes; these are shorthands.

// The API's spelling: "start", "conditional", ... ; "" for Unknown.
std::string_view elementTypeName(ElementType type);
// Unknown for anything the live API does not define (legacy spellings are the codec's business).
ElementType elementTypeFromName(std::string_view name);
// The outputs an element of this type must have wired; empty for percentage (shares) and end.
std::span<const std::string_view> requiredOutputs(ElementType type);
// True for outputs drawn and treated as the "something went wrong" branch.
bool isFallbackOutput(ElementType type, std::string_view output);

} // namespace rd
