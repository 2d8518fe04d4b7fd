#include "model/ProviderConfig.h"

namespace rd {

namespace {
constexpr FieldRule kRules[] = {
    {"id", FieldKind::String, true},
    {"alias", FieldKind::String},
    {"default_config", FieldKind::Boolean},
    {"gateway_id", FieldKind::String},
    {"modified_at", FieldKind::String},
    {"provider_slug", FieldKind::String},
    {"secret_id", FieldKind::String},
    {"secret_preview", FieldKind::String},
    {"rate_limit", FieldKind::Number},
    {"rate_limit_period", FieldKind::Number},
};
} // namespace

Json ProviderConfig::encodeCreate(const std::string &alias, const std::string &providerSlug, const std::string &secret,
                                  bool isDefault, std::optional<Number> rateLimit,
                                  std::optional<Number> rateLimitPeriod)
{
    Json body{{"alias", alias}, {"default_config", isDefault}, {"provider_slug", providerSlug}, {"secret", secret}};
    if (rateLimit) {
        body["rate_limit"] = rateLimit->toJson();
    }
    if (rateLimitPeriod) {
        body["rate_limit_period"] = rateLimitPeriod->toJson();
    }
    return body;
}

Decoded<ProviderConfig> ProviderConfig::fromJson(const Json &json, std::string_view path)
{
    return decodeAs<ProviderConfig>(json, kRules, path);
}

} // namespace rd
