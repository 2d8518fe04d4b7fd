// The editor page as a user first sees it, in the real window: the canvas is the largest thing on it, the
// Problems/History panel is one line until there is something in it, the inspector shows every field of every
// element without scrolling sideways, and the window never grows to fit a long status line.
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/TestWindow.h"
#include "ui/DeployDialog.h"
#include "ui/EditorBottomPanel.h"
#include "ui/GatewayBrowser.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"
#include "ui/RouteHistoryPanel.h"
#include "ui/WelcomePage.h"
#include "ui/shell/LocalSandbox.h"
#include "widgets/ApiActivityBar.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/ElementPalette.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"
#include "widgets/inspector/ElementInspector.h"

#include <QAbstractItemView>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

using namespace rd;

namespace {

int area(const QWidget *widget)
{
    return widget->isVisible() ? widget->width() * widget->height() : 0;
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        widget->grab().save(QDir(dir).filePath(name));
    }
}

const char *const kLongId = "gemini_flash_fallback_for_the_paid_tier_when_every_other_provider_has_failed_today";

// A copy of the demo route with problems: a share of the split goes to an element that does not exist, with an
// id long enough to need wrapping in the message that names it.
QString writeRouteWithProblems(const QTemporaryDir &dir)
{
    QFile demo(QStringLiteral(RD_DEMO_ROUTE));
    if (!demo.open(QIODevice::ReadOnly)) {
        qFatal("cannot read the demo route");
    }
    QByteArray text = demo.readAll();
    const QByteArray before = text;
    text.replace("\"40%\": { \"elementId\": \"claude_haiku\" }",
                 "\"40%\": { \"elementId\": \"" + QByteArray(kLongId) + "\" }");
    if (text == before) {
        qFatal("the demo route changed: update writeRouteWithProblems");
    }
    const QString path = dir.filePath(QStringLiteral("with-problems.json"));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

// The canvas against every other part of the page: the palette, the inspector, the bottom panel while it is a
// bar or shows the problems, and each list of the history when that is open. None may be larger.
void verifyCanvasIsLargest(RouteEditorPage *editor)
{
    // The page settles its columns once it has its real size (a queued step after the first resize).
    QTest::qWait(20);
    const int canvas = area(editor->view());
    QVERIFY(canvas > 0);
    QList<QWidget *> others = {static_cast<QWidget *>(editor->palette()), editor->inspector(), editor->problemList()};
    if (editor->historyPanel() && editor->historyPanel()->isVisible()) {
        for (QAbstractItemView *list : editor->historyPanel()->findChildren<QAbstractItemView *>()) {
            others << list;
        }
    } else {
        others << editor->bottomPanel();
    }
    for (QWidget *other : others) {
        QVERIFY2(area(other) < canvas, qPrintable(QStringLiteral("%1 (%2x%3) is larger than the canvas (%4x%5)")
                                                      .arg(other->objectName())
                                                      .arg(other->width())
                                                      .arg(other->height())
                                                      .arg(editor->view()->width())
                                                      .arg(editor->view()->height())));
    }
}

QScrollArea *inspectorScrollArea(RouteEditorPage *editor)
{
    return editor->inspector()->findChild<QScrollArea *>();
}

// Nothing in the inspector may stick out past its right edge: a field cut off is as bad as a scroll bar.
void verifyInspectorFits(RouteEditorPage *editor, const QString &element)
{
    QScrollArea *scroll = inspectorScrollArea(editor);
    QVERIFY(scroll);
    QVERIFY2(!scroll->horizontalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("%1: the inspector scrolls sideways (content %2 px, view %3 px)")
                            .arg(element)
                            .arg(scroll->widget()->minimumSizeHint().width())
                            .arg(scroll->viewport()->width())));
    const int right = scroll->viewport()->width();
    const QList<QWidget *> children = scroll->widget()->findChildren<QWidget *>();
    for (QWidget *child : children) {
        if (!child->isVisibleTo(scroll->widget()) || child->width() <= 0) {
            continue;
        }
        const int childRight = child->mapTo(scroll->viewport(), QPoint(child->width(), 0)).x();
        QVERIFY2(childRight <= right + 1, qPrintable(QStringLiteral("%1: %2 (%3) ends at %4, the inspector at %5")
                                                         .arg(element, child->objectName(),
                                                              QString::fromLatin1(child->metaObject()->className()))
                                                         .arg(childRight)
                                                         .arg(right)));
    }
}

} // namespace

class TestEditorLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void canvasIsTheLargestThing_data();
    void canvasIsTheLargestThing();
    void problemsPanelOpensForProblemsAndRemembersItsHeight();
    void serverRouteHistoryIsATabUnderTheCanvas();
    void inspectorNeverScrollsSideways_data();
    void inspectorNeverScrollsSideways();
    void windowKeepsItsSizeWhileRetrying();
    void paletteOffersNoSecondStart();
    void selectingACardKeepsTheRouteInView();

private:
    QTemporaryDir m_dir;
};

void TestEditorLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("Route Designer Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_editorlayout"));
    QVERIFY(m_dir.isValid());
}

void TestEditorLayout::init()
{
    // Each test starts from a first run: no remembered window state or panel height.
    QSettings().clear();
}

void TestEditorLayout::canvasIsTheLargestThing_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1024x700") << QSize(1024, 700);
    QTest::newRow("1440x900") << QSize(1440, 900);
}

void TestEditorLayout::canvasIsTheLargestThing()
{
    QFETCH(QSize, size);
    TestWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    RouteEditorPage *editor = window.currentEditor();
    QVERIFY(editor);
    QTRY_VERIFY(editor->view()->isVisible());
    QCOMPARE(window.size(), size);

    // The demo route has no problems: the panel is its one-line bar saying so.
    EditorBottomPanel *panel = editor->bottomPanel();
    QVERIFY(!panel->isExpanded());
    QTRY_VERIFY2(panel->height() <= 40, qPrintable(QString::number(panel->height())));
    QVERIFY(panel->summary().contains(QStringLiteral("No problems")));
    verifyCanvasIsLargest(editor);
    saveScreenshot(&window, QStringLiteral("editor-%1x%2.png").arg(size.width()).arg(size.height()));

    // With problems the panel opens, and the canvas is still the main thing.
    QVERIFY(window.openRouteFile(writeRouteWithProblems(m_dir)));
    editor = window.currentEditor();
    QVERIFY(editor->errorCount() > 0);
    QTRY_VERIFY(editor->bottomPanel()->isExpanded() && editor->problemList()->isVisible());
    QTRY_VERIFY(editor->problemList()->height() > 60);
    verifyCanvasIsLargest(editor);
    QCOMPARE(window.size(), size);
    saveScreenshot(&window, QStringLiteral("editor-problems-%1x%2.png").arg(size.width()).arg(size.height()));

    // Made smaller or larger afterwards, the canvas is still the main thing: the side columns follow the window.
    for (const QSize other : {QSize(1024, 700), QSize(1600, 1000)}) {
        window.resize(other);
        QTRY_COMPARE(window.size(), other);
        verifyCanvasIsLargest(editor);
        editor->scene()->selectElements({"free_rate_limit"});
        verifyCanvasIsLargest(editor);
        verifyInspectorFits(editor, QStringLiteral("free_rate_limit"));
        if (QTest::currentTestFailed()) {
            return;
        }
    }
}

void TestEditorLayout::problemsPanelOpensForProblemsAndRemembersItsHeight()
{
    TestWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openRouteFile(writeRouteWithProblems(m_dir)));
    RouteEditorPage *editor = window.currentEditor();
    EditorBottomPanel *panel = editor->bottomPanel();
    QTRY_VERIFY(panel->isExpanded() && panel->height() > 100);

    // The user drags the splitter: that height is the panel's from now on, in this tab and the next.
    auto *splitter = editor->findChild<QSplitter *>(QStringLiteral("editorSplitter"));
    QVERIFY(splitter);
    const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
    splitter->setSizes({total - 150, 150});
    QMetaObject::invokeMethod(splitter, "splitterMoved", Q_ARG(int, total - 150), Q_ARG(int, 1));
    QTRY_COMPARE(panel->height(), 150);

    // Its tab button closes it to the bar, and opens it again at the height it had.
    QToolButton *problemsTab = panel->findChild<QToolButton *>(QStringLiteral("problemsTab"));
    QVERIFY(problemsTab && problemsTab->isChecked());
    QTest::mouseClick(problemsTab, Qt::LeftButton);
    QVERIFY(!panel->isExpanded());
    QTRY_VERIFY(panel->height() <= 40);
    QTest::mouseClick(problemsTab, Qt::LeftButton);
    QTRY_COMPARE(panel->height(), 150);

    // Fixing the last problem closes it; a new problem opens it again.
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    RouteEditorPage *clean = window.currentEditor();
    QVERIFY(clean != editor);
    QVERIFY(!clean->bottomPanel()->isExpanded());
    Element broken = *clean->route().find("free_rate_limit");
    broken.outputs.front().target = "nowhere";
    clean->document()->updateElement(broken, QStringLiteral("break"), QString());
    QTRY_VERIFY(clean->bottomPanel()->isExpanded());
    QTRY_COMPARE(clean->bottomPanel()->height(), 150);
    clean->document()->undoStack()->undo();
    QTRY_VERIFY(!clean->bottomPanel()->isExpanded());
    QTRY_VERIFY(clean->bottomPanel()->height() <= 40);
}

void TestEditorLayout::serverRouteHistoryIsATabUnderTheCanvas()
{
    LocalSandbox sandbox(m_dir.filePath(QStringLiteral("history.sqlite")));
    QString error;
    QVERIFY2(sandbox.start(&error), qPrintable(error));
    for (const QSize size : {QSize(1024, 700), QSize(1440, 900)}) {
        TestWindow window;
        window.resize(size);
        window.useConnection(sandbox.client(), QStringLiteral("Local sandbox"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTreeWidget *routes = window.gatewayBrowser()->routeList();
        QTRY_VERIFY_WITH_TIMEOUT(routes->topLevelItemCount() > 0, 15000);
        QTreeWidgetItem *item = routes->findItems(QStringLiteral("support-chat"), Qt::MatchExactly).value(0);
        QVERIFY(item);
        window.openRemoteRoute(QStringLiteral("demo-gateway"), item->data(0, Qt::UserRole + 1).toString());
        RouteEditorPage *editor = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((editor = window.currentEditor()) != nullptr, 15000);
        QVERIFY(editor->historyPanel());
        EditorBottomPanel *panel = editor->bottomPanel();
        QTRY_VERIFY(editor->view()->isVisible());
        QTRY_VERIFY(panel->height() <= 40);
        verifyCanvasIsLargest(editor);
        if (QTest::currentTestFailed()) {
            return;
        }
        saveScreenshot(&window, QStringLiteral("remote-%1x%2.png").arg(size.width()).arg(size.height()));

        // History is one click away, and even open leaves the canvas the largest thing.
        QToolButton *historyTab = panel->findChild<QToolButton *>(QStringLiteral("historyTab"));
        QVERIFY(historyTab);
        QTest::mouseClick(historyTab, Qt::LeftButton);
        QTRY_VERIFY(editor->historyPanel()->isVisible() && editor->historyPanel()->height() > 100);
        verifyCanvasIsLargest(editor);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(window.size(), size);
        saveScreenshot(&window, QStringLiteral("remote-history-%1x%2.png").arg(size.width()).arg(size.height()));
    }
}

void TestEditorLayout::inspectorNeverScrollsSideways_data()
{
    QTest::addColumn<int>("width");
    QTest::newRow("1024") << 1024;
    QTest::newRow("1280") << 1280;
    QTest::newRow("1440") << 1440;
}

void TestEditorLayout::inspectorNeverScrollsSideways()
{
    QFETCH(int, width);
    TestWindow window;
    window.resize(width, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const QString &path : {QStringLiteral(RD_DEMO_ROUTE), writeRouteWithProblems(m_dir)}) {
        QVERIFY(window.openRouteFile(path));
        RouteEditorPage *editor = window.currentEditor();
        QTRY_VERIFY(editor->view()->isVisible());
        for (const Element &element : editor->route().elements()) {
            editor->scene()->selectElements({element.id});
            QTRY_COMPARE(editor->inspector()->element(), element.id);
            QTest::qWait(0);
            QTRY_VERIFY(inspectorScrollArea(editor)->isVisible());
            verifyInspectorFits(editor, QString::fromStdString(element.id));
            if (QTest::currentTestFailed()) {
                saveScreenshot(&window, QStringLiteral("inspector-clipped.png"));
                return;
            }
        }
    }
    // The long message wraps: on more than one line, inside the inspector.
    RouteEditorPage *editor = window.currentEditor();
    const std::string longId = kLongId;
    editor->scene()->selectElements({"paid_split"});
    QTRY_COMPARE(editor->inspector()->element(), std::string("paid_split"));
    QLabel *longFinding = nullptr;
    const auto findLong = [&] {
        for (QLabel *finding : editor->inspector()->findChildren<QLabel *>(QStringLiteral("finding"))) {
            QString text = finding->text();
            if (finding->isVisible() && text.remove(QChar(0x200B)).contains(QString::fromStdString(longId))) {
                return finding;
            }
        }
        return static_cast<QLabel *>(nullptr);
    };
    QTRY_VERIFY((longFinding = findLong()) != nullptr);
    QTRY_VERIFY2(longFinding->height() > 2 * longFinding->fontMetrics().height(), qPrintable(longFinding->text()));
    verifyInspectorFits(editor, QStringLiteral("paid_split"));
    saveScreenshot(&window, QStringLiteral("inspector-long-message-%1.png").arg(width));
}

void TestEditorLayout::windowKeepsItsSizeWhileRetrying()
{
    const QByteArray token = "layout-token-8f1e2d";
    SandboxServer server(SandboxServer::Options{m_dir.filePath(QStringLiteral("retry.sqlite")), token, true});
    QString error;
    QVERIFY2(server.start(0, &error), qPrintable(error));
    ApiClient client;
    ApiClient::Options options;
    options.baseUrl = server.baseUrl();
    client.setOptions(options);
    client.setCredentials(
        ApiCredentials::apiToken(QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a"), QString::fromLatin1(token)));

    TestWindow window;
    const QSize size(1024, 700);
    window.resize(size);
    window.useConnection(&client, QStringLiteral("A connection with a rather long name for the status bar"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeWidget *routes = window.gatewayBrowser()->routeList();
    QTRY_VERIFY_WITH_TIMEOUT(routes->topLevelItemCount() > 0, 15000);
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    QTRY_VERIFY(window.currentEditor() && window.currentEditor()->view()->isVisible());
    QCOMPARE(window.size(), size);

    // The server throttles, then fails once more: the status bar says "… retrying in 1 s" at length.
    FaultSpec throttled;
    throttled.kind = FaultSpec::Kind::RateLimited;
    throttled.retryAfterSeconds = 1;
    throttled.count = 1;
    throttled.pathContains = QStringLiteral("/routes/");
    server.injectFault(throttled);
    FaultSpec failing;
    failing.kind = FaultSpec::Kind::ServerError;
    failing.count = 1;
    failing.pathContains = QStringLiteral("/routes/");
    server.injectFault(failing);
    QTreeWidgetItem *item = routes->findItems(QStringLiteral("support-chat"), Qt::MatchExactly).value(0);
    QVERIFY(item);
    window.openRemoteRoute(QStringLiteral("demo-gateway"), item->data(0, Qt::UserRole + 1).toString(),
                           QStringLiteral("support-chat with a name long enough to fill a status bar on its own"));
    ApiActivityBar *activity = window.activityBar();
    QTRY_VERIFY_WITH_TIMEOUT(activity->text().contains(QStringLiteral("retrying")), 15000);
    QVERIFY(activity->isVisible());
    QTest::qWait(50); // a resize would arrive as a posted event
    saveScreenshot(&window, QStringLiteral("retrying-1024.png"));
    QCOMPARE(window.size(), size);
    QVERIFY2(window.minimumSizeHint().width() <= size.width(),
             qPrintable(QString::number(window.minimumSizeHint().width())));
    QTRY_VERIFY_WITH_TIMEOUT(!activity->isActive(), 20000);
    QCOMPARE(window.size(), size);
}

// Quick-add offers no second start (tst_canvasbuilding); neither does the palette, by any of its ways in.
void TestEditorLayout::paletteOffersNoSecondStart()
{
    TestWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    RouteEditorPage *editor = window.currentEditor();
    QListWidgetItem *start = editor->palette()->itemFor(ElementType::Start);
    QVERIFY(start);
    QVERIFY(!(start->flags() & Qt::ItemIsEnabled));
    QVERIFY(!(start->flags() & Qt::ItemIsDragEnabled));
    QVERIFY2(start->toolTip().contains(QStringLiteral("exactly one")), qPrintable(start->toolTip()));
    QVERIFY(editor->palette()->itemFor(ElementType::Model)->flags() & Qt::ItemIsEnabled);

    // Enter on it adds nothing.
    const std::size_t before = editor->route().elements().size();
    editor->palette()->setFocus();
    editor->palette()->setCurrentItem(start);
    QTest::keyClick(editor->palette(), Qt::Key_Return);
    QCOMPARE(editor->route().elements().size(), before);

    // Without its start the route may have one again; undo takes the offer back.
    editor->document()->removeElements({"start"});
    QVERIFY(start->flags() & Qt::ItemIsEnabled);
    QVERIFY(start->flags() & Qt::ItemIsDragEnabled);
    editor->document()->undoStack()->undo();
    QVERIFY(!(start->flags() & Qt::ItemIsEnabled));
    editor->document()->setClean();
}

// The inspector widens for a card's fields (a rate limit's window row): the canvas narrows, and the route it
// opened fitted must stay whole in view, not cut off at its ends. Once the user zooms, a resize leaves the zoom.
void TestEditorLayout::selectingACardKeepsTheRouteInView()
{
    TestWindow window;
    window.resize(1296, 810);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    RouteEditorPage *editor = window.currentEditor();
    RouteView *view = editor->view();
    const auto outOfView = [editor, view] {
        QStringList out;
        const QRect visible = view->viewport()->rect();
        for (const Element &element : editor->route().elements()) {
            const ElementItem *item = editor->scene()->elementItem(element.id);
            const QRect card = view->mapFromScene(item->mapRectToScene(item->cardRect())).boundingRect();
            if (!visible.contains(card)) {
                out << QString::fromStdString(element.id);
            }
        }
        return out.join(QStringLiteral(", "));
    };
    QTRY_VERIFY2(outOfView().isEmpty(), qPrintable(outOfView()));
    for (const Element &element : editor->route().elements()) {
        editor->scene()->selectElements({element.id});
        QTest::qWait(30); // the columns settle queued
        QVERIFY2(
            outOfView().isEmpty(),
            qPrintable(
                QStringLiteral("%1 selected: %2 out of view").arg(QString::fromStdString(element.id), outOfView())));
    }

    // Zoomed by the user: a resize keeps that zoom.
    view->zoomIn();
    const qreal zoom = view->zoom();
    window.resize(1200, 760);
    QTRY_COMPARE(window.size(), QSize(1200, 760));
    QTest::qWait(30);
    QCOMPARE(view->zoom(), zoom);
}

QTEST_MAIN(TestEditorLayout)
#include "tst_editorlayout.moc"
