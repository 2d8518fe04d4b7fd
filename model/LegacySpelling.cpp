#include "model/LegacySpelling.h"

#include "model/ElementTypes.h"
#include "model/JsonField.h"

#include <algorithm>
#include <string>

namespace rd {

std::optional<ElementType> LegacySpelling::type(std::string_view name, const Element &element, std::string_view path,
                                                std::vector<DecodeIssue> &warnings)
{
    const ElementTypeDescriptor *descriptor = ElementTypes::fromLegacyName(name);
    if (!descriptor) {
        return std::nullopt;
    }
    warnings.push_back({std::string(path), "legacy type `" + std::string(name) + "` of '" + element.id +
                                               "' translated to `" + std::string(descriptor->name) + "`"});
    return descriptor->type;
}

LegacySpelling::PropertyResult LegacySpelling::property(Element &element, std::string_view key, const Json &value,
                                                        std::string_view path, std::vector<DecodeIssue> &warnings)
{
    const ElementTypeDescriptor &descriptor = ElementTypes::of(element.type);
    const std::string at = JsonField::child(path, key);
    const std::string legacy = "legacy `" + std::string(key) + "` of '" + element.id + "'";
    for (const PropertyDescriptor &live : descriptor.properties) {
        if (std::find(live.legacyNames.begin(), live.legacyNames.end(), key) == live.legacyNames.end()) {
            continue;
        }
        const std::string name(live.name);
        if (live.isSet(element)) {
            warnings.push_back({at, legacy + " dropped: `" + name + "` is also set and takes precedence"});
        } else if (!live.assign(element, value)) {
            return {true, JsonField::wrongType(at, live.expected(), value)};
        } else {
            warnings.push_back({at, legacy + " translated to `" + name + "`"});
        }
        return {true, std::nullopt};
    }
    const auto &dropped = descriptor.droppedLegacyProperties;
    if (std::find(dropped.begin(), dropped.end(), key) != dropped.end()) {
        warnings.push_back({at, legacy + " dropped: the live API has no such property"});
        return {true, std::nullopt};
    }
    return {};
}

} // namespace rd
