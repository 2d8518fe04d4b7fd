// The route engine in the app, driven through real widgets: the Trace panel lights the path on the canvas (and
// only while it is open), follows edits live and works on drafts with errors; Simulate runs off the GUI thread,
// cancels, draws traffic on the wires and replays the gateway's logs; Send Test Request goes through the
// in-process sandbox's data plane over loopback HTTP and lights the path that served it.
#include "app/ConnectionManager.h"
#include "app/ConnectionStore.h"
#include "app/GatewayTestRequest.h"
#include "app/RemoteRoute.h"
#include "app/RouteDocument.h"
#include "app/SecretStore.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "model/engine/RequestMix.h"
#include "support/CanvasPixels.h"
#include "support/SandboxFixture.h"
#include "support/TestWindow.h"
#include "ui/EditorBottomPanel.h"
#include "ui/RouteEditorPage.h"
#include "ui/engine/RequestContextEditor.h"
#include "ui/engine/RouteEnginePanels.h"
#include "ui/engine/SimulatePanel.h"
#include "ui/engine/SimulationResultView.h"
#include "ui/engine/TestRequestDialog.h"
#include "ui/engine/TracePanel.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/FlowTagItem.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

using namespace rd;
using rd::test::overlayPixels;
using rd::test::screenshot;

namespace {

const QByteArray kToken = "engine-test-token-4f0e2b6c9d1a";
const QString kAccount = QStringLiteral("local-sandbox");
const QString kGateway = QStringLiteral("demo-gateway");
const QString kLlama = QStringLiteral("workers-ai/@cf/meta/llama-3.1-8b-instruct");

QStringList stepIds(TracePanel *trace)
{
    QStringList ids;
    for (int i = 0; i < trace->stepList()->topLevelItemCount(); ++i) {
        ids << trace->stepList()->topLevelItem(i)->text(1);
    }
    return ids;
}

} // namespace

class TestRouteEngine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void traceLightsThePath();
    void traceFollowsEditsAndDrafts();
    void simulateDrawsTraffic();
    void simulateCancels();
    void simulateReplaysLogs();
    void testRequestThroughTheSandbox();
    void testRequestFailuresReadClearly();
    void realAccountsAreAskedFirst();

private:
    RouteEditorPage *openDemoFile(TestWindow &window);
    RouteEditorPage *openDemoRemote(TestWindow &window, ApiClient &client);
    void useSandbox(ApiClient &client);

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
};

void TestRouteEngine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_server = test::startSandbox(m_dir, kToken, error);
    QVERIFY2(m_server, qPrintable(error));
}

void TestRouteEngine::useSandbox(ApiClient &client)
{
    client.setOptions(test::fastOptions(m_server->baseUrl()));
    client.setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
}

RouteEditorPage *TestRouteEngine::openDemoFile(TestWindow &window)
{
    window.resize(1440, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE))) {
        return nullptr;
    }
    return window.currentEditor();
}

RouteEditorPage *TestRouteEngine::openDemoRemote(TestWindow &window, ApiClient &client)
{
    window.resize(1440, 900);
    window.useConnection(&client, QStringLiteral("Sandbox"));
    window.connections()->setSandboxGatewayToken(QString::fromLatin1(kToken));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        return nullptr;
    }
    std::optional<ApiResult<ListPage<Route>>> routes;
    client.listRoutes(kGateway, PageQuery{}, nullptr, [&](const ApiResult<ListPage<Route>> &r) { routes = r; });
    if (!QTest::qWaitFor([&] { return routes.has_value(); }, 15000) || !routes->ok()) {
        return nullptr;
    }
    QString routeId;
    for (const Route &route : routes->value->items) {
        if (route.name() == "support-chat") {
            routeId = QString::fromStdString(route.id());
        }
    }
    window.openRemoteRoute(kGateway, routeId, QStringLiteral("support-chat"));
    RouteEditorPage *editor = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            editor = window.findRemoteEditor(kGateway, routeId);
            return editor != nullptr && editor->route().size() > 0 && !editor->remote()->isBusy();
        },
        15000);
    return editor;
}

void TestRouteEngine::traceLightsThePath()
{
    TestWindow window;
    RouteEditorPage *editor = openDemoFile(window);
    QVERIFY(editor);
    RouteScene *scene = editor->scene();
    QCOMPARE(overlayPixels(scene), 0);

    window.findChild<QAction *>(QStringLiteral("traceAction"))->trigger();
    QVERIFY(editor->bottomPanel()->isExpanded());
    TracePanel *trace = editor->engine()->trace();
    QVERIFY(trace->isVisible());
    trace->requestEditor()->setValue(QStringLiteral("plan"), QStringLiteral("free"));
    trace->requestEditor()->setValue(QStringLiteral("user_id"), QStringLiteral("u-17"));
    trace->retraceNow();
    QCOMPARE(stepIds(trace), (QStringList{"start", "plan_check", "free_rate_limit", "llama_8b", "end"}));
    QVERIFY2(trace->summaryText().startsWith(QStringLiteral("Served by ") + kLlama), qPrintable(trace->summaryText()));
    QVERIFY(trace->bannerText().isEmpty());

    // On the canvas: the path lit and numbered, the rest faded.
    QCOMPARE(scene->elementItem("paid_split")->opacity(), FlowOverlay::kDimmedOpacity);
    QCOMPARE(scene->elementItem("plan_check")->opacity(), 1.0);
    FlowTagItem *tag = nullptr;
    for (QGraphicsItem *child : scene->elementItem("plan_check")->childItems()) {
        if (child->type() == FlowTagItem::Type) {
            tag = static_cast<FlowTagItem *>(child);
        }
    }
    QVERIFY(tag);
    QCOMPARE(tag->flow().badge, QStringLiteral("2"));
    QVERIFY(scene->edgeItem("plan_check", "true")->flow() && scene->edgeItem("plan_check", "true")->flow()->lit);
    QVERIFY(scene->edgeItem("plan_check", "false")->isDimmed());
    const int lit = overlayPixels(scene);
    QVERIFY2(lit > 2000, qPrintable(QString::number(lit)));
    screenshot(&window, QStringLiteral("trace-free-plan.png"));

    // A step clicked selects its element.
    trace->stepList()->setCurrentItem(trace->stepList()->topLevelItem(3));
    QVERIFY(scene->selectedElementIds() == std::vector<std::string>{"llama_8b"});

    // The model made to fail: its fallback goes to end, unserved.
    trace->setFailing(kLlama, true);
    trace->retraceNow();
    QVERIFY2(trace->summaryText().startsWith(QStringLiteral("Not served")), qPrintable(trace->summaryText()));
    QCOMPARE(trace->stepList()->topLevelItem(3)->text(2), QStringLiteral("fallback"));

    // Closing the panel gives the plain canvas back; opening it brings the path again.
    editor->bottomPanel()->setExpanded(false);
    QCOMPARE(overlayPixels(scene), 0);
    QCOMPARE(scene->elementItem("paid_split")->opacity(), 1.0);
    editor->bottomPanel()->setExpanded(true);
    QVERIFY(overlayPixels(scene) > 2000);
}

void TestRouteEngine::traceFollowsEditsAndDrafts()
{
    TestWindow window;
    RouteEditorPage *editor = openDemoFile(window);
    QVERIFY(editor);
    editor->engine()->showTrace();
    TracePanel *trace = editor->engine()->trace();
    trace->requestEditor()->setValue(QStringLiteral("plan"), QStringLiteral("free"));
    trace->retraceNow();
    QCOMPARE(stepIds(trace).value(2), QStringLiteral("free_rate_limit"));

    // The rate element removed: the trace follows on its own, and the draft's errors show as a banner while the
    // walk still goes as far as it can.
    editor->document()->removeElements({"free_rate_limit"});
    QTRY_VERIFY(!stepIds(trace).contains(QStringLiteral("free_rate_limit")));
    QCOMPARE(stepIds(trace).value(1), QStringLiteral("plan_check"));
    QTRY_VERIFY(!trace->bannerText().isEmpty());
    QVERIFY(trace->bannerText().contains(QStringLiteral("error")));
    QVERIFY(trace->summaryText().startsWith(QStringLiteral("Not served")));
    // The error does not take the panel over to Problems: the trace of this draft is what the user is reading.
    QTest::qWait(50);
    QVERIFY(trace->isVisible());
    QVERIFY(editor->bottomPanel()->tabButton(0)->text().startsWith(QStringLiteral("Problems (")));
    screenshot(&window, QStringLiteral("trace-draft-with-errors.png"));

    // Undone: clean again, and the model serves once more.
    editor->document()->undoStack()->undo();
    QTRY_VERIFY(trace->bannerText().isEmpty());
    QTRY_VERIFY(trace->summaryText().startsWith(QStringLiteral("Served by")));

    // Metadata Cloudflare would refuse is traced, with the refusal said.
    for (int i = 0; i < 5; ++i) {
        trace->requestEditor()->setValue(QStringLiteral("extra%1").arg(i), QStringLiteral("x"));
    }
    trace->retraceNow();
    QVERIFY2(trace->summaryText().contains(QStringLiteral("Cloudflare would refuse")),
             qPrintable(trace->summaryText()));

    // A body that is not JSON says so instead of tracing something else.
    auto *body = trace->findChild<QLineEdit *>(QStringLiteral("bodyEdit"));
    body->setText(QStringLiteral("{not json"));
    trace->retraceNow();
    QVERIFY(trace->summaryText().startsWith(QStringLiteral("Body")));
    QVERIFY(!trace->result());
    QCOMPARE(overlayPixels(editor->scene()), 0);
}

void TestRouteEngine::simulateDrawsTraffic()
{
    TestWindow window;
    RouteEditorPage *editor = openDemoFile(window);
    QVERIFY(editor);
    window.findChild<QAction *>(QStringLiteral("simulateAction"))->trigger();
    SimulatePanel *sim = editor->engine()->simulate();
    QVERIFY(sim->isVisible());
    QCOMPARE(sim->providerTable()->rowCount(), 4); // the demo's four models

    // A broken mix is refused with its line, and nothing runs.
    sim->mixEdit()->setPlainText(QStringLiteral("{\"metadata\": {\"plan\": \"free\"}}\nnot json"));
    sim->run();
    QVERIFY(!sim->isRunning());
    QVERIFY2(sim->statusText().contains(QStringLiteral("line 2")), qPrintable(sim->statusText()));

    sim->mixEdit()->setPlainText(
        QStringLiteral("{\"weight\": 1, \"metadata\": {\"plan\": \"free\", \"user_id\": \"a\"}}\n"
                       "{\"weight\": 3, \"metadata\": {\"plan\": \"pro\"}}"));
    sim->requestsBox()->setValue(20000);
    sim->providerTable()->item(0, 1)->setText(QStringLiteral("10")); // anthropic fails 10 %
    QSignalSpy running(sim, &SimulatePanel::runningChanged);
    QTest::mouseClick(sim->runButton(), Qt::LeftButton);
    QVERIFY(sim->isRunning() || running.count() == 2);
    QTRY_VERIFY_WITH_TIMEOUT(!sim->isRunning(), 20000);
    QVERIFY(sim->report());
    const SimulationReport &report = *sim->report();
    QCOMPARE(report.requests, std::uint64_t{20000});
    QVERIFY(!report.cancelled);
    std::uint64_t served = 0;
    for (const auto &m : report.models) {
        served += m.served;
    }
    QCOMPARE(served + report.unserved, report.requests);

    // On the canvas: every wire as wide as its share; the split's two branches add up to the paid requests.
    RouteScene *scene = editor->scene();
    EdgeItem *paid = scene->edgeItem("plan_check", "false");
    QVERIFY(paid->flow());
    QVERIFY2(std::abs(paid->flow()->share - 0.75) < 0.02, qPrintable(QString::number(paid->flow()->share)));
    const double split =
        scene->edgeItem("paid_split", "60%")->flow()->share + scene->edgeItem("paid_split", "40%")->flow()->share;
    QVERIFY(std::abs(split - paid->flow()->share) < 1e-9);
    QVERIFY(!scene->edgeItem("paid_split", "60%")->flow()->label.isEmpty());
    QVERIFY(overlayPixels(scene) > 3000);
    QTreeWidget *table = sim->resultView()->table();
    QCOMPARE(table->topLevelItem(0)->childCount(), 4);
    QVERIFY(sim->resultView()->headline().contains(QStringLiteral("20,000 requests")));
    screenshot(&window, QStringLiteral("simulate-demo.png"));

    // An edit afterwards marks the figures out of date.
    editor->document()->removeElements({"claude_haiku"});
    QTRY_VERIFY(sim->statusText().contains(QStringLiteral("changed")));
}

void TestRouteEngine::simulateCancels()
{
    TestWindow window;
    RouteEditorPage *editor = openDemoFile(window);
    QVERIFY(editor);
    editor->engine()->showSimulate();
    SimulatePanel *sim = editor->engine()->simulate();
    sim->requestsBox()->setValue(sim->requestsBox()->maximum());
    sim->run();
    QVERIFY(sim->isRunning());
    QVERIFY(sim->progressBar()->isVisible());
    QVERIFY(sim->cancelButton()->isEnabled());
    QTest::mouseClick(sim->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!sim->isRunning(), 20000);
    QVERIFY(sim->report()->cancelled);
    QVERIFY(sim->report()->requests < static_cast<std::uint64_t>(sim->requestsBox()->maximum()));
    QVERIFY(sim->resultView()->headline().startsWith(QStringLiteral("Cancelled")));
    QVERIFY(sim->runButton()->isEnabled());
    QVERIFY(!sim->progressBar()->isVisible());
}

void TestRouteEngine::simulateReplaysLogs()
{
    ApiClient client;
    useSandbox(client);
    TestWindow window;
    RouteEditorPage *editor = openDemoRemote(window, client);
    QVERIFY(editor);
    editor->engine()->showSimulate();
    SimulatePanel *sim = editor->engine()->simulate();
    QVERIFY(sim->fromLogsButton()->isEnabled());
    QSignalSpy loaded(sim, &SimulatePanel::mixLoaded);
    sim->loadMixFromLogs(120);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
    const auto mix = RequestMix::parse(sim->mixEdit()->toPlainText().toStdString());
    QVERIFY2(mix, qPrintable(sim->statusText()));
    double weights = 0;
    for (const WeightedContext &wc : *mix.value) {
        weights += wc.weight;
    }
    QCOMPARE(weights, 120.0); // 120 logs read over three pages of 50
    QVERIFY(sim->statusText().contains(QStringLiteral("120")));
    sim->requestsBox()->setValue(5000);
    sim->run();
    QTRY_VERIFY_WITH_TIMEOUT(!sim->isRunning(), 20000);
    QCOMPARE(sim->report()->requests, std::uint64_t{5000});
}

void TestRouteEngine::testRequestThroughTheSandbox()
{
    ApiClient client;
    useSandbox(client);
    QSettings settings(m_dir.filePath(QStringLiteral("connections.ini")), QSettings::IniFormat);
    SecretStore secrets(QStringLiteral("route-designer-engine-test"));
    ConnectionStore store(&settings, &secrets);
    TestWindow window;
    window.setConnections(&client, &store);
    RouteEditorPage *editor = openDemoRemote(window, client);
    QVERIFY(editor);
    QAction *action = window.findChild<QAction *>(QStringLiteral("testRequestAction"));
    QVERIFY(action->isEnabled());

    editor->engine()->trace()->requestEditor()->setValue(QStringLiteral("plan"), QStringLiteral("pro"));
    action->trigger();
    TestRequestDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<TestRequestDialog *>()) != nullptr && dialog->isVisible());
    QCOMPARE(dialog->endpoint().path(), QStringLiteral("/v1/local-sandbox/demo-gateway/compat/chat/completions"));
    QVERIFY(dialog->metadataEditor()->metadata() == Json({{"plan", "pro"}})); // from the Trace panel
    const QString providerKey = QStringLiteral("sk-test-provider-key-91c2");
    dialog->providerKeyEdit()->setText(providerKey);
    int found = 0; // a counter, not a QSignalSpy: the match is no registered metatype
    connect(dialog, &TestRequestDialog::traceFound, this, [&found] { ++found; });
    QSignalSpy finished(dialog, &TestRequestDialog::finished);
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    QVERIFY2(dialog->outcome()->ok(), qPrintable(dialog->resultText()));
    QVERIFY(dialog->resultText().startsWith(QStringLiteral("HTTP 200 in ")));
    QVERIFY(!dialog->answerText().isEmpty());
    const QString served = dialog->outcome()->servedProvider + QLatin1Char('/') + dialog->outcome()->servedModel;
    QVERIFY2(served.startsWith(QStringLiteral("openai/")) || served.startsWith(QStringLiteral("anthropic/")),
             qPrintable(served));
    QCOMPARE(found, 1);
    QVERIFY2(dialog->pathText().contains(QStringLiteral("is lit")), qPrintable(dialog->pathText()));
    screenshot(dialog, QStringLiteral("test-request.png"));

    // The canvas lights the path that ends at the serving model, on the Trace page.
    TracePanel *trace = editor->engine()->trace();
    QVERIFY(trace->isVisible());
    QVERIFY(trace->result() && trace->result()->served);
    QCOMPARE(QString::fromStdString(trace->result()->served->provider + '/' + trace->result()->served->model), served);
    const std::string modelCard = trace->result()->path.at(trace->result()->path.size() - 2).element;
    QCOMPARE(editor->scene()->elementItem(modelCard)->opacity(), 1.0);
    QCOMPARE(editor->scene()->elementItem("llama_8b")->opacity(), FlowOverlay::kDimmedOpacity);

    // The key is remembered (in the secret store, never in the settings file) for the next dialog.
    dialog->close();
    QTRY_VERIFY(window.findChild<TestRequestDialog *>() == nullptr);
    action->trigger();
    QTRY_VERIFY((dialog = window.findChild<TestRequestDialog *>()) != nullptr);
    QTRY_COMPARE(dialog->providerKeyEdit()->text(), providerKey);
    settings.sync();
    QFile file(settings.fileName());
    if (file.open(QIODevice::ReadOnly)) {
        QVERIFY(!file.readAll().contains(providerKey.toUtf8()));
    }
    dialog->close();
}

void TestRouteEngine::testRequestFailuresReadClearly()
{
    ApiClient client;
    useSandbox(client);
    TestWindow window;
    RouteEditorPage *editor = openDemoRemote(window, client);
    QVERIFY(editor);

    // The gateway with authentication on: a wrong token is a 401 that says what to check.
    std::optional<ApiResult<Gateway>> gateway;
    client.getGateway(kGateway, nullptr, [&](const ApiResult<Gateway> &r) { gateway = r; });
    QTRY_VERIFY_WITH_TIMEOUT(gateway.has_value(), 15000);
    QVERIFY(gateway->ok());
    Gateway authenticated = *gateway->value;
    authenticated.setAuthentication(true);
    std::optional<ApiResult<Gateway>> updated;
    client.updateGateway(authenticated, nullptr, [&](const ApiResult<Gateway> &r) { updated = r; });
    QTRY_VERIFY_WITH_TIMEOUT(updated.has_value(), 15000);
    QVERIFY(updated->ok());

    TestRequestDialog::Target target;
    target.client = &client;
    target.gatewayId = kGateway;
    target.routeName = QStringLiteral("support-chat");
    TestRequestDialog wrong(target, editor->document(), nullptr);
    wrong.show();
    wrong.gatewayTokenEdit()->setText(QStringLiteral("not-the-gateway-token"));
    QSignalSpy wrongDone(&wrong, &TestRequestDialog::finished);
    wrong.send();
    QTRY_COMPARE_WITH_TIMEOUT(wrongDone.count(), 1, 15000);
    QVERIFY2(wrong.resultText().contains(QStringLiteral("401")), qPrintable(wrong.resultText()));
    QVERIFY(wrong.resultText().contains(QStringLiteral("gateway token")));
    QVERIFY(!wrong.resultText().contains(QStringLiteral("not-the-gateway-token")));

    // The sandbox's own token, filled in for the local sandbox, is accepted.
    target.knownGatewayToken = QString::fromLatin1(kToken);
    TestRequestDialog right(target, editor->document(), nullptr);
    right.show();
    QVERIFY(right.gatewayTokenEdit()->isReadOnly());
    QSignalSpy rightDone(&right, &TestRequestDialog::finished);
    right.send();
    QTRY_COMPARE_WITH_TIMEOUT(rightDone.count(), 1, 15000);
    QVERIFY2(right.outcome()->ok(), qPrintable(right.resultText()));

    authenticated.setAuthentication(false);
    updated.reset();
    client.updateGateway(authenticated, nullptr, [&](const ApiResult<Gateway> &r) { updated = r; });
    QTRY_VERIFY_WITH_TIMEOUT(updated.has_value(), 15000);

    // A route that is not there: the gateway's own error, as it said it.
    target.routeName = QStringLiteral("no-such-route");
    TestRequestDialog missing(target, editor->document(), nullptr);
    QSignalSpy missingDone(&missing, &TestRequestDialog::finished);
    missing.send();
    QTRY_COMPARE_WITH_TIMEOUT(missingDone.count(), 1, 15000);
    QVERIFY(!missing.outcome()->ok());
    QVERIFY2(missing.resultText().startsWith(QStringLiteral("The gateway answered HTTP 4")),
             qPrintable(missing.resultText()));

    // Nothing listening: said as such, and that nothing was sent.
    ApiClient nowhere;
    ApiClient::Options options = test::fastOptions(QUrl(QStringLiteral("http://127.0.0.1:9/client/v4")));
    nowhere.setOptions(options);
    nowhere.setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    target.client = &nowhere;
    TestRequestDialog unreachable(target, editor->document(), nullptr);
    QSignalSpy unreachableDone(&unreachable, &TestRequestDialog::finished);
    unreachable.send();
    QTRY_COMPARE_WITH_TIMEOUT(unreachableDone.count(), 1, 15000);
    QVERIFY(!unreachable.outcome()->sent);
    QVERIFY2(unreachable.resultText().startsWith(QStringLiteral("The gateway could not be reached")),
             qPrintable(unreachable.resultText()));
}

void TestRouteEngine::realAccountsAreAskedFirst()
{
    // An account's API base gives Cloudflare's gateway host; any other base (the sandbox) answers itself.
    const QUrl real = GatewayTestRequest::chatCompletionsUrl(ApiClient::kCloudflareBaseUrl, QStringLiteral("0d37"),
                                                             QStringLiteral("prod-gw"));
    QCOMPARE(real, QUrl(QStringLiteral("https://gateway.ai.cloudflare.com/v1/0d37/prod-gw/compat/chat/completions")));
    QVERIFY(GatewayTestRequest::isCloudflare(real));
    const QUrl local = GatewayTestRequest::chatCompletionsUrl(m_server->baseUrl(), kAccount, kGateway);
    QCOMPARE(local.port(), m_server->baseUrl().port());
    QVERIFY(!GatewayTestRequest::isCloudflare(local));

    // Before a billed request the dialog asks; Cancel sends nothing.
    ApiClient account;
    account.setOptions(test::fastOptions(ApiClient::kCloudflareBaseUrl, 500));
    account.setCredentials(ApiCredentials::apiToken(QStringLiteral("0d37"), QStringLiteral("not-a-real-token")));
    TestRequestDialog::Target target;
    target.client = &account;
    target.gatewayId = QStringLiteral("prod-gw");
    target.routeName = QStringLiteral("support-chat");
    TestRequestDialog dialog(target, nullptr, nullptr);
    dialog.show();
    QVERIFY(dialog.sendButton()->text().contains(QStringLiteral("Billed")));
    bool asked = false;
    QTimer::singleShot(50, &dialog, [&asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box) {
            asked = box->text().contains(QStringLiteral("bills"));
            box->button(QMessageBox::Cancel)->click();
        }
    });
    dialog.send();
    QVERIFY(asked);
    QVERIFY(!dialog.outcome());
    QCOMPARE(dialog.resultText(), QStringLiteral("Not sent yet."));
    QVERIFY(dialog.sendButton()->isEnabled());
}

QTEST_MAIN(TestRouteEngine)
#include "tst_routeengine.moc"
