#include "ui/MainWindow.h"

#include "app/AppInfo.h"
#include "app/ConnectionManager.h"
#include "app/ConnectionStore.h"
#include "app/DraftStore.h"
#include "app/LayoutStore.h"
#include "app/RemoteRoute.h"
#include "app/RouteSource.h"
#include "app/SessionStore.h"
#include "app/api/ApiClient.h"
#include "ui/GatewayBrowser.h"
#include "ui/LogsPage.h"
#include "ui/RecentMenu.h"
#include "ui/RouteEditorPage.h"
#include "ui/RouteUseFlow.h"
#include "ui/WelcomePage.h"
#include "ui/WindowActions.h"
#include "ui/analytics/AnalyticsPage.h"
#include "ui/analytics/AnalyticsRoutePicker.h"
#include "ui/compare/CompareBranchesDialog.h"
#include "ui/engine/RequestContextEditor.h"
#include "ui/engine/RouteEnginePanels.h"
#include "ui/engine/TestRequestDialog.h"
#include "ui/engine/TracePanel.h"
#include "ui/evaluations/EvaluationsPage.h"
#include "ui/gateway/GatewayAdmin.h"
#include "widgets/ApiActivityBar.h"
#include "widgets/StatusIndicator.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUrl>

#include <memory>
#include <utility>

namespace rd {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");

QList<QString> localFiles(const QMimeData *mime)
{
    QList<QString> files;
    for (const QUrl &url : mime && mime->hasUrls() ? mime->urls() : QList<QUrl>()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile()) {
            files << url.toLocalFile();
        }
    }
    return files;
}

} // namespace

MainWindow::MainWindow(const AppServices &services, QWidget *parent) : QMainWindow(parent), m_services(services)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(AppInfo::name() + QStringLiteral("[*]"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/route-designer.svg")));
    setAcceptDrops(true);
    setUnifiedTitleAndToolBarOnMac(true);

    m_tabs = new RouteTabs;
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeRoute);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::currentEditorChanged);
    connect(m_tabs, &RouteTabs::editorChanged, this, [this](RouteEditorPage *editor) {
        if (editor == currentEditor()) {
            setWindowModified(!editor->document()->isClean());
        }
    });
    m_activity = new ApiActivityBar;
    m_activity->setObjectName(QStringLiteral("windowActivity"));
    m_saveFlow = new RouteSaveFlow(services, m_tabs, this);
    connect(m_saveFlow, &RouteSaveFlow::message, statusBar(), &QStatusBar::showMessage);
    m_serverRoutes = new ServerRoutes(services, m_tabs, m_saveFlow, m_activity, this);
    connect(m_serverRoutes, &ServerRoutes::message, statusBar(), &QStatusBar::showMessage);
    connect(m_serverRoutes, &ServerRoutes::editorCreated, this, &MainWindow::addTabFrom);
    m_routeUse = new RouteUseFlow(services.connections, this);
    m_fileRoutes = new FileRoutes(services.session, m_tabs, this);
    connect(m_fileRoutes, &FileRoutes::message, statusBar(), &QStatusBar::showMessage);
    connect(m_fileRoutes, &FileRoutes::editorCreated, this, &MainWindow::addTabFrom);
    m_connectionControls = new ConnectionControls(services.connections, this);
    connect(m_connectionControls, &ConnectionControls::message, statusBar(), &QStatusBar::showMessage);
    connect(services.connections, &ConnectionManager::clientChanged, this, &MainWindow::connectionChanged);

    m_welcome = new WelcomePage;
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openRouteDialog);
    connect(m_welcome, &WelcomePage::exampleRequested, this, &MainWindow::openExampleRoute);
    connect(m_welcome, &WelcomePage::connectRequested, m_connectionControls, &ConnectionControls::newConnection);
    m_pages = new QStackedWidget;
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_tabs);
    setCentralWidget(m_pages);

    createBrowserDock();
    // After the browser's handlers: drafts of routes the session reopens go into those tabs.
    m_draftRestorer = new DraftRestorer(this, services.drafts);

    m_actions = new WindowActions(m_tabs->undoGroup(), this);
    m_actions->install(this);
    m_connectionControls->setMenu(m_actions->connectionMenu);
    connect(new RecentMenu(services.session, m_actions->recentMenu), &RecentMenu::openRequested, this,
            &MainWindow::openEntry);
    connectActions();
    createStatusBar();
    m_actions->viewMenu->insertAction(m_actions->statusBar, m_browserDock->toggleViewAction());
    m_browserDock->toggleViewAction()->setText(tr("&Gateways Panel"));
    m_browserDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    if (!restoreGeometry(QSettings().value(kGeometryKey).toByteArray())) {
        // First run: a comfortable size, centred, that still fits small laptop screens.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
        const QSize size(qMin(1440, available.width() * 9 / 10), qMin(900, available.height() * 9 / 10));
        resize(size);
        move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    }
    restoreState(QSettings().value(kStateKey).toByteArray());
    m_actions->statusBar->setChecked(!statusBar()->isHidden());
    updateCentralPage();
}

MainWindow::~MainWindow()
{
    // The browser outlives this destructor's body (children go in ~QWidget): nothing it says while its calls
    // are cancelled may reach a window that is already half gone. The services outlive the window.
    m_browser->disconnect(this);
    m_services.connections->disconnect(this);
}

void MainWindow::createBrowserDock()
{
    m_browser = new GatewayBrowser;
    connect(m_browser, &GatewayBrowser::openRouteRequested, this,
            [this](const QString &gateway, const QString &route, const QString &name) {
                openRemoteRoute(gateway, route, name);
            });
    connect(m_browser, &GatewayBrowser::gatewaysFailed, m_connectionControls, &ConnectionControls::showUnavailable);
    connect(m_browser, &GatewayBrowser::gatewaysLoaded, this, [this](int count) {
        // Routes that were open when the window last closed, now that the account answers.
        for (const RouteEntry &entry : std::exchange(m_pendingTabs, {})) {
            if (!entry.isFile() && entry.connectionId == m_services.connections->currentId()) {
                m_serverRoutes->open(entry.gatewayId, entry.routeId, QString(), true);
            } else if (!entry.isFile()) {
                openEntry(entry); // says whose it is
            }
        }
        m_connectionControls->showGateways(count);
    });
    connect(m_browser, &GatewayBrowser::logsRequested, this, [this](const QString &gateway) { showLogs(gateway); });
    connect(m_browser, &GatewayBrowser::analyticsRequested, this,
            [this](const QString &gateway) { showAnalytics(gateway); });
    connect(m_browser, &GatewayBrowser::evaluationsRequested, this,
            [this](const QString &gateway) { showEvaluations(gateway); });
    connect(m_browser, &GatewayBrowser::gatewayChanged, this, [this](const QString &gateway) {
        m_services.session->setLastGateway(gateway);
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
    connect(m_saveFlow, &RouteSaveFlow::routesChanged, m_browser, &GatewayBrowser::refreshRoutes);
    connect(m_serverRoutes, &ServerRoutes::routesChanged, m_browser, &GatewayBrowser::refreshRoutes);
    m_browserDock = new QDockWidget(tr("Gateways"), this);
    m_browserDock->setObjectName(QStringLiteral("gatewayDock"));
    m_browserDock->setWidget(m_browser);
    m_browserDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::LeftDockWidgetArea, m_browserDock);
    resizeDocks({m_browserDock}, {280}, Qt::Horizontal);
}

void MainWindow::connectActions()
{
    WindowActions *a = m_actions;
    connect(a->open, &QAction::triggered, this, &MainWindow::openRouteDialog);
    connect(a->openExample, &QAction::triggered, this, &MainWindow::openExampleRoute);
    connect(a->connectAccount, &QAction::triggered, m_connectionControls, &ConnectionControls::newConnection);
    connect(a->save, &QAction::triggered, this, [this] { m_saveFlow->save(currentEditor()); });
    connect(a->saveAs, &QAction::triggered, this, [this] { m_saveFlow->saveAs(currentEditor()); });
    connect(a->exportImage, &QAction::triggered, this, [this] { m_saveFlow->exportImage(currentEditor()); });
    connect(a->close, &QAction::triggered, this, &MainWindow::closeCurrentRoute);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->autoLayout, &QAction::triggered, this, [this] {
        if (RouteEditorPage *editor = currentEditor()) {
            editor->autoLayout();
        }
    });
    connect(a->saveVersion, &QAction::triggered, this, [this] { m_saveFlow->saveVersion(currentEditor()); });
    connect(a->deploy, &QAction::triggered, this, [this] { m_saveFlow->deploy(currentEditor()); });
    connect(a->logs, &QAction::triggered, this, [this] {
        RouteEditorPage *editor = currentEditor();
        const QString gateway =
            editor && editor->isRemote() ? editor->remote()->gatewayId() : m_browser->currentGatewayId();
        if (!gateway.isEmpty()) {
            showLogs(gateway);
        }
    });
    connect(a->analytics, &QAction::triggered, this, [this] {
        RouteEditorPage *editor = currentEditor();
        const QString gateway =
            editor && editor->isRemote() ? editor->remote()->gatewayId() : m_browser->currentGatewayId();
        if (AnalyticsPage *page = gateway.isEmpty() ? nullptr : showAnalytics(gateway);
            page && editor && editor->isRemote()) {
            page->routePicker()->selectRouteByName(editor->remote()->name());
        }
    });
    connect(a->modelLogs, &QAction::triggered, this, &MainWindow::showModelLogsForSelection);
    connect(a->evaluations, &QAction::triggered, this, [this] {
        RouteEditorPage *editor = currentEditor();
        const QString gateway =
            editor && editor->isRemote() ? editor->remote()->gatewayId() : m_browser->currentGatewayId();
        if (!gateway.isEmpty()) {
            showEvaluations(gateway);
        }
    });
    connect(a->trace, &QAction::triggered, this, [this] {
        if (RouteEditorPage *editor = currentEditor()) {
            editor->engine()->showTrace();
        }
    });
    connect(a->simulate, &QAction::triggered, this, [this] {
        if (RouteEditorPage *editor = currentEditor()) {
            editor->engine()->showSimulate();
        }
    });
    connect(a->traffic, &QAction::triggered, this, [this] {
        if (RouteEditorPage *editor = currentEditor()) {
            editor->engine()->showTraffic();
        }
    });
    connect(a->compareBranches, &QAction::triggered, this, &MainWindow::compareBranches);
    connect(a->testRequest, &QAction::triggered, this, &MainWindow::sendTestRequest);
    connect(a->useRoute, &QAction::triggered, this, [this] { m_routeUse->open(currentEditor(), this); });
    connect(a->callersPassKeys, &QAction::toggled, this,
            [this](bool on) { m_routeUse->setCallersPassKeys(currentEditor(), on); });
    connect(m_routeUse, &RouteUseFlow::keysChanged, this, &MainWindow::updateRouteActions);
    connect(m_browser->admin(), &GatewayAdmin::providerKeyAdded, m_routeUse, &RouteUseFlow::refreshKeys);
    connect(a->statusBar, &QAction::toggled, this, [this](bool on) { statusBar()->setVisible(on); });
    connect(a->fullScreen, &QAction::toggled, this,
            [this](bool on) { setWindowState(windowState().setFlag(Qt::WindowFullScreen, on)); });
    connect(a->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a->aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    statusBar()->addPermanentWidget(m_activity);
    statusBar()->addPermanentWidget(m_connectionControls->indicator());
    statusBar()->showMessage(tr("Ready"), 3000);
}

// --- connections

void MainWindow::connectionChanged(ApiClient *client, const QString &name)
{
    m_browser->setClient(client, m_services.session->lastGateway());
    m_browserDock->setWindowTitle(tr("Gateways · %1").arg(name));
    updateRouteActions();
    // The browser's own gateway list answers for the status too (see createBrowserDock): one request, not two.
    // Tabs keep their own account; their headers say when it is no longer the window's.
    for (RouteEditorPage *editor : m_tabs->editors()) {
        if (editor->isRemote()) {
            editor->setWindowConnection(m_services.connections->currentId(), name);
        }
    }
}

// --- files

// --- tabs

void MainWindow::closeCurrentRoute()
{
    if (m_tabs->currentIndex() >= 0) {
        closeRoute(m_tabs->currentIndex());
    }
}

void MainWindow::closeRoute(int index)
{
    RouteEditorPage *editor = m_tabs->editorAt(index);
    if (!editor) {
        m_tabs->removePage(index); // a logs page
        updateCentralPage();
        return;
    }
    QPointer<RouteEditorPage> page(editor);
    m_saveFlow->askBeforeClosing(editor, [this, page](bool mayClose) {
        if (mayClose && page) {
            removeEditor(page);
        }
    });
}

void MainWindow::removeEditor(RouteEditorPage *editor)
{
    // Saved or deliberately discarded: no unsaved work is left to keep.
    m_services.drafts->discard(m_services.drafts->keyOf(editor->document()));
    m_tabs->removePage(m_tabs->indexOf(editor));
    updateCentralPage();
}

RouteEditorPage *MainWindow::addEditor(RouteEditorPage *editor, const QString &toolTip)
{
    m_tabs->addEditor(editor, toolTip);
    m_routeUse->attach(editor);
    // One layout at a time per route: the action comes back when the current route's layout is done.
    connect(editor, &RouteEditorPage::layoutRunningChanged, this, [this, editor] {
        if (editor == currentEditor()) {
            m_actions->autoLayout->setEnabled(!editor->isLayoutRunning());
        }
    });
    connect(editor, &RouteEditorPage::statusMessage, statusBar(), &QStatusBar::showMessage);
    if (editor->isLayoutRunning()) {
        // Started while the page was being built, before anything listened.
        statusBar()->showMessage(tr("Laying out %1\u2026").arg(editor->title()));
    }
    if (!editor->isReadOnly()) {
        m_saveFlow->watchDraft(editor);
        m_draftRestorer->editorAdded(editor);
    }
    return editor;
}

void MainWindow::addRouteTab(RouteEditorPage *editor, const QString &toolTip)
{
    addTabFrom(editor, toolTip, true);
}

void MainWindow::addTabFrom(RouteEditorPage *editor, const QString &toolTip, bool toFront)
{
    addEditor(editor, toolTip);
    if (toFront) {
        m_tabs->setCurrentWidget(editor);
    }
    updateCentralPage();
}

void MainWindow::currentEditorChanged()
{
    RouteEditorPage *editor = currentEditor();
    const bool hasEditor = editor != nullptr;
    m_actions->showEditorActions(hasEditor ? editor->view()->editActions() : QList<QAction *>(),
                                 hasEditor ? editor->view()->viewActions() : QList<QAction *>());
    m_actions->save->setEnabled(hasEditor);
    m_actions->exportImage->setEnabled(hasEditor);
    m_actions->autoLayout->setEnabled(hasEditor && !editor->isLayoutRunning());
    setWindowModified(editor && !editor->document()->isClean());
    // The route in front names the window, as document apps do; the mark follows its unsaved changes.
    setWindowTitle(editor ? QStringLiteral("%1[*] — %2").arg(editor->title(), AppInfo::name())
                          : AppInfo::name() + QStringLiteral("[*]"));
    updateRouteActions();
}

void MainWindow::updateCentralPage()
{
    const bool hasRoutes = m_tabs->count() > 0;
    m_pages->setCurrentWidget(hasRoutes ? static_cast<QWidget *>(m_tabs) : m_welcome);
    m_actions->close->setEnabled(hasRoutes);
    currentEditorChanged();
}

void MainWindow::updateRouteActions()
{
    RouteEditorPage *editor = currentEditor();
    const bool remote = editor && editor->source()->canDeploy();
    const bool connected = client() != nullptr;
    m_actions->saveVersion->setEnabled(remote);
    m_actions->deploy->setEnabled(remote);
    m_actions->logs->setEnabled(connected && (remote || !m_browser->currentGatewayId().isEmpty()));
    m_actions->analytics->setEnabled(m_actions->logs->isEnabled());
    m_actions->modelLogs->setEnabled(editor != nullptr && connected);
    m_actions->evaluations->setEnabled(m_actions->logs->isEnabled());
    m_actions->trace->setEnabled(editor != nullptr);
    m_actions->simulate->setEnabled(editor != nullptr);
    m_actions->traffic->setEnabled(editor && editor->isRemote());
    m_actions->compareBranches->setEnabled(editor && editor->isRemote());
    m_actions->testRequest->setEnabled(editor && editor->isRemote() && !editor->isReadOnly());
    m_actions->saveAs->setEnabled(editor && editor->source()->kind() == RouteSource::Kind::File);
    m_routeUse->updateActions(editor, m_actions->useRoute, m_actions->callersPassKeys);
}

// --- server routes and logs

void MainWindow::openRemoteRoute(const QString &gatewayId, const QString &routeId, const QString &name)
{
    m_serverRoutes->open(gatewayId, routeId, name);
    updateCentralPage();
}

LogsPage *MainWindow::showLogs(const QString &gatewayId, const QString &provider, const QString &model)
{
    LogsPage *page = m_tabs->showLogs(client(), gatewayId);
    if (page && !model.isEmpty()) {
        page->showModelLogs(provider, model);
    }
    updateCentralPage();
    return page;
}

AnalyticsPage *MainWindow::showAnalytics(const QString &gatewayId)
{
    AnalyticsPage *page = m_tabs->showAnalytics(client(), gatewayId);
    updateCentralPage();
    return page;
}

LogsPage *MainWindow::showLogsFiltered(const QString &gatewayId, const std::vector<LogFilter> &filters)
{
    LogsPage *page = m_tabs->showLogs(client(), gatewayId);
    if (page) {
        page->showFilters(filters);
    }
    updateCentralPage();
    return page;
}

EvaluationsPage *MainWindow::showEvaluations(const QString &gatewayId)
{
    const bool isNew = m_tabs->findEvaluations(client(), gatewayId) == nullptr;
    EvaluationsPage *page = m_tabs->showEvaluations(client(), gatewayId);
    if (page && isNew) {
        connect(page, &EvaluationsPage::logsRequested, this,
                [this](const QString &gateway, const std::vector<LogFilter> &filters) {
                    showLogsFiltered(gateway, filters);
                });
    }
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

// --- the session

void MainWindow::openEntry(const RouteEntry &entry)
{
    if (entry.isFile()) {
        openRouteFile(entry.path);
    } else if (entry.connectionId != m_services.connections->currentId()) {
        statusBar()->showMessage(tr("That route belongs to another connection: switch to it first (File > "
                                    "Connection)"),
                                 8000);
    } else {
        openRemoteRoute(entry.gatewayId, entry.routeId);
    }
}

void MainWindow::restoreOpenTabs()
{
    m_pendingTabs = m_services.session->openTabs();
    for (const RouteEntry &entry : std::as_const(m_pendingTabs)) {
        if (entry.isFile() && QFileInfo::exists(entry.path)) {
            openRouteFile(entry.path);
        }
    }
    // Routes wait for the connection's first answer (the browser's gateway list), so they open against the
    // right account, and behind whatever tab is in front by then.
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (RouteEditorPage *editor : m_tabs->editors()) {
        if (editor->document()->isClean()) {
            continue;
        }
        if (m_saveFlow->isClosing(editor)) {
            event->ignore(); // its version is being saved: the window closes when the server has it
            return;
        }
        m_tabs->setCurrentWidget(editor);
        // Answered at once, except a version being saved: then the window waits and closes itself once it is
        // saved (or stays, saying why, when it is not).
        auto answer = std::make_shared<std::optional<bool>>();
        auto asking = std::make_shared<bool>(true);
        QPointer<MainWindow> self(this);
        m_saveFlow->askBeforeClosing(editor, [answer, asking, self](bool mayClose) {
            if (*asking) {
                *answer = mayClose;
            } else if (mayClose && self) {
                QMetaObject::invokeMethod(self, &QWidget::close, Qt::QueuedConnection);
            }
        });
        *asking = false;
        if (!answer->value_or(false)) {
            event->ignore();
            return;
        }
    }
    // Each tab's changes were saved or deliberately discarded: their drafts go. Drafts not restored (another
    // connection's, or "Later") belong to no tab and stay for the next start.
    for (RouteEditorPage *editor : m_tabs->editors()) {
        const QString key = m_services.drafts->keyOf(editor->document());
        m_services.drafts->unwatch(key);
        m_services.drafts->discard(key);
    }
    m_services.session->setOpenTabs(m_tabs->sessionEntries());
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
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
    if (!files.isEmpty()) {
        event->acceptProposedAction();
        openRouteFiles(files);
    }
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

// --- the engine

void MainWindow::sendTestRequest()
{
    RouteEditorPage *editor = currentEditor();
    if (!editor || !editor->remote()) {
        return;
    }
    RemoteRoute *remote = editor->remote();
    ConnectionManager *connections = m_services.connections;
    TestRequestDialog::Target target;
    target.client = remote->client();
    target.connectionId = remote->connectionId();
    target.gatewayId = remote->gatewayId();
    target.routeName = remote->name().isEmpty() ? QString::fromStdString(editor->route().name()) : remote->name();
    target.deployedVersionId = remote->deployedVersionId();
    if (remote->client() == connections->sandboxClient()) {
        target.knownGatewayToken = connections->sandboxGatewayToken();
    }
    SecretStore *secrets = connections->store() ? connections->store()->secrets() : nullptr;
    auto *dialog = new TestRequestDialog(target, editor->document(), secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMetadata(editor->engine()->trace()->requestEditor()->metadata());
    QPointer<RouteEditorPage> page = editor;
    connect(dialog, &TestRequestDialog::traceFound, this,
            [page](const TraceSearch::Match &match, const Json &metadata) {
                if (page) {
                    page->engine()->showMatch(match, metadata);
                }
            });
    dialog->show();
}

CompareBranchesDialog *MainWindow::compareBranches()
{
    RouteEditorPage *editor = currentEditor();
    if (!editor || !editor->remote()) {
        return nullptr;
    }
    RemoteRoute *remote = editor->remote();
    const QString name = remote->name().isEmpty() ? QString::fromStdString(editor->route().name()) : remote->name();
    // The models of the route as the tab shows it: a model added in a draft has no logs yet and reads so.
    auto *dialog = new CompareBranchesDialog(remote->client(), remote->gatewayId(), remote->routeId(), editor->route(),
                                             name, this);
    connect(dialog, &CompareBranchesDialog::logsRequested, this,
            [this](const QString &gatewayId, const std::vector<LogFilter> &filters) {
                showLogsFiltered(gatewayId, filters);
            });
    dialog->show();
    return dialog;
}

} // namespace rd
