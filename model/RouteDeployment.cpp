#include "model/RouteDeployment.h"

namespace rd {

namespace {
constexpr FieldRule kRules[] = {
    {"deployment_id", FieldKind::String},
    {"version_id", FieldKind::String},
    {"created_at", FieldKind::String},
};
} // namespace

Decoded<RouteDeployment> RouteDeployment::fromJson(const Json &json, std::string_view path)
{
    return decodeAs<RouteDeployment>(json, kRules, path);
}

} // namespace rd
