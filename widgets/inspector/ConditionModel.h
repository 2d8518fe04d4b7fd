#pragma once

#include "model/Json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

// The condition builder's view of a conditional's `conditions`: a flat list of `field operator value` rows
// joined by AND or OR. Only a subset of what Cloudflare accepts fits this shape; `fromJson` says nullopt for
// the rest, and the editor then leaves that JSON alone.
//
// Canonical form written by `toJson`: no rows -> `{}`; one row -> `{"field": {"$op": value}}`; several ->
// `{"$and": [row, ...]}` or `{"$or": [row, ...]}`. `fromJson` also reads the implicit-AND object
// (`{"a": {...}, "b": {...}}`), several operators on one field and the `{"field": value}` shorthand for $eq.
class ConditionModel
{
public:
    enum class Join { And, Or };

    struct Row
    {
        std::string field;
        std::string op = "$eq";
        Json value = "";

        bool operator==(const Row &) const = default;
    };

    Join join = Join::And;
    std::vector<Row> rows;

    bool operator==(const ConditionModel &) const = default;

    // The operators the builder offers, in menu order.
    static const std::vector<std::string_view> &operators();
    static bool isKnownOperator(std::string_view op);
    // $in and $nin take a list.
    static bool isListOperator(std::string_view op);
    // Whether `value` is something a row of operator `op` can show and write back unchanged.
    static bool isValidValue(std::string_view op, const Json &value);

    static std::optional<ConditionModel> fromJson(const Json &conditions);
    Json toJson() const;

    // What a person types for a value: `42` is a number, `true` a boolean, `"42"` (quoted) or plain words a
    // string; for $in/$nin a comma-separated list of those. valueFromText(valueToText(v)) == v for valid values.
    static std::string valueToText(std::string_view op, const Json &value);
    static Json valueFromText(std::string_view op, std::string_view text);
};

} // namespace rd
