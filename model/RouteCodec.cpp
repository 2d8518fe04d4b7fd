#include "model/RouteCodec.h"

#include "model/ElementTypes.h"
#include "model/JsonField.h"
#include "model/LegacyElse.h"
#include "model/LegacySpelling.h"

#include <algorithm>
#include <cstdint>

namespace rd {

namespace {

// Reads the type's properties (in the order ElementTypes lists them, so the first wrong type is the one
// reported), translates older spellings, and keeps everything else in extraProperties.
std::optional<DecodeIssue> decodeProperties(const Json &props, std::string_view path, Element &e,
                                            std::vector<DecodeIssue> &warnings)
{
    if (!props.is_object()) {
        return JsonField::wrongType(std::string(path), "an object", props);
    }
    e.hasProperties = true;
    const ElementTypeDescriptor &descriptor = ElementTypes::of(e.type);
    for (const PropertyDescriptor &property : descriptor.properties) {
        if (auto it = props.find(property.name); it != props.end() && !property.assign(e, *it)) {
            return JsonField::wrongType(JsonField::child(path, property.name), property.expected(), *it);
        }
    }

    for (const auto &[key, value] : props.items()) {
        if (descriptor.property(key)) {
            continue;
        }
        auto legacy = LegacySpelling::property(e, key, value, path, warnings);
        if (legacy.error) {
            return std::move(legacy.error);
        }
        if (!legacy.legacy) {
            e.extraProperties[key] = value;
        }
    }
    return std::nullopt;
}

void writeOutputs(const Element &e, Json &out)
{
    Json outputs = Json::object();
    auto writeOne = [&](const Output &o) {
        Json value = Json::object();
        value["elementId"] = o.target;
        for (const auto &[k, v] : o.extra.items()) {
            value[k] = v;
        }
        outputs[o.name] = std::move(value);
    };
    // Fixed ports in their canonical order first, then anything else as it came.
    const auto required = requiredOutputs(e.type);
    for (std::string_view name : required) {
        if (const Output *o = e.output(name)) {
            writeOne(*o);
        }
    }
    for (const Output &o : e.outputs) {
        if (std::find(required.begin(), required.end(), o.name) == required.end()) {
            writeOne(o);
        }
    }
    out["outputs"] = std::move(outputs);
}

void putString(Json &out, const char *key, const std::optional<std::string> &value)
{
    if (value) {
        out[key] = *value;
    }
}

std::optional<DecodeIssue> readMetadata(const Json &json, std::string_view path, RouteMetadata &m)
{
    std::optional<DecodeIssue> issue;
    if ((issue = JsonField::readString(json, "id", path, m.id)) ||
        (issue = JsonField::readString(json, "name", path, m.name)) ||
        (issue = JsonField::readString(json, "account_tag", path, m.accountTag)) ||
        (issue = JsonField::readString(json, "gateway_id", path, m.gatewayId)) ||
        (issue = JsonField::readString(json, "created_at", path, m.createdAt)) ||
        (issue = JsonField::readString(json, "modified_at", path, m.modifiedAt))) {
        return issue;
    }
    for (const char *key : {"deployment", "version"}) {
        if (auto it = json.find(key); it != json.end()) {
            if (!it->is_object() && !it->is_null()) {
                return JsonField::wrongType(JsonField::child(path, key), "an object", *it);
            }
            (std::string_view(key) == "deployment" ? m.deployment : m.version) = *it;
        }
    }
    static constexpr std::string_view kKnown[] = {
        "id", "name", "account_tag", "gateway_id", "created_at", "modified_at", "deployment", "version", "elements"};
    for (const auto &[key, value] : json.items()) {
        if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
            m.extra[key] = value;
        }
    }
    return std::nullopt;
}

} // namespace

Decoded<Element> RouteCodec::decodeElement(const Json &json, std::string_view path)
{
    using Result = Decoded<Element>;
    if (!json.is_object()) {
        return Result::failure(JsonField::wrongType(std::string(path), "an element object", json));
    }
    std::vector<DecodeIssue> warnings;
    Element e;

    auto id = json.find("id");
    if (id == json.end()) {
        return Result::failure({std::string(path), "the element has no `id`"});
    }
    if (!id->is_string()) {
        return Result::failure(JsonField::wrongType(JsonField::child(path, "id"), "a string", *id));
    }
    e.id = id->get<std::string>();

    auto type = json.find("type");
    if (type == json.end()) {
        return Result::failure({std::string(path), "element '" + e.id + "' has no `type`"});
    }
    if (!type->is_string()) {
        return Result::failure(JsonField::wrongType(JsonField::child(path, "type"), "a string", *type));
    }
    const auto typeName = type->get<std::string>();
    e.type = elementTypeFromName(typeName);
    if (e.type == ElementType::Unknown) {
        if (auto legacy = LegacySpelling::type(typeName, e, JsonField::child(path, "type"), warnings)) {
            e.type = *legacy;
        } else {
            e.unknownTypeName = typeName;
        }
    }

    if (auto props = json.find("properties"); props != json.end()) {
        if (auto issue = decodeProperties(*props, JsonField::child(path, "properties"), e, warnings)) {
            return Result::failure(std::move(*issue), std::move(warnings));
        }
    }

    auto outputs = json.find("outputs");
    if (outputs == json.end()) {
        warnings.push_back({std::string(path), "element '" + e.id + "' has no `outputs`; it is written as {}"});
    } else if (!outputs->is_object()) {
        return Result::failure(JsonField::wrongType(JsonField::child(path, "outputs"), "an object", *outputs),
                               std::move(warnings));
    } else {
        e.outputs.reserve(outputs->size());
        const std::string outputsPath = JsonField::child(path, "outputs");
        for (const auto &[name, value] : outputs->items()) {
            if (!value.is_object()) {
                return Result::failure(JsonField::wrongType(JsonField::child(outputsPath, name),
                                                            "an object like {\"elementId\": \"…\"}", value),
                                       std::move(warnings));
            }
            Output o;
            o.name = name;
            for (const auto &[k, v] : value.items()) {
                if (k == "elementId") {
                    if (!v.is_string()) {
                        return Result::failure(
                            JsonField::wrongType(JsonField::child(JsonField::child(outputsPath, name), k), "a string",
                                                 v),
                            std::move(warnings));
                    }
                    o.target = v.get<std::string>();
                } else {
                    o.extra[k] = v;
                }
            }
            e.outputs.push_back(std::move(o));
        }
    }
    // Fixed ports in the order encodeElement writes them (others after, as they came), so that an element
    // read from a file equals the one read back from what `format` wrote.
    const auto required = requiredOutputs(e.type);
    const auto rank = [&](const Output &o) {
        return std::find(required.begin(), required.end(), o.name) - required.begin();
    };
    const auto byRank = [&](const Output &a, const Output &b) {
        return rank(a) < rank(b);
    };
    if (!std::is_sorted(e.outputs.begin(), e.outputs.end(), byRank)) { // most files are: no sort, no allocation
        std::stable_sort(e.outputs.begin(), e.outputs.end(), byRank);
    }
    if (const std::string_view remainder = ElementTypes::of(e.type).legacyRemainderOutput; !remainder.empty()) {
        LegacyElse::translate(e, JsonField::child(JsonField::child(path, "outputs"), remainder), warnings);
    }

    for (const auto &[key, value] : json.items()) {
        if (key != "id" && key != "type" && key != "properties" && key != "outputs") {
            e.extra[key] = value;
        }
    }
    return Result::success(std::move(e), std::move(warnings));
}

Decoded<std::vector<Element>> RouteCodec::decodeElements(const Json &json, std::string_view path)
{
    using Result = Decoded<std::vector<Element>>;
    if (!json.is_array()) {
        return Result::failure(JsonField::wrongType(std::string(path), "an array of elements", json));
    }
    std::vector<Element> elements;
    elements.reserve(json.size());
    std::vector<DecodeIssue> warnings;
    for (std::size_t i = 0; i < json.size(); ++i) {
        auto decoded = decodeElement(json[i], JsonField::item(path, i));
        warnings.insert(warnings.end(), std::make_move_iterator(decoded.warnings.begin()),
                        std::make_move_iterator(decoded.warnings.end()));
        if (!decoded) {
            return Result::failure(std::move(*decoded.error), std::move(warnings));
        }
        elements.push_back(std::move(*decoded.value));
    }
    return Result::success(std::move(elements), std::move(warnings));
}

Decoded<Route> RouteCodec::decodeRoute(const Json &json, std::string_view path)
{
    using Result = Decoded<Route>;
    if (!json.is_object()) {
        return Result::failure(JsonField::wrongType(std::string(path), "a route object", json));
    }
    RouteMetadata metadata;
    if (auto issue = readMetadata(json, path, metadata)) {
        return Result::failure(std::move(*issue));
    }
    auto elementsIt = json.find("elements");
    if (elementsIt == json.end()) {
        return Result::failure({std::string(path), "the route has no `elements` array"});
    }
    auto elements = decodeElements(*elementsIt, JsonField::child(path, "elements"));
    if (!elements) {
        return Result::failure(std::move(*elements.error), std::move(elements.warnings));
    }
    return Result::success(Route(std::move(*elements.value), std::move(metadata)), std::move(elements.warnings));
}

Json RouteCodec::encodeElement(const Element &e)
{
    Json out = Json::object();
    out["id"] = e.id;
    out["type"] = std::string(e.typeName());

    Json props = Json::object();
    for (const PropertyDescriptor &property : ElementTypes::of(e.type).properties) {
        if (property.isSet(e)) {
            props[property.name] = property.toJson(e);
        }
    }
    for (const auto &[k, v] : e.extraProperties.items()) {
        props[k] = v;
    }
    if (e.hasProperties || !props.empty()) {
        out["properties"] = std::move(props);
    }
    writeOutputs(e, out);
    for (const auto &[k, v] : e.extra.items()) {
        out[k] = v;
    }
    return out;
}

Json RouteCodec::encodeElements(const std::vector<Element> &elements)
{
    Json out = Json::array();
    out.get_ref<Json::array_t &>().reserve(elements.size());
    for (const Element &e : elements) {
        out.push_back(encodeElement(e));
    }
    return out;
}

Json RouteCodec::encodeRoute(const Route &route)
{
    const RouteMetadata &m = route.metadata();
    Json out = Json::object();
    putString(out, "id", m.id);
    putString(out, "name", m.name);
    putString(out, "account_tag", m.accountTag);
    putString(out, "gateway_id", m.gatewayId);
    putString(out, "created_at", m.createdAt);
    putString(out, "modified_at", m.modifiedAt);
    if (m.deployment) {
        out["deployment"] = *m.deployment;
    }
    if (m.version) {
        out["version"] = *m.version;
    }
    out["elements"] = encodeElements(route.elements());
    for (const auto &[k, v] : m.extra.items()) {
        out[k] = v;
    }
    return out;
}

Json RouteCodec::encodeCreateBody(const Route &route)
{
    Json out = Json::object();
    out["name"] = route.name();
    out["elements"] = encodeElements(route.elements());
    return out;
}

Json RouteCodec::encodeVersionBody(const Route &route)
{
    Json out = Json::object();
    out["elements"] = encodeElements(route.elements());
    return out;
}

} // namespace rd
