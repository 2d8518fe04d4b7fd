#include "model/JsonRecord.h"

namespace rd {

namespace {

bool matches(const Json &value, FieldKind kind)
{
    switch (kind) {
    case FieldKind::String:
        return value.is_string();
    case FieldKind::Number:
        return value.is_number();
    case FieldKind::Boolean:
        return value.is_boolean();
    case FieldKind::Object:
        return value.is_object();
    case FieldKind::Array:
        return value.is_array();
    case FieldKind::BoolOrString:
        return value.is_boolean() || value.is_string();
    case FieldKind::Any:
        return true;
    }
    return false;
}

std::string_view describe(FieldKind kind)
{
    switch (kind) {
    case FieldKind::String:
        return "a string";
    case FieldKind::Number:
        return "a number";
    case FieldKind::Boolean:
        return "true/false";
    case FieldKind::Object:
        return "an object";
    case FieldKind::Array:
        return "an array";
    case FieldKind::BoolOrString:
        return "true/false or a string";
    case FieldKind::Any:
        break;
    }
    return "a value";
}

} // namespace

std::optional<DecodeIssue> JsonRecord::checkFields(const Json &json, std::span<const FieldRule> rules,
                                                   std::string_view path)
{
    if (!json.is_object()) {
        return DecodeIssue{std::string(path), "expected an object, got " + std::string(json.type_name())};
    }
    for (const FieldRule &rule : rules) {
        auto it = json.find(rule.key);
        const bool absent = it == json.end() || it->is_null();
        const std::string where = std::string(path) + "." + std::string(rule.key);
        if (absent) {
            if (rule.required) {
                return DecodeIssue{where, "required field is missing"};
            }
            continue;
        }
        if (!matches(*it, rule.kind)) {
            return DecodeIssue{where, "expected " + std::string(describe(rule.kind)) + ", got " +
                                          std::string(it->type_name())};
        }
    }
    return std::nullopt;
}

std::string JsonRecord::stringField(std::string_view key) const
{
    return optionalString(key).value_or(std::string());
}

std::optional<std::string> JsonRecord::optionalString(std::string_view key) const
{
    auto it = m_json.find(key);
    if (it == m_json.end() || !it->is_string()) {
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<Number> JsonRecord::numberField(std::string_view key) const
{
    auto it = m_json.find(key);
    return it == m_json.end() ? std::nullopt : Number::fromJson(*it);
}

bool JsonRecord::boolField(std::string_view key, bool fallback) const
{
    auto it = m_json.find(key);
    if (it == m_json.end()) {
        return fallback;
    }
    if (it->is_boolean()) {
        return it->get<bool>();
    }
    if (it->is_string()) {
        const auto &s = it->get_ref<const std::string &>();
        return s == "true" ? true : (s == "false" ? false : fallback);
    }
    return fallback;
}

} // namespace rd
