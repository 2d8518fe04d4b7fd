// The sandbox in-process, exercised over loopback with a plain QNetworkAccessManager: every endpoint's
// shape against the seeds, the route and log semantics, persistence, faults and hostile input.
#include "JsonCompare.h"
#include "SandboxTestClient.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxServer.h"
#include "model/JsonText.h"
#include "support/Fixtures.h"

#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>
#include <set>

using namespace rd;
using rd::test::SandboxTestClient;
using rd::test::TestReply;

namespace {

const QByteArray kToken = "sandbox-test-token-0123456789";

QString base(const QString &account)
{
    return QStringLiteral("/accounts/%1/ai-gateway").arg(account);
}

QString gw(const QString &account, const QString &gateway = QStringLiteral("demo-gateway"))
{
    return base(account) + QStringLiteral("/gateways/") + gateway;
}

QString q(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString str(const Json &json, const char *key)
{
    return json.is_object() && json.contains(key) && json[key].is_string()
               ? QString::fromStdString(json[key].get<std::string>())
               : QString();
}

std::set<std::string> keysOf(const Json &object)
{
    std::set<std::string> keys;
    if (object.is_object()) {
        for (const auto &[key, value] : object.items()) {
            keys.insert(key);
        }
    }
    return keys;
}

// "" when `actual` has exactly the keys of `seed` (recursively; arrays by their first item; elements are
// only checked to be arrays, their shapes being the codec's business), else where and how it differs.
QString shapeDifference(const Json &actual, const Json &seed, const std::string &path = "$")
{
    if (seed.is_object()) {
        if (!actual.is_object()) {
            return QString::fromStdString(path + ": expected an object");
        }
        if (keysOf(actual) != keysOf(seed)) {
            std::string a;
            std::string s;
            for (const auto &k : keysOf(actual)) {
                a += k + " ";
            }
            for (const auto &k : keysOf(seed)) {
                s += k + " ";
            }
            return QString::fromStdString(path + ": keys [" + a + "] but the seed has [" + s + "]");
        }
        for (const auto &[key, value] : seed.items()) {
            if (key == "elements") {
                if (!actual[key].is_array()) {
                    return QString::fromStdString(path + ".elements: expected an array");
                }
                continue;
            }
            if (auto d = shapeDifference(actual[key], value, path + "." + key); !d.isEmpty()) {
                return d;
            }
        }
        return {};
    }
    if (seed.is_array()) {
        if (!actual.is_array()) {
            return QString::fromStdString(path + ": expected an array");
        }
        if (!seed.empty() && !actual.empty()) {
            return shapeDifference(actual[0], seed[0], path + "[0]");
        }
        return {};
    }
    if (seed.is_string() && !actual.is_string()) {
        return QString::fromStdString(path + ": expected a string");
    }
    if (seed.is_boolean() && !actual.is_boolean()) {
        return QString::fromStdString(path + ": expected a boolean");
    }
    if (seed.is_number() && !actual.is_number()) {
        return QString::fromStdString(path + ": expected a number");
    }
    return {};
}

// The payload (result, route or data) must match the seed exactly; the envelope must have the seed's keys
// (it may add errors and messages, as Cloudflare's usual envelope does).
void checkShape(const TestReply &reply, const char *seedFile, const char *payloadKey)
{
    const Json seed = rd::test::readFixture(std::string("seeds/") + seedFile);
    QVERIFY2(reply.parsed, reply.body.constData());
    QVERIFY2(reply.json.contains(payloadKey), reply.body.constData());
    for (const auto &key : keysOf(seed)) {
        QVERIFY2(reply.json.contains(key), (std::string(seedFile) + ": envelope lacks " + key).c_str());
    }
    const QString difference = shapeDifference(reply.json[payloadKey], seed[payloadKey], payloadKey);
    QVERIFY2(difference.isEmpty(), qPrintable(QString::fromLatin1(seedFile) + QStringLiteral(": ") + difference));
}

void checkSubset(const Json &object, const std::set<std::string> &allowed, const std::set<std::string> &required)
{
    QVERIFY(object.is_object());
    for (const auto &key : keysOf(object)) {
        QVERIFY2(allowed.count(key), ("unexpected key " + key).c_str());
    }
    for (const auto &key : required) {
        QVERIFY2(object.contains(key), ("missing key " + key).c_str());
    }
}

const std::set<std::string> kGatewayRequired{
    "id",          "cache_invalidate_on_update", "cache_ttl",          "collect_logs", "created_at",
    "modified_at", "rate_limiting_interval",     "rate_limiting_limit"};
const std::set<std::string> kLogListKeys{"id",
                                         "cached",
                                         "created_at",
                                         "duration",
                                         "model",
                                         "path",
                                         "provider",
                                         "success",
                                         "tokens_in",
                                         "tokens_out",
                                         "cost",
                                         "custom_cost",
                                         "metadata",
                                         "model_type",
                                         "request_content_type",
                                         "request_type",
                                         "response_content_type",
                                         "status_code",
                                         "step",
                                         "feedback",
                                         "score"};
const std::set<std::string> kLogRequired{"id",   "cached",   "created_at", "duration",  "model",
                                         "path", "provider", "success",    "tokens_in", "tokens_out"};
const std::set<std::string> kLogDetailExtra{"request_head",  "request_head_complete",  "request_size",
                                            "response_head", "response_head_complete", "response_size"};
const std::set<std::string> kProviderConfigKeys{
    "id",        "alias",          "default_config", "gateway_id",       "modified_at", "provider_slug",
    "secret_id", "secret_preview", "rate_limit",     "rate_limit_period"};

FaultSpec fault(FaultSpec::Kind kind)
{
    FaultSpec spec;
    spec.kind = kind;
    return spec;
}

Json startModelEnd(const char *model = "gpt-4o-mini", int timeout = 30000)
{
    return Json::array({
        Json{{"id", "start"}, {"type", "start"}, {"outputs", {{"next", {{"elementId", "m"}}}}}},
        Json{{"id", "m"},
             {"type", "model"},
             {"properties", {{"provider", "openai"}, {"model", model}, {"timeout", timeout}, {"retries", 1}}},
             {"outputs", {{"success", {{"elementId", "end"}}}, {"fallback", {{"elementId", "end"}}}}}},
        Json{{"id", "end"}, {"type", "end"}, {"outputs", Json::object()}},
    });
}

Json splitRoute(const char *a, const char *b)
{
    Json elements = startModelEnd();
    elements[0]["outputs"]["next"]["elementId"] = "split";
    elements.push_back(Json{{"id", "split"},
                            {"type", "percentage"},
                            {"outputs", {{a, {{"elementId", "m"}}}, {b, {{"elementId", "end"}}}}}});
    return elements;
}

// Every log of a list, paging through with `query` (which has no page parameter).
std::vector<Json> allLogs(SandboxTestClient &client, const QString &path, const QString &query = {})
{
    std::vector<Json> logs;
    for (int page = 1; page < 100; ++page) {
        const TestReply reply = client.get(path + QStringLiteral("?per_page=50&page=%1").arg(page) +
                                           (query.isEmpty() ? QString() : "&" + query));
        if (reply.status != 200 || !reply.result().is_array()) {
            break;
        }
        for (const Json &log : reply.result()) {
            logs.push_back(log);
        }
        if (reply.result().size() < 50) {
            break;
        }
    }
    return logs;
}

} // namespace

class TestSandboxServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void authRequired();
    void gatewaysCrud();
    void gatewayLimits();
    void routeLifecycleMatchesSeeds();
    void versionsOrderDeterministically();
    void routeValidationRejects();
    void routeNameRules();
    void notFoundAndBadPaths();
    void demoSeededPerAccount();
    void accountsAreSeparate();
    void noDemoOption();
    void logsPageThroughEverythingOnce();
    void logsOrdering();
    void logsFilters_data();
    void logsFilters();
    void logsFilterErrors_data();
    void logsFilterErrors();
    void logsSearch();
    void logDetailAndBodies();
    void logFeedbackPersists();
    void deleteLogsByFilter();
    void providerConfigsHideSecret();
    void stateSurvivesRestart();
    void faultSlow();
    void faultServerError();
    void faultRateLimited();
    void faultMalformedJson();
    void faultDropConnection();
    void faultDropAfterApplying();
    void faultMatchingAndCounting();
    void controlEndpoint();
    void robustness();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
};

void TestSandboxServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("main.sqlite")), kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    QVERIFY(m_server->port() != 0);
    RD_COMPARE(m_server->baseUrl().toString(), QStringLiteral("http://127.0.0.1:%1/client/v4").arg(m_server->port()));
    m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), kToken);
}

void TestSandboxServer::cleanup()
{
    m_server->clearFaults();
}

void TestSandboxServer::authRequired()
{
    const QString path = base(QStringLiteral("auth")) + QStringLiteral("/gateways");
    TestReply none = m_client->send("GET", path, {}, {}, false);
    RD_COMPARE(none.status, 401);
    RD_COMPARE(none.json["success"], false);
    RD_COMPARE(none.errorCode(), 10000);

    TestReply wrong = m_client->send("GET", path, {}, {{"Authorization", "Bearer not-the-token"}}, false);
    RD_COMPARE(wrong.status, 403);
    RD_COMPARE(wrong.errorCode(), 10000);
    QVERIFY(!wrong.body.contains("not-the-token"));
    QVERIFY(!wrong.body.contains(kToken));

    TestReply keyOnly = m_client->send("GET", path, {}, {{"X-Auth-Key", kToken}}, false);
    RD_COMPARE(keyOnly.status, 401);

    TestReply legacy =
        m_client->send("GET", path, {}, {{"X-Auth-Email", "ops@example.com"}, {"X-Auth-Key", kToken}}, false);
    RD_COMPARE(legacy.status, 200);
    RD_COMPARE(legacy.json["success"], true);

    TestReply wrongKey =
        m_client->send("GET", path, {}, {{"X-Auth-Email", "ops@example.com"}, {"X-Auth-Key", "nope"}}, false);
    RD_COMPARE(wrongKey.status, 403);

    TestReply ok = m_client->get(path);
    RD_COMPARE(ok.status, 200);

    // Unknown paths are not a way around authentication.
    RD_COMPARE(m_client->send("GET", QStringLiteral("/nowhere"), {}, {}, false).status, 401);
}

void TestSandboxServer::gatewaysCrud()
{
    const QString account = QStringLiteral("gateways");
    const QString list = base(account) + QStringLiteral("/gateways");

    TestReply listed = m_client->get(list);
    RD_COMPARE(listed.status, 200);
    QVERIFY(listed.result().is_array());
    RD_COMPARE(listed.result().size(), std::size_t{1});
    const Json gatewayFixture = rd::test::readFixture("api/gateway.json")["result"];
    checkSubset(listed.result()[0], keysOf(gatewayFixture), kGatewayRequired);
    RD_COMPARE(str(listed.result()[0], "id"), QStringLiteral("demo-gateway"));
    for (const char *key : {"page", "per_page", "count", "total_count", "total_pages"}) {
        QVERIFY2(listed.json["result_info"].contains(key), key);
    }

    const Json body{{"id", "team-a"},         {"cache_invalidate_on_update", false}, {"cache_ttl", 0},
                    {"collect_logs", true},   {"rate_limiting_interval", 60},        {"rate_limiting_limit", 100},
                    {"retry_max_attempts", 3}};
    TestReply created = m_client->post(list, body);
    RD_COMPARE(created.status, 200);
    checkSubset(created.result(), keysOf(gatewayFixture), kGatewayRequired);
    RD_COMPARE(created.result()["retry_max_attempts"], 3);
    QVERIFY(str(created.result(), "created_at").endsWith(QLatin1Char('Z')));

    TestReply duplicate = m_client->post(list, body);
    RD_COMPARE(duplicate.status, 400);
    RD_COMPARE(duplicate.errorCode(), 7001);
    QVERIFY(duplicate.errorMessage().contains(QStringLiteral("team-a")));

    Json badId = body;
    badId["id"] = "Team A!";
    RD_COMPARE(m_client->post(list, badId).status, 400);
    Json missing = body;
    missing.erase("collect_logs");
    missing["id"] = "team-b";
    TestReply missingReply = m_client->post(list, missing);
    RD_COMPARE(missingReply.status, 400);
    QVERIFY(missingReply.errorMessage().contains(QStringLiteral("collect_logs")));
    Json wrongType = body;
    wrongType["id"] = "team-c";
    wrongType["cache_ttl"] = "soon";
    RD_COMPARE(m_client->post(list, wrongType).status, 400);
    Json outOfRange = body;
    outOfRange["id"] = "team-d";
    outOfRange["retry_delay"] = 9000;
    RD_COMPARE(m_client->post(list, outOfRange).status, 400);

    TestReply fetched = m_client->get(list + QStringLiteral("/team-a"));
    RD_COMPARE(fetched.status, 200);
    RD_COMPARE(fetched.result()["rate_limiting_limit"], 100);

    Json update = body;
    update.erase("id");
    update["rate_limiting_limit"] = 250;
    TestReply updated = m_client->put(list + QStringLiteral("/team-a"), update);
    RD_COMPARE(updated.status, 200);
    RD_COMPARE(updated.result()["rate_limiting_limit"], 250);
    RD_COMPARE(updated.result()["created_at"], created.result()["created_at"]);

    TestReply searched = m_client->get(list + QStringLiteral("?search=team"));
    RD_COMPARE(searched.result().size(), std::size_t{1});
    RD_COMPARE(searched.json["result_info"]["total_count"], 1);

    TestReply removed = m_client->del(list + QStringLiteral("/team-a"));
    RD_COMPARE(removed.status, 200);
    RD_COMPARE(str(removed.result(), "id"), QStringLiteral("team-a"));
    TestReply gone = m_client->get(list + QStringLiteral("/team-a"));
    RD_COMPARE(gone.status, 404);
    RD_COMPARE(gone.errorCode(), 7003);
    QVERIFY(gone.errorMessage().contains(QStringLiteral("team-a")));
}

void TestSandboxServer::gatewayLimits()
{
    const QString list = base(QStringLiteral("many-gateways")) + QStringLiteral("/gateways");
    Json body{{"cache_invalidate_on_update", false},
              {"cache_ttl", 0},
              {"collect_logs", false},
              {"rate_limiting_interval", 0},
              {"rate_limiting_limit", 0}};
    // The demo gateway is the first of ten.
    for (int i = 1; i < 10; ++i) {
        body["id"] = "gw-" + std::to_string(i);
        RD_COMPARE(m_client->post(list, body).status, 200);
    }
    body["id"] = "gw-10";
    TestReply eleventh = m_client->post(list, body);
    RD_COMPARE(eleventh.status, 400);
    QVERIFY(eleventh.errorMessage().contains(QStringLiteral("10")));

    TestReply page = m_client->get(list + QStringLiteral("?per_page=4&page=3"));
    RD_COMPARE(page.result().size(), std::size_t{2});
    RD_COMPARE(page.json["result_info"]["total_count"], 10);
    RD_COMPARE(page.json["result_info"]["total_pages"], 3);
}

void TestSandboxServer::routeLifecycleMatchesSeeds()
{
    const QString account = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");
    const QString routes = gw(account) + QStringLiteral("/routes");

    TestReply created = m_client->post(routes, Json{{"name", "lifecycle"}, {"elements", startModelEnd()}});
    RD_COMPARE(created.status, 200);
    checkShape(created, "create-route.response.json", "result");
    const Json route = created.result();
    const QString id = str(route, "id");
    QVERIFY(!id.isEmpty());
    RD_COMPARE(route["version"]["active"], "true");
    RD_COMPARE(route["deployment"]["version_id"], route["version"]["version_id"]);
    RD_COMPARE(route["elements"], startModelEnd());
    RD_COMPARE(route["gateway_id"], "demo-gateway");
    QVERIFY(str(route, "created_at").endsWith(QLatin1Char('Z')));
    // version.data is the version's elements as JSON text.
    RD_COMPARE(JsonText::parse(route["version"]["data"].get<std::string>()).value.value(), startModelEnd());
    const QString firstVersion = str(route["version"], "version_id");

    TestReply fetched = m_client->get(routes + "/" + id);
    RD_COMPARE(fetched.status, 200);
    checkShape(fetched, "get-route.response.json", "result");

    TestReply listed = m_client->get(routes);
    RD_COMPARE(listed.status, 200);
    checkShape(listed, "list-routes.response.json", "data");
    RD_COMPARE(str(listed.json["data"]["routes"][0], "account_tag"), account);
    RD_COMPARE(listed.json["data"]["order_by"], "created_at");
    RD_COMPARE(listed.json["data"]["order_by_direction"], "desc");
    // Newest first: the route just made comes before the demo's.
    RD_COMPARE(str(listed.json["data"]["routes"][0], "id"), id);
    RD_COMPARE(listed.json["data"]["routes"].size(), std::size_t{3});

    TestReply renamed = m_client->patch(routes + "/" + id, Json{{"name", "lifecycle-renamed"}});
    RD_COMPARE(renamed.status, 200);
    checkShape(renamed, "update-route.response.json", "route");
    RD_COMPARE(renamed.json["route"]["name"], "lifecycle-renamed");
    RD_COMPARE(renamed.json["route"]["elements"], startModelEnd());

    const Json newElements = startModelEnd("gpt-4o", 20000);
    TestReply version = m_client->post(routes + "/" + id + "/versions", Json{{"elements", newElements}});
    RD_COMPARE(version.status, 200);
    checkShape(version, "create-version.response.json", "result");
    RD_COMPARE(str(version.result(), "id"), id);
    RD_COMPARE(version.result()["elements"], newElements);

    // Not deployed yet: the route still serves the first version.
    RD_COMPARE(m_client->get(routes + "/" + id).result()["elements"], startModelEnd());

    TestReply versions = m_client->get(routes + "/" + id + "/versions");
    RD_COMPARE(versions.status, 200);
    checkShape(versions, "list-versions.response.json", "data");
    const Json &items = versions.json["data"]["versions"];
    RD_COMPARE(items.size(), std::size_t{2});
    RD_COMPARE(str(items[1], "version_id"), firstVersion);
    RD_COMPARE(items[0]["active"], "false");
    RD_COMPARE(items[1]["active"], "true");
    const QString secondVersion = str(items[0], "version_id");

    TestReply gotVersion = m_client->get(routes + "/" + id + "/versions/" + secondVersion);
    RD_COMPARE(gotVersion.status, 200);
    checkShape(gotVersion, "get-version.response.json", "result");
    RD_COMPARE(gotVersion.result()["elements"], newElements);
    RD_COMPARE(gotVersion.result()["active"], "false");
    RD_COMPARE(str(gotVersion.result(), "version_id"), secondVersion);
    RD_COMPARE(str(gotVersion.result(), "id"), id);

    TestReply deployed =
        m_client->post(routes + "/" + id + "/deployments", Json{{"version_id", secondVersion.toStdString()}});
    RD_COMPARE(deployed.status, 200);
    checkShape(deployed, "create-deployment.response.json", "result");
    RD_COMPARE(deployed.result()["elements"], newElements);

    TestReply after = m_client->get(routes + "/" + id);
    RD_COMPARE(after.result()["elements"], newElements);
    RD_COMPARE(str(after.result()["version"], "version_id"), secondVersion);
    RD_COMPARE(after.result()["version"]["active"], "true");
    const Json afterVersions = m_client->get(routes + "/" + id + "/versions").json["data"]["versions"];
    RD_COMPARE(afterVersions[0]["active"], "true");
    RD_COMPARE(afterVersions[1]["active"], "false");

    TestReply deployments = m_client->get(routes + "/" + id + "/deployments");
    RD_COMPARE(deployments.status, 200);
    checkShape(deployments, "list-deployments.response.json", "data");
    RD_COMPARE(deployments.json["data"]["deployments"].size(), std::size_t{2});
    RD_COMPARE(str(deployments.json["data"]["deployments"][0], "version_id"), secondVersion);
    RD_COMPARE(str(deployments.json["data"]["deployments"][0], "deployment_id"),
               str(after.result()["deployment"], "deployment_id"));

    // Rolling back is deploying the earlier version again.
    RD_COMPARE(
        m_client->post(routes + "/" + id + "/deployments", Json{{"version_id", firstVersion.toStdString()}}).status,
        200);
    RD_COMPARE(m_client->get(routes + "/" + id).result()["elements"], startModelEnd());

    TestReply unknownVersion = m_client->post(routes + "/" + id + "/deployments", Json{{"version_id", "nope"}});
    RD_COMPARE(unknownVersion.status, 404);
    RD_COMPARE(unknownVersion.errorCode(), 7003);
    TestReply noVersionId = m_client->post(routes + "/" + id + "/deployments", Json::object());
    RD_COMPARE(noVersionId.status, 400);
    RD_COMPARE(noVersionId.errorCode(), 7001);

    TestReply deleted = m_client->del(routes + "/" + id);
    RD_COMPARE(deleted.status, 200);
    checkShape(deleted, "delete-route.response.json", "result");
    RD_COMPARE(m_client->get(routes + "/" + id).status, 404);
    RD_COMPARE(m_client->get(routes + "/" + id + "/versions").status, 404);
    RD_COMPARE(m_client->get(routes).json["data"]["routes"].size(), std::size_t{2});

    // Paging of the route list.
    TestReply firstPage = m_client->get(routes + QStringLiteral("?per_page=1&page=2"));
    RD_COMPARE(firstPage.json["data"]["routes"].size(), std::size_t{1});
    RD_COMPARE(firstPage.json["data"]["page"], 2);
    RD_COMPARE(firstPage.json["data"]["per_page"], 1);
}

void TestSandboxServer::versionsOrderDeterministically()
{
    const QString routes = gw(QStringLiteral("versions-order")) + QStringLiteral("/routes");
    TestReply created =
        m_client->post(routes, Json{{"name", "many-versions"}, {"elements", startModelEnd("m-0", 1000)}});
    RD_COMPARE(created.status, 200);
    const QString id = str(created.result(), "id");
    // Created back to back, several land in the same millisecond; the list must still be newest first.
    for (int i = 1; i <= 8; ++i) {
        RD_COMPARE(m_client
                       ->post(routes + "/" + id + "/versions",
                              Json{{"elements", startModelEnd(("m-" + std::to_string(i)).c_str(), 1000 + i)}})
                       .status,
                   200);
    }
    const Json versions = m_client->get(routes + "/" + id + "/versions?per_page=50").json["data"]["versions"];
    RD_COMPARE(versions.size(), std::size_t{9});
    for (std::size_t i = 0; i < versions.size(); ++i) {
        const Json elements = JsonText::parse(versions[i]["data"].get<std::string>()).value.value();
        RD_COMPARE(elements[1]["properties"]["timeout"].get<int>(), 1008 - static_cast<int>(i));
    }
    const Json oldestFirst =
        m_client->get(routes + "/" + id + "/versions?order_by_direction=asc&per_page=3").json["data"];
    RD_COMPARE(oldestFirst["order_by_direction"], "asc");
    RD_COMPARE(oldestFirst["versions"][0]["active"], "true");
}

void TestSandboxServer::routeValidationRejects()
{
    const QString routes = gw(QStringLiteral("validation")) + QStringLiteral("/routes");

    TestReply shares = m_client->post(routes, Json{{"name", "bad-shares"}, {"elements", splitRoute("60%", "30%")}});
    RD_COMPARE(shares.status, 400);
    RD_COMPARE(shares.json["success"], false);
    RD_COMPARE(shares.errorCode(), 7001);
    QVERIFY2(shares.errorMessage().contains(QStringLiteral("100%")), qPrintable(shares.errorMessage()));
    QVERIFY(shares.errorMessage().contains(QStringLiteral("90%")));

    TestReply elseOutput = m_client->post(routes, Json{{"name", "else"}, {"elements", splitRoute("60%", "else")}});
    RD_COMPARE(elseOutput.status, 400);
    RD_COMPARE(elseOutput.errorCode(), 7001);
    QVERIFY(elseOutput.errorMessage().contains(QStringLiteral("else")));

    Json legacy = startModelEnd();
    legacy[1]["type"] = "rate_limit";
    RD_COMPARE(m_client->post(routes, Json{{"name", "legacy"}, {"elements", legacy}}).status, 400);

    // Several problems, one error entry each.
    Json broken = startModelEnd();
    broken[0]["outputs"]["next"]["elementId"] = "ghost";
    broken[1]["properties"].erase("model");
    TestReply many = m_client->post(routes, Json{{"name", "broken"}, {"elements", broken}});
    RD_COMPARE(many.status, 400);
    QVERIFY(many.json["errors"].size() >= 2);
    for (const Json &error : many.json["errors"]) {
        RD_COMPARE(error["code"], 7001);
        QVERIFY(!error["message"].get<std::string>().empty());
    }

    TestReply nameType = m_client->post(routes, Json{{"name", 42}, {"elements", startModelEnd()}});
    RD_COMPARE(nameType.status, 400);
    QVERIFY(nameType.errorMessage().contains(QStringLiteral("name")));
    TestReply elementsType = m_client->post(routes, Json{{"name", "x"}, {"elements", "start"}});
    RD_COMPARE(elementsType.status, 400);
    QVERIFY(elementsType.errorMessage().contains(QStringLiteral("elements")));
    TestReply noElements = m_client->post(routes, Json{{"name", "x"}});
    RD_COMPARE(noElements.status, 400);
    TestReply elementType = m_client->post(routes, Json{{"name", "x"}, {"elements", Json::array({1, 2})}});
    RD_COMPARE(elementType.status, 400);

    TestReply malformed = m_client->send("POST", routes, "{\"name\": \"x\", \"elements\": [");
    RD_COMPARE(malformed.status, 400);
    RD_COMPARE(malformed.errorCode(), 7001);
    QVERIFY(malformed.errorMessage().contains(QStringLiteral("JSON")));
    TestReply notObject = m_client->send("POST", routes, "[1, 2, 3]");
    RD_COMPARE(notObject.status, 400);
    QVERIFY(notObject.errorMessage().contains(QStringLiteral("object")));
    TestReply empty = m_client->send("POST", routes, {});
    RD_COMPARE(empty.status, 400);

    // A version is checked the same way.
    const QString id =
        str(m_client->post(routes, Json{{"name", "good"}, {"elements", startModelEnd()}}).result(), "id");
    TestReply badVersion =
        m_client->post(routes + "/" + id + "/versions", Json{{"elements", splitRoute("50%", "40%")}});
    RD_COMPARE(badVersion.status, 400);
    RD_COMPARE(badVersion.errorCode(), 7001);
    RD_COMPARE(m_client->get(routes + "/" + id + "/versions").json["data"]["versions"].size(), std::size_t{1});
}

void TestSandboxServer::routeNameRules()
{
    const QString routes = gw(QStringLiteral("names")) + QStringLiteral("/routes");
    // The demo already has support-chat.
    TestReply taken = m_client->post(routes, Json{{"name", "support-chat"}, {"elements", startModelEnd()}});
    RD_COMPARE(taken.status, 400);
    QVERIFY(taken.errorMessage().contains(QStringLiteral("support-chat")));
    RD_COMPARE(m_client->post(routes, Json{{"name", "  "}, {"elements", startModelEnd()}}).status, 400);

    const QString id =
        str(m_client->post(routes, Json{{"name", "mine"}, {"elements", startModelEnd()}}).result(), "id");
    RD_COMPARE(m_client->patch(routes + "/" + id, Json{{"name", "quick-answers"}}).status, 400);
    RD_COMPARE(m_client->patch(routes + "/" + id, Json{{"name", "mine"}}).status, 200); // its own name is fine
    RD_COMPARE(m_client->patch(routes + "/" + id, Json{{"elements", startModelEnd()}}).status, 400);
}

void TestSandboxServer::notFoundAndBadPaths()
{
    const QString account = QStringLiteral("not-found");
    const QString routes = gw(account) + QStringLiteral("/routes");
    const QString routeId = str(m_client->get(routes).json["data"]["routes"][0], "id");
    QVERIFY(!routeId.isEmpty());

    const QStringList missing{
        base(account) + QStringLiteral("/gateways/nope"),
        gw(account, QStringLiteral("nope")) + QStringLiteral("/routes"),
        gw(account, QStringLiteral("nope")) + QStringLiteral("/logs"),
        gw(account, QStringLiteral("nope")) + QStringLiteral("/provider_configs"),
        routes + QStringLiteral("/no-such-route"),
        routes + QStringLiteral("/no-such-route/versions"),
        routes + QStringLiteral("/no-such-route/deployments"),
        routes + "/" + routeId + QStringLiteral("/versions/no-such-version"),
        gw(account) + QStringLiteral("/logs/no-such-log"),
        gw(account) + QStringLiteral("/logs/no-such-log/request"),
        gw(account) + QStringLiteral("/logs/no-such-log/response"),
    };
    for (const QString &path : missing) {
        TestReply reply = m_client->get(path);
        QVERIFY2(reply.status == 404, qPrintable(path));
        RD_COMPARE(reply.json["success"], false);
        QVERIFY2(reply.errorCode() == 7003, qPrintable(path));
        QVERIFY2(reply.errorMessage().contains(QStringLiteral("nope")) ||
                     reply.errorMessage().contains(QStringLiteral("no-such")),
                 qPrintable(reply.errorMessage()));
    }
    RD_COMPARE(m_client->patch(gw(account) + QStringLiteral("/logs/no-such-log"), Json{{"feedback", 1}}).status, 404);
    RD_COMPARE(m_client->del(routes + QStringLiteral("/no-such-route")).status, 404);

    for (const QString &path : {QStringLiteral("/accounts"), base(account) + QStringLiteral("/datasets"),
                                gw(account) + QStringLiteral("/routes/x/versions/y/z"), QStringLiteral("/zones/abc")}) {
        TestReply reply = m_client->get(path);
        QVERIFY2(reply.status == 404, qPrintable(path));
        RD_COMPARE(reply.errorCode(), 7000);
        RD_COMPARE(reply.errorMessage(), QStringLiteral("No route for that URI"));
    }

    TestReply wrongMethod = m_client->send("PUT", routes);
    RD_COMPARE(wrongMethod.status, 405);
    RD_COMPARE(wrongMethod.json["success"], false);
    QVERIFY(wrongMethod.header("Allow").contains("POST"));
    RD_COMPARE(m_client->send("POST", gw(account) + QStringLiteral("/logs")).status, 405);
    RD_COMPARE(m_client->send("DELETE", routes + "/" + routeId + QStringLiteral("/versions")).status, 405);
}

void TestSandboxServer::demoSeededPerAccount()
{
    const QString account = QStringLiteral("fresh-demo");
    const QString routes = gw(account) + QStringLiteral("/routes");
    TestReply listed = m_client->get(routes);
    RD_COMPARE(listed.status, 200);
    const Json &items = listed.json["data"]["routes"];
    RD_COMPARE(items.size(), std::size_t{2});

    const Json demoFile = rd::test::readFixture("../../resources/routes/demo-route.json");
    Json supportChat;
    for (const Json &route : items) {
        if (route["name"] == "support-chat") {
            supportChat = route;
        }
    }
    QVERIFY(supportChat.is_object());
    RD_COMPARE(supportChat["elements"], demoFile["elements"]);

    const QString id = str(supportChat, "id");
    const Json versions = m_client->get(routes + "/" + id + "/versions").json["data"]["versions"];
    RD_COMPARE(versions.size(), std::size_t{2});
    int active = 0;
    for (const Json &version : versions) {
        if (version["active"] == "true") {
            ++active;
            RD_COMPARE(version["version_id"], supportChat["deployment"]["version_id"]);
            RD_COMPARE(JsonText::parse(version["data"].get<std::string>()).value.value(), demoFile["elements"]);
        }
    }
    RD_COMPARE(active, 1);
    RD_COMPARE(versions[0]["active"], "true"); // the current one is also the newest
    QVERIFY(versions[1]["data"] != versions[0]["data"]);
    RD_COMPARE(m_client->get(routes + "/" + id + "/deployments").json["data"]["deployments"].size(), std::size_t{2});

    TestReply logs = m_client->get(gw(account) + QStringLiteral("/logs?per_page=50"));
    RD_COMPARE(logs.status, 200);
    const auto total = logs.json["result_info"]["total_count"].get<std::int64_t>();
    QVERIFY(total >= 300 && total <= 500);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::set<std::string> models;
    for (const Json &log : allLogs(*m_client, gw(account) + QStringLiteral("/logs"))) {
        // The demo week is the data plane's logs: a request no model answered is logged under its route.
        if (log["success"] == false) {
            RD_COMPARE(log["provider"], "unknown");
            QVERIFY(str(log, "model").startsWith(QStringLiteral("dynamic/")));
        } else {
            models.insert(log["model"].get<std::string>());
        }
        const QDateTime at = QDateTime::fromString(str(log, "created_at"), Qt::ISODateWithMs);
        QVERIFY(at.isValid());
        QVERIFY(at <= now && at >= now.addDays(-7).addSecs(-60));
        const Json metadata = JsonText::parse(log["metadata"].get<std::string>()).value.value();
        QVERIFY(metadata.contains("plan") && metadata.contains("user_id"));
        RD_COMPARE(log["model_type"], "chat");
        QVERIFY(log["cost"].get<double>() >= 0 && log["cost"].get<double>() < 0.05);
    }
    QVERIFY(models == (std::set<std::string>{"gpt-4o-mini", "claude-3-5-haiku-latest", "@cf/meta/llama-3.1-8b-instruct",
                                             "gemini-1.5-flash"}));

    TestReply configs = m_client->get(gw(account) + QStringLiteral("/provider_configs"));
    RD_COMPARE(configs.status, 200);
    QVERIFY(configs.result().size() >= 1);
}

void TestSandboxServer::accountsAreSeparate()
{
    const QString a = gw(QStringLiteral("tenant-a")) + QStringLiteral("/routes");
    const QString b = gw(QStringLiteral("tenant-b")) + QStringLiteral("/routes");
    TestReply created = m_client->post(a, Json{{"name", "only-in-a"}, {"elements", startModelEnd()}});
    RD_COMPARE(created.status, 200);
    RD_COMPARE(m_client->get(a).json["data"]["routes"].size(), std::size_t{3});
    RD_COMPARE(m_client->get(b).json["data"]["routes"].size(), std::size_t{2});
    RD_COMPARE(m_client->get(b + "/" + str(created.result(), "id")).status, 404);
    RD_COMPARE(m_client->del(base(QStringLiteral("tenant-b")) + QStringLiteral("/gateways/demo-gateway")).status, 200);
    RD_COMPARE(m_client->get(a).json["data"]["routes"].size(), std::size_t{3});
    RD_COMPARE(m_client->get(b).status, 404);
}

void TestSandboxServer::noDemoOption()
{
    QTemporaryDir dir;
    SandboxServer bare({dir.filePath(QStringLiteral("bare.sqlite")), kToken, false});
    QVERIFY(bare.start());
    SandboxTestClient client(bare.baseUrl(), kToken);
    TestReply listed = client.get(base(QStringLiteral("someone")) + QStringLiteral("/gateways"));
    RD_COMPARE(listed.status, 200);
    QVERIFY(listed.result().empty());
    RD_COMPARE(listed.json["result_info"]["total_count"], 0);

    SandboxServer noToken({dir.filePath(QStringLiteral("never.sqlite")), {}, false});
    QString error;
    QVERIFY(!noToken.start(0, &error));
    QVERIFY(error.contains(QStringLiteral("token")));
}

void TestSandboxServer::logsPageThroughEverythingOnce()
{
    const QString logs = gw(QStringLiteral("paging")) + QStringLiteral("/logs");
    TestReply first = m_client->get(logs + QStringLiteral("?per_page=10"));
    RD_COMPARE(first.status, 200);
    const Json info = first.json["result_info"];
    RD_COMPARE(info["page"], 1);
    RD_COMPARE(info["per_page"], 10);
    RD_COMPARE(info["count"], 10);
    const auto total = info["total_count"].get<std::int64_t>();
    RD_COMPARE(info["total_pages"].get<std::int64_t>(), (total + 9) / 10);

    QSet<QString> seen;
    QString previous;
    for (std::int64_t page = 1; page <= info["total_pages"].get<std::int64_t>(); ++page) {
        TestReply reply = m_client->get(logs + QStringLiteral("?per_page=10&page=%1").arg(page));
        RD_COMPARE(reply.status, 200);
        RD_COMPARE(reply.json["result_info"]["count"].get<std::size_t>(), reply.result().size());
        for (const Json &log : reply.result()) {
            checkSubset(log, kLogListKeys, kLogRequired);
            const QString id = str(log, "id");
            QVERIFY2(!seen.contains(id), qPrintable(id));
            seen.insert(id);
            const QString created = str(log, "created_at");
            QVERIFY(previous.isEmpty() || created <= previous); // newest first by default
            previous = created;
        }
    }
    RD_COMPARE(static_cast<std::int64_t>(seen.size()), total);

    // Past the end: an empty page, not an error.
    TestReply beyond = m_client->get(logs + QStringLiteral("?per_page=10&page=%1").arg(total));
    RD_COMPARE(beyond.status, 200);
    QVERIFY(beyond.result().empty());
    // per_page is capped at 50.
    TestReply capped = m_client->get(logs + QStringLiteral("?per_page=500"));
    RD_COMPARE(capped.json["result_info"]["per_page"], 50);
    RD_COMPARE(capped.result().size(), std::size_t{50});
    // The default is 20.
    RD_COMPARE(m_client->get(logs).result().size(), std::size_t{20});
}

void TestSandboxServer::logsOrdering()
{
    const QString logs = gw(QStringLiteral("ordering")) + QStringLiteral("/logs");
    const std::vector<Json> byModel = allLogs(*m_client, logs, QStringLiteral("order_by=model&order_by_direction=asc"));
    QVERIFY(byModel.size() > 300);
    for (std::size_t i = 1; i < byModel.size(); ++i) {
        QVERIFY(byModel[i - 1]["model"].get<std::string>() <= byModel[i]["model"].get<std::string>());
    }
    const std::vector<Json> oldestFirst = allLogs(*m_client, logs, QStringLiteral("order_by_direction=asc"));
    for (std::size_t i = 1; i < oldestFirst.size(); ++i) {
        QVERIFY(str(oldestFirst[i - 1], "created_at") <= str(oldestFirst[i], "created_at"));
    }
    TestReply bySuccess = m_client->get(logs + QStringLiteral("?order_by=success&order_by_direction=asc&per_page=5"));
    RD_COMPARE(bySuccess.result()[0]["success"], false);

    RD_COMPARE(m_client->get(logs + QStringLiteral("?order_by=cost")).status, 400);
    RD_COMPARE(m_client->get(logs + QStringLiteral("?order_by_direction=sideways")).status, 400);
}

void TestSandboxServer::logsFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("check"); // what every returned log must satisfy

    QTest::newRow("model eq") << "filters.key=model&filters.operator=eq&filters.value=gpt-4o-mini"
                              << "model==gpt-4o-mini";
    QTest::newRow("model eq two values")
        << "filters.key=model&filters.operator=eq&filters.value=gpt-4o-mini&filters.value=gemini-1.5-flash"
        << "model in gpt-4o-mini,gemini-1.5-flash";
    QTest::newRow("provider neq") << "filters.key=provider&filters.operator=neq&filters.value=openai"
                                  << "provider!=openai";
    QTest::newRow("model contains") << "filters.key=model&filters.operator=contains&filters.value=llama"
                                    << "model~llama";
    QTest::newRow("duration lt") << "filters.key=duration&filters.operator=lt&filters.value=100"
                                 << "duration<100";
    QTest::newRow("cost gt") << "filters.key=cost&filters.operator=gt&filters.value=0.001"
                             << "cost>0.001";
    QTest::newRow("tokens gt") << "filters.key=tokens&filters.operator=gt&filters.value=1500"
                               << "tokens>1500";
    QTest::newRow("success false") << "filters.key=success&filters.operator=eq&filters.value=false"
                                   << "success==false";
    QTest::newRow("cached true") << "filters.key=cached&filters.operator=eq&filters.value=true"
                                 << "cached==true";
    QTest::newRow("metadata.key eq") << "filters.key=metadata.key&filters.operator=eq&filters.value=plan"
                                     << "any";
    QTest::newRow("metadata.value eq") << "filters.key=metadata.value&filters.operator=eq&filters.value=free"
                                       << "plan==free";
    QTest::newRow("metadata.value neq") << "filters.key=metadata.value&filters.operator=neq&filters.value=free"
                                        << "plan!=free";
    QTest::newRow("metadata.value contains")
        << "filters.key=metadata.value&filters.operator=contains&filters.value=enter"
        << "plan==enterprise";
    QTest::newRow("two filters") << "filters.key=provider&filters.operator=eq&filters.value=anthropic"
                                    "&filters.key=success&filters.operator=eq&filters.value=true"
                                 << "provider==anthropic;success==true";
    QTest::newRow("indexed form") << "filters[0][key]=model&filters[0][operator]=eq&filters[0][value][0]=gpt-4o-mini"
                                  << "model==gpt-4o-mini";
    // A model's name in a data-plane log means that model answered: Gemini, the fallback, only in successes.
    QTest::newRow("fallback model") << "filters.key=model&filters.operator=eq&filters.value=gemini-1.5-flash"
                                    << "success==true";
}

void TestSandboxServer::logsFilters()
{
    QFETCH(QString, query);
    QFETCH(QString, check);
    const QString logs = gw(QStringLiteral("filters")) + QStringLiteral("/logs");
    const auto everything = m_client->get(logs).json["result_info"]["total_count"].get<std::int64_t>();
    TestReply reply = m_client->get(logs + "?" + query);
    RD_COMPARE(reply.status, 200);
    const auto total = reply.json["result_info"]["total_count"].get<std::int64_t>();
    QVERIFY2(total > 0, "the demo should have some of these");
    const std::vector<Json> matched = allLogs(*m_client, logs, query);
    RD_COMPARE(static_cast<std::int64_t>(matched.size()), total);

    for (const QString &condition : check.split(QLatin1Char(';'))) {
        if (condition == QLatin1String("any")) {
            RD_COMPARE(total, everything);
            continue;
        }
        for (const Json &log : matched) {
            const Json metadata = JsonText::parse(log["metadata"].get<std::string>()).value.value();
            const auto text = [&](const char *key) {
                return QString::fromStdString(log[key].get<std::string>());
            };
            bool ok = false;
            if (condition == QLatin1String("model==gpt-4o-mini")) {
                ok = text("model") == QLatin1String("gpt-4o-mini");
            } else if (condition == QLatin1String("model in gpt-4o-mini,gemini-1.5-flash")) {
                ok =
                    text("model") == QLatin1String("gpt-4o-mini") || text("model") == QLatin1String("gemini-1.5-flash");
            } else if (condition == QLatin1String("provider!=openai")) {
                ok = text("provider") != QLatin1String("openai");
            } else if (condition == QLatin1String("model~llama")) {
                ok = text("model").contains(QLatin1String("llama"));
            } else if (condition == QLatin1String("duration<100")) {
                ok = log["duration"].get<double>() < 100;
            } else if (condition == QLatin1String("cost>0.001")) {
                ok = log["cost"].get<double>() > 0.001;
            } else if (condition == QLatin1String("tokens>1500")) {
                ok = log["tokens_in"].get<double>() + log["tokens_out"].get<double>() > 1500;
            } else if (condition == QLatin1String("success==false")) {
                ok = log["success"] == false;
            } else if (condition == QLatin1String("success==true")) {
                ok = log["success"] == true;
            } else if (condition == QLatin1String("cached==true")) {
                ok = log["cached"] == true;
            } else if (condition == QLatin1String("plan==free")) {
                ok = metadata["plan"] == "free";
            } else if (condition == QLatin1String("plan!=free")) {
                ok = metadata["plan"] != "free";
            } else if (condition == QLatin1String("plan==enterprise")) {
                ok = metadata["plan"] == "enterprise";
            } else if (condition == QLatin1String("provider==anthropic")) {
                ok = text("provider") == QLatin1String("anthropic");
            } else {
                QFAIL(qPrintable(QStringLiteral("unknown check ") + condition));
            }
            QVERIFY2(ok, qPrintable(condition + QStringLiteral(" fails for ") + QString::fromStdString(log.dump())));
        }
    }
    QVERIFY(total < everything || check == QLatin1String("any"));
}

void TestSandboxServer::logsFilterErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown key") << "filters.key=colour&filters.operator=eq&filters.value=red"
                                 << "colour";
    QTest::newRow("unknown operator") << "filters.key=model&filters.operator=like&filters.value=x"
                                      << "like";
    QTest::newRow("no operator") << "filters.key=model&filters.value=x"
                                 << "operator";
    QTest::newRow("no value") << "filters.key=model&filters.operator=eq"
                              << "value";
    QTest::newRow("value first") << "filters.value=x&filters.key=model&filters.operator=eq"
                                 << "filters.key";
    QTest::newRow("contains on a number") << "filters.key=cost&filters.operator=contains&filters.value=1"
                                          << "contains";
    QTest::newRow("lt on text") << "filters.key=model&filters.operator=lt&filters.value=x"
                                << "lt";
    QTest::newRow("not a number") << "filters.key=duration&filters.operator=gt&filters.value=long"
                                  << "long";
    QTest::newRow("not a boolean") << "filters.key=success&filters.operator=eq&filters.value=maybe"
                                   << "maybe";
    QTest::newRow("not a time") << "filters.key=created_at&filters.operator=gt&filters.value=yesterday"
                                << "yesterday";
    QTest::newRow("odd filter key") << "filters.colour=red"
                                    << "filters.colour";
}

void TestSandboxServer::logsFilterErrors()
{
    QFETCH(QString, query);
    QFETCH(QString, mentions);
    TestReply reply = m_client->get(gw(QStringLiteral("filters")) + QStringLiteral("/logs?") + query);
    RD_COMPARE(reply.status, 400);
    RD_COMPARE(reply.errorCode(), 7001);
    QVERIFY2(reply.errorMessage().contains(mentions), qPrintable(reply.errorMessage()));
}

void TestSandboxServer::logsSearch()
{
    const QString logs = gw(QStringLiteral("search")) + QStringLiteral("/logs");
    for (const QString &needle :
         {QStringLiteral("claude"), QStringLiteral("enterprise"), QStringLiteral("workers-ai")}) {
        const std::vector<Json> found = allLogs(*m_client, logs, QStringLiteral("search=") + q(needle));
        QVERIFY(!found.empty());
        for (const Json &log : found) {
            const QString haystack = str(log, "model") + str(log, "provider") + str(log, "id") + str(log, "metadata");
            QVERIFY(haystack.contains(needle, Qt::CaseInsensitive));
        }
    }
    const Json one = m_client->get(logs + QStringLiteral("?per_page=1")).result()[0];
    TestReply byId = m_client->get(logs + QStringLiteral("?search=") + q(str(one, "id")));
    RD_COMPARE(byId.result().size(), std::size_t{1});
    // Wildcards are literal.
    RD_COMPARE(m_client->get(logs + QStringLiteral("?search=%25")).result().size(), std::size_t{0});
    // created_at filters take timestamps.
    const QString cutoff = QDateTime::currentDateTimeUtc().addDays(-1).toString(Qt::ISODate);
    for (const Json &log :
         allLogs(*m_client, logs, "filters.key=created_at&filters.operator=gt&filters.value=" + q(cutoff))) {
        QVERIFY(str(log, "created_at") > cutoff);
    }
}

void TestSandboxServer::logDetailAndBodies()
{
    const QString logs = gw(QStringLiteral("detail")) + QStringLiteral("/logs");
    const Json listed = m_client->get(logs + QStringLiteral("?per_page=1")).result()[0];
    const QString id = str(listed, "id");

    TestReply detail = m_client->get(logs + "/" + id);
    RD_COMPARE(detail.status, 200);
    std::set<std::string> allowed = kLogListKeys;
    allowed.insert(kLogDetailExtra.begin(), kLogDetailExtra.end());
    std::set<std::string> required = kLogRequired;
    required.insert(kLogDetailExtra.begin(), kLogDetailExtra.end());
    checkSubset(detail.result(), allowed, required);
    for (const auto &key : keysOf(rd::test::readFixture("api/log-detail.json")["result"])) {
        QVERIFY2(detail.result().contains(key), key.c_str());
    }
    RD_COMPARE(detail.result()["model"], listed["model"]);
    QVERIFY(JsonText::parse(detail.result()["request_head"].get<std::string>()).value.has_value());

    TestReply request = m_client->get(logs + "/" + id + QStringLiteral("/request"));
    RD_COMPARE(request.status, 200);
    QVERIFY(request.result()["messages"].is_array());
    RD_COMPARE(detail.result()["request_size"].get<std::size_t>(), JsonText::compact(request.result()).size());
    TestReply response = m_client->get(logs + "/" + id + QStringLiteral("/response"));
    RD_COMPARE(response.status, 200);
    QVERIFY(response.result().contains("choices") || response.result().contains("error"));
}

void TestSandboxServer::logFeedbackPersists()
{
    const QString logs = gw(QStringLiteral("feedback")) + QStringLiteral("/logs");
    const QString id = str(m_client->get(logs + QStringLiteral("?per_page=1&page=3")).result()[0], "id");
    const QString feedbackFilter = QStringLiteral("?filters.key=feedback&filters.operator=eq&filters.value=1");
    RD_COMPARE(m_client->get(logs + feedbackFilter).json["result_info"]["total_count"], 0);

    TestReply patched =
        m_client->patch(logs + "/" + id, Json{{"feedback", 1}, {"score", 90}, {"metadata", {{"reviewed", true}}}});
    RD_COMPARE(patched.status, 200);
    RD_COMPARE(patched.json["success"], true);
    QVERIFY(patched.result().is_object());

    TestReply found = m_client->get(logs + feedbackFilter);
    RD_COMPARE(found.result().size(), std::size_t{1});
    RD_COMPARE(str(found.result()[0], "id"), id);
    TestReply detail = m_client->get(logs + "/" + id);
    RD_COMPARE(detail.result()["feedback"], 1);
    RD_COMPARE(detail.result()["score"], 90);
    RD_COMPARE(str(detail.result(), "metadata"), QStringLiteral("{\"reviewed\":true}"));
    RD_COMPARE(
        m_client->get(logs + QStringLiteral("?filters.key=metadata.key&filters.operator=eq&filters.value=reviewed"))
            .result()
            .size(),
        std::size_t{1});

    RD_COMPARE(m_client->patch(logs + "/" + id, Json{{"feedback", 5}}).status, 400);
    RD_COMPARE(m_client->patch(logs + "/" + id, Json{{"score", 101}}).status, 400);
    RD_COMPARE(m_client->patch(logs + "/" + id, Json{{"score", "high"}}).status, 400);
    RD_COMPARE(m_client->patch(logs + "/" + id, Json{{"metadata", "text"}}).status, 400);
    RD_COMPARE(m_client->patch(logs + "/" + id, Json{{"feedback", -1}}).status, 200);
    RD_COMPARE(m_client->get(logs + "/" + id).result()["feedback"], -1);
    RD_COMPARE(m_client->get(logs + "/" + id).result()["score"], 90); // untouched
}

void TestSandboxServer::deleteLogsByFilter()
{
    const QString logs = gw(QStringLiteral("delete-logs")) + QStringLiteral("/logs");
    const QString filter = QStringLiteral("filters.key=provider&filters.operator=eq&filters.value=google-ai-studio");
    const auto before = m_client->get(logs).json["result_info"]["total_count"].get<std::int64_t>();
    const auto matching = m_client->get(logs + "?" + filter).json["result_info"]["total_count"].get<std::int64_t>();
    QVERIFY(matching > 0);

    TestReply deleted = m_client->del(logs + "?" + filter);
    RD_COMPARE(deleted.status, 200);
    RD_COMPARE(deleted.json["success"], true);
    RD_COMPARE(m_client->get(logs + "?" + filter).json["result_info"]["total_count"], 0);
    RD_COMPARE(m_client->get(logs).json["result_info"]["total_count"].get<std::int64_t>(), before - matching);

    // With a limit, only that many (the oldest, in ascending order) go.
    RD_COMPARE(m_client->del(logs + QStringLiteral("?limit=5&order_by_direction=asc")).status, 200);
    RD_COMPARE(m_client->get(logs).json["result_info"]["total_count"].get<std::int64_t>(), before - matching - 5);
    RD_COMPARE(m_client->del(logs + QStringLiteral("?filters.key=nope&filters.operator=eq&filters.value=1")).status,
               400);
    // Other gateways' and accounts' logs are untouched.
    RD_COMPARE(m_client->get(gw(QStringLiteral("delete-logs-other")) + QStringLiteral("/logs?") + filter)
                   .json["result_info"]["total_count"],
               matching);
}

void TestSandboxServer::providerConfigsHideSecret()
{
    const QString configs = gw(QStringLiteral("providers")) + QStringLiteral("/provider_configs");
    const QString secret = QStringLiteral("sk-live-abcdefghijklmnopqrstuvwxyz-9876");
    TestReply created = m_client->post(configs, Json{{"alias", "openai-backup"},
                                                     {"default_config", true},
                                                     {"provider_slug", "openai"},
                                                     {"secret", secret.toStdString()},
                                                     {"rate_limit", 50},
                                                     {"rate_limit_period", 60}});
    RD_COMPARE(created.status, 200);
    checkSubset(
        created.result(), kProviderConfigKeys,
        {"id", "alias", "default_config", "gateway_id", "modified_at", "provider_slug", "secret_id", "secret_preview"});
    QVERIFY(!created.body.contains(secret.toUtf8()));
    QVERIFY(!created.body.contains("abcdefghijkl"));
    RD_COMPARE(str(created.result(), "secret_preview"), QStringLiteral("sk-...9876"));
    RD_COMPARE(created.result()["rate_limit"], 50);

    TestReply listed = m_client->get(configs);
    RD_COMPARE(listed.status, 200);
    QVERIFY(!listed.body.contains(secret.toUtf8()));
    QVERIFY(listed.json.contains("result_info"));
    int openaiDefaults = 0;
    for (const Json &config : listed.result()) {
        checkSubset(config, kProviderConfigKeys, {"id", "alias", "provider_slug", "secret_preview"});
        if (config["provider_slug"] == "openai" && config["default_config"] == true) {
            ++openaiDefaults;
        }
    }
    RD_COMPARE(openaiDefaults, 1); // the new default replaced the demo's

    RD_COMPARE(
        m_client->post(configs, Json{{"alias", "x"}, {"default_config", false}, {"provider_slug", "openai"}}).status,
        400);
    RD_COMPARE(m_client
                   ->post(configs,
                          Json{{"alias", "x"}, {"default_config", "yes"}, {"provider_slug", "openai"}, {"secret", "s"}})
                   .status,
               400);
}

void TestSandboxServer::stateSurvivesRestart()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("restart.sqlite"));
    QString routeId;
    {
        SandboxServer first({file, kToken, true});
        QVERIFY(first.start());
        SandboxTestClient client(first.baseUrl(), kToken);
        TestReply created = client.post(gw(QStringLiteral("restart")) + QStringLiteral("/routes"),
                                        Json{{"name", "kept"}, {"elements", startModelEnd()}});
        RD_COMPARE(created.status, 200);
        routeId = str(created.result(), "id");
    }
    SandboxServer second({file, kToken, true});
    QVERIFY(second.start());
    SandboxTestClient client(second.baseUrl(), kToken);
    TestReply fetched = client.get(gw(QStringLiteral("restart")) + QStringLiteral("/routes/") + routeId);
    RD_COMPARE(fetched.status, 200);
    RD_COMPARE(fetched.result()["name"], "kept");
    RD_COMPARE(fetched.result()["elements"], startModelEnd());
    // The account is not seeded twice.
    RD_COMPARE(client.get(gw(QStringLiteral("restart")) + QStringLiteral("/routes")).json["data"]["routes"].size(),
               std::size_t{3});
}

void TestSandboxServer::faultSlow()
{
    const QString path = base(QStringLiteral("faults")) + QStringLiteral("/gateways");
    FaultSpec slow;
    slow.kind = FaultSpec::Kind::Slow;
    slow.delayMs = 400;
    m_server->injectFault(slow);
    TestReply reply = m_client->get(path);
    RD_COMPARE(reply.status, 200);
    QVERIFY2(reply.elapsedMs >= 380, qPrintable(QString::number(reply.elapsedMs)));
    RD_COMPARE(reply.json["success"], true);
    TestReply next = m_client->get(path);
    QVERIFY(next.elapsedMs < 380);
}

void TestSandboxServer::faultServerError()
{
    const QString routes = gw(QStringLiteral("faults")) + QStringLiteral("/routes");
    m_server->injectFault(fault(FaultSpec::Kind::ServerError));
    TestReply reply = m_client->post(routes, Json{{"name", "not-applied"}, {"elements", startModelEnd()}});
    RD_COMPARE(reply.status, 500);
    RD_COMPARE(reply.json["success"], false);
    RD_COMPARE(reply.errorCode(), 10001);
    const Json listed = m_client->get(routes).json["data"]["routes"];
    for (const Json &route : listed) {
        QVERIFY(route["name"] != "not-applied");
    }
}

void TestSandboxServer::faultRateLimited()
{
    FaultSpec limited;
    limited.kind = FaultSpec::Kind::RateLimited;
    limited.retryAfterSeconds = 7;
    m_server->injectFault(limited);
    TestReply reply = m_client->get(base(QStringLiteral("faults")) + QStringLiteral("/gateways"));
    RD_COMPARE(reply.status, 429);
    RD_COMPARE(reply.header("Retry-After"), QByteArray("7"));
    RD_COMPARE(reply.json["success"], false);
    RD_COMPARE(reply.errorCode(), 10429);
}

void TestSandboxServer::faultMalformedJson()
{
    const QString routes = gw(QStringLiteral("faults")) + QStringLiteral("/routes");
    m_server->injectFault(fault(FaultSpec::Kind::MalformedJson));
    TestReply reply = m_client->post(routes, Json{{"name", "garbled"}, {"elements", startModelEnd()}});
    RD_COMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QVERIFY(!reply.body.isEmpty());
    QVERIFY(!reply.parsed);
    const Json listed = m_client->get(routes).json["data"]["routes"];
    for (const Json &route : listed) {
        QVERIFY(route["name"] != "garbled");
    }
}

void TestSandboxServer::faultDropConnection()
{
    const QString path = base(QStringLiteral("faults")) + QStringLiteral("/gateways");
    const int before = m_server->requestCount(QStringLiteral("GET"), path);
    // QNetworkAccessManager quietly resends a request whose connection closed before any answer (twice), so
    // the drop must outlast its retries to reach the caller.
    FaultSpec drop;
    drop.kind = FaultSpec::Kind::DropConnection;
    drop.count = 5;
    m_server->injectFault(drop);
    TestReply reply = m_client->get(path);
    RD_COMPARE(reply.status, 0);
    QVERIFY2(reply.error != QNetworkReply::NoError, "a dropped connection must be a network error");
    QVERIFY(reply.body.isEmpty());
    const int attempts = m_server->requestCount(QStringLiteral("GET"), path) - before;
    QVERIFY(attempts >= 1 && attempts <= 5);
    m_server->clearFaults();
    RD_COMPARE(m_client->get(path).status, 200);
}

void TestSandboxServer::faultDropAfterApplying()
{
    const QString routes = gw(QStringLiteral("faults-apply")) + QStringLiteral("/routes");
    RD_COMPARE(m_client->get(routes).status, 200); // seeds the account first
    FaultSpec drop;
    drop.kind = FaultSpec::Kind::DropConnection;
    drop.applyFirst = true;
    drop.count = 5;
    drop.method = QStringLiteral("POST");
    m_server->injectFault(drop);
    TestReply reply = m_client->post(routes, Json{{"name", "applied-unheard"}, {"elements", startModelEnd()}});
    QVERIFY(reply.error != QNetworkReply::NoError);
    m_server->clearFaults();
    int found = 0;
    const Json listed = m_client->get(routes).json["data"]["routes"];
    for (const Json &route : listed) {
        found += route["name"] == "applied-unheard" ? 1 : 0;
    }
    // Created by the first attempt; any resend met the taken name.
    RD_COMPARE(found, 1);
}

void TestSandboxServer::faultMatchingAndCounting()
{
    const QString account = QStringLiteral("fault-match");
    const QString gateways = base(account) + QStringLiteral("/gateways");
    const QString routes = gw(account) + QStringLiteral("/routes");
    RD_COMPARE(m_client->get(gateways).status, 200);

    const int total = m_server->requestCount();
    FaultSpec onlyRoutes;
    onlyRoutes.kind = FaultSpec::Kind::ServerError;
    onlyRoutes.count = 2;
    onlyRoutes.method = QStringLiteral("get");
    onlyRoutes.pathContains = QStringLiteral("/routes");
    m_server->injectFault(onlyRoutes);
    FaultSpec thenLimited;
    thenLimited.kind = FaultSpec::Kind::RateLimited;
    thenLimited.pathContains = QStringLiteral("/routes");
    m_server->injectFault(thenLimited);

    RD_COMPARE(m_client->get(gateways).status, 200); // path does not match
    RD_COMPARE(m_client->post(routes, Json{{"name", "r1"}, {"elements", startModelEnd()}}).status,
               429); // method does not match the first; the second applies
    RD_COMPARE(m_client->get(routes).status, 500);
    RD_COMPARE(m_client->get(routes).status, 500);
    RD_COMPARE(m_client->get(routes).status, 200); // both used up

    RD_COMPARE(m_server->requestCount() - total, 5);
    QVERIFY(m_server->requestCount(QStringLiteral("GET"), routes) >= 3);
    QVERIFY(m_server->requestCount(QStringLiteral("post"), routes) >= 1);
    RD_COMPARE(m_server->requestCount(QStringLiteral("DELETE"), routes), 0);

    m_server->injectFault(fault(FaultSpec::Kind::ServerError));
    m_server->clearFaults();
    RD_COMPARE(m_client->get(gateways).status, 200);
}

void TestSandboxServer::controlEndpoint()
{
    const QString gateways = base(QStringLiteral("control")) + QStringLiteral("/gateways");
    RD_COMPARE(m_client->sendRoot("POST", QStringLiteral("/__sandbox/faults"), "{\"kind\":\"server_error\"}").status,
               200);
    RD_COMPARE(m_client->get(gateways).status, 500);

    TestReply queued = m_client->sendRoot("POST", QStringLiteral("/__sandbox/faults"),
                                          "[{\"kind\":\"rate_limited\",\"retry_after\":3,\"path_contains\":\"/"
                                          "gateways\"},{\"kind\":\"slow\",\"delay_ms\":250}]");
    RD_COMPARE(queued.status, 200);
    RD_COMPARE(queued.result().size(), std::size_t{2});
    TestReply limited = m_client->get(gateways);
    RD_COMPARE(limited.status, 429);
    RD_COMPARE(limited.header("Retry-After"), QByteArray("3"));
    QVERIFY(m_client->get(gateways).elapsedMs >= 230);

    RD_COMPARE(m_client->sendRoot("POST", QStringLiteral("/__sandbox/faults"), "{\"kind\":\"explode\"}").status, 400);
    RD_COMPARE(
        m_client->sendRoot("POST", QStringLiteral("/__sandbox/faults"), "{\"kind\":\"slow\",\"count\":-1}").status,
        400);
    m_client->sendRoot("POST", QStringLiteral("/__sandbox/faults"), "{\"kind\":\"server_error\",\"count\":3}");
    TestReply cleared = m_client->sendRoot("DELETE", QStringLiteral("/__sandbox/faults"));
    RD_COMPARE(cleared.status, 200);
    QVERIFY(cleared.result().empty());
    RD_COMPARE(m_client->get(gateways).status, 200);

    // The control endpoint wants the token too, and is not counted as API traffic.
    SandboxTestClient stranger(m_server->baseUrl(), "wrong");
    RD_COMPARE(stranger.sendRoot("POST", QStringLiteral("/__sandbox/faults"), "{\"kind\":\"server_error\"}").status,
               403);
    RD_COMPARE(m_client->get(gateways).status, 200);
    RD_COMPARE(m_client->sendRoot("GET", QStringLiteral("/__sandbox/nothing")).status, 404);
}

void TestSandboxServer::robustness()
{
    const QString account = QStringLiteral("robust");
    const QString routes = gw(account) + QStringLiteral("/routes");
    const QString logs = gw(account) + QStringLiteral("/logs");

    TestReply huge = m_client->send("POST", routes, QByteArray(6 * 1024 * 1024, ' ') + "{}");
    RD_COMPARE(huge.status, 413);
    RD_COMPARE(huge.json["success"], false);

    TestReply badUtf8 = m_client->send("POST", routes, "{\"name\": \"\xff\xfe\", \"elements\": []}");
    RD_COMPARE(badUtf8.status, 400);
    QVERIFY(badUtf8.parsed);

    QByteArray deep(10000, '[');
    RD_COMPARE(m_client->send("POST", routes, deep).status, 400);
    RD_COMPARE(m_client->send("POST", routes, "null").status, 400);
    RD_COMPARE(m_client->send("POST", routes, "\"text\"").status, 400);
    RD_COMPARE(m_client->send("POST", routes, QByteArray("\0\0\0", 3)).status, 400);

    TestReply negative = m_client->get(logs + QStringLiteral("?page=-5&per_page=-2"));
    RD_COMPARE(negative.status, 200);
    RD_COMPARE(negative.json["result_info"]["page"], 1);
    RD_COMPARE(negative.json["result_info"]["per_page"], 1);
    TestReply enormous = m_client->get(logs + QStringLiteral("?page=99999999999999999999999&per_page=50"));
    RD_COMPARE(enormous.status, 200);
    QVERIFY(enormous.result().empty());
    RD_COMPARE(m_client->get(logs + QStringLiteral("?page=two")).status, 400);
    RD_COMPARE(m_client->get(routes + QStringLiteral("?per_page=1.5")).status, 400);

    // Odd ids and encodings are just ids that do not exist.
    RD_COMPARE(m_client->get(routes + QStringLiteral("/%2F..%2Fetc")).status, 404);
    RD_COMPARE(m_client->get(routes + QStringLiteral("/%FF%FE")).status, 404);
    RD_COMPARE(m_client->get(logs + QStringLiteral("/%27%20OR%201%3D1%20--")).status, 404);
    RD_COMPARE(m_client->get(logs + QStringLiteral("?search=%27%20OR%201%3D1%20--")).status, 200);
    RD_COMPARE(
        m_client->get(logs + QStringLiteral("?filters.key=model&filters.operator=eq&filters.value=%27)%20OR%20(1=1"))
            .json["result_info"]["total_count"],
        0);

    // The server is still fine.
    RD_COMPARE(m_client->get(routes).status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandbox_server.moc"
