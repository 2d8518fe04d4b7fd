// The window's shell, through the real window and dialogs: a file named on the command line is the tab in front
// even while the last session's server routes reopen behind it; several bad files (command line or one drop) are
// one dialog listing each with its reason; the connect dialog's fields stay where they are while the user types
// and while the credentials are checked.
#include "app/ConnectionStore.h"
#include "app/SecretStore.h"
#include "app/Translations.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/TestWindow.h"
#include "ui/ConnectDialog.h"
#include "ui/GatewayBrowser.h"
#include "ui/MainWindow.h"
#include "ui/OpenErrorsDialog.h"
#include "ui/RouteEditorPage.h"
#include "widgets/ApiActivityBar.h"

#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>

#include <memory>

using namespace rd;

namespace {

const QByteArray kToken = "shell-token-3b7e91c2";
const QString kAccount = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");
const QString kGateway = QStringLiteral("demo-gateway");

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        widget->grab().save(QDir(dir).filePath(name));
    }
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

QString copyDemo(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    QFile::remove(path);
    if (!QFile::copy(QStringLiteral(RD_DEMO_ROUTE), path)) {
        qFatal("cannot copy the demo route");
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

int visibleMessageBoxes()
{
    int count = 0;
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (qobject_cast<QMessageBox *>(widget) && widget->isVisible()) {
            ++count;
        }
    }
    return count;
}

void closeDialogs(QWidget *window)
{
    for (QDialog *dialog : window->findChildren<QDialog *>()) {
        dialog->close();
    }
}

} // namespace

class TestShell : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void commandLineFileStaysInFrontOfRestoredTabs();
    void severalBadFilesAreOneDialog();
    void severalBadFilesDroppedAreOneDialog();
    void connectDialogFieldsStayPut();

private:
    std::unique_ptr<ApiClient> sandboxClient() const;

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
};

void TestShell::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("Route Designer Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_shell"));
    QVERIFY(Translations::install()); // "3 files could not be opened", as main() installs them
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("sandbox.sqlite")), kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
}

void TestShell::init()
{
    QSettings().clear();
    m_server->clearFaults();
}

std::unique_ptr<ApiClient> TestShell::sandboxClient() const
{
    auto client = std::make_unique<ApiClient>();
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    client->setOptions(options);
    client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    return client;
}

void TestShell::commandLineFileStaysInFrontOfRestoredTabs()
{
    // The last session had a file and a server route open. The route reopens only once the server answers, and
    // the server is slow today: it answers after the file from the command line has opened.
    std::unique_ptr<ApiClient> client = sandboxClient();
    QString routeId;
    {
        TestWindow lister;
        lister.useConnection(client.get(), QStringLiteral("Local sandbox"));
        QTreeWidget *routes = lister.gatewayBrowser()->routeList();
        QTRY_VERIFY_WITH_TIMEOUT(routes->topLevelItemCount() > 0, 15000);
        routeId = routes->findItems(QStringLiteral("support-chat"), Qt::MatchExactly)
                      .value(0)
                      ->data(0, Qt::UserRole + 1)
                      .toString();
    }
    QVERIFY(!routeId.isEmpty());
    const QString restoredFile = copyDemo(m_dir, QStringLiteral("restored.json"));
    const QString commandLineFile = copyDemo(m_dir, QStringLiteral("from-the-command-line.json"));
    QSettings().setValue(
        QStringLiteral("session/openTabs"),
        QStringList{QStringLiteral("file:") + restoredFile, QStringLiteral("route:|%1|%2").arg(kGateway, routeId)});
    FaultSpec slow;
    slow.kind = FaultSpec::Kind::Slow;
    slow.delayMs = 600;
    slow.count = 2;
    slow.pathContains = QStringLiteral("/routes/") + routeId;
    m_server->injectFault(slow);

    // What main() does: restore, connect, then open the files named on the command line.
    TestWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.restoreOpenTabs();
    window.setConnections(client.get(), nullptr);
    QVERIFY(window.openRouteFile(commandLineFile));
    QCOMPARE(window.currentEditor()->sourcePath(), QFileInfo(commandLineFile).absoluteFilePath());

    // Everything settles: the server route's tab is there, behind.
    QTRY_COMPARE_WITH_TIMEOUT(window.routeTabs()->count(), 3, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.activityBar()->isActive(), 20000);
    QTest::qWait(100);
    RouteEditorPage *current = window.currentEditor();
    QVERIFY(current);
    QVERIFY2(!current->isRemote(), "the restored server route took the tab in front");
    QCOMPARE(current->sourcePath(), QFileInfo(commandLineFile).absoluteFilePath());
    QVERIFY(window.findRemoteEditor(kGateway, routeId));

    // Opening that route on purpose still brings it to the front.
    window.openRemoteRoute(kGateway, routeId);
    QTRY_VERIFY(window.currentEditor() && window.currentEditor()->isRemote());
}

void TestShell::severalBadFilesAreOneDialog()
{
    const QString good = copyDemo(m_dir, QStringLiteral("good.json"));
    const QString broken = writeFile(m_dir, QStringLiteral("broken.json"), "{\"elements\": [ {\"id\": \"start\",, ]}");
    const QString empty = writeFile(m_dir, QStringLiteral("not-a-route.json"), "{\"elements\": 5}");
    const QString missing = m_dir.filePath(QStringLiteral("missing.json"));

    TestWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openRouteFiles({broken, good, empty, missing});

    // The good file opened; the three bad ones are rows of one dialog, each with its reason.
    QCOMPARE(window.routeTabs()->count(), 1);
    QCOMPARE(visibleMessageBoxes(), 0);
    const QList<OpenErrorsDialog *> dialogs = window.findChildren<OpenErrorsDialog *>();
    QCOMPARE(dialogs.size(), 1);
    OpenErrorsDialog *dialog = dialogs.front();
    QTRY_VERIFY(dialog->isVisible());
    QTreeWidget *list = dialog->list();
    QCOMPARE(list->topLevelItemCount(), 3);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("broken.json"));
    QVERIFY2(list->topLevelItem(0)->text(1).contains(QStringLiteral("line 1")),
             qPrintable(list->topLevelItem(0)->text(1)));
    QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("not-a-route.json"));
    QVERIFY(!list->topLevelItem(1)->text(1).isEmpty());
    QCOMPARE(list->topLevelItem(2)->text(0), QStringLiteral("missing.json"));
    QVERIFY(!list->topLevelItem(2)->text(1).isEmpty());
    QVERIFY(
        dialog->findChild<QLabel *>(QStringLiteral("openErrorsHeading"))->text().contains(QStringLiteral("3 files")));
    saveScreenshot(dialog, QStringLiteral("open-errors.png"));
    closeDialogs(&window);

    // One bad file alone is still the familiar message box.
    window.openRouteFiles({broken});
    QTRY_COMPARE(visibleMessageBoxes(), 1);
    closeDialogs(&window);
}

void TestShell::severalBadFilesDroppedAreOneDialog()
{
    const QString first = writeFile(m_dir, QStringLiteral("first-bad.json"), "not json at all");
    const QString second = writeFile(m_dir, QStringLiteral("second-bad.json"), "{\"elements\": 5}");

    TestWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(first), QUrl::fromLocalFile(second)});
    // As a drag over the window delivers it: enter, then drop.
    QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);

    // Not a box per file: one window names both.
    QTest::qWait(50);
    QCOMPARE(visibleMessageBoxes(), 0);
    int dialogs = 0;
    QStringList texts;
    for (QDialog *dialog : window.findChildren<QDialog *>()) {
        if (dialog->isVisible()) {
            ++dialogs;
            for (QTreeWidget *list : dialog->findChildren<QTreeWidget *>()) {
                for (int i = 0; i < list->topLevelItemCount(); ++i) {
                    texts << list->topLevelItem(i)->text(0);
                }
            }
        }
    }
    QCOMPARE(dialogs, 1);
    QCOMPARE(texts, (QStringList{QStringLiteral("first-bad.json"), QStringLiteral("second-bad.json")}));
    closeDialogs(&window);
}

void TestShell::connectDialogFieldsStayPut()
{
    QSettings settings(m_dir.filePath(QStringLiteral("connections.ini")), QSettings::IniFormat);
    SecretStore secrets(QStringLiteral("route-designer-shell-test"));
    ConnectionStore store(&settings, &secrets);
    ConnectDialog dialog(&store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // The advanced row is part of the form the user types into; open it first.
    auto *advanced = dialog.findChild<QToolButton *>(QStringLiteral("advancedToggle"));
    QTest::mouseClick(advanced, Qt::LeftButton);
    QTest::qWait(50);

    const QStringList fieldNames = {QStringLiteral("nameEdit"),      QStringLiteral("accountIdEdit"),
                                    QStringLiteral("apiTokenEdit"),  QStringLiteral("baseUrlEdit"),
                                    QStringLiteral("connectButton"), QStringLiteral("cancelButton")};
    const auto geometries = [&] {
        QList<QRect> rects;
        for (const QString &name : fieldNames) {
            auto *field = dialog.findChild<QWidget *>(name);
            rects << QRect(field->mapTo(&dialog, QPoint(0, 0)), field->size());
        }
        rects.removeLast(); // the buttons may move down when an error appears under the fields; not sideways
        rects.removeLast();
        return rects;
    };
    const QList<QRect> before = geometries();
    const QSize sizeBefore = dialog.size();

    // Typing invalid input: the hints appear under the fields, and nothing moves.
    auto *accountId = dialog.findChild<QLineEdit *>(QStringLiteral("accountIdEdit"));
    auto *baseUrl = dialog.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
    auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("apiTokenEdit"));
    QTest::keyClicks(accountId, QStringLiteral("zone-1234"));
    QTest::keyClicks(baseUrl, QStringLiteral("ftp:/nowhere"));
    auto *accountHint = dialog.findChild<QLabel *>(QStringLiteral("accountIdHint"));
    auto *urlHint = dialog.findChild<QLabel *>(QStringLiteral("baseUrlHint"));
    QVERIFY(!accountHint->text().isEmpty() && accountHint->isVisible());
    QVERIFY(!urlHint->text().isEmpty() && urlHint->isVisible());
    QTest::qWait(50);
    saveScreenshot(&dialog, QStringLiteral("connect-typing.png"));
    QCOMPARE(geometries(), before);
    QCOMPARE(dialog.size(), sizeBefore);

    // A plain-http URL elsewhere gets a longer warning: still nothing moves or widens.
    baseUrl->clear();
    QTest::keyClicks(baseUrl, QStringLiteral("http://gateway.example.com/client/v4"));
    QVERIFY(urlHint->text().contains(QStringLiteral("unencrypted")));
    QTest::qWait(50);
    QCOMPARE(geometries(), before);
    QCOMPARE(dialog.size(), sizeBefore);

    // Fixing the input clears the hints; nothing moves back either.
    accountId->clear();
    QTest::keyClicks(accountId, kAccount);
    baseUrl->clear();
    QTest::keyClicks(baseUrl, m_server->baseUrl().toString());
    QVERIFY(accountHint->text().isEmpty() && urlHint->text().isEmpty());
    QTest::qWait(50);
    QCOMPARE(geometries(), before);

    // While the credentials are checked (a slow server), the fields keep their size and place.
    FaultSpec slow;
    slow.kind = FaultSpec::Kind::Slow;
    slow.delayMs = 3000;
    m_server->injectFault(slow);
    QTest::keyClicks(token, QString::fromLatin1(kToken));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QTRY_VERIFY(dialog.isBusy());
    QTRY_VERIFY(dialog.findChild<QLabel *>(QStringLiteral("connectStatus"))->isVisible());
    QTest::qWait(50);
    saveScreenshot(&dialog, QStringLiteral("connect-checking.png"));
    QCOMPARE(geometries(), before);
    QCOMPARE(dialog.size().width(), sizeBefore.width());
    dialog.reject(); // stops the check
    QTRY_VERIFY(!dialog.isBusy());
    QTest::qWait(50);
    QCOMPARE(geometries(), before);
}

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
