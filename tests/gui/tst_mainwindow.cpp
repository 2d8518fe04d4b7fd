#include "app/LocalSandbox.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "model/Finding.h"
#include "widgets/StatusIndicator.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"
#include "ui/WelcomePage.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>

using rd::MainWindow;
using rd::RouteEditorPage;

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
    void statusShowsAnUnreachableServer();

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
        QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
    }
}

void TestMainWindow::titleAndWelcomePage()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QCOMPARE(window.windowTitle(), QStringLiteral("Route Designer"));
    QVERIFY(window.welcomePage()->isVisible());
    QVERIFY(!window.routeTabs()->isVisible());
    QCOMPARE(window.routeTabs()->count(), 0);
    saveScreenshot(&window, QStringLiteral("welcome.png"));
}

void TestMainWindow::fileMenuHasOpenAndQuit()
{
    MainWindow window;
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
    MainWindow window;
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
    QCOMPARE(editor->elementList()->topLevelItemCount(), 9);
    QCOMPARE(editor->elementList()->topLevelItem(0)->text(0), QStringLiteral("start"));
    QCOMPARE(editor->errorCount(), 0);
    for (const rd::Finding &finding : editor->findings()) {
        qInfo("finding: %s %s", finding.code.c_str(), finding.message.c_str());
    }
    saveScreenshot(&window, QStringLiteral("demo-route.png"));
}

void TestMainWindow::openExampleFromResources()
{
    MainWindow window;
    window.openExampleRoute();
    QCOMPARE(window.routeTabs()->count(), 1);
    QVERIFY(window.currentEditor());
    QCOMPARE(window.currentEditor()->route().size(), std::size_t{9});
}

void TestMainWindow::openingTwiceReusesTheTab()
{
    MainWindow window;
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    QCOMPARE(window.routeTabs()->count(), 1);
}

void TestMainWindow::closingLastRouteShowsWelcome()
{
    MainWindow window;
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

    MainWindow window;
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

void TestMainWindow::statusShowsTheLocalSandbox()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    rd::LocalSandbox sandbox(dir.filePath(QStringLiteral("sandbox.sqlite")));
    QString error;
    QVERIFY2(sandbox.start(&error), qPrintable(error));

    MainWindow window;
    window.show();
    window.useConnection(sandbox.client(), QStringLiteral("Local sandbox"));
    QVERIFY(window.connectionIndicator()->text().contains(QStringLiteral("connecting")));
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionIndicator()->text(), QStringLiteral("Local sandbox \u00b7 1 gateway"), 10000);
    QVERIFY(window.connectionIndicator()->toolTip().contains(QStringLiteral("127.0.0.1")));
    saveScreenshot(&window, QStringLiteral("connected.png"));
}

void TestMainWindow::statusShowsAnUnreachableServer()
{
    rd::ApiClient client;
    rd::ApiClient::Options options;
    options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/client/v4"));
    options.maxRetries = 0;
    client.setOptions(options);
    client.setCredentials(rd::ApiCredentials::apiToken(QStringLiteral("acc"), QStringLiteral("tok")));

    MainWindow window;
    window.show();
    window.useConnection(&client, QStringLiteral("Cloudflare"));
    QTRY_COMPARE_WITH_TIMEOUT(window.connectionIndicator()->text(), QStringLiteral("Cloudflare \u00b7 unavailable"), 10000);
    QVERIFY2(window.connectionIndicator()->toolTip().contains(QStringLiteral("Nothing answered")),
             qPrintable(window.connectionIndicator()->toolTip()));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
