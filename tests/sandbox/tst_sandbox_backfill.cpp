// The backfill (route-sandbox --backfill, and the demo week made by it): past logs written by the data plane's own
// code, each request routed by the version deployed at its time. The history is written into the sandbox's
// database with a store of the test's own (deployments in the past cannot be made through the API, which stamps
// them now); everything is read back over loopback HTTP from a real in-process sandbox.

#include "JsonCompare.h"
#include "SandboxTestClient.h"
#include "app/sandbox/SandboxBackfill.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxRouteApi.h"
#include "app/sandbox/SandboxServer.h"
#include "app/sandbox/SandboxStore.h"
#include "app/sandbox/SandboxTime.h"
#include "app/sandbox/SandboxTransaction.h"
#include "model/JsonText.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <set>

using namespace rd;
using rd::test::SandboxTestClient;
using rd::test::TestReply;

namespace {

const QByteArray kToken = "sandbox-backfill-token-0123456789";
const QString kAccount = QStringLiteral("backfill");

QString gatewayPath(const QString &account, const QString &gateway)
{
    return QStringLiteral("/accounts/%1/ai-gateway/gateways/%2").arg(account, gateway);
}

QString str(const Json &json, const char *key)
{
    return QString::fromStdString(json.value(key, std::string()));
}

Json oneModel(const std::string &provider, const std::string &model)
{
    return Json::array(
        {Json{{"id", "start"}, {"type", "start"}, {"outputs", {{"next", {{"elementId", "m"}}}}}},
         Json{{"id", "m"},
              {"type", "model"},
              {"properties", {{"provider", provider}, {"model", model}, {"timeout", 30000}, {"retries", 0}}},
              {"outputs", {{"success", {{"elementId", "end"}}}, {"fallback", {{"elementId", "end"}}}}}},
         Json{{"id", "end"}, {"type", "end"}, {"outputs", Json::object()}}});
}

Json gatewayBody(const char *id, bool collectLogs, bool authentication = false)
{
    return Json{{"id", id},
                {"cache_invalidate_on_update", false},
                {"cache_ttl", 0},
                {"collect_logs", collectLogs},
                {"rate_limiting_interval", 0},
                {"rate_limiting_limit", 0},
                {"authentication", authentication}};
}

} // namespace

class TestSandboxBackfill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void followsTheDeploymentOfEachMoment();
    void logsLookLikeLiveOnes();
    void collectLogsOffWritesNothing();
    void authenticatedGatewayIsBackfilledWithoutLeakingTheToken();
    void serverBackfillCoversTheAccount();
    void demoWeekFollowsBothVersions();

private:
    std::vector<Json> allLogs(const QString &account, const QString &gateway)
    {
        std::vector<Json> logs;
        for (int page = 1;; ++page) {
            const TestReply reply = m_client->get(
                gatewayPath(account, gateway) +
                QStringLiteral("/logs?per_page=50&order_by=created_at&order_by_direction=asc&page=%1").arg(page));
            if (reply.status != 200 || !reply.result().is_array() || reply.result().empty()) {
                break;
            }
            for (const Json &log : reply.result()) {
                logs.push_back(log);
            }
        }
        return logs;
    }
    // A route whose first version (`first`) was deployed at `since` and whose second (`second`) at `switchAt`.
    void addHistory(const QString &gateway, const QString &name, const Json &first, const QDateTime &since,
                    const Json &second, const QDateTime &switchAt)
    {
        SandboxTransaction transaction(*m_store);
        QVERIFY(transaction.isOpen());
        const auto routeId =
            SandboxRouteApi::insertRoute(*m_store, kAccount, gateway, name, first, SandboxTime::format(since));
        QVERIFY(routeId);
        const auto secondId =
            SandboxRouteApi::insertVersion(*m_store, *routeId, second, SandboxTime::format(switchAt.addSecs(-600)));
        QVERIFY(secondId);
        QVERIFY(SandboxRouteApi::deploy(*m_store, *routeId, *secondId, SandboxTime::format(switchAt)));
        QVERIFY(transaction.commit());
    }
    std::optional<SandboxBackfill::Result> backfill(const QString &gateway, int requests)
    {
        SandboxBackfill::Options options;
        options.now = m_now;
        options.days = 7;
        options.requests = requests;
        options.seed = 7;
        options.behaviour.setFailureRate("anthropic", 0.3); // version B's only model: some requests go unserved
        SandboxTransaction transaction(*m_store);
        auto result = SandboxBackfill::runGateway(*m_store, kToken, kAccount, gateway, options);
        return result && transaction.commit() ? result : std::nullopt;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
    std::unique_ptr<SandboxStore> m_store; // the same file as the server's, for the past's deployments
    QDateTime m_now;
    QDateTime m_switch;
};

void TestSandboxBackfill::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString file = m_dir.filePath(QStringLiteral("backfill.sqlite"));
    m_server = std::make_unique<SandboxServer>(SandboxServer::Options{file, kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), kToken);
    m_store = std::make_unique<SandboxStore>(file);
    QVERIFY2(m_store->open(&error), qPrintable(error));

    for (const char *id : {"history", "auth-history"}) {
        QCOMPARE(m_client
                     ->post(QStringLiteral("/accounts/%1/ai-gateway/gateways").arg(kAccount),
                            gatewayBody(id, true, QByteArray(id).startsWith("auth")))
                     .status,
                 200);
    }
    QCOMPARE(m_client
                 ->post(QStringLiteral("/accounts/%1/ai-gateway/gateways").arg(kAccount),
                        gatewayBody("quiet-history", false))
                 .status,
             200);
    m_now = QDateTime::currentDateTimeUtc();
    m_switch = m_now.addSecs(-2 * 24 * 3600 - 1234);
    // Version A (OpenAI) from six days ago, version B (Anthropic) from about two days ago.
    addHistory(QStringLiteral("history"), QStringLiteral("answers"), oneModel("openai", "gpt-4o-mini"),
               m_now.addDays(-6), oneModel("anthropic", "claude-3-5-haiku-latest"), m_switch);
    addHistory(QStringLiteral("quiet-history"), QStringLiteral("answers"), oneModel("openai", "gpt-4o-mini"),
               m_now.addDays(-6), oneModel("anthropic", "claude-3-5-haiku-latest"), m_switch);
    addHistory(QStringLiteral("auth-history"), QStringLiteral("answers"), oneModel("openai", "gpt-4o-mini"),
               m_now.addDays(-6), oneModel("anthropic", "claude-3-5-haiku-latest"), m_switch);
}

void TestSandboxBackfill::followsTheDeploymentOfEachMoment()
{
    const auto result = backfill(QStringLiteral("history"), 300);
    QVERIFY(result);
    RD_COMPARE(result->requests, std::int64_t{300});
    RD_COMPARE(result->logs, std::int64_t{300});

    const std::vector<Json> logs = allLogs(kAccount, QStringLiteral("history"));
    QCOMPARE(int(logs.size()), 300);
    const QString switchAt = SandboxTime::format(m_switch);
    const QString firstDeployed = SandboxTime::format(m_now.addDays(-6));
    int before = 0;
    int servedAfter = 0;
    int unservedAfter = 0;
    for (const Json &log : logs) {
        const QString at = str(log, "created_at");
        // Nothing before the route was first deployed, nothing in the last minute (left to live traffic).
        QVERIFY2(at >= firstDeployed, qPrintable(at));
        QVERIFY2(at <= SandboxTime::format(m_now.addSecs(-60)), qPrintable(at));
        if (at < switchAt) {
            // Version A: OpenAI, which never fails here.
            ++before;
            RD_COMPARE(log["provider"], "openai");
            RD_COMPARE(log["model"], "gpt-4o-mini");
            RD_COMPARE(log["success"], true);
        } else if (log["success"] == true) {
            ++servedAfter;
            RD_COMPARE(log["provider"], "anthropic");
            RD_COMPARE(log["model"], "claude-3-5-haiku-latest");
        } else {
            // Version B's model failed: unserved, as the live data plane logs it.
            ++unservedAfter;
            RD_COMPARE(log["provider"], "unknown");
            RD_COMPARE(log["model"], "dynamic/answers");
            RD_COMPARE(log["status_code"], 502);
        }
    }
    // Four of the six days are A's, two are B's; B's model fails 30% of the time.
    QVERIFY2(before > 120 && before < 280, qPrintable(QString::number(before)));
    QVERIFY(servedAfter > 0);
    QVERIFY(unservedAfter > 0);
    QVERIFY(unservedAfter < servedAfter);
}

void TestSandboxBackfill::logsLookLikeLiveOnes()
{
    // A live request to the same route now, with the mix's metadata.
    const TestReply live = m_client->sendRootAs(
        "POST", QStringLiteral("/v1/%1/history/compat/chat/completions").arg(kAccount),
        R"({"model": "dynamic/answers", "messages": [{"role": "user", "content": "Where are my invoices?"}]})",
        {{"Content-Type", "application/json"}, {"cf-aig-metadata", R"({"plan":"pro","user_id":"u-1001"})"}});
    QVERIFY(live.status == 200 || live.status == 502);
    const std::vector<Json> logs = allLogs(kAccount, QStringLiteral("history"));
    QVERIFY(logs.size() > 1);
    const Json liveLog = logs.back();
    RD_COMPARE(liveLog["metadata"], R"({"plan":"pro","user_id":"u-1001"})");

    // Every field of the list and the detail is there in both, with the same types.
    const auto detail = [&](const Json &log) {
        return m_client
            ->get(gatewayPath(kAccount, QStringLiteral("history")) + QStringLiteral("/logs/") + str(log, "id"))
            .result();
    };
    const Json liveDetail = detail(liveLog);
    for (const Json &past : {logs.front(), logs[logs.size() / 2]}) {
        std::set<std::string> liveKeys;
        std::set<std::string> pastKeys;
        for (auto it = liveLog.begin(); it != liveLog.end(); ++it) {
            liveKeys.insert(it.key());
        }
        for (auto it = past.begin(); it != past.end(); ++it) {
            pastKeys.insert(it.key());
        }
        QCOMPARE(pastKeys, liveKeys);
        const Json pastDetail = detail(past);
        QVERIFY(pastDetail.is_object());
        for (auto it = liveDetail.begin(); it != liveDetail.end(); ++it) {
            QVERIFY2(pastDetail.contains(it.key()), it.key().c_str());
        }
        RD_COMPARE(past["path"], "compat/chat/completions");
        RD_COMPARE(past["model_type"], "chat");
        const Json metadata = JsonText::parse(past["metadata"].get<std::string>()).value.value();
        QVERIFY(metadata.contains("plan") && metadata.contains("user_id"));
        // The request as a client sent it, addressed to the route.
        const TestReply body = m_client->get(gatewayPath(kAccount, QStringLiteral("history")) +
                                             QStringLiteral("/logs/") + str(past, "id") + QStringLiteral("/request"));
        QCOMPARE(body.status, 200);
        QVERIFY(body.body.contains("dynamic/answers"));
    }
}

void TestSandboxBackfill::collectLogsOffWritesNothing()
{
    const auto result = backfill(QStringLiteral("quiet-history"), 50);
    QVERIFY(result);
    RD_COMPARE(result->logs, std::int64_t{0});
    const TestReply logs = m_client->get(gatewayPath(kAccount, QStringLiteral("quiet-history")) + "/logs");
    QCOMPARE(logs.status, 200);
    RD_COMPARE(logs.json["result_info"]["total_count"], 0);
}

void TestSandboxBackfill::authenticatedGatewayIsBackfilledWithoutLeakingTheToken()
{
    // The backfill's requests authenticate as a client must; the credential never reaches a log head.
    const auto result = backfill(QStringLiteral("auth-history"), 20);
    QVERIFY(result);
    RD_COMPARE(result->logs, std::int64_t{20});
    const std::vector<Json> logs = allLogs(kAccount, QStringLiteral("auth-history"));
    QCOMPARE(int(logs.size()), 20);
    const TestReply detail =
        m_client->get(gatewayPath(kAccount, QStringLiteral("auth-history")) + "/logs/" + str(logs.front(), "id"));
    QCOMPARE(detail.status, 200);
    QVERIFY(!detail.body.contains(kToken));
    QVERIFY(!detail.body.contains("cf-aig-authorization"));
}

void TestSandboxBackfill::serverBackfillCoversTheAccount()
{
    // route-sandbox --backfill: a new account is seeded first (the demo week), then every gateway that logs gets
    // about 60 requests a day more.
    QString error;
    const auto result = m_server->backfill(QStringLiteral("backfill-cli"), 2, &error);
    QVERIFY2(result, qPrintable(error));
    RD_COMPARE(result->requests, std::int64_t{120});
    RD_COMPARE(result->logs, std::int64_t{120});
    const TestReply logs = m_client->get(gatewayPath(QStringLiteral("backfill-cli"), SandboxDemoData::gatewayId()) +
                                         QStringLiteral("/logs"));
    RD_COMPARE(logs.json["result_info"]["total_count"], SandboxDemoData::kLogCount + 120);
    QVERIFY(!m_server->backfill(QStringLiteral("not/an/account"), 2, &error));
}

void TestSandboxBackfill::demoWeekFollowsBothVersions()
{
    const QString account = QStringLiteral("demo-history");
    const QString gateway = SandboxDemoData::gatewayId();
    const TestReply routes = m_client->get(gatewayPath(account, gateway) + QStringLiteral("/routes"));
    QCOMPARE(routes.status, 200);
    QString supportChat;
    for (const Json &route : routes.json["data"]["routes"]) {
        if (route["name"] == "support-chat") {
            supportChat = str(route, "id");
        }
    }
    QVERIFY(!supportChat.isEmpty());
    // Two deployments: the previous version three weeks ago, the current one three days ago.
    const Json deployments =
        m_client->get(gatewayPath(account, gateway) + "/routes/" + supportChat + "/deployments?per_page=50")
            .json["data"]["deployments"];
    QCOMPARE(int(deployments.size()), 2);
    QString switchAt;
    for (const Json &d : deployments) {
        switchAt = std::max(switchAt, str(d, "created_at"));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime switched = *SandboxTime::parse(switchAt);
    QVERIFY(switched < now.addDays(-2) && switched > now.addDays(-4));

    // The paid plans' first choice: 70/30 between OpenAI and Anthropic before, 60/40 after. Support-chat's logs
    // are told from quick-answers' by the request, which names the route.
    int claude[2] = {0, 0};
    int firstChoice[2] = {0, 0};
    int logsOn[2] = {0, 0};
    const std::vector<Json> logs = allLogs(account, gateway);
    QCOMPARE(int(logs.size()), SandboxDemoData::kLogCount);
    for (const Json &log : logs) {
        const int after = str(log, "created_at") >= switchAt ? 1 : 0;
        ++logsOn[after];
        const Json metadata = JsonText::parse(log["metadata"].get<std::string>()).value.value();
        const TestReply request = m_client->get(gatewayPath(account, gateway) + "/logs/" + str(log, "id") + "/request");
        QCOMPARE(request.status, 200);
        // A cached answer is an earlier request's (the cache keys on the body, not on the metadata): it says
        // nothing about how this one would have been routed.
        if (!request.body.contains("dynamic/support-chat") || log["cached"] == true) {
            continue;
        }
        const std::string model = log["model"].get<std::string>();
        if (metadata["plan"] == "free") {
            // Both versions send the free plan to Llama alone.
            QVERIFY2(model == "@cf/meta/llama-3.1-8b-instruct" || model == "dynamic/support-chat", model.c_str());
        } else {
            QVERIFY2(model == "gpt-4o-mini" || model == "claude-3-5-haiku-latest" || model == "gemini-1.5-flash" ||
                         model == "dynamic/support-chat",
                     model.c_str());
            if (model == "gpt-4o-mini" || model == "claude-3-5-haiku-latest") {
                ++firstChoice[after];
                claude[after] += model == "claude-3-5-haiku-latest" ? 1 : 0;
            }
        }
    }
    // Four days before the switch, three after (less the last minute).
    QVERIFY2(logsOn[0] > logsOn[1] && logsOn[1] > SandboxDemoData::kLogCount / 4,
             qPrintable(QStringLiteral("%1 before, %2 after").arg(logsOn[0]).arg(logsOn[1])));
    const double before = double(claude[0]) / firstChoice[0];
    const double after = double(claude[1]) / firstChoice[1];
    const QString shares = QStringLiteral("Claude's share %1 before, %2 after").arg(before).arg(after);
    qInfo("%s of %d and %d first choices", qPrintable(shares), firstChoice[0], firstChoice[1]);
    QVERIFY2(before > 0.15 && before < 0.40, qPrintable(shares));
    QVERIFY2(after > 0.30 && after < 0.55, qPrintable(shares));
    QVERIFY2(before < after, qPrintable(shares));
}

QTEST_GUILESS_MAIN(TestSandboxBackfill)
#include "tst_sandbox_backfill.moc"
