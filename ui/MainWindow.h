#pragma once

#include "app/Connection.h"
#include "ui/OpenErrorsDialog.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

#include <optional>

class QAction;
class QActionGroup;
class QDockWidget;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QUndoGroup;

namespace rd {

class ApiActivityBar;
class ApiCall;
class ApiClient;
class ConnectionStore;
class DraftRestorer;
class DraftStore;
class GatewayBrowser;
class LogsPage;
class RemoteRoute;
class Route;
class RouteEditorPage;
class StatusIndicator;
class WelcomePage;

// The application window: a tab per open route, the welcome page when none is open, and the commands
// that act on them.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens every route a file holds, each in its own tab; a file already open is brought to the front.
    // On failure says why in a message box and returns false.
    bool openRouteFile(const QString &path);
    // Opens several files (a command line, a drop); the ones that fail are listed together in one dialog.
    void openRouteFiles(const QStringList &paths);

    // Shows which API the window works against, checks that it answers by listing the gateways, and lists
    // them in the gateway browser.
    void useConnection(ApiClient *client, const QString &name);
    ApiClient *client() const { return m_client; }
    // The built-in sandbox (the default connection) and the saved accounts the Connection menu switches
    // between. Either may be null. Switches to the store's current connection.
    void setConnections(ApiClient *sandboxClient, ConnectionStore *store);
    ConnectionStore *connectionStore() const { return m_connectionStore; }
    // Switches to a saved connection ("" = the local sandbox). Asynchronous: the secret comes from the keychain.
    void switchConnection(const QString &connectionId);
    GatewayBrowser *gatewayBrowser() const { return m_browser; }
    ApiActivityBar *activityBar() const { return m_activity; }

    // Opens a route of the current connection in a tab (its deployed version), or brings its tab forward.
    void openRemoteRoute(const QString &gatewayId, const QString &routeId, const QString &name = QString());
    RouteEditorPage *findRemoteEditor(const QString &gatewayId, const QString &routeId) const;
    // Shows a version read-only in a tab of its own.
    RouteEditorPage *openVersionReadOnly(RouteEditorPage *from, const Route &route, const QString &versionId);
    // The gateway's logs in a tab (one per gateway), optionally filtered to one model.
    LogsPage *showLogs(const QString &gatewayId, const QString &provider = QString(), const QString &model = QString());
    // Saves the route of a remote tab as a new version. Refuses (with the reason) while validation finds errors.
    // `wait` runs the event loop until the server answers (closing a tab needs the outcome).
    bool saveVersion(RouteEditorPage *editor, bool wait = false);
    // Opens the deploy dialog on the current remote route.
    void deployCurrentRoute();
    // Reopens what was open when the window last closed (files and routes of the current connection).
    void restoreOpenTabs();
    StatusIndicator *connectionIndicator() const { return m_connection; }

    QTabWidget *routeTabs() const { return m_tabs; }
    WelcomePage *welcomePage() const { return m_welcome; }
    RouteEditorPage *currentEditor() const;

    // Saves the current route to its file, or asks where when it has none. False when cancelled or failed.
    bool saveCurrentRoute();
    bool saveCurrentRouteAs();
    bool saveRoute(RouteEditorPage *page, const QString &path);
    // After a crash: offers to restore what autosave kept. Window-modal, non-blocking.
    void offerDraftRestore();
    DraftStore *drafts() const { return m_drafts; }
    DraftRestorer *draftRestorer() const { return m_draftRestorer; }
    // Which connection `client` belongs to: "" for the local sandbox, a saved connection's id, or none.
    std::optional<QString> connectionOf(const ApiClient *client) const;
    // Whether the connection can be used: the sandbox is running, or the saved connection still exists.
    bool hasConnection(const QString &connectionId) const;
    // Adds a route that was built elsewhere (a restored draft) as the current tab.
    void addRouteTab(RouteEditorPage *editor, const QString &toolTip);
    QUndoGroup *undoGroup() const { return m_undoGroup; }

public slots:
    void openRouteDialog();
    void openExampleRoute();
    void closeCurrentRoute();
    void showAbout();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void readSettings();
    void writeSettings() const;
    bool closeRoute(int index);
    RouteEditorPage *addEditor(RouteEditorPage *editor, const QString &toolTip);
    void updateTab(RouteEditorPage *editor);
    void currentEditorChanged();
    void exportCurrentRoute();
    void createConnectionActions();
    void rebuildConnectionMenu();
    void newConnection();
    void editConnection();
    void removeConnection();
    void showModelLogsForSelection();
    void addRecent(const QString &entry, const QString &label);
    void rebuildRecentMenu();
    void openRecent(const QString &entry);
    QStringList openTabEntries() const;
    QString connectionKey() const;
    void wireRemoteEditor(RouteEditorPage *editor);
    // When the tab's account is not the window's current connection: asks before `action` goes to it.
    bool confirmTabAccount(RouteEditorPage *editor, const QString &action);
    void updateRouteActions();
    // Asks about unsaved changes: true when the page may close (saved or discarded).
    bool maybeSave(RouteEditorPage *editor);
    static QString draftKey(const QString &sourcePath, const std::string &routeName);
    // Autosaves the tab's unsaved work: a file's under its path and route name, a server route's under its
    // connection, gateway and route, with the version it is based on.
    void watchDraft(RouteEditorPage *editor);
    void updateCentralPage();
    // Opens a route file without telling the user about a failure: `reason` says why it failed.
    bool loadRouteFile(const QString &path, QString *reason);
    void showOpenErrors(const QList<OpenErrorsDialog::Failure> &failures);

    QStackedWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    QTabWidget *m_tabs = nullptr;
    StatusIndicator *m_connection = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_openExampleAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_autoLayoutAction = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_canvasViewMenu = nullptr;
    QUndoGroup *m_undoGroup = nullptr;
    DraftStore *m_drafts = nullptr;
    DraftRestorer *m_draftRestorer = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_statusBarAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;

    QString m_lastDirectory;

    QPointer<ApiClient> m_client;
    QString m_connectionName;
    ApiClient *m_sandboxClient = nullptr;
    ConnectionStore *m_connectionStore = nullptr;
    QHash<QString, ApiClient *> m_accountClients; // one per saved connection, made on first use
    GatewayBrowser *m_browser = nullptr;
    QDockWidget *m_browserDock = nullptr;
    ApiActivityBar *m_activity = nullptr;
    QMenu *m_connectionMenu = nullptr;
    QMenu *m_routeMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QActionGroup *m_connectionGroup = nullptr;
    QAction *m_newConnectionAction = nullptr;
    QAction *m_editConnectionAction = nullptr;
    QAction *m_removeConnectionAction = nullptr;
    QAction *m_saveVersionAction = nullptr;
    QAction *m_deployAction = nullptr;
    QAction *m_logsAction = nullptr;
    QAction *m_modelLogsAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QStringList m_pendingTabs; // open tabs to restore once the connection answers
    // Routes of the last session being reopened: they arrive when the server answers, and open behind the tab
    // in front rather than take it from a file the user has just opened.
    QSet<QString> m_restoringRoutes;
};

} // namespace rd
