#pragma once

#include "model/JsonRecord.h"

namespace rd {

// An AI Gateway (seed 001). Getters for what the app shows; setters for what it edits.
class Gateway : public JsonRecord
{
public:
    Gateway() = default;
    static Decoded<Gateway> fromJson(const Json &json, std::string_view path = "$");
    // A new gateway with the fields the create call requires, at the dashboard's defaults.
    static Gateway create(const std::string &id);

    std::string id() const { return stringField("id"); }
    std::string createdAt() const { return stringField("created_at"); }
    std::string modifiedAt() const { return stringField("modified_at"); }
    bool collectLogs() const { return boolField("collect_logs"); }
    bool cacheInvalidateOnUpdate() const { return boolField("cache_invalidate_on_update"); }
    std::optional<Number> cacheTtl() const { return numberField("cache_ttl"); }
    std::optional<Number> rateLimitingInterval() const { return numberField("rate_limiting_interval"); }
    std::optional<Number> rateLimitingLimit() const { return numberField("rate_limiting_limit"); }
    bool authentication() const { return boolField("authentication"); }
    bool isDefault() const { return boolField("is_default"); }

    void setCollectLogs(bool on) { setField("collect_logs", on); }
    void setCacheInvalidateOnUpdate(bool on) { setField("cache_invalidate_on_update", on); }
    void setCacheTtl(Number seconds) { setField("cache_ttl", seconds.toJson()); }
    void setRateLimiting(Number interval, Number limit);
    void setAuthentication(bool on) { setField("authentication", on); }
    void setField(std::string_view key, Json value) { JsonRecord::setField(key, std::move(value)); }
};

} // namespace rd
