#include "model/Gateway.h"

namespace rd {

namespace {
constexpr FieldRule kRules[] = {
    {"id", FieldKind::String, true},
    {"cache_invalidate_on_update", FieldKind::Boolean},
    {"cache_ttl", FieldKind::Number},
    {"collect_logs", FieldKind::Boolean},
    {"created_at", FieldKind::String},
    {"modified_at", FieldKind::String},
    {"rate_limiting_interval", FieldKind::Number},
    {"rate_limiting_limit", FieldKind::Number},
    {"authentication", FieldKind::Boolean},
    {"is_default", FieldKind::Boolean},
    {"log_management", FieldKind::Number},
    {"log_management_strategy", FieldKind::String},
    {"logpush", FieldKind::Boolean},
    {"rate_limiting_technique", FieldKind::String},
};
} // namespace

Decoded<Gateway> Gateway::fromJson(const Json &json, std::string_view path)
{
    return decodeAs<Gateway>(json, kRules, path);
}

Gateway Gateway::create(const std::string &id)
{
    Gateway g;
    g.setField("id", id);
    g.setField("cache_invalidate_on_update", false);
    g.setField("cache_ttl", 0);
    g.setField("collect_logs", true);
    g.setField("rate_limiting_interval", 0);
    g.setField("rate_limiting_limit", 0);
    return g;
}

void Gateway::setRateLimiting(Number interval, Number limit)
{
    setField("rate_limiting_interval", interval.toJson());
    setField("rate_limiting_limit", limit.toJson());
}

} // namespace rd
