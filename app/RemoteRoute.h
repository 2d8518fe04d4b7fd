#pragma once

#include "app/WriteCheck.h"
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
    // The connection the tab was opened from ("" = the local sandbox) and its name: the tab saves and deploys
    // there, whatever the window's current connection is.
    void setConnection(const QString &id, const QString &name);
    QString connectionId() const { return m_connectionId; }
    QString connectionName() const { return m_connectionName; }
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

    // The elements of the version the tab matches: the one opened, the last one saved, or one the server turned
    // out to have made. "Unsaved changes" means the editor's elements differ from these (positions are layout,
    // kept on this computer, never a change of the route).
    const Route &savedRoute() const { return m_saved; }
    // Same elements (by id, in any order), whatever the metadata.
    static bool sameElements(const Route &a, const Route &b);

    struct SaveOutcome
    {
        enum class Kind {
            Saved,         // a new version, now shownVersionId()
            NothingToSave, // the newest version already has these elements: it is the one shown now
            Failed,        // `error` and `step` say why; nothing was made
            Uncertain,     // cancelled or lost after it was sent: `check` finds out what the server did
        };
        Kind kind = Kind::Failed;
        std::optional<ApiError> error;
        QString step;
        QPointer<WriteCheck> check;
    };
    using SaveDone = std::function<void(const SaveOutcome &outcome)>;

    // Saves `route`'s elements as a new version, unless the newest version already has exactly these (no
    // duplicate versions), then learns the new version's id (the API does not return it: the newest in
    // list-versions). The shown version becomes that one. When the answer is lost or the save cancelled after
    // it was sent, a WriteCheck reads the versions until it knows; if the version was made, the tab adopts it.
    void saveVersion(const Route &route, SaveDone done);

    // Reads the newest version: when its elements are `current`'s, the tab matches it (a save whose answer was
    // lost made it, or someone saved the same). Re-reads what is deployed too. `matched` says which.
    using RecogniseDone = std::function<void(bool matched, const std::optional<ApiError> &error)>;
    void recognise(const Route &current, RecogniseDone done);
    // What another view (the history) read from the server: the header follows it.
    void noteServerState(const QString &deployedVersionId, const QString &latestVersionId);

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
    // savedRoute() changed: a save, a recognised version, a version made after all.
    void savedRouteChanged();
    void busyChanged(bool busy);
    // Each request on its way, with what it is for: windows show progress and offer Cancel.
    void callStarted(rd::ApiCall *call, const QString &what);

private:
    void track(ApiCall *call, const QString &what = QString());
    void fetchLatest(Done done, const QString &step);
    void fetchNewestGraph(std::function<void(const std::optional<Route> &newest, const std::optional<ApiError> &error,
                                             const QString &step)>
                              done);
    void postVersion(const Route &route, SaveDone done);
    void adoptVersion(const QString &versionId, const Route &elements);
    WriteCheck::Probe versionProbe(const Route &sent, const QString &previousLatest);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QString m_routeId;
    QString m_name;
    QString m_shownVersionId;
    QString m_deployedVersionId;
    QString m_latestVersionId;
    Route m_route;
    Route m_saved;
    QString m_connectionId;
    QString m_connectionName;
    QPointer<ApiCall> m_call;
};

} // namespace rd
