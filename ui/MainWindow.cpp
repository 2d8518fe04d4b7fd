#include "ui/MainWindow.h"

#include "app/AppInfo.h"
#include "app/RouteFile.h"
#include "app/api/ApiClient.h"
#include "ui/RouteEditorPage.h"
#include "ui/WelcomePage.h"
#include "widgets/StatusIndicator.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUrl>

#include <utility>

namespace rd {

namespace {

const QString kExampleRoutePath = QStringLiteral(":/routes/demo-route.json");
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kLastDirectoryKey = QStringLiteral("mainWindow/lastDirectory");

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
    setWindowTitle(AppInfo::name());
    setWindowIcon(QIcon(QStringLiteral(":/icons/route-designer.svg")));
    setAcceptDrops(true);
    setUnifiedTitleAndToolBarOnMac(true);

    m_welcome = new WelcomePage;
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openRouteDialog);
    connect(m_welcome, &WelcomePage::exampleRequested, this, &MainWindow::openExampleRoute);

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

    m_pages = new QStackedWidget;
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_tabs);
    setCentralWidget(m_pages);

    createActions();
    createMenus();
    createToolBar();
    createStatusBar();
    readSettings();
    updateCentralPage();
}

MainWindow::~MainWindow() = default;

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
    m_connectAction->setToolTip(tr("Connect to Cloudflare (coming soon)"));
    m_connectAction->setEnabled(false);

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
    m_fileMenu->addAction(m_openExampleAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_connectAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_closeAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    // Filled in createToolBar() and createStatusBar(), once the things it toggles exist.
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));

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
    statusBar()->addPermanentWidget(m_connection);
    statusBar()->showMessage(tr("Ready"), 3000);

    m_viewMenu->addAction(m_statusBarAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_fullScreenAction);
}

void MainWindow::useConnection(ApiClient *client, const QString &name)
{
    m_connection->setText(tr("%1 · connecting…").arg(name));
    m_connection->setColor(QColor(0xE8, 0xA3, 0x17));
    m_connection->setToolTip(client->options().baseUrl.toString());
    client->listGateways({}, this, [this, name, url = client->options().baseUrl](const ApiResult<ListPage<Gateway>> &r) {
        if (!r) {
            m_connection->setText(tr("%1 · unavailable").arg(name));
            m_connection->setColor(QColor(0xD9, 0x30, 0x25));
            m_connection->setToolTip(r.error->toString());
            statusBar()->showMessage(r.error->summary, 10000);
            return;
        }
        const int count = static_cast<int>(r.value->items.size());
        m_connection->setText(count == 1 ? tr("%1 · 1 gateway").arg(name)
                                         : tr("%1 · %2 gateways").arg(name).arg(count));
        m_connection->setColor(QColor(0x1E, 0x8E, 0x3E));
        m_connection->setToolTip(tr("Connected to %1").arg(url.toString()));
    });
}

void MainWindow::readSettings()
{
    const QSettings settings;
    m_lastDirectory = settings.value(kLastDirectoryKey, QDir::homePath()).toString();
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First run: a comfortable size, centred, that still fits small laptop screens.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
        const QSize size(qMin(1200, available.width() * 9 / 10), qMin(780, available.height() * 9 / 10));
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
    for (const QString &file : files) {
        openRouteFile(file);
    }
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
        showOpenError(canonical, file.errorText());
        return false;
    }
    const RouteDocument &document = *file.document();
    if (document.routes.empty()) {
        showOpenError(canonical, tr("The file holds no routes."));
        return false;
    }

    // Decoding notes concern the whole file; with several routes they go with the first rather than repeat.
    std::vector<DecodeIssue> notes = file.warnings();
    RouteEditorPage *first = nullptr;
    int errors = 0;
    int warnings = 0;
    std::size_t elements = 0;
    for (const Route &route : document.routes) {
        auto *editor = new RouteEditorPage(route, canonical, std::exchange(notes, {}));
        const int index = m_tabs->addTab(editor, editor->statusIcon(), editor->title());
        m_tabs->setTabToolTip(index, canonical.startsWith(QLatin1Char(':')) ? tr("Built-in example")
                                                                            : QDir::toNativeSeparators(canonical));
        first = first ? first : editor;
        errors += editor->errorCount();
        warnings += editor->warningCount();
        elements += route.size();
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

void MainWindow::showOpenError(const QString &path, const QString &reason)
{
    // Window-modal and non-blocking: the window stays responsive and tests can inspect the box.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Open Route"),
                                tr("“%1” could not be opened as a route.").arg(QFileInfo(path).fileName()),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("openErrorBox"));
    box->setInformativeText(reason.isEmpty() ? tr("The file could not be read.") : reason);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeCurrentRoute()
{
    if (m_tabs->currentIndex() >= 0) {
        closeRoute(m_tabs->currentIndex());
    }
}

void MainWindow::closeRoute(int index)
{
    QWidget *page = m_tabs->widget(index);
    m_tabs->removeTab(index);
    delete page;
    updateCentralPage();
}

void MainWindow::updateCentralPage()
{
    const bool hasRoutes = m_tabs->count() > 0;
    m_pages->setCurrentWidget(hasRoutes ? static_cast<QWidget *>(m_tabs) : m_welcome);
    m_closeAction->setEnabled(hasRoutes);
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

} // namespace rd
