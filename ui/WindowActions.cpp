#include "ui/WindowActions.h"

#include <QAction>
#include <QIcon>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoGroup>

namespace rd {

WindowActions::WindowActions(QUndoGroup *undoGroup, QMainWindow *window) : QObject(window)
{
    open = make(tr("&Open Route…"), "openRouteAction", QStringLiteral(":/icons/open.svg"));
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    open->setStatusTip(tr("Open a route file: elements JSON, a route, or an API response"));
    open->setIconText(tr("Open"));
    openExample = make(tr("Open &Example Route"), "openExampleAction");
    openExample->setStatusTip(tr("Open a sample support-chat route to explore"));
    connectAccount = make(tr("&Connect to Cloudflare…"), "connectAction", QStringLiteral(":/icons/cloud.svg"));
    connectAccount->setIconText(tr("Connect"));
    connectAccount->setToolTip(tr("Connect to a Cloudflare account with an API token or a global key"));
    save = make(tr("&Save"), "saveAction");
    save->setShortcut(QKeySequence::Save);
    saveAs = make(tr("Save &As…"), "saveAsAction");
    saveAs->setShortcut(QKeySequence::SaveAs);
    exportImage = make(tr("&Export Image…"), "exportAction");
    exportImage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    close = make(tr("&Close Route"), "closeRouteAction");
    close->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    quit = make(tr("&Quit"), "quitAction");
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    undo = undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    redo = undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcut(QKeySequence::Redo);
    autoLayout = make(tr("&Auto Layout"), "autoLayoutAction");
    autoLayout->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    saveVersion = make(tr("&Save Version"), "saveVersionAction", QStringLiteral(":/icons/save.svg"));
    saveVersion->setIconText(tr("Save Version"));
    saveVersion->setToolTip(tr("Save the route as a new version on the server (Ctrl+S)"));
    deploy = make(tr("&Deploy…"), "deployAction", QStringLiteral(":/icons/deploy.svg"));
    deploy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    deploy->setToolTip(tr("Pick a version, review what changes, and deploy it (Ctrl+Shift+D)"));
    trace = make(tr("&Trace a Request"), "traceAction");
    trace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    trace->setToolTip(tr("Follow one request through the route, step by step (Ctrl+T)"));
    simulate = make(tr("Si&mulate Traffic"), "simulateAction");
    simulate->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    simulate->setToolTip(tr("Send thousands of simulated requests through the route and see how they split"));
    traffic = make(tr("Show Tra&ffic from Logs"), "trafficAction");
    traffic->setToolTip(tr("Draw on the route what it did: requests, errors, cost and latency from the gateway's "
                           "logs"));
    compareBranches = make(tr("&Compare Branches…"), "compareBranchesAction");
    compareBranches->setToolTip(tr("Compare the route's models since its deployment with Cloudflare's evaluators: "
                                   "requests, cost, speed and feedback side by side"));
    testRequest = make(tr("Send Test &Request…"), "testRequestAction");
    testRequest->setToolTip(tr("Send one real request through the route's deployed version on its gateway"));
    useRoute = make(tr("&Use This Route…"), "useRouteAction");
    useRoute->setToolTip(tr("How an application calls this route: the gateway's URLs, the metadata it reads, and "
                            "curl, Python and JavaScript to copy"));
    callersPassKeys = make(tr("Callers Pass Their Own Provider &Keys"), "callersPassKeysAction");
    callersPassKeys->setCheckable(true);
    callersPassKeys->setToolTip(tr("On this route's gateway, callers send their own provider keys: no warning for "
                                   "providers without a stored key"));
    logs = make(tr("Gateway &Logs"), "logsAction", QStringLiteral(":/icons/logs.svg"));
    logs->setIconText(tr("Logs"));
    logs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    logs->setToolTip(tr("Browse the logs of the current gateway (Ctrl+Shift+L)"));
    modelLogs = make(tr("Logs of the Selected &Model"), "modelLogsAction");
    modelLogs->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
    modelLogs->setToolTip(tr("Show the gateway's logs served by the selected model node"));
    analytics = make(tr("Gateway &Analytics"), "analyticsAction", QStringLiteral(":/icons/analytics.svg"));
    analytics->setIconText(tr("Analytics"));
    analytics->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    analytics->setToolTip(tr("Requests, errors, latency, tokens and cost of the current gateway over time, with "
                             "the route's deployments marked (Ctrl+Shift+A)"));
    evaluations = make(tr("Datasets and &Evaluations"), "evaluationsAction");
    evaluations->setToolTip(tr("The gateway's datasets (saved log filters) and the evaluations run over them"));

    statusBar = make(tr("Status &Bar"), "statusBarAction");
    statusBar->setCheckable(true);
    statusBar->setChecked(true);
    fullScreen = make(tr("&Full Screen"), "fullScreenAction");
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    about = make(tr("&About Route Designer"), "aboutAction");
    about->setMenuRole(QAction::AboutRole);
    aboutQt = make(tr("About &Qt"), "aboutQtAction");
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

QAction *WindowActions::make(const QString &text, const char *objectName, const QString &icon)
{
    auto *action = icon.isEmpty() ? new QAction(text, this) : new QAction(QIcon(icon), text, this);
    action->setObjectName(QString::fromLatin1(objectName));
    return action;
}

void WindowActions::install(QMainWindow *window)
{
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(open);
    recentMenu = file->addMenu(tr("Open &Recent"));
    recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addAction(openExample);
    file->addSeparator();
    connectionMenu = file->addMenu(tr("Co&nnection"));
    connectionMenu->setObjectName(QStringLiteral("connectionMenu"));
    file->addSeparator();
    file->addActions({save, saveAs, exportImage});
    file->addSeparator();
    file->addAction(close);
    file->addSeparator();
    file->addAction(quit);

    // Undo and redo follow the current tab's history; the rest are the current canvas's own actions.
    m_editMenu = bar->addMenu(tr("&Edit"));
    m_editMenu->setObjectName(QStringLiteral("editMenu"));
    QMenu *route = bar->addMenu(tr("&Route"));
    route->setObjectName(QStringLiteral("routeMenu"));
    route->addActions({saveVersion, deploy});
    route->addSeparator();
    route->addActions({trace, simulate, traffic, compareBranches, testRequest});
    route->addSeparator();
    route->addActions({useRoute, callersPassKeys});
    // A disabled action says why in its tip (Use This Route on a file route).
    route->setToolTipsVisible(true);
    route->addSeparator();
    route->addActions({logs, modelLogs, analytics, evaluations});

    viewMenu = bar->addMenu(tr("&View"));
    viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_canvasMenu = viewMenu->addMenu(tr("&Canvas"));
    m_canvasMenu->setObjectName(QStringLiteral("canvasMenu"));
    viewMenu->addSeparator();
    viewMenu->addAction(analytics);
    viewMenu->addSeparator();

    QToolBar *toolBar = window->addToolBar(tr("Main Toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(20, 20));
    toolBar->addAction(open);
    toolBar->addSeparator();
    toolBar->addAction(connectAccount);
    toolBar->addSeparator();
    toolBar->addActions({saveVersion, deploy, logs});
    QAction *toggle = toolBar->toggleViewAction();
    toggle->setText(tr("&Toolbar"));
    viewMenu->addAction(toggle);
    viewMenu->addAction(statusBar);
    viewMenu->addSeparator();
    viewMenu->addAction(fullScreen);

    QMenu *help = bar->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addActions({about, aboutQt});
}

void WindowActions::showEditorActions(const QList<QAction *> &editActions, const QList<QAction *> &viewActions)
{
    m_editMenu->clear();
    m_editMenu->addActions({undo, redo});
    if (!editActions.isEmpty()) {
        m_editMenu->addSeparator();
        m_editMenu->addActions(editActions);
    }
    m_canvasMenu->clear();
    if (!viewActions.isEmpty()) {
        m_canvasMenu->addActions(viewActions);
        m_canvasMenu->addSeparator();
    }
    m_canvasMenu->addAction(autoLayout);
    m_canvasMenu->setEnabled(!viewActions.isEmpty());
}

} // namespace rd
