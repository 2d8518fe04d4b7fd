#include "model/ElementType.h"

#include "model/ElementTypes.h"

namespace rd {

std::string_view elementTypeName(ElementType type)
{
    return ElementTypes::of(type).name;
}

ElementType elementTypeFromName(std::string_view name)
{
    const ElementTypeDescriptor *descriptor = ElementTypes::fromName(name);
    return descriptor ? descriptor->type : ElementType::Unknown;
}

std::span<const std::string_view> requiredOutputs(ElementType type)
{
    const ElementTypeDescriptor &descriptor = ElementTypes::of(type);
    return descriptor.outputs == OutputKind::Fixed ? descriptor.portNames : std::span<const std::string_view>();
}

bool isFallbackOutput(ElementType type, std::string_view output)
{
    return ElementTypes::of(type).isFallback(output);
}

} // namespace rd
