#include "model/ElementType.h"

namespace rd {

namespace {
constexpr std::string_view kStartOutputs[] = {"next"};
constexpr std::string_view kConditionalOutputs[] = {"true", "false"};
constexpr std::string_view kBranchOutputs[] = {"success", "fallback"};
} // namespace

std::string_view elementTypeName(ElementType type)
{
    switch (type) {
    case ElementType::Start:
        return "start";
    case ElementType::Conditional:
        return "conditional";
    case ElementType::Percentage:
        return "percentage";
    case ElementType::Rate:
        return "rate";
    case ElementType::Model:
        return "model";
    case ElementType::End:
        return "end";
    case ElementType::Unknown:
        break;
    }
    return {};
}

ElementType elementTypeFromName(std::string_view name)
{
    for (ElementType type : kKnownElementTypes) {
        if (elementTypeName(type) == name) {
            return type;
        }
    }
    return ElementType::Unknown;
}

std::span<const std::string_view> requiredOutputs(ElementType type)
{
    switch (type) {
    case ElementType::Start:
        return kStartOutputs;
    case ElementType::Conditional:
        return kConditionalOutputs;
    case ElementType::Rate:
    case ElementType::Model:
        return kBranchOutputs;
    case ElementType::Percentage:
    case ElementType::End:
    case ElementType::Unknown:
        break;
    }
    return {};
}

bool isFallbackOutput(ElementType type, std::string_view output)
{
    return (type == ElementType::Rate || type == ElementType::Model) && output == "fallback";
}

} // namespace rd
