#pragma once

#include "app/RouteHistory.h"
#include "model/Route.h"
#include "model/RouteDiff.h"

#include <QDialog>
#include <QPointer>

#include <map>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QPushButton;

namespace rd {

class ApiActivityBar;
class ApiClient;
class DeployPreview;
class RouteHistoryLoader;
class RouteScene;
class RouteView;
class WriteCheck;
struct ApiError;

// Deploys a version of one remote route after showing what it changes against the deployed one (DeployPreview:
// the version's graph with the changes marked, a list of them and the JSON diff, computed off the GUI thread;
// picking another version or closing the dialog stops it). A diff too large to show line by line says so, and
// deploying stays possible on the marks and the list of changes.
//
// Before deploying it asks the server again; when the deployed or newest version is no longer what the
// caller opened (setExpectedState), it says so and deploys only once that is acknowledged.
class DeployDialog : public QDialog
{
    Q_OBJECT

public:
    DeployDialog(ApiClient *client, QString gatewayId, QString routeId, QWidget *parent = nullptr);
    ~DeployDialog() override;

    // The version the picker starts on (the newest otherwise). Call before the dialog has loaded.
    void setInitialVersion(const QString &versionId);
    // What the caller's view of the route was built from. Without it, what the dialog first loaded counts.
    void setExpectedState(const QString &deployedVersionId, const QString &latestVersionId);

    QString selectedVersionId() const;
    void selectVersion(const QString &versionId);
    QString deployedVersionId() const { return m_deployedVersionId; }
    // The comparison on screen, once both versions arrived and it was computed.
    const std::optional<RouteDiff> &diff() const;
    // Whether a comparison is being computed (the busy bar shows meanwhile).
    bool isComparing() const;
    RouteView *view() const;
    RouteScene *scene() const;
    QString errorText() const;
    // What a cancelled or unanswered deployment came to on the server, as the dialog says it.
    QString outcomeText() const;
    bool isBusy() const;
    bool isServerChangeWarningShown() const;
    QCheckBox *acknowledgeServerChange() const { return m_acknowledge; }
    QPushButton *deployButton() const { return m_deployButton; }
    QString diffText() const;

public slots:
    // Reloads versions and deployments, then the comparison.
    void reload();
    // Checks the server, then deploys the selected version (or shows why it does not).
    void deploy();
    void cancel();

signals:
    void deployed(const QString &versionId);
    // The comparison for the selected version is on screen.
    void diffShown();
    // Loading, checking or deploying failed; `message` is what the error line shows.
    void failed(const QString &message);
    // The pre-deploy check found the route changed on the server.
    void serverChangeDetected(const QString &message);
    // A deployment was cancelled after it was sent, or its answer was lost: `check` reads the server until it
    // knows. It outlives the dialog (its parent is the dialog's parent), so the owner hears its applied() even
    // when the dialog was closed meanwhile.
    void outcomeCheckStarted(rd::WriteCheck *check, const QString &versionId);
    // The dialog said what the server did (outcomeText()).
    void outcomeShown(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void startLoad(bool thenDeploy);
    void applyState(const RouteHistory &state);
    void populatePicker();
    void compareSelected();
    void fetchVersion(const QString &versionId, int generation);
    void showComparison();
    void checkThenDeploy(const RouteHistory &state);
    void createDeployment();
    void showError(const QString &where, const ApiError &error);
    void checkOutcome(const QString &versionId, const ApiError &error);
    void showOutcome(const QString &message, bool warning);
    void clearError();
    void updateButtons();
    const RouteVersion *version(const QString &versionId) const;
    bool isOlderThanDeployed(const QString &versionId) const;

    ApiClient *m_client;
    QString m_gatewayId;
    QString m_routeId;
    QString m_initialVersion;
    std::optional<std::pair<QString, QString>> m_expected; // deployed, latest

    RouteHistoryLoader *m_loader;  // what the dialog shows
    RouteHistoryLoader *m_checker; // the check just before deploying
    RouteHistory m_history;
    QString m_deployedVersionId;
    std::map<QString, Route> m_routes; // fetched versions by id
    int m_generation = 0;              // bumps on every new selection: late answers for an old one are dropped
    bool m_loaded = false;
    bool m_deploying = false;
    bool m_serverChanged = false;

    QComboBox *m_picker;
    DeployPreview *m_preview;
    QFrame *m_warning;
    QLabel *m_warningText;
    QCheckBox *m_acknowledge;
    ApiActivityBar *m_activity;
    QLabel *m_error;
    QLabel *m_outcome;
    QPushButton *m_deployButton;
};

} // namespace rd
