// The sandbox's data plane: Cloudflare's OpenAI-compatible gateway endpoint, served through the route engine,
// over loopback with a plain QNetworkAccessManager.

#include "JsonCompare.h"
#include "SandboxTestClient.h"
#include "app/sandbox/SandboxServer.h"
#include "model/JsonText.h"

#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rd;
using rd::test::SandboxTestClient;
using rd::test::TestReply;

namespace {

const QByteArray kToken = "sandbox-dataplane-token-0123456789";
const QString kAccount = QStringLiteral("dataplane");

QString api(const QString &gateway = QStringLiteral("demo-gateway"))
{
    return QStringLiteral("/accounts/%1/ai-gateway/gateways/%2").arg(kAccount, gateway);
}

QString completions(const QString &gateway = QStringLiteral("demo-gateway"))
{
    return QStringLiteral("/v1/%1/%2/compat/chat/completions").arg(kAccount, gateway);
}

QByteArray chat(const std::string &model, const std::string &question = "How do I reset my password?")
{
    return QByteArray::fromStdString(
        Json{{"model", model}, {"messages", Json::array({Json{{"role", "user"}, {"content", question}}})}}.dump());
}

Json elementsTo(const std::string &provider, const std::string &model)
{
    return Json::array(
        {Json{{"id", "start"}, {"type", "start"}, {"outputs", {{"next", {{"elementId", "m"}}}}}},
         Json{{"id", "m"},
              {"type", "model"},
              {"properties", {{"provider", provider}, {"model", model}, {"timeout", 30000}, {"retries", 1}}},
              {"outputs", {{"success", {{"elementId", "end"}}}, {"fallback", {{"elementId", "end"}}}}}},
         Json{{"id", "end"}, {"type", "end"}, {"outputs", Json::object()}}});
}

} // namespace

class TestSandboxDataPlane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void routesThroughTheDeployedVersion();
    void logsTheRequestWithItsMetadata();
    void followsANewDeployment();
    void metadataLimits();
    void servesProviderModelDirectly();
    void unservedIsA502LoggedAsUnknown();
    void providerSettingsAreValidated();
    void gatewayAuthentication();
    void collectLogsOffWritesNoLog();
    void gatewayRateLimit();
    void gatewayCache();
    void providerUrlPointsHere();
    void badRequests();

private:
    TestReply call(const QByteArray &body, SandboxTestClient::Headers headers = {},
                   const QString &gateway = QStringLiteral("demo-gateway"))
    {
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        // The demo gateway caches answers by body for 5 minutes: tests of routing must see every request routed.
        if (!m_useCache) {
            headers.append(std::pair<QByteArray, QByteArray>("cf-aig-skip-cache", "true"));
        }
        return m_client->sendRootAs("POST", completions(gateway), body, headers);
    }
    Json newestLog(const QString &gateway = QStringLiteral("demo-gateway"))
    {
        const TestReply logs =
            m_client->get(api(gateway) + "/logs?per_page=1&order_by=created_at&order_by_direction=desc");
        return logs.result().is_array() && !logs.result().empty() ? logs.result()[0] : Json();
    }
    QString routeId(const QString &name)
    {
        const TestReply routes = m_client->get(api() + "/routes?per_page=50");
        for (const Json &r : routes.json["data"]["routes"]) {
            if (r["name"] == name.toStdString()) {
                return QString::fromStdString(r["id"].get<std::string>());
            }
        }
        return {};
    }

    QTemporaryDir m_dir;
    bool m_useCache = false;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
};

void TestSandboxDataPlane::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("dataplane.sqlite")), kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), kToken);
    // The first API call seeds the demo account: demo-gateway with support-chat deployed.
    QCOMPARE(m_client->get(api()).status, 200);
}

void TestSandboxDataPlane::cleanup()
{
    m_client->sendRoot("PUT", QStringLiteral("/__sandbox/providers"), "{}");
}

void TestSandboxDataPlane::routesThroughTheDeployedVersion()
{
    const TestReply free =
        call(chat("dynamic/support-chat"), {{"cf-aig-metadata", R"({"plan":"free","user_id":"u-1"})"}});
    QCOMPARE(free.status, 200);
    QCOMPARE(free.header("cf-aig-provider"), QByteArray("workers-ai"));
    QCOMPARE(free.header("cf-aig-model"), QByteArray("@cf/meta/llama-3.1-8b-instruct"));
    RD_COMPARE(free.json["object"], "chat.completion");
    RD_COMPARE(free.json["model"], "@cf/meta/llama-3.1-8b-instruct");
    QVERIFY(free.json["choices"][0]["message"]["content"].get<std::string>().find("reset my password") !=
            std::string::npos);
    QVERIFY(free.json["usage"]["total_tokens"].get<int>() > 0);

    // Paid plans split 60/40 between OpenAI and Anthropic: both answer within a few requests.
    QSet<QByteArray> providers;
    for (int i = 0; i < 20; ++i) {
        const TestReply pro = call(chat("dynamic/support-chat"), {{"cf-aig-metadata", R"({"plan":"pro"})"}});
        QCOMPARE(pro.status, 200);
        providers.insert(pro.header("cf-aig-provider"));
    }
    QCOMPARE(providers, (QSet<QByteArray>{"openai", "anthropic"}));
}

void TestSandboxDataPlane::logsTheRequestWithItsMetadata()
{
    const TestReply reply =
        call(chat("dynamic/support-chat", "Where are my invoices?"),
             {{"cf-aig-metadata", R"({"plan":"free","user_id":"u-9","n":3})"}, {"User-Agent", "OpenAI/Python 1.59.3"}});
    QCOMPARE(reply.status, 200);
    const Json log = newestLog();
    RD_COMPARE(log["provider"], "workers-ai");
    RD_COMPARE(log["model"], "@cf/meta/llama-3.1-8b-instruct");
    RD_COMPARE(log["path"], "compat/chat/completions");
    RD_COMPARE(log["success"], true);
    // The logs API returns metadata as JSON text.
    RD_COMPARE(Json::parse(log.value("metadata", std::string("null"))),
               (Json{{"plan", "free"}, {"user_id", "u-9"}, {"n", 3}}));
    QVERIFY(log["tokens_in"].get<int>() > 0);
    QVERIFY(log["cost"].get<double>() > 0);
    const TestReply body =
        m_client->get(api() + "/logs/" + QString::fromStdString(log["id"].get<std::string>()) + "/request");
    QVERIFY(body.body.contains("Where are my invoices?"));
}

void TestSandboxDataPlane::followsANewDeployment()
{
    const QString id = routeId(QStringLiteral("support-chat"));
    QVERIFY(!id.isEmpty());
    const TestReply version = m_client->post(api() + "/routes/" + id + "/versions",
                                             Json{{"elements", elementsTo("anthropic", "claude-3-5-haiku-latest")}});
    QCOMPARE(version.status, 200);
    // Saved, not deployed: requests still follow the deployed version.
    QCOMPARE(call(chat("dynamic/support-chat"), {{"cf-aig-metadata", R"({"plan":"free"})"}}).header("cf-aig-provider"),
             QByteArray("workers-ai"));

    const TestReply versions = m_client->get(api() + "/routes/" + id + "/versions?per_page=50");
    std::string newest;
    std::string newestAt;
    for (const Json &v : versions.json["data"]["versions"]) {
        if (v["created_at"].get<std::string>() >= newestAt) {
            newestAt = v["created_at"].get<std::string>();
            newest = v["version_id"].get<std::string>();
        }
    }
    QCOMPARE(m_client->post(api() + "/routes/" + id + "/deployments", Json{{"version_id", newest}}).status, 200);
    QCOMPARE(call(chat("dynamic/support-chat"), {{"cf-aig-metadata", R"({"plan":"free"})"}}).header("cf-aig-provider"),
             QByteArray("anthropic"));
}

void TestSandboxDataPlane::metadataLimits()
{
    const TestReply six =
        call(chat("dynamic/support-chat"), {{"cf-aig-metadata", R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6})"}});
    QCOMPARE(six.status, 400);
    QVERIFY(six.json["error"]["message"].get<std::string>().find("at most 5") != std::string::npos);
    QCOMPARE(call(chat("dynamic/support-chat"), {{"cf-aig-metadata", "[1,2]"}}).status, 400);
    QCOMPARE(call(chat("dynamic/support-chat"), {{"cf-aig-metadata", "plan=free"}}).status, 400);

    // A null or an object is accepted; the log's metadata is then null.
    const TestReply nullValue =
        call(chat("openai/gpt-4o-mini"), {{"cf-aig-metadata", R"({"plan":"free","extra":null})"}});
    QCOMPARE(nullValue.status, 200);
    const Json dropped = newestLog();
    QVERIFY(dropped.is_object());
    QVERIFY(!dropped.contains("metadata") || dropped["metadata"].is_null());
}

void TestSandboxDataPlane::servesProviderModelDirectly()
{
    const TestReply reply = call(chat("openai/gpt-4o"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("cf-aig-provider"), QByteArray("openai"));
    QCOMPARE(reply.header("cf-aig-model"), QByteArray("gpt-4o"));
    RD_COMPARE(newestLog()["model"], "gpt-4o");
}

void TestSandboxDataPlane::unservedIsA502LoggedAsUnknown()
{
    const TestReply set =
        m_client->sendRoot("PUT", QStringLiteral("/__sandbox/providers"), R"({"failures": {"anthropic": 1}})");
    QCOMPARE(set.status, 200);
    RD_COMPARE(set.result()["failures"]["anthropic"], 1);
    // support-chat is deployed to anthropic alone by followsANewDeployment.
    const TestReply reply = call(chat("dynamic/support-chat"), {{"cf-aig-metadata", R"({"plan":"free"})"}});
    QCOMPARE(reply.status, 502);
    QCOMPARE(reply.header("cf-aig-provider"), QByteArray("unknown"));
    QVERIFY(reply.json["error"]["message"].get<std::string>().find("every model failed") != std::string::npos);
    const Json log = newestLog();
    RD_COMPARE(log["success"], false);
    RD_COMPARE(log["provider"], "unknown");
    RD_COMPARE(log["model"], "dynamic/support-chat");

    QCOMPARE(m_client->sendRoot("PUT", QStringLiteral("/__sandbox/providers"), "{}").status, 200);
    QCOMPARE(call(chat("dynamic/support-chat"), {{"cf-aig-metadata", R"({"plan":"free"})"}}).status, 200);
}

void TestSandboxDataPlane::providerSettingsAreValidated()
{
    QCOMPARE(m_client->sendRoot("PUT", QStringLiteral("/__sandbox/providers"), R"({"failures": {"openai": 2}})").status,
             400);
    QCOMPARE(m_client
                 ->sendRoot("PUT", QStringLiteral("/__sandbox/providers"),
                            R"({"latency": {"openai": {"p50": 900, "p95": 100}}})")
                 .status,
             400);
    const TestReply ok = m_client->sendRoot("PUT", QStringLiteral("/__sandbox/providers"),
                                            R"({"latency": {"openai": {"p50": 900, "p95": 1000}}})");
    QCOMPARE(ok.status, 200);
    RD_COMPARE(m_client->sendRoot("GET", QStringLiteral("/__sandbox/providers")).result()["latency"]["openai"]["p50"],
               900);
    // Latency is recorded in the log, not slept.
    QCOMPARE(call(chat("openai/gpt-4o-mini")).status, 200);
    const std::int64_t duration = newestLog()["duration"].get<std::int64_t>();
    QVERIFY2(duration >= 800 && duration <= 1100, qPrintable(QString::number(duration)));
}

void TestSandboxDataPlane::gatewayAuthentication()
{
    const Json gateway{{"id", "locked"},        {"cache_invalidate_on_update", false}, {"cache_ttl", 0},
                       {"collect_logs", true},  {"rate_limiting_interval", 0},         {"rate_limiting_limit", 0},
                       {"authentication", true}};
    QCOMPARE(m_client->post(QStringLiteral("/accounts/%1/ai-gateway/gateways").arg(kAccount), gateway).status, 200);
    const QString locked = QStringLiteral("locked");
    QCOMPARE(call(chat("openai/gpt-4o-mini"), {}, locked).status, 401);
    QCOMPARE(call(chat("openai/gpt-4o-mini"), {{"cf-aig-authorization", "Bearer wrong"}}, locked).status, 401);
    const TestReply ok = call(chat("openai/gpt-4o-mini"), {{"cf-aig-authorization", "Bearer " + kToken}}, locked);
    QCOMPARE(ok.status, 200);
    // The log keeps the request's headers, but never a credential.
    const Json log = newestLog(locked);
    const TestReply detail =
        m_client->get(api(locked) + "/logs/" + QString::fromStdString(log["id"].get<std::string>()));
    QCOMPARE(detail.status, 200);
    QVERIFY(detail.result()["request_head"].dump().find("content-type") != std::string::npos);
    QVERIFY(!detail.body.contains(kToken));
    QVERIFY(!detail.body.contains("cf-aig-authorization"));
}

void TestSandboxDataPlane::collectLogsOffWritesNoLog()
{
    const Json gateway{{"id", "quiet"},         {"cache_invalidate_on_update", false}, {"cache_ttl", 0},
                       {"collect_logs", false}, {"rate_limiting_interval", 0},         {"rate_limiting_limit", 0}};
    QCOMPARE(m_client->post(QStringLiteral("/accounts/%1/ai-gateway/gateways").arg(kAccount), gateway).status, 200);
    const QString quiet = QStringLiteral("quiet");
    QCOMPARE(call(chat("openai/gpt-4o-mini"), {}, quiet).status, 200);
    QVERIFY(newestLog(quiet).is_null());
}

Json gatewaySettings(const char *id)
{
    return Json{{"id", id},
                {"cache_invalidate_on_update", false},
                {"cache_ttl", 0},
                {"collect_logs", true},
                {"rate_limiting_interval", 0},
                {"rate_limiting_limit", 0}};
}

void TestSandboxDataPlane::gatewayRateLimit()
{
    Json settings = gatewaySettings("limited");
    settings["rate_limiting_limit"] = 2;
    settings["rate_limiting_interval"] = 3600;
    QCOMPARE(m_client->post(QStringLiteral("/accounts/%1/ai-gateway/gateways").arg(kAccount), settings).status, 200);
    const QString limited = QStringLiteral("limited");
    QCOMPARE(call(chat("openai/gpt-4o-mini"), {}, limited).status, 200);
    QCOMPARE(call(chat("openai/gpt-4o-mini"), {}, limited).status, 200);
    const TestReply third = call(chat("openai/gpt-4o-mini"), {}, limited);
    QCOMPARE(third.status, 429);
    QVERIFY(third.header("retry-after").toInt() >= 1);
    const Json log = newestLog(limited);
    RD_COMPARE(log["success"], false);
    RD_COMPARE(log["status_code"], 429);
    // Other gateways are not held back.
    QCOMPARE(call(chat("openai/gpt-4o-mini")).status, 200);
}

void TestSandboxDataPlane::gatewayCache()
{
    Json settings = gatewaySettings("cached");
    settings["cache_ttl"] = 600;
    QCOMPARE(m_client->post(QStringLiteral("/accounts/%1/ai-gateway/gateways").arg(kAccount), settings).status, 200);
    const QString cached = QStringLiteral("cached");
    m_useCache = true;
    const auto restore = qScopeGuard([this] { m_useCache = false; });
    const TestReply first = call(chat("openai/gpt-4o-mini", "Same question"), {}, cached);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("cf-aig-cache-status"), QByteArray("MISS"));
    RD_COMPARE(newestLog(cached)["cached"], false);
    const TestReply second = call(chat("openai/gpt-4o-mini", "Same question"), {}, cached);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.header("cf-aig-cache-status"), QByteArray("HIT"));
    RD_COMPARE(second.json["id"], first.json["id"]); // the same answer, not a new one
    const Json hit = newestLog(cached);
    RD_COMPARE(hit["cached"], true);
    RD_COMPARE(hit["provider"], "openai");
    RD_COMPARE(hit["cost"], 0);
    QCOMPARE(call(chat("openai/gpt-4o-mini", "Another question"), {}, cached).header("cf-aig-cache-status"),
             QByteArray("MISS"));
    QCOMPARE(call(chat("openai/gpt-4o-mini", "Same question"), {{"cf-aig-skip-cache", "true"}}, cached)
                 .header("cf-aig-cache-status"),
             QByteArray("MISS"));
}

void TestSandboxDataPlane::providerUrlPointsHere()
{
    const TestReply url = m_client->get(api() + "/url/openai");
    QCOMPARE(url.status, 200);
    const QString expected =
        QStringLiteral("http://127.0.0.1:%1/v1/%2/demo-gateway/openai").arg(m_server->port()).arg(kAccount);
    RD_COMPARE(url.result(), expected.toStdString());
}

void TestSandboxDataPlane::badRequests()
{
    QCOMPARE(call(chat("dynamic/no-such-route")).status, 404);
    QCOMPARE(call(chat("gpt-4o")).status, 400);
    QCOMPARE(call("{\"messages\": []}").status, 400);
    QCOMPARE(call("not json").status, 400);
    QCOMPARE(call(chat("openai/gpt-4o-mini"), {}, QStringLiteral("no-such-gateway")).status, 404);
    // The API token is not what the data plane asks for, and the API still wants it.
    QCOMPARE(m_client->sendRootAs("GET", QStringLiteral("/client/v4") + api(), {}, {}).status, 401);
}

QTEST_GUILESS_MAIN(TestSandboxDataPlane)
#include "tst_sandbox_dataplane.moc"
