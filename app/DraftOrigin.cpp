#include "app/DraftOrigin.h"

#include <QCoreApplication>
#include <QStringList>

namespace rd {

namespace {

const QString kFile = QStringLiteral("file");
const QString kRoute = QStringLiteral("route");
const QString kName = QStringLiteral("name");
const QString kConnection = QStringLiteral("connection");
const QString kGateway = QStringLiteral("gateway");
const QString kBase = QStringLiteral("baseVersion");
const QString kDeployed = QStringLiteral("deployedVersion");
const QString kLatest = QStringLiteral("latestVersion");

QString tr(const char *text)
{
    return QCoreApplication::translate("rd::DraftOrigin", text);
}

QString shortId(const QString &versionId)
{
    return versionId.left(8);
}

} // namespace

DraftOrigin DraftOrigin::file(const QString &path, const QString &routeName)
{
    DraftOrigin origin;
    origin.kind = Kind::File;
    origin.filePath = path;
    origin.routeName = routeName;
    return origin;
}

DraftOrigin DraftOrigin::route(const QString &connection, const QString &gatewayId, const QString &routeId,
                               const QString &routeName)
{
    DraftOrigin origin;
    origin.kind = Kind::Route;
    origin.connection = connection;
    origin.gatewayId = gatewayId;
    origin.routeId = routeId;
    origin.routeName = routeName;
    return origin;
}

QJsonObject DraftOrigin::toJson() const
{
    QJsonObject json;
    json.insert(kName, routeName);
    if (kind == Kind::File) {
        json.insert(kFile, filePath);
    } else if (kind == Kind::Route) {
        json.insert(kConnection, connection);
        json.insert(kGateway, gatewayId);
        json.insert(kRoute, routeId);
        json.insert(kBase, baseVersionId);
        json.insert(kDeployed, deployedVersionId);
        json.insert(kLatest, latestVersionId);
    }
    return json;
}

DraftOrigin DraftOrigin::fromJson(const QJsonObject &json)
{
    DraftOrigin origin;
    origin.routeName = json.value(kName).toString();
    if (json.contains(kFile)) {
        origin.kind = Kind::File;
        origin.filePath = json.value(kFile).toString();
        return origin;
    }
    if (json.contains(kGateway)) {
        origin.kind = Kind::Route;
        origin.connectionKnown = json.contains(kConnection);
        origin.connection = json.value(kConnection).toString();
        origin.gatewayId = json.value(kGateway).toString();
        origin.routeId = json.value(kRoute).toString();
        origin.baseVersionId = json.value(kBase).toString();
        origin.deployedVersionId = json.value(kDeployed).toString();
        origin.latestVersionId = json.value(kLatest).toString();
        return origin;
    }
    // The first format: "route:<gateway>/<route id>", made with whichever connection was current.
    const QString route = json.value(kRoute).toString();
    if (route.startsWith(QLatin1String("route:")) && route.count(QLatin1Char('/')) == 1) {
        origin.kind = Kind::Route;
        origin.connectionKnown = false;
        origin.gatewayId = route.mid(6).section(QLatin1Char('/'), 0, 0);
        origin.routeId = route.section(QLatin1Char('/'), 1);
    }
    return origin;
}

QString DraftOrigin::serverChanges(const QString &deployedNow, const QString &latestNow) const
{
    if (kind != Kind::Route) {
        return {};
    }
    QStringList changes;
    const bool saved = latestNow != latestVersionId && !latestNow.isEmpty();
    const bool deployed = deployedNow != deployedVersionId;
    if (saved && deployed && deployedNow == latestNow) {
        changes << tr("version %1 was saved and deployed").arg(shortId(latestNow));
    } else if (saved) {
        changes << tr("version %1 was saved").arg(shortId(latestNow));
    }
    if (deployed && !(saved && deployedNow == latestNow)) {
        changes << (deployedNow.isEmpty() ? tr("the deployment was removed")
                                          : tr("version %1 was deployed").arg(shortId(deployedNow)));
    }
    if (changes.isEmpty()) {
        return {};
    }
    const QString base =
        baseVersionId.isEmpty() ? tr("a route with no versions") : tr("version %1").arg(shortId(baseVersionId));
    return tr("Your unsaved changes started from %1. Since then %2.").arg(base, changes.join(tr(" and ")));
}

} // namespace rd
