#include "ui/MainWindow.h"

#include "app/AppInfo.h"
#include "app/DraftStore.h"
#include "app/LayoutStore.h"
#include "app/RouteFile.h"
#include "app/api/ApiClient.h"
#include "ui/RouteEditorPage.h"
#include "ui/WelcomePage.h"
#include "widgets/StatusIndicator.h"
#include "widgets/canvas/RouteView.h"

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
#include <QJsonObject>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
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
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::currentEditorChanged);

    m_undoGroup = new QUndoGroup(this);
    m_drafts = new DraftStore(DraftStore::defaultDirectory(), this);

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
    m_fileMenu->addAction(m_openExampleAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_connectAction);
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
    const RouteFileContent &document = *file.document();
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
    const bool builtIn = canonical.startsWith(QLatin1Char(':'));
    for (Route route : document.routes) {
        RouteDocument::Positions positions = RouteFile::takePositions(route);
        if (positions.empty() && !builtIn && document.routes.size() == 1) {
            // Saved without positions (by another tool): the layout the user last left it in, if any.
            positions = LayoutStore().load(LayoutStore::keyForFile(canonical));
        }
        auto *editor = addEditor(new RouteEditorPage(std::move(route), std::move(positions), canonical,
                                                     std::exchange(notes, {})),
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

bool MainWindow::closeRoute(int index)
{
    auto *editor = qobject_cast<RouteEditorPage *>(m_tabs->widget(index));
    if (editor && !maybeSave(editor)) {
        return false;
    }
    if (editor) {
        m_drafts->discard(draftKey(editor->sourcePath(), editor->route().name()));
        if (editor->canSaveInPlace()) {
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
    const int index = m_tabs->addTab(editor, editor->statusIcon(), editor->title());
    m_tabs->setTabToolTip(index, toolTip);
    m_undoGroup->addStack(editor->document()->undoStack());
    connect(editor, &RouteEditorPage::statusChanged, this, [this, editor] { updateTab(editor); });
    QJsonObject origin;
    origin.insert(QStringLiteral("file"), editor->sourcePath());
    m_drafts->watch(editor->document(), draftKey(editor->sourcePath(), editor->route().name()), origin);
    return editor;
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
    m_tabs->setTabIcon(index, editor->statusIcon());
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
    m_autoLayoutAction->setEnabled(hasEditor);
    m_canvasViewMenu->setEnabled(hasEditor);
    setWindowModified(editor && !editor->document()->isClean());
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
        return saveCurrentRoute();
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
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Route"), suggested,
                                                      tr("Route files (*.json);;All files (*)"));
    if (path.isEmpty()) {
        return false;
    }
    m_lastDirectory = QFileInfo(path).absolutePath();
    return saveRoute(editor, path);
}

bool MainWindow::saveRoute(RouteEditorPage *editor, const QString &path)
{
    const QString oldKey = draftKey(editor->sourcePath(), editor->route().name());
    QString error;
    if (!editor->save(path, &error)) {
        QMessageBox::warning(this, tr("Cannot Save Route"),
                             tr("\u201c%1\u201d could not be saved: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    m_drafts->discard(oldKey);
    QJsonObject origin;
    origin.insert(QStringLiteral("file"), editor->sourcePath());
    m_drafts->watch(editor->document(), draftKey(editor->sourcePath(), editor->route().name()), origin);
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
    QStringList problems;
    std::vector<Draft> drafts = m_drafts->pendingDrafts(&problems);
    if (drafts.empty()) {
        return;
    }
    QStringList names;
    for (const Draft &draft : drafts) {
        names << QStringLiteral("\u2022 %1 (%2)")
                     .arg(QString::fromStdString(draft.route.name()),
                          QLocale().toString(draft.savedAt.toLocalTime(), QLocale::ShortFormat));
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore Unsaved Work"),
                                tr("Route Designer closed with unsaved changes. Restore them?"),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("restoreDraftsBox"));
    box->setInformativeText(names.join(QLatin1Char('\n')));
    box->button(QMessageBox::Yes)->setText(tr("Restore"));
    box->button(QMessageBox::No)->setText(tr("Discard"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, drafts = std::move(drafts)](int result) {
        for (const Draft &draft : drafts) {
            if (result != QMessageBox::Yes) {
                m_drafts->discard(draft.key);
                continue;
            }
            const QString source = draft.origin.value(QStringLiteral("file")).toString();
            auto *editor = addEditor(new RouteEditorPage(draft.route, draft.positions, source, {}),
                                     tr("Restored from autosave"));
            // Restored work is unsaved work: mark it so, and keep the draft until it is saved.
            editor->document()->undoStack()->resetClean();
            updateTab(editor);
            m_tabs->setCurrentWidget(editor);
        }
        updateCentralPage();
    });
    box->open();
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

} // namespace rd
