#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace rd {

enum class ElementType { Start, Conditional, Percentage, Rate, Model, End, Unknown };

inline constexpr std::array<ElementType, 6> kKnownElementTypes{ElementType::Start,      ElementType::Conditional,
                                                                ElementType::Percentage, ElementType::Rate,
                                                                ElementType::Model,      ElementType::End};

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
