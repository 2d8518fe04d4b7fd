#include "app/RouteEntry.h"

#include <QStringList>

namespace rd {

namespace {

const QString kFilePrefix = QStringLiteral("file:");
const QString kRoutePrefix = QStringLiteral("route:");

} // namespace

RouteEntry RouteEntry::file(const QString &path, const QString &label)
{
    RouteEntry entry;
    entry.kind = Kind::File;
    entry.path = path;
    entry.label = label;
    return entry;
}

RouteEntry RouteEntry::serverRoute(const QString &connectionId, const QString &gatewayId, const QString &routeId,
                                   const QString &label)
{
    RouteEntry entry;
    entry.kind = Kind::ServerRoute;
    entry.connectionId = connectionId;
    entry.gatewayId = gatewayId;
    entry.routeId = routeId;
    entry.label = label;
    return entry;
}

QString RouteEntry::key() const
{
    switch (kind) {
    case Kind::File:
        return kFilePrefix + path;
    case Kind::ServerRoute:
        return kRoutePrefix + connectionId + QLatin1Char('|') + gatewayId + QLatin1Char('|') + routeId;
    }
    return QString();
}

std::optional<RouteEntry> RouteEntry::fromKey(const QString &key)
{
    if (key.startsWith(kFilePrefix)) {
        const QString path = key.mid(kFilePrefix.size());
        if (path.isEmpty()) {
            return std::nullopt;
        }
        return file(path);
    }
    if (key.startsWith(kRoutePrefix)) {
        // Ids never hold '|': gateway ids are slugs, route ids UUIDs, connection ids our own UUIDs.
        const QStringList parts = key.mid(kRoutePrefix.size()).split(QLatin1Char('|'));
        if (parts.size() != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return std::nullopt;
        }
        return serverRoute(parts[0], parts[1], parts[2]);
    }
    return std::nullopt;
}

} // namespace rd
