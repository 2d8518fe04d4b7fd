#pragma once

#include "app/WriteCheck.h"

#include <QSet>
#include <QString>

namespace rd {

class ApiClient;

// The reads that tell whether a route write reached the server (see WriteCheck): each answers "applied" when
// the server shows the write, with what it shows as `observed`.
class RouteWriteProbes
{
public:
    // A route named `name` that is not one of `knownIds` exists; observed: its id.
    static WriteCheck::Probe created(ApiClient *client, const QString &gatewayId, const QString &name,
                                     const QSet<QString> &knownIds);
    // The route is called `name` now; observed: its name.
    static WriteCheck::Probe renamed(ApiClient *client, const QString &gatewayId, const QString &routeId,
                                     const QString &name);
    // The route is gone (the server answers "not found").
    static WriteCheck::Probe deleted(ApiClient *client, const QString &gatewayId, const QString &routeId);
    // `versionId` is the route's deployed version; observed: the version deployed now ("" for none).
    static WriteCheck::Probe deployed(ApiClient *client, const QString &gatewayId, const QString &routeId,
                                      const QString &versionId);
};

} // namespace rd
