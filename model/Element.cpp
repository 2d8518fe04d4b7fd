#include "model/Element.h"

#include "model/ElementTypes.h"

#include <algorithm>

namespace rd {

Element Element::make(ElementType type, std::string id)
{
    Element e;
    e.id = std::move(id);
    e.type = type;
    const ElementTypeDescriptor &descriptor = ElementTypes::of(type);
    e.hasProperties = !descriptor.properties.empty();
    for (const PropertyDescriptor &property : descriptor.properties) {
        property.initialise(e);
    }
    return e;
}

std::string_view Element::typeName() const
{
    return type == ElementType::Unknown ? std::string_view(unknownTypeName) : elementTypeName(type);
}

const Output *Element::output(std::string_view name) const
{
    auto it = std::find_if(outputs.begin(), outputs.end(), [&](const Output &o) { return o.name == name; });
    return it == outputs.end() ? nullptr : &*it;
}

Output *Element::output(std::string_view name)
{
    return const_cast<Output *>(std::as_const(*this).output(name));
}

void Element::setOutput(std::string_view name, std::string target)
{
    if (Output *o = output(name)) {
        o->target = std::move(target);
        return;
    }
    outputs.push_back(Output{std::string(name), std::move(target), Json()});
}

bool Element::removeOutput(std::string_view name)
{
    auto it = std::find_if(outputs.begin(), outputs.end(), [&](const Output &o) { return o.name == name; });
    if (it == outputs.end()) {
        return false;
    }
    outputs.erase(it);
    return true;
}

std::string Element::summary() const
{
    return ElementTypes::of(type).summary(*this);
}

} // namespace rd
