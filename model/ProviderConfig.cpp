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

Decoded<ProviderConfig> ProviderConfig::fromJson(const Json &json, std::string_view path)
{
    return decodeAs<ProviderConfig>(json, kRules, path);
}

} // namespace rd
