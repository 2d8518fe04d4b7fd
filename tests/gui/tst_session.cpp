// A whole operator session through the real window against an in-process sandbox over loopback HTTP:
// try a bad token, connect, open the demo route, add and wire a model node, save a version, deploy it, see
// it in the history, roll back, filter the logs, open a log's bodies, and meet a server fault on save.
#include "app/ConnectionStore.h"
#include "app/LogTableModel.h"
#include "app/RemoteRoute.h"
#include "app/SecretStore.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "model/RouteDeployment.h"
#include "model/RouteVersion.h"
#include "support/TestWindow.h"
#include "ui/ConnectDialog.h"
#include "ui/DeployDialog.h"
#include "ui/GatewayBrowser.h"
#include "ui/LogDetailPanel.h"
#include "ui/LogsPage.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"
#include "ui/RouteHistoryPanel.h"
#include "widgets/StatusIndicator.h"
#include "widgets/canvas/RouteScene.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>
#include <optional>

using namespace rd;

namespace {

const QByteArray kToken = "session-token-5d1c9a77e0f24b3b";
const QString kAccount = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");
const QString kGateway = QStringLiteral("demo-gateway");
const QString kRouteName = QStringLiteral("support-chat");

// Presses the button `role` of the next message box named `name` once it is up: the window shows some boxes
// with exec(), which would otherwise wait for a person.
void answerMessageBox(const QString &name, QMessageBox::ButtonRole role, bool *seen)
{
    auto *timer = new QTimer;
    timer->setInterval(30);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, name, role, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != name) {
            return;
        }
        *seen = true;
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == role) {
                button->click();
                break;
            }
        }
        timer->deleteLater();
    });
    timer->start();
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wholeSession();

private:
    template<class T, class Start> std::optional<T> fetch(Start start);
    std::vector<RouteDeployment> deployments(const QString &routeId);
    std::vector<RouteVersion> versions(const QString &routeId);
    void screenshot(QWidget *widget, const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_checker; // reads the server's state independently of the window
};

void TestSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings().clear();
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("sandbox.sqlite")), kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    m_checker = std::make_unique<ApiClient>();
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    m_checker->setOptions(options);
    m_checker->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
}

template<class T, class Start> std::optional<T> TestSession::fetch(Start start)
{
    std::optional<T> value;
    bool done = false;
    start([&](const ApiResult<T> &result) {
        if (result) {
            value = *result.value;
        }
        done = true;
    });
    // No QTRY here: it returns from the function on failure. An empty value fails the caller's checks.
    QElapsedTimer clock;
    clock.start();
    while (!done && clock.elapsed() < 15000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return value;
}

std::vector<RouteDeployment> TestSession::deployments(const QString &routeId)
{
    PageQuery query;
    query.perPage = 50;
    auto page = fetch<ListPage<RouteDeployment>>(
        [&](auto callback) { m_checker->listDeployments(kGateway, routeId, query, nullptr, callback); });
    return page ? page->items : std::vector<RouteDeployment>{};
}

std::vector<RouteVersion> TestSession::versions(const QString &routeId)
{
    PageQuery query;
    query.perPage = 50;
    auto page = fetch<ListPage<RouteVersion>>(
        [&](auto callback) { m_checker->listVersions(kGateway, routeId, query, nullptr, callback); });
    return page ? page->items : std::vector<RouteVersion>{};
}

void TestSession::screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        widget->grab().save(QDir(dir).filePath(name));
    }
}

void TestSession::wholeSession()
{
    // The app's sandbox client points at the test server with a token it knows; no account is set up.
    ApiClient sandboxClient;
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    sandboxClient.setOptions(options);
    sandboxClient.setCredentials(
        ApiCredentials::apiToken(QStringLiteral("local-sandbox"), QString::fromLatin1(kToken)));
    QSettings settings(m_dir.filePath(QStringLiteral("connections.ini")), QSettings::IniFormat);
    SecretStore secrets(QStringLiteral("route-designer-session-test"));
    ConnectionStore connections(&settings, &secrets);

    TestWindow window;
    window.resize(1500, 950);
    window.setConnections(&sandboxClient, &connections);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    GatewayBrowser *browser = window.gatewayBrowser();
    QTRY_COMPARE_WITH_TIMEOUT(browser->routeList()->topLevelItemCount(), 2, 15000);
    screenshot(&window, QStringLiteral("session-welcome.png"));

    // --- connect: a wrong token is refused with the server's reason and nothing is kept; the right one works.
    QAction *connectAction = window.findChild<QAction *>(QStringLiteral("connectAction"));
    QVERIFY(connectAction);
    connectAction->trigger();
    ConnectDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ConnectDialog *>()) != nullptr && dialog->isVisible());
    dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Staging account"));
    dialog->findChild<QLineEdit *>(QStringLiteral("accountIdEdit"))->setText(kAccount);
    dialog->findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))->setText(m_server->baseUrl().toString());
    auto *token = dialog->findChild<QLineEdit *>(QStringLiteral("apiTokenEdit"));
    token->setText(QStringLiteral("not-the-token"));
    auto *connectButton = dialog->findChild<QPushButton *>(QStringLiteral("connectButton"));
    QSignalSpy checked(dialog, &ConnectDialog::checkFinished);
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 15000);
    QCOMPARE(checked.at(0).at(0).toBool(), false);
    QVERIFY(!dialog->errorText().isEmpty());
    QVERIFY(!dialog->errorText().contains(QStringLiteral("not-the-token")));
    QVERIFY(connections.connections().isEmpty());
    screenshot(dialog, QStringLiteral("connect-bad-token.png"));

    token->setText(QString::fromLatin1(kToken));
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 2, 15000);
    QCOMPARE(checked.at(1).at(0).toBool(), true);
    QCOMPARE(connections.connections().size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(window.client() != &sandboxClient && window.client() != nullptr, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionIndicator()->text().startsWith(QStringLiteral("Staging account · 1")),
                             15000);
    QTRY_COMPARE_WITH_TIMEOUT(browser->routeList()->topLevelItemCount(), 2, 15000);
    QCOMPARE(browser->currentGatewayId(), kGateway);

    // --- open the demo route from the browser.
    QTreeWidgetItem *demoItem = nullptr;
    for (int i = 0; i < browser->routeList()->topLevelItemCount(); ++i) {
        if (browser->routeList()->topLevelItem(i)->text(GatewayBrowser::NameColumn) == kRouteName) {
            demoItem = browser->routeList()->topLevelItem(i);
        }
    }
    QVERIFY(demoItem);
    browser->routeList()->setCurrentItem(demoItem);
    QTest::mouseClick(browser->findChild<QPushButton *>(QStringLiteral("openRouteButton")), Qt::LeftButton);
    RouteEditorPage *editor = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((editor = window.currentEditor()) != nullptr, 15000);
    QVERIFY(editor->isRemote());
    RemoteRoute *remote = editor->remote();
    const QString routeId = remote->routeId();
    const QString firstDeployed = remote->deployedVersionId();
    QVERIFY(!firstDeployed.isEmpty());
    QCOMPARE(remote->shownVersionId(), firstDeployed);
    QVERIFY(editor->route().contains("gpt4o_mini"));
    QCOMPARE(editor->errorCount(), 0);
    const std::size_t versionsBefore = versions(routeId).size();
    screenshot(&window, QStringLiteral("session-editor.png"));

    // --- add a model node and wire it in: llama's fallback now tries mistral before giving up.
    RouteDocument *doc = editor->document();
    const std::string added =
        doc->addElement(ElementType::Model, QPointF(900, 40), RouteDocument::OutputRef{"llama_8b", "fallback"});
    Element mistral = *doc->route().find(added);
    mistral.model.provider = "workers-ai";
    mistral.model.model = "@cf/mistral/mistral-7b-instruct-v0.1";
    mistral.model.timeout = Number::fromInteger(15000);
    mistral.model.retries = Number::fromInteger(1);
    doc->updateElement(mistral, QStringLiteral("Set up mistral"));
    doc->connectOutput(added, "success", "end");
    doc->connectOutput(added, "fallback", "end");
    QTRY_COMPARE(editor->errorCount(), 0);
    QVERIFY(!doc->isClean());
    QVERIFY(window.routeTabs()->tabText(window.routeTabs()->indexOf(editor)).endsWith(QStringLiteral("\u2022")));

    // --- save a version (Ctrl+S): the server has one more, the editor shows it as the newest and is clean.
    QAction *save = window.findChild<QAction *>(QStringLiteral("saveAction"));
    save->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(doc->isClean(), 15000);
    const std::vector<RouteVersion> afterSave = versions(routeId);
    QCOMPARE(afterSave.size(), versionsBefore + 1);
    const QString savedVersion = remote->shownVersionId();
    QVERIFY(savedVersion != firstDeployed);
    QCOMPARE(remote->latestVersionId(), savedVersion);
    QVERIFY(std::any_of(afterSave.begin(), afterSave.end(),
                        [&](const RouteVersion &v) { return QString::fromStdString(v.versionId()) == savedVersion; }));

    // --- deploy it: the dialog shows what changes against the deployed version; confirm.
    window.findChild<QAction *>(QStringLiteral("deployAction"))->trigger();
    DeployDialog *deploy = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((deploy = window.findChild<DeployDialog *>()) != nullptr, 5000);
    auto *deployButton = deploy->findChild<QPushButton *>(QStringLiteral("deployButton"));
    QTRY_VERIFY_WITH_TIMEOUT(deployButton->isEnabled(), 15000);
    QVERIFY(deploy->findChild<QLabel *>(QStringLiteral("diffSummary"))->text().contains(QStringLiteral("1 added")));
    screenshot(deploy, QStringLiteral("session-deploy.png"));
    QSignalSpy deployed(deploy, &DeployDialog::deployed);
    QTest::mouseClick(deployButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(deployed.count(), 1, 15000);
    QCOMPARE(deployed.at(0).at(0).toString(), savedVersion);
    {
        const std::vector<RouteDeployment> list = deployments(routeId);
        QVERIFY(!list.empty());
        const auto newest = std::max_element(
            list.begin(), list.end(), [](const auto &a, const auto &b) { return a.createdAt() < b.createdAt(); });
        QCOMPARE(QString::fromStdString(newest->versionId()), savedVersion);
    }
    QTRY_COMPARE_WITH_TIMEOUT(remote->deployedVersionId(), savedVersion, 15000);

    // --- history: the new version is listed and deployed.
    RouteHistoryPanel *history = editor->historyPanel();
    QVERIFY(history);
    QTRY_COMPARE_WITH_TIMEOUT(history->deployedVersionId(), savedVersion, 15000);

    // --- roll back: deploy the version that was live before, from the history.
    history->selectVersion(firstDeployed);
    QTest::mouseClick(history->findChild<QPushButton *>(QStringLiteral("deployButton")), Qt::LeftButton);
    DeployDialog *rollback = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((rollback = history->deployDialog()) != nullptr, 5000);
    auto *rollbackButton = rollback->findChild<QPushButton *>(QStringLiteral("deployButton"));
    QTRY_VERIFY_WITH_TIMEOUT(rollbackButton->isEnabled(), 15000);
    QSignalSpy rolledBack(rollback, &DeployDialog::deployed);
    QTest::mouseClick(rollbackButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(rolledBack.count(), 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(history->deployedVersionId(), firstDeployed, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(remote->deployedVersionId(), firstDeployed, 15000);
    screenshot(&window, QStringLiteral("session-history.png"));

    // --- logs of one model, from its node on the canvas; then a log's bodies.
    editor->scene()->selectElements({"gpt4o_mini"});
    window.findChild<QAction *>(QStringLiteral("modelLogsAction"))->trigger();
    auto *logs = qobject_cast<LogsPage *>(window.routeTabs()->currentWidget());
    QVERIFY(logs);
    QTRY_VERIFY_WITH_TIMEOUT(logs->tableView()->model()->rowCount() > 0, 15000);
    QAbstractItemModel *rows = logs->tableView()->model();
    for (int row = 0; row < rows->rowCount(); ++row) {
        QCOMPARE(rows->index(row, LogTableModel::ModelColumn).data().toString(), QStringLiteral("gpt-4o-mini"));
    }
    QSignalSpy bodies(logs->detailPanel(), &LogDetailPanel::loaded);
    logs->tableView()->selectRow(0);
    QTRY_COMPARE_WITH_TIMEOUT(bodies.count(), 1, 15000);
    const QString request =
        logs->detailPanel()->findChild<QPlainTextEdit *>(QStringLiteral("logRequestBody"))->toPlainText();
    QVERIFY2(request.contains(QLatin1Char('{')) && request.contains(QLatin1Char('\n')), qPrintable(request));
    screenshot(&window, QStringLiteral("session-logs.png"));

    // --- a server fault while saving: the person is told where and why, and the edit stays, unsaved.
    window.routeTabs()->setCurrentWidget(editor);
    Element slower = *doc->route().find(added);
    slower.model.timeout = Number::fromInteger(25000);
    doc->updateElement(slower, QStringLiteral("Change timeout"));
    QVERIFY(!doc->isClean());
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::ServerError;
    fault.count = 5;
    fault.method = QStringLiteral("POST");
    fault.pathContains = QStringLiteral("/versions");
    m_server->injectFault(fault);
    bool sawError = false;
    answerMessageBox(QStringLiteral("saveVersionErrorBox"), QMessageBox::AcceptRole, &sawError);
    save->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(sawError, 15000);
    QVERIFY(!doc->isClean());
    QCOMPARE(versions(routeId).size(), versionsBefore + 1);
    m_server->clearFaults();

    // Validation gates saving: an unwired model is an error, and Save refuses without calling the server.
    doc->disconnectOutput(added, "success");
    QTRY_VERIFY(editor->errorCount() > 0);
    const int posts = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions"));
    bool sawRefusal = false;
    answerMessageBox(QStringLiteral("saveVersionRefusedBox"), QMessageBox::AcceptRole, &sawRefusal);
    save->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(sawRefusal, 5000);
    QCOMPARE(m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions")), posts);

    // Leave without a prompt: the rest of the edit is thrown away on purpose.
    doc->undoStack()->setClean();

    // The next start reopens the route tab (on the same connection) and lists it under Open Recent.
    window.close();
    QVERIFY(
        QSettings().value(QStringLiteral("session/openTabs")).toStringList().join(QLatin1Char(' ')).contains(routeId));
    TestWindow next;
    next.restoreOpenTabs();
    next.setConnections(&sandboxClient, &connections);
    next.show();
    QTRY_VERIFY_WITH_TIMEOUT(next.findRemoteEditor(kGateway, routeId) != nullptr, 15000);
    auto *recent = next.findChild<QMenu *>(QStringLiteral("recentMenu"));
    QVERIFY(recent);
    const QList<QAction *> recentActions = recent->actions();
    QVERIFY(std::any_of(recentActions.begin(), recentActions.end(),
                        [](const QAction *action) { return action->text().startsWith(kRouteName); }));
}

QTEST_MAIN(TestSession)
#include "tst_session.moc"
