#include "widgets/inspector/ConditionModel.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace rd {

namespace {

bool isScalar(const Json &value)
{
    return value.is_string() || value.is_number() || value.is_boolean() || value.is_null();
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

bool looksLikeJsonNumber(std::string_view text)
{
    static const std::regex number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
    return std::regex_match(text.begin(), text.end(), number);
}

Json scalarFromText(std::string_view raw)
{
    const std::string_view text = trim(raw);
    if (text.size() >= 2 && text.front() == '"') {
        Json parsed = Json::parse(text.begin(), text.end(), nullptr, false);
        if (parsed.is_string()) {
            return parsed;
        }
    }
    if (text == "true") {
        return true;
    }
    if (text == "false") {
        return false;
    }
    if (text == "null") {
        return nullptr;
    }
    if (looksLikeJsonNumber(text)) {
        Json parsed = Json::parse(text.begin(), text.end(), nullptr, false);
        if (parsed.is_number()) {
            return parsed;
        }
    }
    return std::string(text);
}

std::string scalarToText(const Json &value, bool inList)
{
    if (!value.is_string()) {
        return value.dump();
    }
    const auto &text = value.get_ref<const std::string &>();
    // Plain text reads best; quote only what would otherwise come back as something else.
    const bool ambiguous = scalarFromText(text) != value || (inList && (text.find(',') != std::string::npos));
    return ambiguous ? value.dump() : text;
}

// Splits a list on commas outside double quotes (a quoted item may contain commas and escaped quotes).
std::vector<std::string_view> splitList(std::string_view text)
{
    std::vector<std::string_view> items;
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted && c == '\\') {
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            items.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    items.push_back(text.substr(start));
    return items;
}

// One object of field -> operator object (or shorthand value) clauses; false when any part does not fit.
bool readClause(const Json &clause, std::vector<ConditionModel::Row> &rows)
{
    if (!clause.is_object() || clause.empty()) {
        return false;
    }
    for (const auto &[field, test] : clause.items()) {
        if (field.starts_with('$')) {
            return false;
        }
        if (isScalar(test)) {
            rows.push_back({field, "$eq", test});
            continue;
        }
        if (!test.is_object() || test.empty()) {
            return false;
        }
        for (const auto &[op, value] : test.items()) {
            if (!ConditionModel::isKnownOperator(op) || !ConditionModel::isValidValue(op, value)) {
                return false;
            }
            rows.push_back({field, op, value});
        }
    }
    return true;
}

Json rowToJson(const ConditionModel::Row &row)
{
    Json test = Json::object();
    test[row.op] = row.value;
    Json clause = Json::object();
    clause[row.field] = std::move(test);
    return clause;
}

} // namespace

const std::vector<std::string_view> &ConditionModel::operators()
{
    static const std::vector<std::string_view> ops{"$eq",  "$ne", "$gt",  "$gte",    "$lt",
                                                   "$lte", "$in", "$nin", "$exists", "$regex"};
    return ops;
}

bool ConditionModel::isKnownOperator(std::string_view op)
{
    const auto &ops = operators();
    return std::find(ops.begin(), ops.end(), op) != ops.end();
}

bool ConditionModel::isListOperator(std::string_view op)
{
    return op == "$in" || op == "$nin";
}

bool ConditionModel::isValidValue(std::string_view op, const Json &value)
{
    if (isListOperator(op)) {
        return value.is_array() && std::all_of(value.begin(), value.end(), isScalar);
    }
    if (op == "$exists") {
        return value.is_boolean();
    }
    if (op == "$regex") {
        return value.is_string();
    }
    return isScalar(value);
}

std::optional<ConditionModel> ConditionModel::fromJson(const Json &conditions)
{
    if (!conditions.is_object()) {
        return std::nullopt;
    }
    ConditionModel model;
    if (conditions.empty()) {
        return model;
    }
    if (conditions.size() == 1) {
        const auto first = conditions.begin();
        const std::string &key = first.key();
        const Json &value = first.value();
        if (key == "$and" || key == "$or") {
            model.join = key == "$and" ? Join::And : Join::Or;
            if (!value.is_array() || value.empty()) {
                return std::nullopt;
            }
            for (const Json &clause : value) {
                const std::size_t before = model.rows.size();
                if (!readClause(clause, model.rows)) {
                    return std::nullopt;
                }
                // An OR of multi-row clauses is an OR of ANDs: a nesting the flat list cannot show.
                if (model.join == Join::Or && model.rows.size() - before != 1) {
                    return std::nullopt;
                }
            }
            return model;
        }
    }
    if (!readClause(conditions, model.rows)) {
        return std::nullopt;
    }
    return model;
}

Json ConditionModel::toJson() const
{
    if (rows.empty()) {
        return Json::object();
    }
    if (rows.size() == 1) {
        return rowToJson(rows.front());
    }
    Json list = Json::array();
    for (const Row &row : rows) {
        list.push_back(rowToJson(row));
    }
    Json out = Json::object();
    out[join == Join::And ? "$and" : "$or"] = std::move(list);
    return out;
}

std::string ConditionModel::valueToText(std::string_view op, const Json &value)
{
    if (value.is_array()) {
        std::string text;
        for (const Json &item : value) {
            if (!text.empty()) {
                text += ", ";
            }
            text += scalarToText(item, true);
        }
        return text;
    }
    if (op == "$regex" && value.is_string()) {
        return value.get<std::string>();
    }
    return scalarToText(value, false);
}

Json ConditionModel::valueFromText(std::string_view op, std::string_view text)
{
    if (isListOperator(op)) {
        Json list = Json::array();
        if (trim(text).empty()) {
            return list;
        }
        for (std::string_view item : splitList(text)) {
            list.push_back(scalarFromText(item));
        }
        return list;
    }
    if (op == "$exists") {
        const std::string_view t = trim(text);
        return !(t == "false" || t == "no" || t == "0");
    }
    if (op == "$regex") {
        return std::string(text);
    }
    return scalarFromText(text);
}

} // namespace rd
