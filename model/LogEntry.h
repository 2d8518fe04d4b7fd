#pragma once

#include "model/JsonRecord.h"

namespace rd {

// One gateway log record (list item or detail; detail adds heads and sizes).
class LogEntry : public JsonRecord
{
public:
    LogEntry() = default;
    static Decoded<LogEntry> fromJson(const Json &json, std::string_view path = "$");

    std::string id() const { return stringField("id"); }
    std::string createdAt() const { return stringField("created_at"); }
    std::string provider() const { return stringField("provider"); }
    std::string model() const { return stringField("model"); }
    std::string modelType() const { return stringField("model_type"); }
    std::string path() const { return stringField("path"); }
    bool success() const { return boolField("success"); }
    bool cached() const { return boolField("cached"); }
    std::optional<Number> durationMs() const { return numberField("duration"); }
    std::optional<Number> tokensIn() const { return numberField("tokens_in"); }
    std::optional<Number> tokensOut() const { return numberField("tokens_out"); }
    std::optional<Number> cost() const { return numberField("cost"); }
    bool customCost() const { return boolField("custom_cost"); }
    std::optional<Number> statusCode() const { return numberField("status_code"); }
    std::optional<Number> step() const { return numberField("step"); }
    std::string requestType() const { return stringField("request_type"); }
    // The metadata the request carried in `cf-aig-metadata`, as the JSON text the API stores.
    std::string metadata() const { return stringField("metadata"); }
    // The same, parsed: an object of at most 5 entries, or empty when absent or unreadable.
    Json metadataObject() const;
    std::string requestHead() const { return stringField("request_head"); }
    std::string responseHead() const { return stringField("response_head"); }
    std::optional<Number> requestSize() const { return numberField("request_size"); }
    std::optional<Number> responseSize() const { return numberField("response_size"); }
};

} // namespace rd
