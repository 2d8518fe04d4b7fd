#pragma once

#include "model/JsonRecord.h"

namespace rd {

// A gateway's stored provider key ("BYOK"): which provider, under which alias, and a preview of the secret.
class ProviderConfig : public JsonRecord
{
public:
    ProviderConfig() = default;
    static Decoded<ProviderConfig> fromJson(const Json &json, std::string_view path = "$");
    // The create body (seed 001). The secret goes into this body and nowhere else: the caller drops it after.
    static Json encodeCreate(const std::string &alias, const std::string &providerSlug, const std::string &secret,
                             bool isDefault, std::optional<Number> rateLimit = std::nullopt,
                             std::optional<Number> rateLimitPeriod = std::nullopt);

    std::string id() const { return stringField("id"); }
    std::string alias() const { return stringField("alias"); }
    std::string providerSlug() const { return stringField("provider_slug"); }
    std::string gatewayId() const { return stringField("gateway_id"); }
    std::string modifiedAt() const { return stringField("modified_at"); }
    std::string secretPreview() const { return stringField("secret_preview"); }
    bool isDefault() const { return boolField("default_config"); }
    std::optional<Number> rateLimit() const { return numberField("rate_limit"); }
    std::optional<Number> rateLimitPeriod() const { return numberField("rate_limit_period"); }
};

} // namespace rd
