#include "app/DraftStore.h"
#include "app/RouteFile.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "model/Finding.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "support/RouteGenerator.h"
#include "support/TestWindow.h"
#include "ui/GatewayBrowser.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"
#include "ui/WelcomePage.h"
#include "ui/shell/LocalSandbox.h"
#include "widgets/StatusIndicator.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoGroup>
#include <QUndoStack>

#include <algorithm>
#include <memory>

using rd::MainWindow;
using rd::RouteEditorPage;
using rd::TestWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void titleAndWelcomePage();
    void fileMenuHasOpenAndQuit();
    void openDemoRoute();
    void openExampleFromResources();
    void openingTwiceReusesTheTab();
    void closingLastRouteShowsWelcome();
    void brokenFileShowsTheDecodeIssue();
    void statusShowsTheLocalSandbox();
    void editMarksTheTabAndUndoClearsIt();
    void saveAndReopenKeepsPositions();
    void draftIsRestoredAfterACrash();
    void exportsPngAndSvg();
    void statusShowsAnUnreachableServer();
    void closingWhileTheGatewaysLoadIsSafe();
    void autoLayoutRunsInTheBackground();
    void autoLayoutIsDiscardedWhenTheRouteChanges();
    void largeRouteWithoutPositionsIsLaidOutInTheBackground();

private:
    static QAction *findAction(QMenu *menu, const QString &objectName);
    static void saveScreenshot(QWidget *widget, const QString &name);
};

void TestMainWindow::initTestCase()
{
    // Keeps QSettings away from the developer's real configuration.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("Route Designer Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

QAction *TestMainWindow::findAction(QMenu *menu, const QString &objectName)
{
    const QList<QAction *> actions = menu->actions();
    const auto it =
        std::find_if(actions.begin(), actions.end(), [&](const QAction *a) { return a->objectName() == objectName; });
    return it == actions.end() ? nullptr : *it;
}

void TestMainWindow::saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        // Item views settle their scroll bars on a timer; grab what a user would see, not the first frame.
        QTest::qWait(200);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
    }
}

void TestMainWindow::titleAndWelcomePage()
{
    TestWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // "[*]" is Qt's placeholder for the unsaved-changes mark; it is not shown.
    QCOMPARE(window.windowTitle(), QStringLiteral("Route Designer[*]"));
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.welcomePage()->isVisible());
    QVERIFY(!window.routeTabs()->isVisible());
    QCOMPARE(window.routeTabs()->count(), 0);
    saveScreenshot(&window, QStringLiteral("welcome.png"));
}

void TestMainWindow::fileMenuHasOpenAndQuit()
{
    TestWindow window;
    auto *fileMenu = window.menuBar()->findChild<QMenu *>(QStringLiteral("fileMenu"));
    QVERIFY(fileMenu);

    QAction *open = findAction(fileMenu, QStringLiteral("openRouteAction"));
    QVERIFY(open);
    QCOMPARE(open->shortcut(), QKeySequence(QStringLiteral("Ctrl+O")));
    QVERIFY(open->isEnabled());

    QAction *quit = findAction(fileMenu, QStringLiteral("quitAction"));
    QVERIFY(quit);
    QCOMPARE(quit->shortcut(), QKeySequence(QStringLiteral("Ctrl+Q")));

    auto *helpMenu = window.menuBar()->findChild<QMenu *>(QStringLiteral("helpMenu"));
    QVERIFY(helpMenu);
    QVERIFY(findAction(helpMenu, QStringLiteral("aboutAction")));
}

void TestMainWindow::openDemoRoute()
{
    TestWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    QCOMPARE(window.routeTabs()->count(), 1);
    QVERIFY(window.routeTabs()->isVisible());
    QVERIFY(!window.welcomePage()->isVisible());
    QCOMPARE(window.routeTabs()->tabText(0), QStringLiteral("support-chat"));

    RouteEditorPage *editor = window.currentEditor();
    QVERIFY(editor);
    QCOMPARE(editor->route().size(), std::size_t{9});
    // Every element is on the canvas, laid out (the file has no positions), left to right.
    QCOMPARE(editor->scene()->elementCount(), std::size_t{9});
    QCOMPARE(editor->document()->positions().size(), std::size_t{9});
    QVERIFY(editor->document()->position("start")->x() < editor->document()->position("end")->x());
    QCOMPARE(editor->errorCount(), 0);
    for (const rd::Finding &finding : editor->findings()) {
        qInfo("finding: %s %s", finding.code.c_str(), finding.message.c_str());
    }
    saveScreenshot(&window, QStringLiteral("demo-route.png"));
}

void TestMainWindow::openExampleFromResources()
{
    TestWindow window;
    window.openExampleRoute();
    QCOMPARE(window.routeTabs()->count(), 1);
    QVERIFY(window.currentEditor());
    QCOMPARE(window.currentEditor()->route().size(), std::size_t{9});
}

void TestMainWindow::openingTwiceReusesTheTab()
{
    TestWindow window;
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    QCOMPARE(window.routeTabs()->count(), 1);
}

void TestMainWindow::closingLastRouteShowsWelcome()
{
    TestWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    QVERIFY(!window.welcomePage()->isVisible());

    window.closeCurrentRoute();
    QCOMPARE(window.routeTabs()->count(), 0);
    QVERIFY(window.welcomePage()->isVisible());
}

void TestMainWindow::brokenFileShowsTheDecodeIssue()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("broken.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\n  \"elements\": [\n    {\"id\": \"start\",, }\n  ]\n}\n");
    file.close();

    TestWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.openRouteFile(path));
    QCOMPARE(window.routeTabs()->count(), 0);

    auto *box = window.findChild<QMessageBox *>(QStringLiteral("openErrorBox"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("broken.json")));
    // The decode issue names where the text went wrong.
    QVERIFY2(box->informativeText().contains(QStringLiteral("line 3")), qPrintable(box->informativeText()));
    saveScreenshot(box, QStringLiteral("open-error.png"));
    box->close();
}

namespace {

QString copyDemoTo(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("support-chat.json"));
    QFile::remove(path);
    QFile::copy(QStringLiteral(RD_DEMO_ROUTE), path);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

void clearDrafts()
{
    QDir(rd::DraftStore::defaultDirectory()).removeRecursively();
}

} // namespace

void TestMainWindow::editMarksTheTabAndUndoClearsIt()
{
    clearDrafts();
    QTemporaryDir dir;
    TestWindow window;
    window.show();
    QVERIFY(window.openRouteFile(copyDemoTo(dir)));
    RouteEditorPage *editor = window.currentEditor();
    const std::string before = rd::RouteCodec::encodeRoute(editor->route()).dump();

    editor->document()->addElement(rd::ElementType::Model, QPointF(40, 40));
    QVERIFY(window.routeTabs()->tabText(0).endsWith(QStringLiteral("\u2022")));
    QVERIFY(window.undoGroup()->canUndo());
    window.undoGroup()->undo();
    QCOMPARE(window.routeTabs()->tabText(0), QStringLiteral("support-chat"));
    QCOMPARE(rd::RouteCodec::encodeRoute(editor->route()).dump(), before);
}

void TestMainWindow::saveAndReopenKeepsPositions()
{
    clearDrafts();
    QTemporaryDir dir;
    const QString path = copyDemoTo(dir);
    {
        TestWindow window;
        window.show();
        QVERIFY(window.openRouteFile(path));
        RouteEditorPage *editor = window.currentEditor();
        editor->document()->moveElements({{"gpt4o_mini", QPointF(1000, 620)}});
        QVERIFY(window.saveRoute(editor, path));
        QVERIFY(editor->document()->isClean());
        QCOMPARE(window.routeTabs()->tabText(0), QStringLiteral("support-chat"));
    }
    // The file is the API's format plus our positions key, which never reaches the route's fields.
    auto json = rd::JsonText::readFile(QFile::encodeName(path).toStdString());
    QVERIFY(json);
    QVERIFY(json.value->contains(rd::RouteFile::kLayoutKey));
    const rd::RouteFile file = rd::RouteFile::open(path);
    QVERIFY(file.isValid());
    rd::Route route = file.document()->routes.front();
    const auto positions = rd::RouteFile::takePositions(route);
    QCOMPARE(positions.size(), std::size_t{9});
    QVERIFY(rd::RouteCodec::encodeCreateBody(route).dump().find(rd::RouteFile::kLayoutKey) == std::string::npos);

    TestWindow reopened;
    QVERIFY(reopened.openRouteFile(path));
    QCOMPARE(*reopened.currentEditor()->document()->position("gpt4o_mini"), QPointF(1000, 620));
}

void TestMainWindow::draftIsRestoredAfterACrash()
{
    clearDrafts();
    QTemporaryDir dir;
    const QString path = copyDemoTo(dir);
    std::string edited;
    {
        auto *window = new TestWindow;
        QVERIFY(window->openRouteFile(path));
        RouteEditorPage *editor = window->currentEditor();
        editor->document()->addElement(rd::ElementType::End, QPointF(80, 600));
        edited = rd::RouteCodec::encodeRoute(editor->route()).dump();
        window->drafts()->flush();
        // A crash: no close, no save, no questions.
        window->setAttribute(Qt::WA_DeleteOnClose, false);
        delete window;
    }
    TestWindow window;
    window.show();
    window.offerDraftRestore();
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("restoreDraftsBox"));
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("support-chat")));
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(window.routeTabs()->count(), 1);
    RouteEditorPage *editor = window.currentEditor();
    QCOMPARE(rd::RouteCodec::encodeRoute(editor->route()).dump(), edited);
    QVERIFY(!editor->document()->isClean());
    QVERIFY(window.routeTabs()->tabText(0).endsWith(QStringLiteral("\u2022")));
    clearDrafts();
}

void TestMainWindow::exportsPngAndSvg()
{
    QTemporaryDir dir;
    TestWindow window;
    window.show();
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    RouteEditorPage *editor = window.currentEditor();
    QString error;
    const QString png = dir.filePath(QStringLiteral("route.png"));
    QVERIFY2(editor->exportImage(png, &error), qPrintable(error));
    QImage image(png);
    QVERIFY(image.width() > 800);
    const QString svg = dir.filePath(QStringLiteral("route.svg"));
    QVERIFY2(editor->exportImage(svg, &error), qPrintable(error));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("<svg"));
    saveScreenshot(&window, QStringLiteral("canvas.png"));
}

void TestMainWindow::statusShowsTheLocalSandbox()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    rd::LocalSandbox sandbox(dir.filePath(QStringLiteral("sandbox.sqlite")));
    QString error;
    QVERIFY2(sandbox.start(&error), qPrintable(error));

    TestWindow window;
    window.show();
    window.useConnection(sandbox.client(), QStringLiteral("Local sandbox"));
    QVERIFY(window.connectionIndicator()->text().contains(QStringLiteral("connecting")));
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionIndicator()->text(), QStringLiteral("Local sandbox \u00b7 1 gateway"),
                              10000);
    QVERIFY(window.connectionIndicator()->toolTip().contains(QStringLiteral("127.0.0.1")));
    saveScreenshot(&window, QStringLiteral("connected.png"));
}

// Quitting while the first answer is still on its way (a slow server at start-up) must not crash: the window's
// parts go in one order, the calls they started are cancelled and answer into what is left of it.
void TestMainWindow::closingWhileTheGatewaysLoadIsSafe()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    rd::LocalSandbox sandbox(dir.filePath(QStringLiteral("sandbox.sqlite")));
    QString error;
    QVERIFY2(sandbox.start(&error), qPrintable(error));
    rd::FaultSpec slow;
    slow.kind = rd::FaultSpec::Kind::Slow;
    slow.count = 4;
    slow.delayMs = 600;
    slow.method = QStringLiteral("GET");
    sandbox.server()->injectFault(slow);

    for (int round = 0; round < 3; ++round) {
        auto window = std::make_unique<TestWindow>();
        window->show();
        window->useConnection(sandbox.client(), QStringLiteral("Local sandbox"));
        QVERIFY(window->gatewayBrowser()->isBusy());
        // Round 0 closes at once, the others a moment into the wait.
        QTest::qWait(round * 100);
        window.reset();
    }
    // The client and sandbox still work after the windows went.
    auto window = std::make_unique<TestWindow>();
    window->show();
    window->useConnection(sandbox.client(), QStringLiteral("Local sandbox"));
    QTRY_COMPARE_WITH_TIMEOUT(window->connectionIndicator()->text(), QStringLiteral("Local sandbox \u00b7 1 gateway"),
                              15000);
}

void TestMainWindow::statusShowsAnUnreachableServer()
{
    rd::ApiClient client;
    rd::ApiClient::Options options;
    options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/client/v4"));
    options.maxRetries = 0;
    client.setOptions(options);
    client.setCredentials(rd::ApiCredentials::apiToken(QStringLiteral("acc"), QStringLiteral("tok")));

    TestWindow window;
    window.show();
    window.useConnection(&client, QStringLiteral("Cloudflare"));
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionIndicator()->text(), QStringLiteral("Cloudflare \u00b7 unavailable"),
                              10000);
    QVERIFY2(window.connectionIndicator()->toolTip().contains(QStringLiteral("Nothing answered")),
             qPrintable(window.connectionIndicator()->toolTip()));
}

namespace {

// A generated route of about `elements` elements in a file; with `placed`, every element has a position (on
// a plain grid, nothing like what Graphviz would make of it).
QString writeLargeRoute(const QTemporaryDir &dir, std::size_t elements, bool placed)
{
    const rd::Route route = rd::test::makeSyntheticRoute(elements);
    rd::RouteDocument::Positions positions;
    if (placed) {
        for (std::size_t i = 0; i < route.size(); ++i) {
            positions[route.elements()[i].id] =
                QPointF(static_cast<qreal>(i % 40) * 300, static_cast<qreal>(i / 40) * 200);
        }
    }
    const QString path = dir.filePath(QStringLiteral("large.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(rd::RouteFile::serialize(route, positions)) < 0) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

QAction *autoLayoutAction(const MainWindow &window)
{
    return window.findChild<QAction *>(QStringLiteral("autoLayoutAction"));
}

} // namespace

void TestMainWindow::autoLayoutRunsInTheBackground()
{
    clearDrafts();
    QTemporaryDir dir;
    TestWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openRouteFile(writeLargeRoute(dir, 1000, true)));
    RouteEditorPage *editor = window.currentEditor();
    QVERIFY(editor->route().size() >= 900);
    const rd::RouteDocument::Positions before = editor->document()->positions();
    QCOMPARE(before.size(), editor->route().size());
    QUndoStack *undo = editor->document()->undoStack();
    const int commands = undo->count();
    QAction *action = autoLayoutAction(window);
    QVERIFY(action);
    QVERIFY(action->isEnabled());

    // The layout runs on a worker thread. Above AutoLayout::kLayeredAbove elements it takes milliseconds
    // (LayeredLayout), too short to count event-loop turns during it as dot's seconds once allowed: that it
    // runs off the GUI thread shows in the page being busy, and the positions untouched, until the event loop
    // delivers the result.
    action->trigger();
    QVERIFY(editor->isLayoutRunning());
    QVERIFY(!action->isEnabled());
    QCOMPARE(editor->cursor().shape(), Qt::BusyCursor);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("Laying out")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(editor->document()->positions() == before);
    // Once is enough: a second request while it runs is ignored.
    editor->autoLayout();

    QTest::qSleep(100); // time enough for the worker to finish: the result still waits for the event loop
    QVERIFY(editor->isLayoutRunning());
    QVERIFY(editor->document()->positions() == before);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isLayoutRunning(), 120000);
    QVERIFY(action->isEnabled());
    QCOMPARE(editor->cursor().shape(), Qt::ArrowCursor);
    QCOMPARE(editor->document()->positions().size(), before.size());
    QVERIFY(editor->document()->positions() != before);
    QCOMPARE(undo->count(), commands + 1);
    QCOMPARE(undo->undoText(), QStringLiteral("Auto layout"));

    window.undoGroup()->undo();
    QVERIFY(editor->document()->positions() == before);
    clearDrafts();
}

void TestMainWindow::autoLayoutIsDiscardedWhenTheRouteChanges()
{
    clearDrafts();
    QTemporaryDir dir;
    TestWindow window;
    window.show();
    QVERIFY(window.openRouteFile(writeLargeRoute(dir, 1000, true)));
    RouteEditorPage *editor = window.currentEditor();
    QUndoStack *undo = editor->document()->undoStack();
    const int commands = undo->count();

    autoLayoutAction(window)->trigger();
    QVERIFY(editor->isLayoutRunning());
    const std::string moved = editor->route().elements().front().id;
    editor->document()->moveElements({{moved, QPointF(-600, -600)}});
    const rd::RouteDocument::Positions edited = editor->document()->positions();

    QTRY_VERIFY_WITH_TIMEOUT(!editor->isLayoutRunning(), 120000);
    QVERIFY(editor->document()->positions() == edited);
    QCOMPARE(undo->count(), commands + 1);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("discarded")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(autoLayoutAction(window)->isEnabled());
    clearDrafts();
}

void TestMainWindow::largeRouteWithoutPositionsIsLaidOutInTheBackground()
{
    clearDrafts();
    QTemporaryDir dir;
    TestWindow window;
    window.show();
    QVERIFY(window.openRouteFile(writeLargeRoute(dir, 400, false)));
    RouteEditorPage *editor = window.currentEditor();
    QVERIFY(editor->isLayoutRunning());
    QVERIFY(!autoLayoutAction(window)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isLayoutRunning(), 120000);
    QCOMPARE(editor->document()->positions().size(), editor->route().size());
    // Part of opening: nothing to undo, nothing unsaved.
    QVERIFY(editor->document()->isClean());
    QCOMPARE(editor->document()->undoStack()->count(), 0);
    QVERIFY(autoLayoutAction(window)->isEnabled());
    clearDrafts();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
