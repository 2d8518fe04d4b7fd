#include "model/RouteVersion.h"

#include "model/JsonText.h"
#include "model/RouteCodec.h"

namespace rd {

namespace {
constexpr FieldRule kRules[] = {
    {"version_id", FieldKind::String},
    {"created_at", FieldKind::String},
    {"active", FieldKind::BoolOrString},
    {"data", FieldKind::Any},
    {"elements", FieldKind::Array},
};
} // namespace

Decoded<RouteVersion> RouteVersion::fromJson(const Json &json, std::string_view path)
{
    return decodeAs<RouteVersion>(json, kRules, path);
}

std::string RouteVersion::data() const
{
    auto it = m_json.find("data");
    if (it == m_json.end() || it->is_null()) {
        return {};
    }
    return it->is_string() ? it->get<std::string>() : JsonText::compact(*it);
}

Decoded<Route> RouteVersion::route() const
{
    if (!hasElements()) {
        return Decoded<Route>::failure({"$", "this version carries no elements"});
    }
    return RouteCodec::decodeRoute(m_json);
}

} // namespace rd
