#pragma once

#include <QMainWindow>

class QAction;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QUndoGroup;

namespace rd {

class ApiClient;
class DraftStore;
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

    // Shows which API the window works against, and checks that it answers by listing the gateways.
    void useConnection(ApiClient *client, const QString &name);
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
    // Asks about unsaved changes: true when the page may close (saved or discarded).
    bool maybeSave(RouteEditorPage *editor);
    static QString draftKey(const QString &sourcePath, const std::string &routeName);
    void updateCentralPage();
    void showOpenError(const QString &path, const QString &reason);

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
    QAction *m_quitAction = nullptr;
    QAction *m_statusBarAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;

    QString m_lastDirectory;
};

} // namespace rd
