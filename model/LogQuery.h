#pragma once

#include "model/Json.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rd {

// One log filter: `{key, operator, value: [..]}`, e.g. model eq ["gpt-4o", "gpt-4o-mini"]. Keys pass through as
// given: the official SDK's list is id, created_at, request_content_type, response_content_type, request_type,
// success, cached, provider, model, model_type, cost, tokens, tokens_in, tokens_out, duration, feedback, event_id,
// metadata.key, metadata.value, authentication, wholesale, compatibilityMode, dlp_action, user_agent. A dataset's
// filters have the same shape (fewer keys and operators).
struct LogFilter
{
    std::string key;
    std::string op = "eq"; // eq | neq | contains | lt | gt
    std::vector<Json> values;

    // `{key, operator, value}`, as a dataset's body and answers carry a filter.
    Json toJson() const;
    // The inverse: nullopt with `error` when `json` is not an object with a string key and operator and an
    // array of values.
    static std::optional<LogFilter> fromJson(const Json &json, std::string &error);

    bool operator==(const LogFilter &) const = default;
};

// The query of the list-logs endpoint, encoded as the official SDKs encode it.
struct LogQuery
{
    int page = 1;
    int perPage = 20;
    std::string search;
    std::string orderBy;          // created_at | provider | model | model_type | success | cached
    std::string orderByDirection; // asc | desc
    std::vector<LogFilter> filters;

    // Query items in order. Filters become repeated `filters.key`, `filters.operator`, `filters.value` keys:
    // a `filters.key` starts a filter and the operator and values after it belong to it.
    std::vector<std::pair<std::string, std::string>> toQueryItems() const;
    // Just the filters, for delete-by-filter.
    static std::vector<std::pair<std::string, std::string>> encodeFilters(const std::vector<LogFilter> &filters);
    // The inverse, for a server reading such a query. Fails on an operator or value before any key.
    static bool decodeFilters(const std::vector<std::pair<std::string, std::string>> &items,
                              std::vector<LogFilter> &filters, std::string &error);

    bool operator==(const LogQuery &) const = default;
};

} // namespace rd
