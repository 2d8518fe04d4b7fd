#pragma once

#include "model/JsonRecord.h"

namespace rd {

// A deployment of a route version: `{created_at, deployment_id, version_id}`.
class RouteDeployment : public JsonRecord
{
public:
    RouteDeployment() = default;
    static Decoded<RouteDeployment> fromJson(const Json &json, std::string_view path = "$");

    std::string deploymentId() const { return stringField("deployment_id"); }
    std::string versionId() const { return stringField("version_id"); }
    std::string createdAt() const { return stringField("created_at"); }
};

} // namespace rd
