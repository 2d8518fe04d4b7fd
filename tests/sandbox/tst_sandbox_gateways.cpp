// The sandbox's gateway administration over loopback with a plain QNetworkAccessManager: every field's range and
// enum refused in Cloudflare's envelope, secrets an update omits kept, fields the sandbox does not know kept when
// sent back, read-only tokens, and a stored key for every provider the demo routes call.
#include "GatewayFieldCases.h"
#include "JsonCompare.h"
#include "SandboxTestClient.h"
#include "app/sandbox/SandboxServer.h"
#include "model/JsonText.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <set>

using namespace rd;
using rd::test::SandboxTestClient;
using rd::test::TestReply;

namespace {

const QByteArray kToken = "gateways-test-token-3c8e1f0a";
const QByteArray kReadOnlyToken = "read-only-token-77b2d4e9";
const QByteArray kLateReadOnlyToken = "late-read-only-token-0e5c";

QString gateways(const QString &account)
{
    return QStringLiteral("/accounts/%1/ai-gateway/gateways").arg(account);
}

Json withRequired(Json body)
{
    const Json required = rd::test::gatewayRequiredFields();
    for (const auto &[key, value] : required.items()) {
        if (!body.contains(key)) {
            body[key] = value;
        }
    }
    return body;
}

// The body an update sends: the record as read, minus what travels in the path or is the server's.
Json asUpdate(Json gateway)
{
    for (const char *key : {"id", "created_at", "modified_at"}) {
        gateway.erase(key);
    }
    return gateway;
}

} // namespace

class TestSandboxGateways : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void everyFieldRoundTrips();
    void refusedInCloudflaresEnvelope_data();
    void refusedInCloudflaresEnvelope();
    void boundsThemselvesAccepted();
    void updateKeepsOmittedSecrets();
    void createRequiresSecrets();
    void unknownFieldsKeptWhenSent();
    void unknownFieldLimits();
    void plantedFieldIsServed();
    void readOnlyTokenReadsButNeverWrites();
    void demoHasAKeyForEveryProviderItCalls();
    void providerConfigSecretStaysOut();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
};

void TestSandboxGateways::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("gateways.sqlite")), kToken, true});
    m_server->addReadOnlyToken(kReadOnlyToken); // before start()
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    m_server->addReadOnlyToken(kLateReadOnlyToken); // and after
    m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), kToken);
}

void TestSandboxGateways::everyFieldRoundTrips()
{
    const QString list = gateways(QStringLiteral("round-trip"));
    Json body = withRequired(rd::test::gatewayAllFields(false));
    body["id"] = "every-field";
    TestReply created = m_client->post(list, body);
    RD_COMPARE(created.status, 200);
    TestReply fetched = m_client->get(list + QStringLiteral("/every-field"));
    RD_COMPARE(fetched.status, 200);
    for (const GatewaySetting &setting : GatewaySettings::all()) {
        const std::string key(setting.key);
        QVERIFY2(fetched.result().contains(key), key.c_str());
        RD_COMPARE(fetched.result()[key], body[key]);
    }

    const Json second = rd::test::gatewayAllFields(true);
    TestReply updated = m_client->put(list + QStringLiteral("/every-field"), second);
    RD_COMPARE(updated.status, 200);
    fetched = m_client->get(list + QStringLiteral("/every-field"));
    for (const GatewaySetting &setting : GatewaySettings::all()) {
        const std::string key(setting.key);
        // The update really changes every field that has another value to take.
        QVERIFY2(second[key] != body[key] || setting.choices.size() == 1, key.c_str());
        RD_COMPARE(fetched.result()[key], second[key]);
    }
    RD_COMPARE(fetched.result()["created_at"], created.result()["created_at"]);
}

void TestSandboxGateways::refusedInCloudflaresEnvelope_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("mentions");
    for (const rd::test::GatewayFieldCase &c : rd::test::gatewayRefusedCases()) {
        QTest::newRow(c.name.c_str()) << QString::fromStdString(c.key) << QByteArray::fromStdString(c.value.dump())
                                      << QString::fromStdString(c.mentions);
    }
}

void TestSandboxGateways::refusedInCloudflaresEnvelope()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, value);
    QFETCH(QString, mentions);
    const QString list = gateways(QStringLiteral("refusals"));
    Json body = rd::test::gatewayRequiredFields();
    body["id"] = "refused";
    body[key.toStdString()] = Json::parse(value.toStdString());

    for (bool update : {false, true}) {
        TestReply reply =
            update ? m_client->put(list + QStringLiteral("/demo-gateway"), asUpdate(body)) : m_client->post(list, body);
        RD_COMPARE(reply.status, 400);
        QVERIFY(reply.parsed);
        RD_COMPARE(reply.json["success"], false);
        RD_COMPARE(reply.json["messages"], Json::array());
        QVERIFY(reply.json["result"].is_null());
        RD_COMPARE(reply.json["errors"].size(), std::size_t{1});
        RD_COMPARE(reply.errorCode(), 7001);
        QVERIFY2(reply.errorMessage().contains(mentions), qPrintable(reply.errorMessage()));
    }
    // Nothing was written.
    RD_COMPARE(m_client->get(list + QStringLiteral("/refused")).status, 404);
}

void TestSandboxGateways::boundsThemselvesAccepted()
{
    const QString list = gateways(QStringLiteral("bounds"));
    int n = 0;
    for (const GatewaySetting &setting : GatewaySettings::all()) {
        if (!setting.hasRange()) {
            continue;
        }
        for (double bound : {setting.min, setting.max}) {
            Json body = rd::test::gatewayRequiredFields();
            body["id"] = "bound-" + std::to_string(n++);
            const std::string key(setting.key);
            if (setting.kind == GatewaySettingKind::String) {
                body[key] = std::string(static_cast<std::size_t>(bound), 'b');
            } else {
                body[key] = static_cast<long long>(bound);
            }
            TestReply reply = m_client->post(list, body);
            QVERIFY2(reply.status == 200, qPrintable(reply.errorMessage()));
            RD_COMPARE(reply.result()[key], body[key]);
            RD_COMPARE(m_client->del(list + QStringLiteral("/") + QString::fromStdString(body["id"])).status, 200);
        }
    }
    QCOMPARE(n, 8); // log_management, logpush_public_key, retry_delay and retry_max_attempts, at both ends
}

void TestSandboxGateways::updateKeepsOmittedSecrets()
{
    const QString list = gateways(QStringLiteral("secrets"));
    const QString one = list + QStringLiteral("/with-secrets");
    Json body = withRequired(rd::test::gatewayAllFields(true)); // two exporters: B then A
    body["id"] = "with-secrets";
    RD_COMPARE(m_client->post(list, body).status, 200);

    // The exporters swapped and both authorizations left out: each keeps its own, found by url.
    Json update = asUpdate(body);
    Json swapped = Json::array({update["otel"][1], update["otel"][0]});
    for (Json &exporter : swapped) {
        exporter.erase("authorization");
    }
    update["otel"] = swapped;
    update["stripe"].erase("authorization");
    update["cache_ttl"] = 120;
    TestReply kept = m_client->put(one, update);
    RD_COMPARE(kept.status, 200);
    RD_COMPARE(kept.result()["otel"][0]["url"], "https://otel-a.example.com/v1/traces");
    RD_COMPARE(kept.result()["otel"][0]["authorization"], rd::test::kOtelSecretA);
    RD_COMPARE(kept.result()["otel"][1]["authorization"], rd::test::kOtelSecretB);
    RD_COMPARE(kept.result()["stripe"]["authorization"], rd::test::kStripeSecret);
    RD_COMPARE(kept.result()["cache_ttl"], 120);
    TestReply stored = m_client->get(one);
    RD_COMPARE(stored.result()["otel"], kept.result()["otel"]);
    RD_COMPARE(stored.result()["stripe"], kept.result()["stripe"]);

    // A new url without an authorization keeps nothing (null counts as left out): the old collector's secret
    // must not follow the exporter to another address unasked. Refused, naming the field to fill in.
    update = asUpdate(stored.result());
    update["otel"][0]["url"] = "https://otel-moved.example.com/v1/traces";
    update["otel"][0]["authorization"] = nullptr;
    TestReply movedBare = m_client->put(one, update);
    RD_COMPARE(movedBare.status, 400);
    QVERIFY2(movedBare.errorMessage().contains(QStringLiteral("otel[0].authorization")),
             qPrintable(movedBare.errorMessage()));
    update["otel"][0]["authorization"] = "Bearer moved-otel";
    TestReply moved = m_client->put(one, update);
    RD_COMPARE(moved.status, 200);
    RD_COMPARE(moved.result()["otel"][0]["authorization"], "Bearer moved-otel");

    // A typed authorization replaces the stored one.
    update = asUpdate(moved.result());
    update["stripe"]["authorization"] = "sk_test_new-stripe";
    update["otel"][1]["authorization"] = "Bearer new-otel";
    TestReply replaced = m_client->put(one, update);
    RD_COMPARE(replaced.status, 200);
    RD_COMPARE(replaced.result()["stripe"]["authorization"], "sk_test_new-stripe");
    RD_COMPARE(replaced.result()["otel"][1]["authorization"], "Bearer new-otel");

    // A third exporter has no previous one to take an authorization from: refused, naming it.
    update = asUpdate(replaced.result());
    update["otel"].push_back(Json{{"headers", Json::object()}, {"url", "https://otel-c.example.com"}});
    TestReply third = m_client->put(one, update);
    RD_COMPARE(third.status, 400);
    QVERIFY2(third.errorMessage().contains(QStringLiteral("otel[2].authorization")), qPrintable(third.errorMessage()));

    // Leaving otel and stripe out altogether keeps them (as any optional field); null clears them.
    update = asUpdate(replaced.result());
    update.erase("otel");
    update.erase("stripe");
    TestReply omitted = m_client->put(one, update);
    RD_COMPARE(omitted.status, 200);
    RD_COMPARE(omitted.result()["stripe"]["authorization"], "sk_test_new-stripe");
    update["stripe"] = nullptr;
    TestReply cleared = m_client->put(one, update);
    RD_COMPARE(cleared.status, 200);
    QVERIFY(!cleared.result().contains("stripe"));

    // With no stored stripe, one sent without an authorization has nothing to keep.
    update = asUpdate(cleared.result());
    update["stripe"] = Json{{"usage_events", Json::array()}};
    TestReply noPrevious = m_client->put(one, update);
    RD_COMPARE(noPrevious.status, 400);
    QVERIFY2(noPrevious.errorMessage().contains(QStringLiteral("stripe.authorization")),
             qPrintable(noPrevious.errorMessage()));
}

void TestSandboxGateways::createRequiresSecrets()
{
    const QString list = gateways(QStringLiteral("secrets-create"));
    Json body = withRequired(rd::test::gatewayAllFields(false));
    body["id"] = "no-otel-secret";
    body["otel"][0].erase("authorization");
    TestReply otel = m_client->post(list, body);
    RD_COMPARE(otel.status, 400);
    QVERIFY2(otel.errorMessage().contains(QStringLiteral("otel[0].authorization")), qPrintable(otel.errorMessage()));

    body = withRequired(rd::test::gatewayAllFields(false));
    body["id"] = "no-stripe-secret";
    body["stripe"].erase("authorization");
    TestReply stripe = m_client->post(list, body);
    RD_COMPARE(stripe.status, 400);
    QVERIFY2(stripe.errorMessage().contains(QStringLiteral("stripe.authorization")), qPrintable(stripe.errorMessage()));
}

void TestSandboxGateways::unknownFieldsKeptWhenSent()
{
    const QString list = gateways(QStringLiteral("unknown"));
    const QString one = list + QStringLiteral("/future");
    const Json future{{"mode", "eventual"}, {"weights", Json::array({1, 2, 3})}};
    Json body = rd::test::gatewayRequiredFields();
    body["id"] = "future";
    body["future_setting"] = future;
    body["x2"] = 7;
    TestReply created = m_client->post(list, body);
    RD_COMPARE(created.status, 200);
    RD_COMPARE(created.result()["future_setting"], future);
    RD_COMPARE(created.result()["x2"], 7);
    RD_COMPARE(m_client->get(one).result()["future_setting"], future);

    // Sent back with an update: kept.
    Json update = asUpdate(m_client->get(one).result());
    update["cache_ttl"] = 60;
    TestReply kept = m_client->put(one, update);
    RD_COMPARE(kept.status, 200);
    RD_COMPARE(kept.result()["future_setting"], future);
    RD_COMPARE(m_client->get(one).result()["future_setting"], future);

    // Left out of an update: dropped (unlike the known optional fields, which an update keeps).
    update.erase("future_setting");
    TestReply dropped = m_client->put(one, update);
    RD_COMPARE(dropped.status, 200);
    QVERIFY(!dropped.result().contains("future_setting"));
    QVERIFY(!m_client->get(one).result().contains("future_setting"));
    RD_COMPARE(m_client->get(one).result()["x2"], 7);
}

void TestSandboxGateways::unknownFieldLimits()
{
    const QString list = gateways(QStringLiteral("unknown-limits"));
    auto post = [&](const std::string &key, const Json &value) {
        Json body = rd::test::gatewayRequiredFields();
        body["id"] = "limits";
        body[key] = value;
        TestReply reply = m_client->post(list, body);
        if (reply.status == 200) {
            m_client->del(list + QStringLiteral("/limits"));
        }
        return reply;
    };
    RD_COMPARE(post(std::string(64, 'k'), 1).status, 200);
    TestReply longKey = post(std::string(65, 'k'), 1);
    RD_COMPARE(longKey.status, 400);
    RD_COMPARE(longKey.errorCode(), 7001);
    for (const char *key : {"Future", "future-setting", "fu ture", "f\u00e9e"}) {
        TestReply bad = post(key, 1);
        RD_COMPARE(bad.status, 400);
        QVERIFY2(bad.errorMessage().contains(QStringLiteral("not a gateway field")), qPrintable(bad.errorMessage()));
    }
    // A string of n characters serializes to n + 2 bytes.
    RD_COMPARE(post("big", std::string(4094, 'v')).status, 200);
    TestReply tooBig = post("big", std::string(4095, 'v'));
    RD_COMPARE(tooBig.status, 400);
    QVERIFY2(tooBig.errorMessage().contains(QStringLiteral("4096")), qPrintable(tooBig.errorMessage()));
    // id, created_at and modified_at are the server's, not unknown fields to keep.
    Json body = rd::test::gatewayRequiredFields();
    body["id"] = "own-dates";
    body["created_at"] = "1999-01-01T00:00:00Z";
    TestReply dates = m_client->post(list, body);
    RD_COMPARE(dates.status, 200);
    QVERIFY(dates.result()["created_at"] != "1999-01-01T00:00:00Z");
}

void TestSandboxGateways::plantedFieldIsServed()
{
    const QString account = QStringLiteral("planted");
    const QString one = gateways(account) + QStringLiteral("/demo-gateway");
    RD_COMPARE(m_client->get(one).status, 200); // registers and seeds the account
    QVERIFY(m_server->setStoredGatewayField(account, QStringLiteral("demo-gateway"), "guardrails", Json{{"on", true}}));
    RD_COMPARE(m_client->get(one).result()["guardrails"], (Json{{"on", true}}));
    QVERIFY(m_server->setStoredGatewayField(account, QStringLiteral("demo-gateway"), "guardrails", Json()));
    QVERIFY(!m_client->get(one).result().contains("guardrails"));
    QVERIFY(!m_server->setStoredGatewayField(account, QStringLiteral("no-such-gateway"), "guardrails", 1));
}

void TestSandboxGateways::readOnlyTokenReadsButNeverWrites()
{
    const QString account = QStringLiteral("read-only");
    const QString list = gateways(account);
    const QString demo = list + QStringLiteral("/demo-gateway");
    const QByteArray envelope =
        R"({"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":[],"result":null})";
    for (const QByteArray &token : {kReadOnlyToken, kLateReadOnlyToken}) {
        SandboxTestClient reader(m_server->baseUrl(), token);
        RD_COMPARE(reader.get(list).status, 200);
        RD_COMPARE(reader.get(demo).status, 200);
        RD_COMPARE(reader.get(demo + QStringLiteral("/routes")).status, 200);
        RD_COMPARE(reader.get(demo + QStringLiteral("/logs?per_page=1")).status, 200);
        RD_COMPARE(reader.get(demo + QStringLiteral("/provider_configs")).status, 200);
        RD_COMPARE(reader.get(demo + QStringLiteral("/url/openai")).status, 200);
        RD_COMPARE(reader.get(QStringLiteral("/accounts/%1/ai-gateway/evaluation-types").arg(account)).status, 200);

        Json body = rd::test::gatewayRequiredFields();
        body["id"] = "written-by-reader";
        const TestReply writes[] = {
            reader.post(list, body),
            reader.put(demo, asUpdate(body)),
            reader.del(demo),
            reader.post(demo + QStringLiteral("/routes"), Json{{"name", "x"}, {"elements", Json::array()}}),
            reader.post(demo + QStringLiteral("/provider_configs"),
                        Json{{"alias", "a"}, {"default_config", false}, {"provider_slug", "openai"}, {"secret", "s"}}),
            reader.send("DELETE", demo + QStringLiteral("/logs")),
            reader.send("PATCH", demo + QStringLiteral("/routes/any"), "{}"),
            reader.sendRoot("POST", QStringLiteral("/__sandbox/faults"), R"({"kind":"server_error"})"),
        };
        for (const TestReply &write : writes) {
            RD_COMPARE(write.status, 403);
            RD_COMPARE(write.body, envelope);
        }
        // The global-key form of the same token reads too, and is refused writes the same way.
        const SandboxTestClient::Headers globalKey{{"X-Auth-Email", "reader@example.com"}, {"X-Auth-Key", token}};
        RD_COMPARE(reader.send("GET", list, {}, globalKey, false).status, 200);
        RD_COMPARE(reader.send("POST", list, SandboxTestClient::dump(body), globalKey, false).status, 403);
    }
    // Nothing was written, nothing was deleted.
    RD_COMPARE(m_client->get(list + QStringLiteral("/written-by-reader")).status, 404);
    RD_COMPARE(m_client->get(demo).status, 200);
    QVERIFY(m_client->sendRoot("GET", QStringLiteral("/__sandbox/faults")).result().empty());
    // The writer's token still writes; a token that is neither is refused reads too.
    Json body = rd::test::gatewayRequiredFields();
    body["id"] = "written-by-writer";
    RD_COMPARE(m_client->post(list, body).status, 200);
    RD_COMPARE(SandboxTestClient(m_server->baseUrl(), "read-only-token-77b2d4e8").get(list).status, 403);

    // The data plane does not look at API tokens: a read-only one changes nothing there.
    const SandboxTestClient::Headers headers{{"Content-Type", "application/json"},
                                             {"Authorization", "Bearer " + kReadOnlyToken}};
    const Json chat{{"model", "dynamic/quick-answers"},
                    {"messages", Json::array({Json{{"role", "user"}, {"content", "hello"}}})}};
    TestReply served =
        m_client->sendRootAs("POST", QStringLiteral("/v1/%1/demo-gateway/compat/chat/completions").arg(account),
                             SandboxTestClient::dump(chat), headers);
    RD_COMPARE(served.status == 200 || served.status == 502, true); // routed (a provider may fail), not refused
}

void TestSandboxGateways::demoHasAKeyForEveryProviderItCalls()
{
    const QString demo = gateways(QStringLiteral("demo-keys")) + QStringLiteral("/demo-gateway");
    TestReply routes = m_client->get(demo + QStringLiteral("/routes?per_page=50"));
    RD_COMPARE(routes.status, 200);
    std::set<std::string> providers;
    for (const Json &route : routes.json["data"]["routes"]) {
        // Every version, not only the deployed one: the demo's week of logs runs through the previous one too.
        const QString versionsPath =
            demo + QStringLiteral("/routes/") + QString::fromStdString(route["id"]) + QStringLiteral("/versions");
        TestReply versions = m_client->get(versionsPath);
        RD_COMPARE(versions.status, 200);
        for (const Json &version : versions.json["data"]["versions"]) {
            const auto elements = JsonText::parse(version["data"].get<std::string>());
            QVERIFY(elements.value && elements.value->is_array());
            for (const Json &element : *elements.value) {
                if (element.value("type", "") == "model") {
                    providers.insert(element["properties"]["provider"].get<std::string>());
                }
            }
        }
    }
    QVERIFY(providers.count("workers-ai") == 1);
    QVERIFY(providers.size() >= 4);

    TestReply configs = m_client->get(demo + QStringLiteral("/provider_configs?per_page=50"));
    RD_COMPARE(configs.status, 200);
    std::set<std::string> keyed;
    for (const Json &config : configs.result()) {
        keyed.insert(config["provider_slug"].get<std::string>());
        QVERIFY(config.value("secret_preview", "").find("...") != std::string::npos);
    }
    for (const std::string &provider : providers) {
        if (provider == "workers-ai") {
            QVERIFY2(!keyed.count(provider), "workers-ai is Cloudflare's own: no key");
        } else {
            QVERIFY2(keyed.count(provider), provider.c_str());
        }
    }
}

void TestSandboxGateways::providerConfigSecretStaysOut()
{
    const QString configs =
        gateways(QStringLiteral("config-secret")) + QStringLiteral("/demo-gateway/provider_configs");
    const std::string secret = "sk-ant-api03-SANDBOXSECRET-kq93jd";
    const Json good{
        {"alias", "anthropic-test"}, {"default_config", false}, {"provider_slug", "anthropic"}, {"secret", secret}};
    TestReply created = m_client->post(configs, good);
    RD_COMPARE(created.status, 200);
    RD_COMPARE(created.result()["secret_preview"], "sk-...93jd");
    QVERIFY(!created.body.contains("SANDBOXSECRET"));
    QVERIFY(!m_client->get(configs).body.contains("SANDBOXSECRET"));

    Json missingAlias = good;
    missingAlias.erase("alias");
    Json emptySecret = good;
    emptySecret["secret"] = "";
    Json negativeLimit = good;
    negativeLimit["rate_limit"] = -1;
    for (const auto &[body, field] :
         {std::pair{missingAlias, "alias"}, {emptySecret, "secret"}, {negativeLimit, "rate_limit"}}) {
        TestReply refused = m_client->post(configs, body);
        RD_COMPARE(refused.status, 400);
        RD_COMPARE(refused.errorCode(), 7001);
        QVERIFY2(refused.errorMessage().contains(QString::fromLatin1(field)), qPrintable(refused.errorMessage()));
        QVERIFY(!refused.body.contains("SANDBOXSECRET"));
    }

    // Nor in any file of the data directory (the database, its journal), so long as the server runs or after.
    QDirIterator files(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int read = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("SANDBOXSECRET"), qPrintable(file.fileName()));
        ++read;
    }
    QVERIFY(read >= 1);
}

QTEST_GUILESS_MAIN(TestSandboxGateways)
#include "tst_sandbox_gateways.moc"
