#include "model/ElementTypeDescriptor.h"

#include "model/Element.h"

#include <cmath>

namespace rd {

bool NumberRange::meetsMinimum(const Number &n) const
{
    // Integers compare exactly; reals are written as comparisons that NaN fails.
    if (n.isInteger()) {
        return minimumAllowed ? n.toInteger() >= minimum : n.toInteger() > minimum;
    }
    const double d = n.toDouble();
    const auto bound = static_cast<double>(minimum);
    return minimumAllowed ? d >= bound : d > bound;
}

bool NumberRange::isWhole(const Number &n)
{
    if (n.isInteger()) {
        return true;
    }
    const double d = n.toDouble();
    return std::isfinite(d) && std::trunc(d) == d;
}

// The slots take a mutable Element; reading through them never writes, so the const overloads may cast.
std::optional<std::string> *PropertyDescriptor::text(Element &element) const
{
    const auto *get = std::get_if<TextSlot>(&slot);
    return get ? &(*get)(element) : nullptr;
}

const std::optional<std::string> *PropertyDescriptor::text(const Element &element) const
{
    return text(const_cast<Element &>(element));
}

std::optional<Number> *PropertyDescriptor::number(Element &element) const
{
    const auto *get = std::get_if<NumberSlot>(&slot);
    return get ? &(*get)(element) : nullptr;
}

const std::optional<Number> *PropertyDescriptor::number(const Element &element) const
{
    return number(const_cast<Element &>(element));
}

std::optional<Json> *PropertyDescriptor::json(Element &element) const
{
    const auto *get = std::get_if<JsonSlot>(&slot);
    return get ? &(*get)(element) : nullptr;
}

const std::optional<Json> *PropertyDescriptor::json(const Element &element) const
{
    return json(const_cast<Element &>(element));
}

bool PropertyDescriptor::isSet(const Element &element) const
{
    switch (kind()) {
    case PropertyKind::Text:
        return text(element)->has_value();
    case PropertyKind::Number:
        return number(element)->has_value();
    case PropertyKind::Json:
        return json(element)->has_value();
    }
    return false;
}

Json PropertyDescriptor::toJson(const Element &element) const
{
    switch (kind()) {
    case PropertyKind::Text:
        if (const auto &value = *text(element)) {
            return *value;
        }
        break;
    case PropertyKind::Number:
        if (const auto &value = *number(element)) {
            return value->toJson();
        }
        break;
    case PropertyKind::Json:
        if (const auto &value = *json(element)) {
            return *value;
        }
        break;
    }
    return Json();
}

bool PropertyDescriptor::assign(Element &element, const Json &value) const
{
    switch (kind()) {
    case PropertyKind::Text:
        if (!value.is_string()) {
            return false;
        }
        *text(element) = value.get<std::string>();
        return true;
    case PropertyKind::Number:
        *number(element) = Number::fromJson(value);
        return number(element)->has_value();
    case PropertyKind::Json:
        *json(element) = value;
        return true;
    }
    return false;
}

void PropertyDescriptor::initialise(Element &element) const
{
    if (!initial.present) {
        return;
    }
    switch (kind()) {
    case PropertyKind::Text:
        *text(element) = std::string(initial.text);
        break;
    case PropertyKind::Number:
        *number(element) = Number::fromInteger(initial.number);
        break;
    case PropertyKind::Json:
        *json(element) = Json::object();
        break;
    }
}

std::string_view PropertyDescriptor::expected() const
{
    switch (kind()) {
    case PropertyKind::Text:
        return "a string";
    case PropertyKind::Number:
        return "a number";
    case PropertyKind::Json:
        break;
    }
    return "a JSON value";
}

const PropertyChoice *PropertyDescriptor::choice(std::string_view value) const
{
    for (const PropertyChoice &c : choices) {
        if (c.value == value) {
            return &c;
        }
    }
    return nullptr;
}

const PropertyDescriptor *ElementTypeDescriptor::property(std::string_view key) const
{
    for (const PropertyDescriptor &p : properties) {
        if (p.name == key) {
            return &p;
        }
    }
    return nullptr;
}

const OutputPort *ElementTypeDescriptor::port(std::string_view output) const
{
    for (const OutputPort &p : ports) {
        if (p.name == output) {
            return &p;
        }
    }
    return nullptr;
}

bool ElementTypeDescriptor::isFallback(std::string_view output) const
{
    const OutputPort *p = port(output);
    return p != nullptr && p->fallback;
}

bool ElementTypeDescriptor::leadsOn(std::string_view output) const
{
    switch (outputs) {
    case OutputKind::Fixed:
        return port(output) != nullptr;
    case OutputKind::Shares:
    case OutputKind::Unchecked:
        // Unknown: we cannot tell, and guessing "no" would flood the route with unreachable warnings.
        return true;
    case OutputKind::Ignored:
        break;
    }
    return false;
}

std::string ElementTypeDescriptor::label() const
{
    return name.empty() ? std::string("element") : std::string(name) + " element";
}

} // namespace rd
