#include "model/FindingText.h"

#include "model/ElementTypes.h"

#include <vector>

namespace rd {

namespace {

// "a, b and c": `last` goes before the final item.
std::string join(const std::vector<std::string> &items, std::string_view last)
{
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            s += i + 1 == items.size() ? last : ", ";
        }
        s += items[i];
    }
    return s;
}

} // namespace

std::string FindingText::inQuotes(std::string_view text, char quote)
{
    std::string s;
    s.reserve(text.size() + 2);
    s += quote;
    s += text;
    s += quote;
    return s;
}

std::string FindingText::capitalized(std::string_view text)
{
    std::string s(text);
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') {
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    }
    return s;
}

std::string FindingText::reference(const Element &element, std::size_t index)
{
    return element.id.empty() ? "#" + std::to_string(index + 1) + " (no id)" : inQuotes(element.id, '\'');
}

std::string FindingText::subject(const Element &element, std::size_t index, bool capital)
{
    const std::string label = ElementTypes::of(element.type).label();
    return (capital ? capitalized(label) : label) + ' ' + reference(element, index);
}

std::string FindingText::listOutputs(std::span<const std::string_view> names)
{
    std::vector<std::string> quoted;
    for (std::string_view name : names) {
        quoted.push_back(inQuotes(name));
    }
    return join(quoted, " and ");
}

std::string FindingText::knownTypes()
{
    std::vector<std::string> names;
    for (ElementType type : kKnownElementTypes) {
        names.emplace_back(ElementTypes::of(type).name);
    }
    return join(names, " or ");
}

std::string FindingText::listChoices(std::span<const PropertyChoice> choices)
{
    std::vector<std::string> described;
    for (const PropertyChoice &choice : choices) {
        described.push_back(inQuotes(choice.value) + " (" + std::string(choice.meaning) + ")");
    }
    return join(described, " or ");
}

std::string FindingText::withArticle(std::string_view jsonType)
{
    if (jsonType == "null") {
        return "null";
    }
    const bool vowel = !jsonType.empty() && std::string_view("aeiou").find(jsonType[0]) != std::string_view::npos;
    return (vowel ? "an " : "a ") + std::string(jsonType);
}

std::string_view FindingText::connectHint(ElementType type, std::string_view output)
{
    const ElementTypeDescriptor &descriptor = ElementTypes::of(type);
    const OutputPort *port = descriptor.port(output);
    return port ? port->connectHint : descriptor.outputHint;
}

} // namespace rd
