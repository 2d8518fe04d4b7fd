#include "app/RouteHistory.h"

namespace rd {

QString RouteHistory::deployedVersionId() const
{
    if (route && route->metadata().deployment && route->metadata().deployment->is_object()) {
        const Json &deployment = *route->metadata().deployment;
        if (const auto it = deployment.find("version_id"); it != deployment.end() && it->is_string()) {
            return QString::fromStdString(it->get<std::string>());
        }
    }
    if (!deployments.empty()) {
        return QString::fromStdString(deployments.front().versionId());
    }
    for (const RouteVersion &v : versions) {
        if (v.isActive()) {
            return QString::fromStdString(v.versionId());
        }
    }
    return {};
}

QString RouteHistory::latestVersionId() const
{
    return versions.empty() ? QString() : QString::fromStdString(versions.front().versionId());
}

} // namespace rd
