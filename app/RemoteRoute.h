#pragma once

#include "app/api/ApiClient.h"
#include "app/api/ApiError.h"
#include "model/Route.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace rd {

// A route on the server as one editor tab knows it: where it lives, which version the tab shows, and what
// was deployed and newest when the tab last looked, so a deploy can tell whether someone else moved it since.
class RemoteRoute : public QObject
{
    Q_OBJECT

public:
    RemoteRoute(ApiClient *client, QString gatewayId, QString routeId, QObject *parent = nullptr);

    ApiClient *client() const { return m_client; }
    QString gatewayId() const { return m_gatewayId; }
    QString routeId() const { return m_routeId; }
    QString name() const { return m_name; }
    // The version the editor started from (after a save: the version it created).
    QString shownVersionId() const { return m_shownVersionId; }
    QString deployedVersionId() const { return m_deployedVersionId; }
    QString latestVersionId() const { return m_latestVersionId; }
    bool isBusy() const { return !m_call.isNull(); }
    ApiCall *currentCall() const { return m_call; }

    using Done = std::function<void(const std::optional<ApiError> &error, const QString &step)>;

    // Fetches the route (the deployed version's graph) and its newest version. On success `route()` holds
    // the graph; on failure `step` names what failed ("Loading route “x”").
    void open(Done done);
    const Route &route() const { return m_route; }

    // Saves `route`'s elements as a new version, then learns the new version's id (the API does not return
    // it: the newest in list-versions). The shown version becomes that one.
    void saveVersion(const Route &route, Done done);

    // Re-reads what is deployed and newest (after a deploy, or to check for changes made elsewhere).
    void refreshState(Done done);
    // Records a deployment made through this app, so the next change check does not flag it.
    void noteDeployed(const QString &versionId);
    void rename(const QString &name) { m_name = name; }
    // The editor now holds work based on `versionId` (a draft restored after a crash).
    void noteShownVersion(const QString &versionId);

    void cancel();

signals:
    void stateChanged();
    void busyChanged(bool busy);
    // Each request on its way, with what it is for: windows show progress and offer Cancel.
    void callStarted(rd::ApiCall *call, const QString &what);

private:
    void track(ApiCall *call, const QString &what = QString());
    void fetchLatest(Done done, const QString &step);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QString m_routeId;
    QString m_name;
    QString m_shownVersionId;
    QString m_deployedVersionId;
    QString m_latestVersionId;
    Route m_route;
    QPointer<ApiCall> m_call;
};

} // namespace rd
