#pragma once

#include "model/Element.h"
#include "model/ElementTypeDescriptor.h"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace rd {

// The words validation findings are made of, so that every message names elements, outputs and choices the
// same way. Type names, port names and hints come from ElementTypes.
class FindingText
{
public:
    static std::string inQuotes(std::string_view text, char quote = '"');
    static std::string capitalized(std::string_view text);
    // "'m1'", or "#4 (no id)" for the element at `index` when it has no id.
    static std::string reference(const Element &element, std::size_t index);
    // "model element 'm1'", or "model element #4 (no id)"; "Model element ..." with `capital`.
    static std::string subject(const Element &element, std::size_t index, bool capital);
    // "\"success\" and \"fallback\"".
    static std::string listOutputs(std::span<const std::string_view> names);
    // "start, conditional, percentage, rate, model or end": every known type.
    static std::string knownTypes();
    // "\"count\" (a rate limit) or \"cost\" (a budget)".
    static std::string listChoices(std::span<const PropertyChoice> choices);
    // "an object", "a string", "null": a JSON type name with its article.
    static std::string withArticle(std::string_view jsonType);
    // What an unwired output is for, so the fix names the right destination: "connect it to ...".
    static std::string_view connectHint(ElementType type, std::string_view output);
};

} // namespace rd
