#include "ui/MainWindow.h"

#include "app/AppInfo.h"
#include "app/AutoLayout.h"
#include "app/ConnectionStore.h"
#include "app/ContentCleanTracker.h"
#include "app/DraftOrigin.h"
#include "app/DraftStore.h"
#include "app/LayoutStore.h"
#include "app/RemoteRoute.h"
#include "app/RouteFile.h"
#include "app/SecretStore.h"
#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "ui/ConnectDialog.h"
#include "ui/DeployDialog.h"
#include "ui/DraftRestorer.h"
#include "ui/GatewayBrowser.h"
#include "ui/LogsPage.h"
#include "ui/RemoteTabLook.h"
#include "ui/RouteEditorPage.h"
#include "ui/RouteHistoryPanel.h"
#include "ui/SaveCheckNotice.h"
#include "ui/VersionText.h"
#include "ui/WelcomePage.h"
#include "widgets/ApiActivityBar.h"
#include "widgets/StatusIndicator.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonObject>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoGroup>
#include <QUndoStack>
#include <QUrl>

#include <utility>

namespace rd {

namespace {

const QString kExampleRoutePath = QStringLiteral(":/routes/demo-route.json");
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kLastDirectoryKey = QStringLiteral("mainWindow/lastDirectory");
const QString kOpenTabsKey = QStringLiteral("session/openTabs");
const QString kRecentKey = QStringLiteral("session/recent");
const QString kLastGatewayKey = QStringLiteral("session/lastGateway");
constexpr int kMaxRecent = 8;

// Tabs and recent entries are remembered as text: "file:<path>" or "route:<connection>|<gateway>|<route id>";
// drafts of a server route are keyed the same way.
QString routeEntry(const QString &connection, const QString &gateway, const QString &route)
{
    return QStringLiteral("route:%1|%2|%3").arg(connection, gateway, route);
}

QList<QString> localFiles(const QMimeData *mime)
{
    QList<QString> files;
    if (!mime || !mime->hasUrls()) {
        return files;
    }
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile()) {
            files << url.toLocalFile();
        }
    }
    return files;
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(AppInfo::name() + QStringLiteral("[*]"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/route-designer.svg")));
    setAcceptDrops(true);
    setUnifiedTitleAndToolBarOnMac(true);

    m_welcome = new WelcomePage;
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openRouteDialog);
    connect(m_welcome, &WelcomePage::exampleRequested, this, &MainWindow::openExampleRoute);
    connect(m_welcome, &WelcomePage::connectRequested, this, &MainWindow::newConnection);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("routeTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setElideMode(Qt::ElideRight);
    // The styles' stock close buttons range from a red box to nothing visible; one quiet cross fits all.
    m_tabs->setStyleSheet(QStringLiteral(
        "QTabBar::close-button { image: url(:/icons/close.svg); subcontrol-position: right; border-radius: 3px; }"
        "QTabBar::close-button:hover { background: palette(midlight); }"));
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeRoute);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::currentEditorChanged);

    m_undoGroup = new QUndoGroup(this);
    m_drafts = new DraftStore(DraftStore::defaultDirectory(), this);

    m_pages = new QStackedWidget;
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_tabs);
    setCentralWidget(m_pages);

    m_browser = new GatewayBrowser;
    connect(m_browser, &GatewayBrowser::openRouteRequested, this,
            [this](const QString &gateway, const QString &route, const QString &name) {
                openRemoteRoute(gateway, route, name);
            });
    connect(m_browser, &GatewayBrowser::gatewaysFailed, this, [this](const ApiError &error) {
        m_connection->setText(tr("%1 · unavailable").arg(m_connectionName));
        m_connection->setColor(QColor(0xD9, 0x30, 0x25));
        m_connection->setToolTip(error.toString());
        statusBar()->showMessage(error.summary, 10000);
    });
    connect(m_browser, &GatewayBrowser::gatewaysLoaded, this, [this](int count) {
        // Routes that were open when the window last closed, now that the account answers.
        const QStringList pending = std::exchange(m_pendingTabs, {});
        for (const QString &entry : pending) {
            if (entry.startsWith(QLatin1String("route:"))) {
                const QStringList parts = entry.mid(6).split(QLatin1Char('|'));
                if (parts.size() == 3) {
                    m_restoringRoutes.insert(parts[1] + QLatin1Char('|') + parts[2]);
                }
                openRecent(entry);
            }
        }
        m_connection->setText(count == 1 ? tr("%1 · 1 gateway").arg(m_connectionName)
                                         : tr("%1 · %2 gateways").arg(m_connectionName).arg(count));
        m_connection->setColor(QColor(0x1E, 0x8E, 0x3E));
        m_connection->setToolTip(
            tr("Connected to %1").arg(m_client ? m_client->options().baseUrl.toString() : QString()));
    });
    connect(m_browser, &GatewayBrowser::logsRequested, this, [this](const QString &gateway) { showLogs(gateway); });
    connect(m_browser, &GatewayBrowser::gatewayChanged, this, [this](const QString &gateway) {
        if (!gateway.isEmpty()) {
            QSettings().setValue(kLastGatewayKey, gateway);
        }
        updateRouteActions();
    });
    connect(m_browser, &GatewayBrowser::routeRenamed, this,
            [this](const QString &gateway, const QString &route, const QString &name) {
                if (RouteEditorPage *editor = findRemoteEditor(gateway, route)) {
                    editor->remote()->rename(name);
                    editor->remote()->stateChanged();
                }
            });
    connect(m_browser, &GatewayBrowser::routeDeleted, this, [this](const QString &gateway, const QString &route) {
        LayoutStore().remove(LayoutStore::keyForRoute(gateway, route));
        statusBar()->showMessage(tr("Route deleted"), 5000);
    });
    m_browserDock = new QDockWidget(tr("Gateways"), this);
    m_browserDock->setObjectName(QStringLiteral("gatewayDock"));
    m_browserDock->setWidget(m_browser);
    m_browserDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::LeftDockWidgetArea, m_browserDock);
    resizeDocks({m_browserDock}, {280}, Qt::Horizontal);
    // After the browser's handlers above: drafts of routes the session reopens go into those tabs.
    m_draftRestorer = new DraftRestorer(this, m_drafts);

    createActions();
    createMenus();
    createToolBar();
    createStatusBar();
    m_viewMenu->insertAction(m_statusBarAction, m_browserDock->toggleViewAction());
    m_browserDock->toggleViewAction()->setText(tr("&Gateways Panel"));
    m_browserDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    readSettings();
    updateCentralPage();
}

MainWindow::~MainWindow()
{
    // The browser outlives this destructor's body (children go in ~QWidget): nothing it says while its calls
    // are cancelled may reach a window that is already half gone.
    if (m_browser) {
        m_browser->disconnect(this);
    }
}

RouteEditorPage *MainWindow::currentEditor() const
{
    return qobject_cast<RouteEditorPage *>(m_tabs->currentWidget());
}

void MainWindow::createActions()
{
    m_openAction = new QAction(QIcon(QStringLiteral(":/icons/open.svg")), tr("&Open Route…"), this);
    m_openAction->setObjectName(QStringLiteral("openRouteAction"));
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_openAction->setStatusTip(tr("Open a route file: elements JSON, a route, or an API response"));
    m_openAction->setIconText(tr("Open"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openRouteDialog);

    m_openExampleAction = new QAction(tr("Open &Example Route"), this);
    m_openExampleAction->setObjectName(QStringLiteral("openExampleAction"));
    m_openExampleAction->setStatusTip(tr("Open a sample support-chat route to explore"));
    connect(m_openExampleAction, &QAction::triggered, this, &MainWindow::openExampleRoute);

    m_connectAction = new QAction(QIcon(QStringLiteral(":/icons/cloud.svg")), tr("&Connect to Cloudflare…"), this);
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_connectAction->setIconText(tr("Connect"));
    m_connectAction->setToolTip(tr("Connect to a Cloudflare account with an API token or a global key"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::newConnection);
    createConnectionActions();

    m_saveAction = new QAction(tr("&Save"), this);
    m_saveAction->setObjectName(QStringLiteral("saveAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::saveCurrentRoute);

    m_saveAsAction = new QAction(tr("Save &As…"), this);
    m_saveAsAction->setObjectName(QStringLiteral("saveAsAction"));
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveCurrentRouteAs);

    m_exportAction = new QAction(tr("&Export Image…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportCurrentRoute);

    m_undoAction = m_undoGroup->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_undoGroup->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    m_redoAction->setShortcut(QKeySequence::Redo);

    m_autoLayoutAction = new QAction(tr("&Auto Layout"), this);
    m_autoLayoutAction->setObjectName(QStringLiteral("autoLayoutAction"));
    m_autoLayoutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_autoLayoutAction, &QAction::triggered, this, [this] {
        if (RouteEditorPage *editor = currentEditor()) {
            editor->autoLayout();
        }
    });

    m_closeAction = new QAction(tr("&Close Route"), this);
    m_closeAction->setObjectName(QStringLiteral("closeRouteAction"));
    m_closeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeCurrentRoute);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_statusBarAction = new QAction(tr("Status &Bar"), this);
    m_statusBarAction->setCheckable(true);
    m_statusBarAction->setChecked(true);
    connect(m_statusBarAction, &QAction::toggled, this, [this](bool on) { statusBar()->setVisible(on); });

    m_fullScreenAction = new QAction(tr("&Full Screen"), this);
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence::FullScreen);
    connect(m_fullScreenAction, &QAction::toggled, this,
            [this](bool on) { setWindowState(windowState().setFlag(Qt::WindowFullScreen, on)); });

    m_aboutAction = new QAction(tr("&About Route Designer"), this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_fileMenu->addAction(m_openExampleAction);
    m_fileMenu->addSeparator();
    m_connectionMenu = m_fileMenu->addMenu(tr("Co&nnection"));
    m_connectionMenu->setObjectName(QStringLiteral("connectionMenu"));
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addAction(m_saveAsAction);
    m_fileMenu->addAction(m_exportAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_closeAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    // Undo and redo follow the current tab's history; the rest are the current canvas's own actions.
    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    m_editMenu->setObjectName(QStringLiteral("editMenu"));
    m_routeMenu = menuBar()->addMenu(tr("&Route"));
    m_routeMenu->setObjectName(QStringLiteral("routeMenu"));
    m_routeMenu->addAction(m_saveVersionAction);
    m_routeMenu->addAction(m_deployAction);
    m_routeMenu->addSeparator();
    m_routeMenu->addAction(m_logsAction);
    m_routeMenu->addAction(m_modelLogsAction);
    rebuildConnectionMenu();
    rebuildRecentMenu();

    // Filled in createToolBar() and createStatusBar(), once the things it toggles exist.
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_canvasViewMenu = m_viewMenu->addMenu(tr("&Canvas"));
    m_canvasViewMenu->setObjectName(QStringLiteral("canvasMenu"));
    m_viewMenu->addSeparator();

    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    m_helpMenu->setObjectName(QStringLiteral("helpMenu"));
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createToolBar()
{
    QToolBar *toolBar = addToolBar(tr("Main Toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(20, 20));
    toolBar->addAction(m_openAction);
    toolBar->addSeparator();
    toolBar->addAction(m_connectAction);
    toolBar->addSeparator();
    toolBar->addAction(m_saveVersionAction);
    toolBar->addAction(m_deployAction);
    toolBar->addAction(m_logsAction);

    QAction *toggle = toolBar->toggleViewAction();
    toggle->setText(tr("&Toolbar"));
    m_viewMenu->addAction(toggle);
}

void MainWindow::createStatusBar()
{
    m_connection = new StatusIndicator;
    m_connection->setObjectName(QStringLiteral("connectionIndicator"));
    m_connection->setText(tr("Local sandbox"));
    m_connection->setColor(QColor(0x9A, 0xA0, 0xA6));
    m_connection->setToolTip(tr("Not connected to Cloudflare: routes are opened and validated on this computer."));
    m_activity = new ApiActivityBar;
    m_activity->setObjectName(QStringLiteral("windowActivity"));
    statusBar()->addPermanentWidget(m_activity);
    statusBar()->addPermanentWidget(m_connection);
    statusBar()->showMessage(tr("Ready"), 3000);

    m_viewMenu->addAction(m_statusBarAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_fullScreenAction);
}

void MainWindow::useConnection(ApiClient *client, const QString &name)
{
    m_client = client;
    m_connectionName = name;
    m_browser->setClient(client, QSettings().value(kLastGatewayKey).toString());
    m_browserDock->setWindowTitle(tr("Gateways · %1").arg(name));
    updateRouteActions();
    m_connection->setText(tr("%1 · connecting…").arg(name));
    m_connection->setColor(QColor(0xE8, 0xA3, 0x17));
    m_connection->setToolTip(client->options().baseUrl.toString());
    // The browser's own gateway list answers for the status too (see the constructor): one request, not two.
    // Tabs keep their own account; their headers say when it is no longer the window's.
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *editor = qobject_cast<RouteEditorPage *>(m_tabs->widget(i)); editor && editor->isRemote()) {
            editor->setWindowConnection(connectionKey(), name);
        }
    }
}

void MainWindow::readSettings()
{
    const QSettings settings;
    m_lastDirectory = settings.value(kLastDirectoryKey, QDir::homePath()).toString();
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First run: a comfortable size, centred, that still fits small laptop screens.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
        const QSize size(qMin(1440, available.width() * 9 / 10), qMin(900, available.height() * 9 / 10));
        resize(size);
        move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    }
    restoreState(settings.value(kStateKey).toByteArray());
    m_statusBarAction->setChecked(!statusBar()->isHidden());
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kLastDirectoryKey, m_lastDirectory);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *editor = qobject_cast<RouteEditorPage *>(m_tabs->widget(i));
        if (editor && !editor->document()->isClean()) {
            m_tabs->setCurrentIndex(i);
            if (!maybeSave(editor)) {
                event->ignore();
                return;
            }
        }
    }
    // Each tab's changes were saved or deliberately discarded: their drafts go. Drafts not restored (another
    // connection's, or "Later") belong to no tab and stay for the next start.
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *editor = qobject_cast<RouteEditorPage *>(m_tabs->widget(i))) {
            const QString key = m_drafts->keyOf(editor->document());
            m_drafts->unwatch(key);
            m_drafts->discard(key);
        }
    }
    QSettings().setValue(kOpenTabsKey, openTabEntries());
    writeSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QString> files = localFiles(event->mimeData());
    if (files.isEmpty()) {
        return;
    }
    event->acceptProposedAction();
    openRouteFiles(files);
}

void MainWindow::openRouteDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Route"), m_lastDirectory,
                                                      tr("Route files (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    m_lastDirectory = QFileInfo(path).absolutePath();
    openRouteFile(path);
}

void MainWindow::openExampleRoute()
{
    openRouteFile(kExampleRoutePath);
}

bool MainWindow::openRouteFile(const QString &path)
{
    QString reason;
    if (!loadRouteFile(path, &reason)) {
        showOpenErrors({{path, reason}});
        return false;
    }
    return true;
}

void MainWindow::openRouteFiles(const QStringList &paths)
{
    QList<OpenErrorsDialog::Failure> failures;
    for (const QString &path : paths) {
        QString reason;
        if (!loadRouteFile(path, &reason)) {
            failures.append({path, reason});
        }
    }
    showOpenErrors(failures);
}

bool MainWindow::loadRouteFile(const QString &path, QString *reason)
{
    const QString canonical = path.startsWith(QLatin1Char(':')) ? path : QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *editor = qobject_cast<RouteEditorPage *>(m_tabs->widget(i));
        if (editor && editor->sourcePath() == canonical) {
            m_tabs->setCurrentIndex(i);
            updateCentralPage();
            return true;
        }
    }

    const RouteFile file = RouteFile::open(canonical);
    if (!file.isValid()) {
        *reason = file.errorText();
        return false;
    }
    const RouteFileContent &document = *file.document();
    if (document.routes.empty()) {
        *reason = tr("The file holds no routes.");
        return false;
    }

    // Decoding notes concern the whole file; with several routes they go with the first rather than repeat.
    std::vector<DecodeIssue> notes = file.warnings();
    RouteEditorPage *first = nullptr;
    int errors = 0;
    int warnings = 0;
    std::size_t elements = 0;
    const bool builtIn = canonical.startsWith(QLatin1Char(':'));
    for (Route route : document.routes) {
        RouteDocument::Positions positions = RouteFile::takePositions(route);
        if (positions.empty() && !builtIn && document.routes.size() == 1) {
            // Saved without positions (by another tool): the layout the user last left it in, if any.
            positions = LayoutStore().load(LayoutStore::keyForFile(canonical));
        }
        auto *editor =
            addEditor(new RouteEditorPage(std::move(route), std::move(positions), canonical, std::exchange(notes, {})),
                      builtIn ? tr("Built-in example") : QDir::toNativeSeparators(canonical));
        first = first ? first : editor;
        errors += editor->errorCount();
        warnings += editor->warningCount();
        elements += editor->route().size();
    }
    m_tabs->setCurrentWidget(first);
    updateCentralPage();

    const auto count = [](qsizetype n, const QString &one, const QString &many) {
        return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
    };
    QString problems = tr("no problems");
    if (errors + warnings > 0) {
        problems =
            tr("%1, %2").arg(count(errors, tr("error"), tr("errors")), count(warnings, tr("warning"), tr("warnings")));
    }
    statusBar()->showMessage(
        tr("Opened %1: %2, %3")
            .arg(file.displayName(), count(static_cast<qsizetype>(elements), tr("element"), tr("elements")), problems),
        8000);
    return true;
}

void MainWindow::showOpenErrors(const QList<OpenErrorsDialog::Failure> &failures)
{
    if (failures.isEmpty()) {
        return;
    }
    // Window-modal and non-blocking: the window stays responsive and tests can inspect the box.
    if (failures.size() == 1) {
        const OpenErrorsDialog::Failure &failure = failures.front();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Open Route"),
                                    tr("“%1” could not be opened as a route.").arg(QFileInfo(failure.path).fileName()),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("openErrorBox"));
        box->setInformativeText(failure.reason.isEmpty() ? tr("The file could not be read.") : failure.reason);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    // Several at once (a command line, a drop): one list, not a box per file to click away.
    auto *dialog = new OpenErrorsDialog(failures, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::closeCurrentRoute()
{
    if (m_tabs->currentIndex() >= 0) {
        closeRoute(m_tabs->currentIndex());
    }
}

bool MainWindow::closeRoute(int index)
{
    auto *editor = qobject_cast<RouteEditorPage *>(m_tabs->widget(index));
    if (editor && !maybeSave(editor)) {
        return false;
    }
    if (editor) {
        // Saved or deliberately discarded: no unsaved work is left to keep.
        m_drafts->discard(m_drafts->keyOf(editor->document()));
        if (editor->isRemote() && !editor->isReadOnly()) {
            LayoutStore().save(LayoutStore::keyForRoute(editor->remote()->gatewayId(), editor->remote()->routeId()),
                               editor->document()->positions());
        } else if (editor->canSaveInPlace()) {
            LayoutStore().save(LayoutStore::keyForFile(editor->sourcePath()), editor->document()->positions());
        }
        m_undoGroup->removeStack(editor->document()->undoStack());
    }
    QWidget *page = m_tabs->widget(index);
    m_tabs->removeTab(index);
    delete page;
    updateCentralPage();
    return true;
}

RouteEditorPage *MainWindow::addEditor(RouteEditorPage *editor, const QString &toolTip)
{
    const int index = m_tabs->addTab(editor, RemoteTabLook::icon(editor), editor->title());
    m_tabs->setTabToolTip(index, editor->isRemote() ? RemoteTabLook::toolTip(editor) : toolTip);
    m_undoGroup->addStack(editor->document()->undoStack());
    connect(editor, &RouteEditorPage::statusChanged, this, [this, editor] { updateTab(editor); });
    // One layout at a time per route: the action comes back when the current route's layout is done.
    connect(editor, &RouteEditorPage::layoutRunningChanged, this, [this, editor] {
        if (editor == currentEditor()) {
            m_autoLayoutAction->setEnabled(!editor->isLayoutRunning());
        }
    });
    connect(editor, &RouteEditorPage::statusMessage, statusBar(), &QStatusBar::showMessage);
    if (editor->isLayoutRunning()) {
        // Started while the page was being built, before anything listened.
        statusBar()->showMessage(tr("Laying out %1\u2026").arg(editor->title()));
    }
    if (editor->isReadOnly()) {
        return editor;
    }
    watchDraft(editor);
    m_draftRestorer->editorAdded(editor);
    return editor;
}

void MainWindow::watchDraft(RouteEditorPage *editor)
{
    const QString name = QString::fromStdString(editor->route().name());
    if (!editor->isRemote()) {
        m_drafts->watch(editor->document(), draftKey(editor->sourcePath(), editor->route().name()),
                        DraftOrigin::file(editor->sourcePath(), name).toJson());
        return;
    }
    // The tab stays with the connection that opened it, whichever is current when the draft is written.
    const RemoteRoute *remote = editor->remote();
    const QString connection = connectionOf(remote->client()).value_or(connectionKey());
    QPointer<RouteEditorPage> page = editor;
    m_drafts->watchWithOrigin(
        editor->document(), routeEntry(connection, remote->gatewayId(), remote->routeId()), [page, connection] {
            if (!page || !page->remote()) {
                return QJsonObject();
            }
            const RemoteRoute *route = page->remote();
            DraftOrigin origin = DraftOrigin::route(connection, route->gatewayId(), route->routeId(),
                                                    QString::fromStdString(page->route().name()));
            // What the tab knew of the server: a restore compares it with what the server says then.
            origin.baseVersionId = route->shownVersionId();
            origin.deployedVersionId = route->deployedVersionId();
            origin.latestVersionId = route->latestVersionId();
            return origin.toJson();
        });
}

void MainWindow::addRouteTab(RouteEditorPage *editor, const QString &toolTip)
{
    addEditor(editor, toolTip);
    m_tabs->setCurrentWidget(editor);
    updateCentralPage();
}

std::optional<QString> MainWindow::connectionOf(const ApiClient *client) const
{
    if (!client) {
        return std::nullopt;
    }
    if (client == m_sandboxClient) {
        return QString();
    }
    for (auto it = m_accountClients.cbegin(); it != m_accountClients.cend(); ++it) {
        if (it.value() == client) {
            return it.key();
        }
    }
    return std::nullopt;
}

bool MainWindow::hasConnection(const QString &connectionId) const
{
    if (connectionId.isEmpty()) {
        return m_sandboxClient != nullptr;
    }
    return m_connectionStore && m_connectionStore->connection(connectionId).has_value();
}

QString MainWindow::draftKey(const QString &sourcePath, const std::string &routeName)
{
    return sourcePath + QLatin1Char('#') + QString::fromStdString(routeName);
}

void MainWindow::updateTab(RouteEditorPage *editor)
{
    const int index = m_tabs->indexOf(editor);
    if (index < 0) {
        return;
    }
    // A bullet marks unsaved changes, as editors commonly do.
    const bool dirty = !editor->document()->isClean();
    m_tabs->setTabText(index, dirty ? editor->title() + QStringLiteral(" \u2022") : editor->title());
    m_tabs->setTabIcon(index, RemoteTabLook::icon(editor));
    if (editor->isRemote()) {
        m_tabs->setTabToolTip(index, RemoteTabLook::toolTip(editor)); // a rename changes it
    }
    if (editor == currentEditor()) {
        setWindowModified(dirty);
    }
}

void MainWindow::currentEditorChanged()
{
    RouteEditorPage *editor = currentEditor();
    m_undoGroup->setActiveStack(editor ? editor->document()->undoStack() : nullptr);

    m_editMenu->clear();
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addAction(m_redoAction);
    m_canvasViewMenu->clear();
    if (editor) {
        m_editMenu->addSeparator();
        m_editMenu->addActions(editor->view()->editActions());
        m_canvasViewMenu->addActions(editor->view()->viewActions());
        m_canvasViewMenu->addSeparator();
    }
    m_canvasViewMenu->addAction(m_autoLayoutAction);
    const bool hasEditor = editor != nullptr;
    m_saveAction->setEnabled(hasEditor);
    m_saveAsAction->setEnabled(hasEditor);
    m_exportAction->setEnabled(hasEditor);
    m_autoLayoutAction->setEnabled(hasEditor && !editor->isLayoutRunning());
    m_canvasViewMenu->setEnabled(hasEditor);
    setWindowModified(editor && !editor->document()->isClean());
    // The route in front names the window, as document apps do; the mark follows its unsaved changes.
    setWindowTitle(editor ? QStringLiteral("%1[*] — %2").arg(editor->title(), AppInfo::name())
                          : AppInfo::name() + QStringLiteral("[*]"));
    updateRouteActions();
}

bool MainWindow::maybeSave(RouteEditorPage *editor)
{
    if (editor->document()->isClean()) {
        return true;
    }
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
                    tr("Save the changes to \u201c%1\u201d before closing?").arg(editor->title()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedChangesBox"));
    box.setInformativeText(tr("Without saving, your changes will be lost."));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        m_tabs->setCurrentWidget(editor);
        return editor->isRemote() ? saveVersion(editor, true) : saveCurrentRoute();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

bool MainWindow::saveCurrentRoute()
{
    RouteEditorPage *editor = currentEditor();
    if (!editor) {
        return false;
    }
    if (editor->isRemote()) {
        return !editor->isReadOnly() && saveVersion(editor);
    }
    if (!editor->canSaveInPlace()) {
        return saveCurrentRouteAs();
    }
    return saveRoute(editor, editor->sourcePath());
}

bool MainWindow::saveCurrentRouteAs()
{
    RouteEditorPage *editor = currentEditor();
    if (!editor) {
        return false;
    }
    const QString suggested = QDir(m_lastDirectory).filePath(editor->title() + QStringLiteral(".json"));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Route"), suggested, tr("Route files (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return false;
    }
    m_lastDirectory = QFileInfo(path).absolutePath();
    return saveRoute(editor, path);
}

bool MainWindow::saveRoute(RouteEditorPage *editor, const QString &path)
{
    const QString oldKey = m_drafts->keyOf(editor->document());
    QString error;
    if (!editor->save(path, &error)) {
        QMessageBox::warning(this, tr("Cannot Save Route"),
                             tr("\u201c%1\u201d could not be saved: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    m_drafts->discard(oldKey);
    watchDraft(editor);
    m_tabs->setTabToolTip(m_tabs->indexOf(editor), QDir::toNativeSeparators(editor->sourcePath()));
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(editor->sourcePath())), 5000);
    return true;
}

void MainWindow::exportCurrentRoute()
{
    RouteEditorPage *editor = currentEditor();
    if (!editor) {
        return;
    }
    const QString suggested = QDir(m_lastDirectory).filePath(editor->title() + QStringLiteral(".png"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Route Diagram"), suggested,
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!editor->exportImage(path, &error)) {
        QMessageBox::warning(this, tr("Cannot Export"), error);
        return;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::offerDraftRestore()
{
    m_draftRestorer->offer();
}

void MainWindow::updateCentralPage()
{
    const bool hasRoutes = m_tabs->count() > 0;
    m_pages->setCurrentWidget(hasRoutes ? static_cast<QWidget *>(m_tabs) : m_welcome);
    m_closeAction->setEnabled(hasRoutes);
    currentEditorChanged();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Route Designer"),
                       tr("<h3>Route Designer %1</h3>"
                          "<p>%2</p>"
                          "<p>Routes are graphs of conditions, percentage splits, rate limits and models that "
                          "Cloudflare AI Gateway evaluates for every request sent to <code>dynamic/&lt;route "
                          "name&gt;</code>.</p>"
                          "<p>Built with Qt %3.</p>")
                           .arg(AppInfo::version(), AppInfo::tagline(), QString::fromLatin1(qVersion())));
}

// --- connections

void MainWindow::createConnectionActions()
{
    m_connectionGroup = new QActionGroup(this);
    m_connectionGroup->setExclusive(true);
    m_newConnectionAction = new QAction(tr("&New Connection…"), this);
    m_newConnectionAction->setObjectName(QStringLiteral("newConnectionAction"));
    connect(m_newConnectionAction, &QAction::triggered, this, &MainWindow::newConnection);
    m_editConnectionAction = new QAction(tr("&Edit Current Connection…"), this);
    connect(m_editConnectionAction, &QAction::triggered, this, &MainWindow::editConnection);
    m_removeConnectionAction = new QAction(tr("&Remove Current Connection…"), this);
    connect(m_removeConnectionAction, &QAction::triggered, this, &MainWindow::removeConnection);

    m_saveVersionAction = new QAction(QIcon(QStringLiteral(":/icons/save.svg")), tr("&Save Version"), this);
    m_saveVersionAction->setObjectName(QStringLiteral("saveVersionAction"));
    m_saveVersionAction->setIconText(tr("Save Version"));
    m_saveVersionAction->setToolTip(tr("Save the route as a new version on the server (Ctrl+S)"));
    connect(m_saveVersionAction, &QAction::triggered, this, [this] {
        if (RouteEditorPage *editor = currentEditor(); editor && editor->isRemote()) {
            saveVersion(editor);
        }
    });
    m_deployAction = new QAction(QIcon(QStringLiteral(":/icons/deploy.svg")), tr("&Deploy…"), this);
    m_deployAction->setObjectName(QStringLiteral("deployAction"));
    m_deployAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_deployAction->setToolTip(tr("Pick a version, review what changes, and deploy it (Ctrl+Shift+D)"));
    connect(m_deployAction, &QAction::triggered, this, &MainWindow::deployCurrentRoute);
    m_logsAction = new QAction(QIcon(QStringLiteral(":/icons/logs.svg")), tr("Gateway &Logs"), this);
    m_logsAction->setObjectName(QStringLiteral("logsAction"));
    m_logsAction->setIconText(tr("Logs"));
    m_logsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_logsAction->setToolTip(tr("Browse the logs of the current gateway (Ctrl+Shift+L)"));
    connect(m_logsAction, &QAction::triggered, this, [this] {
        RouteEditorPage *editor = currentEditor();
        const QString gateway =
            editor && editor->isRemote() ? editor->remote()->gatewayId() : m_browser->currentGatewayId();
        if (!gateway.isEmpty()) {
            showLogs(gateway);
        }
    });
    m_modelLogsAction = new QAction(tr("Logs of the Selected &Model"), this);
    m_modelLogsAction->setObjectName(QStringLiteral("modelLogsAction"));
    m_modelLogsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
    m_modelLogsAction->setToolTip(tr("Show the gateway's logs served by the selected model node"));
    connect(m_modelLogsAction, &QAction::triggered, this, &MainWindow::showModelLogsForSelection);
}

void MainWindow::setConnections(ApiClient *sandboxClient, ConnectionStore *store)
{
    m_sandboxClient = sandboxClient;
    m_connectionStore = store;
    if (store) {
        connect(store, &ConnectionStore::connectionsChanged, this, &MainWindow::rebuildConnectionMenu);
        connect(store, &ConnectionStore::currentChanged, this, [this] {
            rebuildConnectionMenu();
            switchConnection(m_connectionStore->currentId());
        });
        connect(store->secrets(), &SecretStore::keychainUnavailable, this,
                [this](const QString &) { statusBar()->showMessage(SecretStore::sessionOnlyMessage(), 15000); });
    }
    rebuildConnectionMenu();
    switchConnection(store ? store->currentId() : QString());
}

void MainWindow::rebuildConnectionMenu()
{
    if (!m_connectionMenu) {
        return;
    }
    m_connectionMenu->clear();
    for (QAction *action : m_connectionGroup->actions()) {
        m_connectionGroup->removeAction(action);
        action->deleteLater();
    }
    const QString current = m_connectionStore ? m_connectionStore->currentId() : QString();
    auto addChoice = [this, &current](const QString &id, const QString &text, const QString &tip) {
        QAction *choice = m_connectionMenu->addAction(text);
        choice->setCheckable(true);
        choice->setChecked(id == current);
        choice->setToolTip(tip);
        choice->setData(id);
        m_connectionGroup->addAction(choice);
        connect(choice, &QAction::triggered, this, [this, id] {
            if (m_connectionStore) {
                m_connectionStore->setCurrentId(id);
            } else {
                switchConnection(id);
            }
        });
    };
    addChoice(QString(), tr("Local Sandbox"), tr("The built-in sandbox on this computer"));
    if (m_connectionStore) {
        for (const Connection &connection : m_connectionStore->connections()) {
            addChoice(connection.id, connection.name, connection.accountId);
        }
    }
    m_connectionMenu->addSeparator();
    m_connectionMenu->addAction(m_newConnectionAction);
    m_connectionMenu->addAction(m_editConnectionAction);
    m_connectionMenu->addAction(m_removeConnectionAction);
    m_newConnectionAction->setEnabled(m_connectionStore != nullptr);
    m_editConnectionAction->setEnabled(m_connectionStore && !current.isEmpty());
    m_removeConnectionAction->setEnabled(m_connectionStore && !current.isEmpty());
}

void MainWindow::switchConnection(const QString &connectionId)
{
    if (connectionId.isEmpty() || !m_connectionStore) {
        if (m_sandboxClient) {
            useConnection(m_sandboxClient, tr("Local sandbox"));
        }
        return;
    }
    const std::optional<Connection> connection = m_connectionStore->connection(connectionId);
    if (!connection) {
        return;
    }
    m_connection->setText(tr("%1 · reading the keychain…").arg(connection->name));
    m_connectionStore->credentialsFor(
        *connection, this,
        [this, connection = *connection](const std::optional<ApiCredentials> &credentials, const QString &error) {
            if (!credentials) {
                m_connection->setText(tr("%1 · no secret").arg(connection.name));
                m_connection->setColor(QColor(0xD9, 0x30, 0x25));
                QMessageBox::warning(this, tr("Cannot Connect"),
                                     tr("The secret of “%1” could not be read: %2\n\nEdit the connection to enter "
                                        "it again.")
                                         .arg(connection.name, error));
                return;
            }
            ApiClient *&client = m_accountClients[connection.id];
            if (!client) {
                client = new ApiClient(this);
            }
            ApiClient::Options options = client->options();
            options.baseUrl = connection.baseUrl;
            client->setOptions(options);
            client->setCredentials(*credentials);
            useConnection(client, connection.name);
        });
}

void MainWindow::newConnection()
{
    if (!m_connectionStore) {
        return;
    }
    auto *dialog = new ConnectDialog(m_connectionStore, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::editConnection()
{
    if (!m_connectionStore || !m_connectionStore->current()) {
        return;
    }
    auto *dialog = new ConnectDialog(m_connectionStore, *m_connectionStore->current(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { switchConnection(m_connectionStore->currentId()); });
    dialog->open();
}

void MainWindow::removeConnection()
{
    if (!m_connectionStore || !m_connectionStore->current()) {
        return;
    }
    const Connection connection = *m_connectionStore->current();
    QMessageBox confirm(QMessageBox::Question, tr("Remove Connection"),
                        tr("Remove the connection “%1”?").arg(connection.name), QMessageBox::Cancel, this);
    confirm.setInformativeText(tr("Its secret is deleted from the keychain. Routes on the account are not touched."));
    QPushButton *remove = confirm.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    confirm.exec();
    if (confirm.clickedButton() == remove) {
        m_connectionStore->remove(connection.id, this);
    }
}

QString MainWindow::connectionKey() const
{
    return m_connectionStore ? m_connectionStore->currentId() : QString();
}

// --- remote routes

RouteEditorPage *MainWindow::findRemoteEditor(const QString &gatewayId, const QString &routeId) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *editor = qobject_cast<RouteEditorPage *>(m_tabs->widget(i));
        if (editor && editor->isRemote() && !editor->isReadOnly() && editor->remote()->client() == m_client &&
            editor->remote()->gatewayId() == gatewayId && editor->remote()->routeId() == routeId) {
            return editor;
        }
    }
    return nullptr;
}

void MainWindow::openRemoteRoute(const QString &gatewayId, const QString &routeId, const QString &name)
{
    if (RouteEditorPage *open = findRemoteEditor(gatewayId, routeId)) {
        m_tabs->setCurrentWidget(open);
        updateCentralPage();
        return;
    }
    if (!m_client) {
        return;
    }
    // Already loading (asked twice, e.g. by session restore and a restored draft): one tab, not two. Routes
    // being opened are the window's direct RemoteRoute children until their tab takes them.
    for (const RemoteRoute *loading : findChildren<RemoteRoute *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (loading->isBusy() && loading->client() == m_client && loading->gatewayId() == gatewayId &&
            loading->routeId() == routeId) {
            return;
        }
    }
    auto *remote = new RemoteRoute(m_client, gatewayId, routeId, this);
    remote->rename(name);
    remote->setConnection(connectionKey(), m_connectionName);
    connect(remote, &RemoteRoute::callStarted, m_activity,
            [this](ApiCall *call, const QString &what) { m_activity->track(call, what + QStringLiteral("…")); });
    const QString connection = connectionKey();
    remote->open([this, remote, connection](const std::optional<ApiError> &error, const QString &step) {
        if (error) {
            if (error->kind != ApiError::Kind::Cancelled) {
                QMessageBox box(QMessageBox::Warning, tr("Cannot Open Route"), step + tr(" failed."), QMessageBox::Ok,
                                this);
                box.setObjectName(QStringLiteral("remoteOpenErrorBox"));
                box.setInformativeText(error->toString());
                box.exec();
            }
            m_restoringRoutes.remove(remote->gatewayId() + QLatin1Char('|') + remote->routeId());
            remote->deleteLater();
            return;
        }
        const QString key = LayoutStore::keyForRoute(remote->gatewayId(), remote->routeId());
        RouteDocument::Positions positions = LayoutStore().load(key);
        auto *editor = new RouteEditorPage(remote->route(), std::move(positions), QString(), {});
        editor->setRemote(remote);
        editor->setWindowConnection(connectionKey(), m_connectionName);
        addEditor(editor, RemoteTabLook::toolTip(editor));
        wireRemoteEditor(editor);
        // A route reopened from the last session stays behind the tab in front (a file from the command line,
        // say); one the user asked for now comes to the front.
        const bool restored = m_restoringRoutes.remove(remote->gatewayId() + QLatin1Char('|') + remote->routeId());
        if (!restored || !currentEditor()) {
            m_tabs->setCurrentWidget(editor);
        }
        updateCentralPage();
        addRecent(routeEntry(connection, remote->gatewayId(), remote->routeId()),
                  tr("%1 (%2)").arg(remote->name(), remote->gatewayId()));
        statusBar()->showMessage(tr("Opened %1 from %2").arg(remote->name(), remote->gatewayId()), 5000);
    });
}

void MainWindow::wireRemoteEditor(RouteEditorPage *editor)
{
    RouteHistoryPanel *history = editor->historyPanel();
    if (!history) {
        return;
    }
    // Unsaved means other elements than the saved version's: moving cards is layout, not a change of the route.
    new ContentCleanTracker(editor->document(), editor->remote(), editor);
    // A roll back from the history deploys to the tab's account, which after a switch may not be the window's.
    history->setDeployGuard([this, editor] { return confirmTabAccount(editor, tr("Deploy")); });
    // What the history reads from the server is what the header shows (a deployment made elsewhere included);
    // with unsaved changes, a newest version that has them (a save whose answer was lost) makes the tab clean.
    const auto recognise = [this, editor] {
        editor->remote()->recognise(editor->route(), [this, editor](bool matched, const std::optional<ApiError> &) {
            if (matched) {
                const QString message = tr("Version %1 on the server already has these changes: nothing left to "
                                           "save.")
                                            .arg(VersionText::shortId(editor->remote()->shownVersionId()));
                editor->showNotice(message);
                statusBar()->showMessage(message, 8000);
            }
        });
    };
    connect(history, &RouteHistoryPanel::refreshed, editor, [editor, history, recognise] {
        RemoteRoute *remote = editor->remote();
        remote->noteServerState(history->deployedVersionId(), history->latestVersionId());
        if (editor->document()->isClean()) {
            return;
        }
        if (!remote->isBusy()) {
            recognise();
            return;
        }
        // The route is reading or writing right now: look once it is done, not never.
        auto *once = new QObject(editor);
        connect(remote, &RemoteRoute::busyChanged, once, [editor, once, recognise](bool busy) {
            if (busy) {
                return;
            }
            once->deleteLater();
            if (!editor->document()->isClean()) {
                recognise();
            }
        });
    });
    connect(history, &RouteHistoryPanel::openVersionRequested, this,
            [this, editor](const Route &route, const QString &versionId) {
                openVersionReadOnly(editor, route, versionId);
            });
    connect(history, &RouteHistoryPanel::restoreVersionRequested, this,
            [this, editor](const Route &route, const QString &versionId) {
                // Keep the cards of elements that survive where the user put them; lay out the rest.
                RouteDocument::Positions positions;
                for (const Element &element : route.elements()) {
                    if (auto at = editor->document()->position(element.id)) {
                        positions[element.id] = *at;
                    }
                }
                if (!LayoutStore::unplaced(route, positions).empty()) {
                    for (const auto &[id, point] : AutoLayout::layout(route, {})) {
                        positions.try_emplace(id, point);
                    }
                }
                editor->document()->replaceElements(route, positions,
                                                    tr("Restore version %1").arg(VersionText::shortId(versionId)));
                m_tabs->setCurrentWidget(editor);
                statusBar()->showMessage(
                    tr("Version %1 restored into the editor: save a version to keep it, or undo (Ctrl+Z)")
                        .arg(VersionText::shortId(versionId)),
                    10000);
            });
    connect(history, &RouteHistoryPanel::deployed, editor, [this, editor](const QString &versionId) {
        editor->remote()->noteDeployed(versionId);
        editor->remote()->refreshState([](const std::optional<ApiError> &, const QString &) {});
        statusBar()->showMessage(tr("Deployed version %1").arg(VersionText::shortId(versionId)), 8000);
        m_browser->refreshRoutes();
    });
}

RouteEditorPage *MainWindow::openVersionReadOnly(RouteEditorPage *from, const Route &route, const QString &versionId)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *editor = qobject_cast<RouteEditorPage *>(m_tabs->widget(i));
        if (editor && editor->isReadOnly() && editor->readOnlyVersion() == versionId) {
            m_tabs->setCurrentWidget(editor);
            return editor;
        }
    }
    RouteDocument::Positions positions;
    for (const Element &element : route.elements()) {
        if (auto at = from->document()->position(element.id)) {
            positions[element.id] = *at;
        }
    }
    Route shown = route;
    shown.setName(from->route().name());
    auto *viewer = new RouteEditorPage(std::move(shown), std::move(positions), QString(), {});
    auto *remote = new RemoteRoute(from->remote()->client(), from->remote()->gatewayId(), from->remote()->routeId());
    remote->rename(from->remote()->name());
    remote->setConnection(from->remote()->connectionId(), from->remote()->connectionName());
    remote->noteDeployed(from->remote()->deployedVersionId());
    viewer->setReadOnlyVersion(versionId);
    viewer->setRemote(remote);
    addEditor(viewer, tr("Version %1 of %2, read-only").arg(versionId, from->title()));
    m_tabs->setCurrentWidget(viewer);
    updateCentralPage();
    return viewer;
}

bool MainWindow::saveVersion(RouteEditorPage *editor, bool wait)
{
    if (!editor || !editor->isRemote() || editor->isReadOnly()) {
        return false;
    }
    if (editor->errorCount() > 0) {
        QMessageBox box(QMessageBox::Warning, tr("Cannot Save a Version"),
                        tr("“%1” has %2 that the API would reject.")
                            .arg(editor->title(),
                                 editor->errorCount() == 1 ? tr("1 error") : tr("%1 errors").arg(editor->errorCount())),
                        QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("saveVersionRefusedBox"));
        box.setInformativeText(tr("The Problems list under the canvas says what each one is; click one to go to "
                                  "the element. Fix them, then save again."));
        box.exec();
        editor->problemList()->setFocus();
        return false;
    }
    RemoteRoute *remote = editor->remote();
    if (remote->isBusy() || !confirmTabAccount(editor, tr("Save Version"))) {
        return false;
    }
    editor->showNotice(QString());
    std::optional<bool> outcome;
    QEventLoop loop;
    remote->saveVersion(
        editor->route(), [this, editor, remote, &outcome, &loop, wait](const RemoteRoute::SaveOutcome &result) {
            using Kind = RemoteRoute::SaveOutcome::Kind;
            const bool saved = result.kind == Kind::Saved || result.kind == Kind::NothingToSave;
            if (result.kind == Kind::Failed && result.error && result.error->kind != ApiError::Kind::Cancelled) {
                QMessageBox box(QMessageBox::Warning, tr("Version Not Saved"), result.step + tr(" failed."),
                                QMessageBox::Ok, this);
                box.setObjectName(QStringLiteral("saveVersionErrorBox"));
                box.setInformativeText(result.error->toString() + QStringLiteral("\n\n") +
                                       tr("Your changes are still here, unsaved."));
                box.exec();
            } else if (result.kind == Kind::Failed) {
                // Cancelled while the versions were being read: no version was asked for.
                editor->showNotice(tr("Save cancelled before anything was sent: no version was saved."));
            } else if (result.kind == Kind::Uncertain && result.check) {
                SaveCheckNotice::follow(result.check.data(), editor, *result.error);
                connect(result.check.data(), &WriteCheck::settled, editor, [this, editor] {
                    editor->historyPanel()->refresh();
                    m_browser->refreshRoutes();
                });
            } else if (saved) {
                // The tab's clean mark follows the elements (ContentCleanTracker): edits made while the request was
                // out stay marked. Positions are kept here, never on the server.
                LayoutStore().save(LayoutStore::keyForRoute(remote->gatewayId(), remote->routeId()),
                                   editor->document()->positions());
                if (editor->document()->isClean()) {
                    m_drafts->discard(m_drafts->keyOf(editor->document()));
                }
                if (RouteHistoryPanel *history = editor->historyPanel()) {
                    history->refresh();
                }
                const QString shortId = VersionText::shortId(remote->shownVersionId());
                if (result.kind == Kind::NothingToSave) {
                    const QString message =
                        tr("Nothing to save: version %1 on the server already has these elements.").arg(shortId);
                    editor->showNotice(message);
                    statusBar()->showMessage(message, 8000);
                } else {
                    m_browser->refreshRoutes(); // its Modified column
                    statusBar()->showMessage(tr("Saved version %1 of %2").arg(shortId, remote->name()), 8000);
                }
            }
            if (wait) {
                outcome = saved;
                loop.quit();
            }
        });
    if (wait && !outcome) {
        loop.exec();
    }
    return wait ? outcome.value_or(false) : true;
}

bool MainWindow::confirmTabAccount(RouteEditorPage *editor, const QString &action)
{
    if (!editor->isOtherConnection()) {
        return true;
    }
    // The tab saves where it came from; after a switch of connection that must be a choice, never a surprise.
    const QString account = editor->remote()->connectionName();
    QMessageBox box(QMessageBox::Question, action,
                    tr("“%1” belongs to the account “%2”, not to the current connection “%3”.")
                        .arg(editor->title(), account, m_connectionName),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("otherAccountBox"));
    box.setInformativeText(tr("This tab was opened from “%1” and saves and deploys there. To work on the current "
                              "connection's copy, open the route from the Gateways panel.")
                               .arg(account));
    QPushButton *go = box.addButton(tr("%1 to “%2”").arg(action, account), QMessageBox::AcceptRole);
    box.setDefaultButton(go);
    box.exec();
    return box.clickedButton() == go;
}

void MainWindow::deployCurrentRoute()
{
    RouteEditorPage *editor = currentEditor();
    if (!editor || !editor->isRemote() || editor->isReadOnly()) {
        return;
    }
    RemoteRoute *remote = editor->remote();
    if (!confirmTabAccount(editor, tr("Deploy"))) {
        return;
    }
    if (!editor->document()->isClean()) {
        QMessageBox ask(QMessageBox::Question, tr("Unsaved Changes"),
                        tr("“%1” has changes that are not in any version yet.").arg(editor->title()),
                        QMessageBox::Cancel, this);
        ask.setObjectName(QStringLiteral("deployUnsavedBox"));
        ask.setInformativeText(tr("Deploying picks a saved version. Save the changes as a version first?"));
        QPushButton *save = ask.addButton(tr("Save Version, Then Deploy…"), QMessageBox::AcceptRole);
        QPushButton *skip = ask.addButton(tr("Deploy a Saved Version…"), QMessageBox::ActionRole);
        ask.setDefaultButton(save);
        ask.exec();
        if (ask.clickedButton() == save) {
            if (!saveVersion(editor, true)) {
                return;
            }
        } else if (ask.clickedButton() != skip) {
            return;
        }
    }
    auto *dialog = new DeployDialog(remote->client(), remote->gatewayId(), remote->routeId(), this);
    dialog->setObjectName(QStringLiteral("deployDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInitialVersion(remote->shownVersionId());
    dialog->setExpectedState(remote->deployedVersionId(), remote->latestVersionId());
    connect(dialog, &DeployDialog::deployed, this, [this, editor](const QString &versionId) {
        editor->remote()->noteDeployed(versionId);
        editor->remote()->refreshState([](const std::optional<ApiError> &, const QString &) {});
        if (RouteHistoryPanel *history = editor->historyPanel()) {
            history->refresh();
        }
        m_browser->refreshRoutes();
        statusBar()->showMessage(tr("Deployed version %1 of %2").arg(VersionText::shortId(versionId), editor->title()),
                                 8000);
    });
    // Cancelled after it was sent (or its answer lost): the check outlives the dialog; the header follows the
    // server whatever it finds, and a deployment found applied is said where the person looks next.
    connect(dialog, &DeployDialog::outcomeCheckStarted, editor, [this, editor](WriteCheck *check, const QString &id) {
        connect(check, &WriteCheck::applied, editor, [this, editor, id] {
            editor->remote()->noteDeployed(id);
            const QString message = tr("Version %1 was deployed: the server applied it before the cancel reached it.")
                                        .arg(VersionText::shortId(id));
            editor->showNotice(message);
            statusBar()->showMessage(message, 10000);
            m_browser->refreshRoutes();
        });
        connect(check, &WriteCheck::settled, editor, [editor] {
            editor->remote()->refreshState([](const std::optional<ApiError> &, const QString &) {});
            if (RouteHistoryPanel *history = editor->historyPanel()) {
                history->refresh();
            }
        });
    });
    dialog->open();
}

LogsPage *MainWindow::showLogs(const QString &gatewayId, const QString &provider, const QString &model)
{
    LogsPage *page = nullptr;
    for (int i = 0; i < m_tabs->count() && !page; ++i) {
        auto *logs = qobject_cast<LogsPage *>(m_tabs->widget(i));
        if (logs && logs->property("gatewayId").toString() == gatewayId &&
            logs->property("client").value<QObject *>() == m_client) {
            page = logs;
        }
    }
    if (!page) {
        if (!m_client) {
            return nullptr;
        }
        page = new LogsPage;
        page->setProperty("gatewayId", gatewayId);
        page->setProperty("client", QVariant::fromValue<QObject *>(m_client));
        page->setGateway(m_client, gatewayId);
        const int index =
            m_tabs->addTab(page, QIcon(QStringLiteral(":/icons/logs.svg")), tr("Logs · %1").arg(gatewayId));
        m_tabs->setTabToolTip(index, tr("Logs of gateway %1").arg(gatewayId));
    }
    if (!model.isEmpty()) {
        page->showModelLogs(provider, model);
    }
    m_tabs->setCurrentWidget(page);
    updateCentralPage();
    return page;
}

void MainWindow::showModelLogsForSelection()
{
    RouteEditorPage *editor = currentEditor();
    if (!editor) {
        return;
    }
    const std::vector<std::string> ids = editor->scene()->selectedElementIds();
    const Element *element = ids.size() == 1 ? editor->route().find(ids.front()) : nullptr;
    if (!element || element->type != ElementType::Model) {
        statusBar()->showMessage(tr("Select one model node to see the logs it served"), 5000);
        return;
    }
    const QString gateway = editor->isRemote() ? editor->remote()->gatewayId() : m_browser->currentGatewayId();
    if (gateway.isEmpty()) {
        statusBar()->showMessage(tr("Connect and pick a gateway to see logs"), 5000);
        return;
    }
    showLogs(gateway, QString::fromStdString(element->model.provider.value_or("")),
             QString::fromStdString(element->model.model.value_or("")));
}

void MainWindow::updateRouteActions()
{
    RouteEditorPage *editor = currentEditor();
    const bool remote = editor && editor->isRemote() && !editor->isReadOnly();
    m_saveVersionAction->setEnabled(remote);
    m_deployAction->setEnabled(remote);
    m_logsAction->setEnabled(m_client && (remote || !m_browser->currentGatewayId().isEmpty()));
    m_modelLogsAction->setEnabled(editor != nullptr && m_client);
    m_saveAsAction->setEnabled(editor && !editor->isRemote());
}

// --- recent routes and open tabs

void MainWindow::addRecent(const QString &entry, const QString &label)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    // Stored as "entry\tlabel" so the menu can name routes without asking the server.
    recent.erase(
        std::remove_if(recent.begin(), recent.end(),
                       [&entry](const QString &line) { return line.section(QLatin1Char('\t'), 0, 0) == entry; }),
        recent.end());
    recent.prepend(entry + QLatin1Char('\t') + label);
    while (recent.size() > kMaxRecent) {
        recent.removeLast();
    }
    settings.setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    if (!m_recentMenu) {
        return;
    }
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString &line : recent) {
        const QString entry = line.section(QLatin1Char('\t'), 0, 0);
        const QString label = line.section(QLatin1Char('\t'), 1);
        QAction *action = m_recentMenu->addAction(label.isEmpty() ? entry : label);
        action->setToolTip(entry);
        connect(action, &QAction::triggered, this, [this, entry] { openRecent(entry); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent routes"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Menu"), this, [this] {
            QSettings().remove(kRecentKey);
            rebuildRecentMenu();
        });
    }
}

void MainWindow::openRecent(const QString &entry)
{
    if (entry.startsWith(QLatin1String("file:"))) {
        openRouteFile(entry.mid(5));
        return;
    }
    if (entry.startsWith(QLatin1String("route:"))) {
        const QStringList parts = entry.mid(6).split(QLatin1Char('|'));
        if (parts.size() != 3) {
            return;
        }
        if (parts[0] != connectionKey()) {
            statusBar()->showMessage(tr("That route belongs to another connection: switch to it first (File > "
                                        "Connection)"),
                                     8000);
            return;
        }
        openRemoteRoute(parts[1], parts[2]);
    }
}

QStringList MainWindow::openTabEntries() const
{
    QStringList entries;
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *editor = qobject_cast<RouteEditorPage *>(m_tabs->widget(i));
        if (!editor || editor->isReadOnly()) {
            continue;
        }
        if (editor->isRemote()) {
            // The tab's own connection: after a switch it is not the window's.
            entries << routeEntry(editor->remote()->connectionId(), editor->remote()->gatewayId(),
                                  editor->remote()->routeId());
        } else if (editor->canSaveInPlace()) {
            entries << QStringLiteral("file:") + editor->sourcePath();
        }
    }
    return entries;
}

void MainWindow::restoreOpenTabs()
{
    m_pendingTabs = QSettings().value(kOpenTabsKey).toStringList();
    for (const QString &entry : std::as_const(m_pendingTabs)) {
        if (entry.startsWith(QLatin1String("file:")) && QFileInfo::exists(entry.mid(5))) {
            openRouteFile(entry.mid(5));
        }
    }
    // Routes wait for the connection's first answer (useConnection), so they open against the right account,
    // and behind whatever tab is in front by then.
}

} // namespace rd
