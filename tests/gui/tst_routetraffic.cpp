// "What did this route do?" in the app, against the in-process sandbox's demo week of logs over loopback HTTP:
// the Traffic page reads the gateway's logs within a call budget and draws them on the route. The figures on
// the cards must be the counts the sandbox's logs hold, the drawing must reach the pixels, and cancel, a failing
// server and a route from a file must each read clearly.
#include "app/RemoteRoute.h"
#include "app/RouteDocument.h"
#include "app/RouteTraffic.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "support/CanvasPixels.h"
#include "support/SandboxFixture.h"
#include "support/TestWindow.h"
#include "ui/EditorBottomPanel.h"
#include "ui/RouteEditorPage.h"
#include "ui/engine/EngineText.h"
#include "ui/engine/RouteEnginePanels.h"
#include "ui/engine/TrafficPanel.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/RouteScene.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QPainter>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace rd;
using rd::test::overlayPixels;
using rd::test::screenshot;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "traffic-test-token-83c1d2e4f5a6";
const QString kAccount = QStringLiteral("local-sandbox");
const QString kGateway = QStringLiteral("demo-gateway");

} // namespace

class TestRouteTraffic : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup() { m_server->clearFaults(); }
    void figuresAreTheLogsCounts();
    void drawToggleAndPanelClose();
    void cancelAndServerErrorsReadClearly();
    void aRouteFromAFileHasNoTraffic();

private:
    RouteEditorPage *openDemoRemote(TestWindow &window, ApiClient &client);
    void useSandbox(ApiClient &client);
    // Every log of the gateway in [from, to), read page by page without the app's code.
    std::vector<LogEntry> logsBetween(ApiClient &client, const QDateTime &from, const QDateTime &to);

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    QString m_routeId;
};

void TestRouteTraffic::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_server = test::startSandbox(m_dir, kToken, error);
    QVERIFY2(m_server, qPrintable(error));
}

void TestRouteTraffic::useSandbox(ApiClient &client)
{
    client.setOptions(test::fastOptions(m_server->baseUrl(), 10000));
    client.setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
}

RouteEditorPage *TestRouteTraffic::openDemoRemote(TestWindow &window, ApiClient &client)
{
    window.resize(1440, 900);
    window.useConnection(&client, QStringLiteral("Sandbox"));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        return nullptr;
    }
    auto routes = await<ListPage<Route>>([&](auto cb) { client.listRoutes(kGateway, PageQuery{}, nullptr, cb); });
    if (!routes) {
        return nullptr;
    }
    for (const Route &route : routes.value->items) {
        if (route.name() == "support-chat") {
            m_routeId = QString::fromStdString(route.id());
        }
    }
    window.openRemoteRoute(kGateway, m_routeId, QStringLiteral("support-chat"));
    RouteEditorPage *editor = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            editor = window.findRemoteEditor(kGateway, m_routeId);
            return editor != nullptr && editor->route().size() > 0 && !editor->remote()->isBusy();
        },
        15000);
    return editor;
}

std::vector<LogEntry> TestRouteTraffic::logsBetween(ApiClient &client, const QDateTime &from, const QDateTime &to)
{
    std::vector<LogEntry> all;
    for (int page = 1;; ++page) {
        LogQuery query;
        query.page = page;
        query.perPage = 50;
        auto result = await<ListPage<LogEntry>>([&](auto cb) { client.listLogs(kGateway, query, nullptr, cb); });
        if (!result) {
            qWarning("%s", qPrintable(why(result.error)));
            return {};
        }
        for (const LogEntry &entry : result.value->items) {
            const QDateTime at = QDateTime::fromString(QString::fromStdString(entry.createdAt()), Qt::ISODate);
            if (at > from && at < to) {
                all.push_back(entry);
            }
        }
        if (!result.value->info.hasMore(result.value->items.size())) {
            break;
        }
    }
    return all;
}

void TestRouteTraffic::figuresAreTheLogsCounts()
{
    ApiClient client;
    useSandbox(client);
    TestWindow window;
    RouteEditorPage *editor = openDemoRemote(window, client);
    QVERIFY(editor);
    QAction *action = window.findChild<QAction *>(QStringLiteral("trafficAction"));
    QVERIFY(action && action->isEnabled());
    TrafficPanel *panel = editor->engine()->traffic();
    QVERIFY2(panel->planText().contains(QStringLiteral("API calls")), qPrintable(panel->planText()));
    const int logCallsBefore = m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/logs"));
    action->trigger(); // opens the page and reads, as nothing is shown yet
    QVERIFY(panel->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isLoading(), 30000);
    QVERIFY2(panel->traffic(), qPrintable(panel->statusText()));
    const RouteTraffic &traffic = *panel->traffic();
    const int logCalls = m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/logs")) - logCallsBefore;

    // The range starts at the current deployment.
    auto deployments = await<ListPage<RouteDeployment>>([&](auto cb) {
        client.listDeployments(kGateway, m_routeId,
                               PageQuery{1, 50, {}, QStringLiteral("created_at"), QStringLiteral("desc")}, nullptr, cb);
    });
    QVERIFY2(deployments, qPrintable(why(deployments.error)));
    QVERIFY(deployments.value->items.size() >= 2); // the demo's previous version, then the current one
    const QDateTime deployed =
        QDateTime::fromString(QString::fromStdString(deployments.value->items.front().createdAt()), Qt::ISODate);
    QCOMPARE(traffic.from, deployed.toUTC());

    // Every count equals what the sandbox's logs in that range hold.
    const std::vector<LogEntry> logs = logsBetween(client, traffic.from, traffic.to);
    QVERIFY(!logs.empty());
    std::map<std::string, std::int64_t> requests, errors;
    std::int64_t unserved = 0;
    for (const LogEntry &entry : logs) {
        if (entry.model() == "dynamic/support-chat") {
            ++unserved;
        } else {
            ++requests[entry.provider() + '/' + entry.model()];
            errors[entry.provider() + '/' + entry.model()] += entry.success() ? 0 : 1;
        }
    }
    QCOMPARE(traffic.unserved, unserved);
    QCOMPARE(int(traffic.models.size()), 4);
    std::int64_t counted = 0;
    for (const RouteTraffic::ModelCount &m : traffic.models) {
        QCOMPARE(m.requests, requests[m.key]);
        QCOMPARE(m.errors, errors[m.key]);
        counted += m.requests;
    }
    QCOMPARE(traffic.totalRequests(), std::int64_t(logs.size()));
    QVERIFY(counted > 0);
    // The whole range fits the default sample: every log was read and replayed.
    QCOMPARE(traffic.sampleSize, std::int64_t(logs.size()));
    QCOMPARE(traffic.sampleMatched, std::int64_t(logs.size()));

    // The cards say those numbers; the start card says the total.
    const FlowOverlay overlay = editor->scene()->flowOverlay();
    for (const Element &e : editor->route().elements()) {
        if (e.type != ElementType::Model) {
            continue;
        }
        const std::string key = *e.model.provider + '/' + *e.model.model;
        const QString tag = overlay.cards.at(e.id).tag;
        const QString n = EngineText::count(std::uint64_t(requests[key]));
        QVERIFY2(requests[key] == 0 ? tag == QStringLiteral("no requests")
                                    : tag.startsWith(n + QStringLiteral(" · ")) || tag == n,
                 qPrintable(tag));
        QCOMPARE(tag.contains(QStringLiteral("err")), errors[key] > 0);
    }
    QVERIFY2(overlay.cards.at("start").tag.startsWith(EngineText::count(std::uint64_t(logs.size()))),
             qPrintable(overlay.cards.at("start").tag));
    // The table lists the four models and the unserved row, with the same counts.
    QTableWidget *table = panel->modelTable();
    QCOMPARE(table->rowCount(), 5);
    for (int row = 0; row < 4; ++row) {
        const std::string key = table->item(row, 0)->data(Qt::UserRole + 1).toString().toStdString();
        QCOMPARE(table->item(row, 1)->text(), EngineText::count(std::uint64_t(requests[key])));
    }

    // Wires: the two ways out of plan_check share every replayed log. Logs no way through this route explains
    // (the demo's other route, quick-answers, calls gpt-4o-mini for free-plan users too) are left out, and said.
    std::int64_t apart = 0;
    for (const auto &[key, n] : traffic.replay.unexplainedByModel) {
        apart += n;
    }
    QCOMPARE(apart, traffic.replay.unexplained);
    QCOMPARE(traffic.replay.replayed() + traffic.replay.unexplained, traffic.sampleSize);
    if (apart > 0) {
        QVERIFY2(panel->legendText().contains(QStringLiteral("fit no way")), qPrintable(panel->legendText()));
    }
    RouteScene *scene = editor->scene();
    const double split =
        scene->edgeItem("plan_check", "true")->flow()->share + scene->edgeItem("plan_check", "false")->flow()->share;
    QVERIFY2(std::abs(split - 1.0) < 1e-9, qPrintable(QString::number(split)));
    QVERIFY(overlayPixels(scene) > 3000);
    // The budget: one deployment read and the rest on /logs, as many as the loader says it made.
    QCOMPARE(logCalls, traffic.calls - 1);
    QVERIFY(panel->legendText().contains(QStringLiteral("Inferred")));
    QVERIFY(panel->summaryText().contains(QString::number(logs.size())));
    screenshot(&window, QStringLiteral("traffic.png"));

    // A wider range: at least as many requests, and the previous version's traffic is in it.
    panel->rangeBox()->setCurrentIndex(panel->rangeBox()->findText(QStringLiteral("Last 30 days")));
    QTest::mouseClick(panel->loadButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isLoading(), 30000);
    QVERIFY(panel->traffic());
    QVERIFY(panel->traffic()->totalRequests() > std::int64_t(logs.size()));
}

void TestRouteTraffic::drawToggleAndPanelClose()
{
    ApiClient client;
    useSandbox(client);
    TestWindow window;
    RouteEditorPage *editor = openDemoRemote(window, client);
    QVERIFY(editor);
    editor->engine()->showTraffic();
    TrafficPanel *panel = editor->engine()->traffic();
    QTRY_VERIFY_WITH_TIMEOUT(panel->traffic() != nullptr, 30000);
    RouteScene *scene = editor->scene();
    QVERIFY(!scene->flowOverlay().isEmpty());
    const int drawn = overlayPixels(scene);
    QVERIFY(drawn > 3000);

    panel->drawBox()->setChecked(false);
    QVERIFY(scene->flowOverlay().isEmpty());
    QVERIFY(overlayPixels(scene) < drawn / 10);
    panel->drawBox()->setChecked(true);
    QVERIFY(!scene->flowOverlay().isEmpty());

    // Closing the panel gives the plain route back; opening it again shows the figures without reading again.
    const int calls = m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/logs"));
    editor->bottomPanel()->setExpanded(false);
    QVERIFY(scene->flowOverlay().isEmpty());
    editor->engine()->showTraffic();
    QVERIFY(!scene->flowOverlay().isEmpty());
    QTest::qWait(100);
    QCOMPARE(m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/logs")), calls);

    // An edit afterwards says the ways shown are of the route as it was.
    editor->document()->removeElements({"claude_haiku"});
    QTRY_VERIFY(panel->statusText().contains(QStringLiteral("changed")));
}

void TestRouteTraffic::cancelAndServerErrorsReadClearly()
{
    ApiClient client;
    useSandbox(client);
    TestWindow window;
    RouteEditorPage *editor = openDemoRemote(window, client);
    QVERIFY(editor);
    TrafficPanel *panel = editor->engine()->traffic();
    editor->engine()->showTraffic();
    QTRY_VERIFY_WITH_TIMEOUT(panel->traffic() != nullptr, 30000);
    const RouteTraffic *before = panel->traffic();

    // Slow answers: cancel mid-way keeps the figures already shown, and says so.
    FaultSpec slow;
    slow.kind = FaultSpec::Kind::Slow;
    slow.delayMs = 300;
    slow.count = 1000;
    slow.pathContains = QStringLiteral("/logs");
    m_server->injectFault(slow);
    QTest::mouseClick(panel->loadButton(), Qt::LeftButton);
    QVERIFY(panel->isLoading());
    QVERIFY(panel->cancelButton()->isEnabled());
    QTest::qWait(400);
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    QVERIFY(!panel->isLoading());
    QVERIFY2(panel->statusText().contains(QStringLiteral("Cancelled")), qPrintable(panel->statusText()));
    QCOMPARE(panel->traffic(), before);
    QVERIFY(panel->loadButton()->isEnabled());
    m_server->clearFaults();

    // A server error: the message names it, the old figures stay.
    FaultSpec broken;
    broken.kind = FaultSpec::Kind::ServerError;
    broken.count = 1000;
    broken.pathContains = QStringLiteral("/logs");
    m_server->injectFault(broken);
    panel->load();
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isLoading(), 30000);
    QVERIFY2(panel->statusText().startsWith(QStringLiteral("Could not read the logs")),
             qPrintable(panel->statusText()));
    QCOMPARE(panel->traffic(), before);
}

void TestRouteTraffic::aRouteFromAFileHasNoTraffic()
{
    TestWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    RouteEditorPage *editor = window.currentEditor();
    QVERIFY(editor);
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("trafficAction"))->isEnabled());
    TrafficPanel *panel = editor->engine()->traffic();
    QVERIFY(!panel->hasSource());
    editor->engine()->showTraffic();
    QVERIFY(panel->findChild<QWidget *>(QStringLiteral("trafficNoSource"))->isVisible());
    QVERIFY(!panel->isLoading());
    QVERIFY(editor->scene()->flowOverlay().isEmpty());
}

QTEST_MAIN(TestRouteTraffic)
#include "tst_routetraffic.moc"
