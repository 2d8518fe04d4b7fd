#include "model/JsonField.h"

namespace rd {

std::string JsonField::kindOf(const Json &json)
{
    switch (json.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "true/false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return "a number";
    case Json::value_t::binary:
    case Json::value_t::discarded:
        break;
    }
    return "an unsupported value";
}

std::string JsonField::child(std::string_view path, std::string_view key)
{
    return std::string(path) + "." + std::string(key);
}

std::string JsonField::item(std::string_view path, std::size_t index)
{
    return std::string(path) + "[" + std::to_string(index) + "]";
}

DecodeIssue JsonField::wrongType(std::string path, std::string_view expected, const Json &got)
{
    return DecodeIssue{std::move(path), "expected " + std::string(expected) + ", got " + kindOf(got)};
}

std::optional<DecodeIssue> JsonField::readString(const Json &object, std::string_view key, std::string_view path,
                                                 std::optional<std::string> &out)
{
    auto it = object.find(key);
    if (it == object.end()) {
        return std::nullopt;
    }
    if (!it->is_string()) {
        return wrongType(child(path, key), "a string", *it);
    }
    out = it->get<std::string>();
    return std::nullopt;
}

} // namespace rd
