#pragma once

#include "model/JsonRecord.h"
#include "model/Route.h"

namespace rd {

// A route version: `{active, created_at, data, version_id}` in lists; get-version adds the route's
// id, name and elements.
class RouteVersion : public JsonRecord
{
public:
    RouteVersion() = default;
    static Decoded<RouteVersion> fromJson(const Json &json, std::string_view path = "$");

    std::string versionId() const { return stringField("version_id"); }
    std::string createdAt() const { return stringField("created_at"); }
    // `active` is the string "true"/"false" in the API; a boolean is accepted too.
    bool isActive() const { return boolField("active"); }
    // `data` is a string in the seeds, but one client met an array there: other forms come back as JSON text.
    std::string data() const;
    bool hasElements() const { return m_json.contains("elements"); }
    // The version's graph (get-version responses carry it).
    Decoded<Route> route() const;
};

} // namespace rd
