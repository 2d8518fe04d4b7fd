#include "model/LogQuery.h"

namespace rd {

namespace {

std::string encodeValue(const Json &value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.dump();
}

} // namespace

Json LogFilter::toJson() const
{
    return Json{{"key", key}, {"operator", op}, {"value", Json(values)}};
}

std::optional<LogFilter> LogFilter::fromJson(const Json &json, std::string &error)
{
    if (!json.is_object()) {
        error = "expected a filter object {key, operator, value}";
        return std::nullopt;
    }
    auto key = json.find("key");
    auto op = json.find("operator");
    auto value = json.find("value");
    if (key == json.end() || !key->is_string()) {
        error = "`key` must be a string";
        return std::nullopt;
    }
    if (op == json.end() || !op->is_string()) {
        error = "`operator` must be a string";
        return std::nullopt;
    }
    if (value == json.end() || !value->is_array()) {
        error = "`value` must be an array";
        return std::nullopt;
    }
    return LogFilter{key->get<std::string>(), op->get<std::string>(), value->get<std::vector<Json>>()};
}

std::vector<std::pair<std::string, std::string>> LogQuery::encodeFilters(const std::vector<LogFilter> &filters)
{
    std::vector<std::pair<std::string, std::string>> items;
    for (const LogFilter &f : filters) {
        items.emplace_back("filters.key", f.key);
        items.emplace_back("filters.operator", f.op);
        for (const Json &v : f.values) {
            items.emplace_back("filters.value", encodeValue(v));
        }
    }
    return items;
}

std::vector<std::pair<std::string, std::string>> LogQuery::toQueryItems() const
{
    std::vector<std::pair<std::string, std::string>> items;
    items.emplace_back("page", std::to_string(page));
    items.emplace_back("per_page", std::to_string(perPage));
    if (!search.empty()) {
        items.emplace_back("search", search);
    }
    if (!orderBy.empty()) {
        items.emplace_back("order_by", orderBy);
    }
    if (!orderByDirection.empty()) {
        items.emplace_back("order_by_direction", orderByDirection);
    }
    auto encoded = encodeFilters(filters);
    items.insert(items.end(), encoded.begin(), encoded.end());
    return items;
}

bool LogQuery::decodeFilters(const std::vector<std::pair<std::string, std::string>> &items,
                             std::vector<LogFilter> &filters, std::string &error)
{
    filters.clear();
    for (const auto &[key, value] : items) {
        if (key == "filters.key") {
            filters.push_back(LogFilter{value, std::string(), {}});
        } else if (key == "filters.operator" || key == "filters.value") {
            if (filters.empty()) {
                error = "`" + key + "` comes before any `filters.key`";
                return false;
            }
            if (key == "filters.operator") {
                filters.back().op = value;
            } else {
                filters.back().values.emplace_back(value);
            }
        }
    }
    for (LogFilter &f : filters) {
        if (f.op.empty()) {
            f.op = "eq";
        }
    }
    return true;
}

} // namespace rd
