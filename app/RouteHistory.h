#pragma once

#include "model/Route.h"
#include "model/RouteDeployment.h"
#include "model/RouteVersion.h"

#include <QString>

#include <optional>
#include <vector>

namespace rd {

// What the server says about one route's history at one moment (RouteHistoryLoader reads it).
struct RouteHistory
{
    std::vector<RouteVersion> versions;       // newest first
    std::vector<RouteDeployment> deployments; // newest first
    std::optional<Route> route;               // the route itself, when it was read too

    // The version the route runs, "" for none: the route's own deployment when it was read (the server's answer),
    // else the newest deployment, else the version marked active (for servers without deployments).
    QString deployedVersionId() const;
    // The newest version, "" when there is none.
    QString latestVersionId() const;
};

} // namespace rd
