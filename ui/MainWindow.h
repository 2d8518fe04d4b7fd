#pragma once

#include "app/AppServices.h"
#include "app/ConnectionManager.h"
#include "app/RouteEntry.h"
#include "model/LogQuery.h"
#include "ui/ConnectionControls.h"
#include "ui/DraftRestorer.h"
#include "ui/FileRoutes.h"
#include "ui/RouteSaveFlow.h"
#include "ui/RouteTabs.h"
#include "ui/ServerRoutes.h"

#include <QMainWindow>

#include <optional>

class QAction;
class QDockWidget;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QUndoGroup;

namespace rd {

class ApiActivityBar;
class ApiClient;
class CompareBranchesDialog;
class ConnectionControls;
class ConnectionStore;
class EvaluationsPage;
class DraftRestorer;
class GatewayBrowser;
class AnalyticsPage;
class LogsPage;
class Route;
class RouteEditorPage;
class RouteSaveFlow;
class RouteTabs;
class RouteUseFlow;
class ServerRoutes;
class StatusIndicator;
class WelcomePage;
class WindowActions;

// The application window. It composes: the tabs (RouteTabs), the gateway browser, the connection controls,
// saving and deploying (RouteSaveFlow) and the session, each owning its concern, with the services main() built
// (AppServices); the window wires them to its menus and says what happened in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const AppServices &services, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens every route a file holds, each in its own tab; a file already open is brought to the front.
    // On failure says why in a message box and returns false.
    bool openRouteFile(const QString &path) { return m_fileRoutes->open(path); }
    // Opens several files (a command line, a drop); the ones that fail are listed together in one dialog.
    void openRouteFiles(const QStringList &paths) { m_fileRoutes->openAll(paths); }

    // Works against `client` under `name` (a client made elsewhere) and lists its gateways.
    void useConnection(ApiClient *client, const QString &name) { m_services.connections->use(client, name); }
    ApiClient *client() const { return m_services.connections->client(); }
    // The built-in sandbox (the default connection) and the saved accounts the Connection menu switches
    // between. Either may be null. Switches to the store's current connection.
    void setConnections(ApiClient *sandboxClient, ConnectionStore *store)
    {
        m_services.connections->setSources(sandboxClient, store);
    }
    ConnectionStore *connectionStore() const { return m_services.connections->store(); }
    ConnectionManager *connections() const { return m_services.connections; }
    GatewayBrowser *gatewayBrowser() const { return m_browser; }
    ApiActivityBar *activityBar() const { return m_activity; }
    StatusIndicator *connectionIndicator() const { return m_connectionControls->indicator(); }

    // Opens a route of the current connection in a tab (its deployed version), or brings its tab forward.
    void openRemoteRoute(const QString &gatewayId, const QString &routeId, const QString &name = QString());
    RouteEditorPage *findRemoteEditor(const QString &gatewayId, const QString &routeId) const
    {
        return m_serverRoutes->find(gatewayId, routeId);
    }
    // Shows a version read-only in a tab of its own.
    RouteEditorPage *openVersionReadOnly(RouteEditorPage *from, const Route &route, const QString &versionId)
    {
        return m_serverRoutes->openVersion(from, route, versionId);
    }
    // The gateway's logs in a tab (one per gateway), optionally filtered to one model.
    LogsPage *showLogs(const QString &gatewayId, const QString &provider = QString(), const QString &model = QString());
    AnalyticsPage *showAnalytics(const QString &gatewayId);
    // The gateway's logs tab showing the logs matching all `filters` (every other filter cleared); filters the
    // bar has no field for still apply, listed as removable chips. E.g. a dataset's, or a model since a deployment.
    LogsPage *showLogsFiltered(const QString &gatewayId, const std::vector<LogFilter> &filters);
    // The gateway's datasets and evaluations in a tab (one per gateway).
    EvaluationsPage *showEvaluations(const QString &gatewayId);
    // Reopens what was open when the window last closed (files and routes of the current connection).
    void restoreOpenTabs();

    QTabWidget *routeTabs() const { return m_tabs; }
    WelcomePage *welcomePage() const { return m_welcome; }
    RouteEditorPage *currentEditor() const { return m_tabs->currentEditor(); }
    RouteSaveFlow *saveFlow() const { return m_saveFlow; }
    // "Use This Route…" and the missing-provider-key warnings of remote tabs.
    RouteUseFlow *routeUse() const { return m_routeUse; }

    // Saves the route to `path` (a file tab); says why in a message box when it cannot.
    bool saveRoute(RouteEditorPage *editor, const QString &path) { return m_saveFlow->saveFile(editor, path); }
    // After a crash: offers to restore what autosave kept. Window-modal, non-blocking.
    void offerDraftRestore() { m_draftRestorer->offer(); }
    DraftStore *drafts() const { return m_services.drafts; }
    DraftRestorer *draftRestorer() const { return m_draftRestorer; }
    // Which connection `client` belongs to: "" for the local sandbox, a saved connection's id, or none.
    std::optional<QString> connectionOf(const ApiClient *client) const
    {
        return m_services.connections->connectionOf(client);
    }
    // Whether the connection can be used: the sandbox is running, or the saved connection still exists.
    bool hasConnection(const QString &connectionId) const { return m_services.connections->has(connectionId); }
    // Adds a route that was built elsewhere (a restored draft) as the current tab.
    void addRouteTab(RouteEditorPage *editor, const QString &toolTip);
    QUndoGroup *undoGroup() const { return m_tabs->undoGroup(); }

public slots:
    void openRouteDialog() { m_fileRoutes->openWithDialog(); }
    void openExampleRoute() { m_fileRoutes->openExample(); }
    // Asks about unsaved changes first; a tab whose version is being saved closes when the server has it.
    void closeCurrentRoute();

protected:
    // Asks about each tab's unsaved changes; when a version is being saved, the window closes once it is.
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void connectActions();
    void createStatusBar();
    void createBrowserDock();
    void showAbout();
    void closeRoute(int index);
    void removeEditor(RouteEditorPage *editor);
    RouteEditorPage *addEditor(RouteEditorPage *editor, const QString &toolTip);
    void currentEditorChanged();
    void connectionChanged(ApiClient *client, const QString &name);
    void showModelLogsForSelection();
    // Opens "Send Test Request…" for the current tab's route on its gateway.
    void sendTestRequest();
    // Compare Branches for the current remote route; the dialog, or null when the tab is no remote route.
    CompareBranchesDialog *compareBranches();
    void openEntry(const RouteEntry &entry);
    void updateRouteActions();
    void updateCentralPage();
    void addTabFrom(RouteEditorPage *editor, const QString &toolTip, bool toFront);

    AppServices m_services;
    QStackedWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    RouteTabs *m_tabs = nullptr;
    WindowActions *m_actions = nullptr;
    RouteSaveFlow *m_saveFlow = nullptr;
    RouteUseFlow *m_routeUse = nullptr;
    FileRoutes *m_fileRoutes = nullptr;
    ServerRoutes *m_serverRoutes = nullptr;
    ConnectionControls *m_connectionControls = nullptr;
    GatewayBrowser *m_browser = nullptr;
    QDockWidget *m_browserDock = nullptr;
    ApiActivityBar *m_activity = nullptr;
    DraftRestorer *m_draftRestorer = nullptr;

    QList<RouteEntry> m_pendingTabs; // routes of the last session, reopened once the connection answers
};

} // namespace rd
