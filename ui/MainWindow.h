#pragma once

#include <QMainWindow>

class QAction;
class QMenu;
class QStackedWidget;
class QTabWidget;

namespace rd {

class ApiClient;
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
    void closeRoute(int index);
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
