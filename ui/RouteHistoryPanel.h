#pragma once

#include "app/RouteHistory.h"
#include "model/Route.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace rd {

class ApiActivityBar;
class ApiCall;
class ApiClient;
class DeployDialog;
class RouteHistoryLoader;
struct ApiError;

// The history of one remote route: its versions (newest first, the deployed one marked) and deployments.
// A version can be opened read-only, restored into the editor (the owner does both, from the signals),
// or deployed, which is a roll back when it is older than the deployed one (through DeployDialog).
class RouteHistoryPanel : public QWidget
{
    Q_OBJECT

public:
    RouteHistoryPanel(ApiClient *client, QString gatewayId, QString routeId, QWidget *parent = nullptr);
    ~RouteHistoryPanel() override;

    QString gatewayId() const { return m_gatewayId; }
    QString routeId() const { return m_routeId; }
    // What the editor's copy of the route was opened from: deploying from here warns when the server has
    // moved on since. Without it, the state of the last refresh counts.
    void setExpectedState(const QString &deployedVersionId, const QString &latestVersionId);

    const std::vector<RouteVersion> &versions() const { return m_history.versions; }
    const std::vector<RouteDeployment> &deployments() const { return m_history.deployments; }
    QString deployedVersionId() const;
    QString latestVersionId() const;
    QString selectedVersionId() const;
    void selectVersion(const QString &versionId);
    bool isBusy() const;
    QString errorText() const;
    QTreeWidget *versionList() const { return m_versionList; }
    QTreeWidget *deploymentList() const { return m_deploymentList; }
    // The deploy dialog while it is open.
    DeployDialog *deployDialog() const;
    // Asked before the deploy dialog opens; false keeps it closed. The window uses it to confirm a tab's account
    // after a switch of connection.
    void setDeployGuard(std::function<bool()> guard) { m_deployGuard = std::move(guard); }

public slots:
    void refresh();
    void cancel();
    // Fetches the selected version, then emits openVersionRequested.
    void openSelectedReadOnly();
    // Fetches the selected version, then emits restoreVersionRequested.
    void restoreSelected();
    // Opens DeployDialog on the selected version (a roll back when it is older than the deployed one).
    void deploySelected();

signals:
    void openVersionRequested(const rd::Route &route, const QString &versionId);
    void restoreVersionRequested(const rd::Route &route, const QString &versionId);
    void deployed(const QString &versionId);
    // The lists show the server's state.
    void refreshed();
    void failed(const QString &message);

private:
    enum class Use { Open, Restore };

    void fetchSelected(Use use);
    void populate();
    void showError(const QString &where, const ApiError &error);
    void updateActions();

    ApiClient *m_client;
    QString m_gatewayId;
    QString m_routeId;
    std::optional<std::pair<QString, QString>> m_expected;
    RouteHistoryLoader *m_loader;
    RouteHistory m_history;

    QPushButton *m_refreshButton;
    QTreeWidget *m_versionList;
    QTreeWidget *m_deploymentList;
    QPushButton *m_openButton;
    QPushButton *m_restoreButton;
    QPushButton *m_deployButton;
    ApiActivityBar *m_activity;
    QLabel *m_error;
    QPointer<DeployDialog> m_dialog;
    std::function<bool()> m_deployGuard;
};

} // namespace rd
