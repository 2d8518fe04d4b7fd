#pragma once

#include "model/Decoded.h"
#include "model/Json.h"
#include "model/Number.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rd {

enum class FieldKind { String, Number, Boolean, Object, Array, BoolOrString, Any };

struct FieldRule
{
    std::string_view key;
    FieldKind kind;
    bool required = false;
};

// An API resource kept as the JSON the server sent, with typed accessors for the fields we use. Keeping the
// object whole is what lets fields we do not know yet pass through unchanged when we send it back.
class JsonRecord
{
public:
    const Json &json() const { return m_json; }
    bool operator==(const JsonRecord &) const = default;

    // Checks that the fields present have the expected kind (null counts as absent: the API sends null for
    // "none") and that required ones are there. The first problem is returned.
    static std::optional<DecodeIssue> checkFields(const Json &json, std::span<const FieldRule> rules,
                                                  std::string_view path);

protected:
    JsonRecord() : m_json(Json::object()) {}
    explicit JsonRecord(Json json) : m_json(std::move(json)) {}

    // Lenient readers: a missing or null field gives the empty value.
    std::string stringField(std::string_view key) const;
    std::optional<std::string> optionalString(std::string_view key) const;
    std::optional<Number> numberField(std::string_view key) const;
    // Accepts true/false and the strings "true"/"false" (`version.active` is a string in the API).
    bool boolField(std::string_view key, bool fallback = false) const;
    void setField(std::string_view key, Json value) { m_json[std::string(key)] = std::move(value); }

    template <class T>
    static Decoded<T> decodeAs(const Json &json, std::span<const FieldRule> rules, std::string_view path)
    {
        if (auto issue = checkFields(json, rules, path)) {
            return Decoded<T>::failure(std::move(*issue));
        }
        T record;
        record.m_json = json;
        return Decoded<T>::success(std::move(record));
    }

    Json m_json;
};

} // namespace rd
