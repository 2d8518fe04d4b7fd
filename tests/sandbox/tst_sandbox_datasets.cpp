// Datasets, evaluation types and evaluations in the sandbox, over loopback with a plain QNetworkAccessManager:
// shapes against seed 001, validation with Cloudflare's error envelope, evaluations computed from logs whose
// values the test knows (support/KnownLogs.h), and the log filter keys of the official SDK (id, dlp_action,
// authentication, wholesale, compatibilityMode), delete-by-id included.
#include "JsonCompare.h"
#include "SandboxTestClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/KnownLogs.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <cmath>
#include <memory>
#include <set>

using namespace rd;
using rd::test::KnownLog;
using rd::test::SandboxTestClient;
using rd::test::TestReply;

namespace {

const QByteArray kToken = "sandbox-datasets-token-42";
// The account with the known logs: registered before the server starts, so it holds no demo data.
const QString kKnown = QStringLiteral("known");
const QString kKnownGateway = QStringLiteral("evals");

QString gw(const QString &account, const QString &gateway)
{
    return QStringLiteral("/accounts/%1/ai-gateway/gateways/%2").arg(account, gateway);
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
    for (const auto &[key, value] : object.items()) {
        keys.insert(key);
    }
    return keys;
}

// Seed 001's models, key for key.
const std::set<std::string> kDatasetKeys{"id", "created_at", "enable", "filters", "gateway_id", "modified_at", "name"};
const std::set<std::string> kEvaluationDatasetKeys{"id",      "account_id", "account_tag", "created_at", "enable",
                                                   "filters", "gateway_id", "modified_at", "name"};
const std::set<std::string> kEvaluationKeys{"id",   "created_at", "datasets", "gateway_id", "modified_at",
                                            "name", "processed",  "results",  "total_logs"};
const std::set<std::string> kResultKeys{"id",          "created_at", "evaluation_id", "evaluation_type_id",
                                        "modified_at", "result",     "status",        "status_description",
                                        "total_logs"};
const std::set<std::string> kTypeKeys{"id",        "created_at",  "description", "enable",
                                      "mandatory", "modified_at", "name",        "type"};

Json filter(const char *key, const char *op, Json values)
{
    return Json{{"key", key}, {"operator", op}, {"value", std::move(values)}};
}

std::int64_t totalCount(const TestReply &reply)
{
    return reply.json["result_info"]["total_count"].get<std::int64_t>();
}

} // namespace

class TestSandboxDatasets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void evaluationTypesAreFixed();
    void datasetLifecycleMatchesSeed();
    void datasetValidation_data();
    void datasetValidation();
    void datasetsBelongToTheirGateway();
    void evaluationResultsComeFromTheLogs();
    void evaluationsRunAfterTheDelay();
    void evaluationValidationAndNotFound();
    void sdkLogFilterKeys_data();
    void sdkLogFilterKeys();
    void deleteLogsByIdRemovesExactlyOne();

private:
    // The type ids by `type` ("cost", "speed", "performance").
    QString typeId(const char *type);
    // A dataset of the known gateway with `filters`; its id, or "" (and a failed test) when refused.
    QString createDataset(const char *name, const Json &filters);

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
};

void TestSandboxDatasets::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("datasets.sqlite"));
    QString error;
    QVERIFY2(rd::test::seedKnownLogs(path, kKnown, kKnownGateway, error), qPrintable(error));
    m_server = std::make_unique<SandboxServer>(SandboxServer::Options{path, kToken, true});
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), kToken);
}

void TestSandboxDatasets::init()
{
    m_server->setEvaluationDelay(std::chrono::milliseconds(0));
}

QString TestSandboxDatasets::typeId(const char *type)
{
    const TestReply types = m_client->get(QStringLiteral("/accounts/%1/ai-gateway/evaluation-types").arg(kKnown));
    for (const Json &t : types.result()) {
        if (t["type"] == type) {
            return str(t, "id");
        }
    }
    return {};
}

QString TestSandboxDatasets::createDataset(const char *name, const Json &filters)
{
    const TestReply created = m_client->post(gw(kKnown, kKnownGateway) + QStringLiteral("/datasets"),
                                             Json{{"name", name}, {"enable", true}, {"filters", filters}});
    if (created.status != 200) {
        qWarning("dataset %s refused: %s", name, created.body.constData());
        return {};
    }
    return str(created.result(), "id");
}

void TestSandboxDatasets::evaluationTypesAreFixed()
{
    const QString path = QStringLiteral("/accounts/%1/ai-gateway/evaluation-types");
    const TestReply types = m_client->get(path.arg(kKnown));
    RD_COMPARE(types.status, 200);
    RD_COMPARE(types.json["success"], true);
    QVERIFY(types.json.contains("result_info"));
    RD_COMPARE(types.result().size(), std::size_t{3});
    QStringList seen;
    for (const Json &type : types.result()) {
        QVERIFY2(keysOf(type) == kTypeKeys, type.dump().c_str());
        RD_COMPARE(type["enable"], true);
        RD_COMPARE(type["mandatory"], false);
        QVERIFY(!str(type, "description").isEmpty());
        seen << str(type, "type") + QLatin1Char('/') + str(type, "name");
    }
    RD_COMPARE(seen, (QStringList{QStringLiteral("cost/Cost"), QStringLiteral("speed/Speed"),
                                  QStringLiteral("performance/Performance")}));
    // The same ids in another account (a demo one) and on every call.
    const TestReply other = m_client->get(path.arg(QStringLiteral("someone-else")));
    RD_COMPARE(other.status, 200);
    QVERIFY(other.result() == types.result());
    // Paged like the other lists.
    const TestReply page = m_client->get(path.arg(kKnown) + QStringLiteral("?per_page=2&page=2"));
    RD_COMPARE(page.result().size(), std::size_t{1});
    RD_COMPARE(page.json["result_info"]["total_count"], 3);
    RD_COMPARE(page.result()[0]["type"], "performance");
    RD_COMPARE(m_client->get(path.arg(kKnown) + QStringLiteral("?order_by=colour")).status, 400);
}

void TestSandboxDatasets::datasetLifecycleMatchesSeed()
{
    const QString datasets = gw(kKnown, kKnownGateway) + QStringLiteral("/datasets");
    const Json filters = Json::array(
        {filter("provider", "eq", {"openai"}), filter("cost", "gt", {0.005}), filter("success", "eq", {true})});
    const TestReply created =
        m_client->post(datasets, Json{{"name", "openai-dear"}, {"enable", true}, {"filters", filters}});
    RD_COMPARE(created.status, 200);
    RD_COMPARE(created.json["success"], true);
    const Json dataset = created.result();
    QVERIFY2(keysOf(dataset) == kDatasetKeys, created.body.constData());
    RD_COMPARE(dataset["name"], "openai-dear");
    RD_COMPARE(dataset["enable"], true);
    RD_COMPARE(dataset["gateway_id"], kKnownGateway.toStdString());
    QVERIFY(dataset["filters"] == filters);
    const QString id = str(dataset, "id");
    QVERIFY(!id.isEmpty());

    const TestReply fetched = m_client->get(datasets + "/" + id);
    RD_COMPARE(fetched.status, 200);
    QVERIFY(fetched.result() == dataset);

    const Json changed = Json::array({filter("model", "contains", {"gpt"})});
    const TestReply updated =
        m_client->put(datasets + "/" + id, Json{{"name", "gpt-ish"}, {"enable", false}, {"filters", changed}});
    RD_COMPARE(updated.status, 200);
    QVERIFY2(keysOf(updated.result()) == kDatasetKeys, updated.body.constData());
    RD_COMPARE(updated.result()["name"], "gpt-ish");
    RD_COMPARE(updated.result()["enable"], false);
    QVERIFY(updated.result()["filters"] == changed);
    RD_COMPARE(updated.result()["created_at"], dataset["created_at"]);
    QVERIFY(str(updated.result(), "modified_at") >= str(dataset, "modified_at"));
    QVERIFY(m_client->get(datasets + "/" + id).result() == updated.result());
    // An update is whole: a body without filters is refused and changes nothing.
    RD_COMPARE(m_client->put(datasets + "/" + id, Json{{"name", "x"}, {"enable", true}}).status, 400);
    RD_COMPARE(m_client->get(datasets + "/" + id).result()["name"], "gpt-ish");

    const QString other = createDataset("everything", Json::array());
    QVERIFY(!other.isEmpty());
    const TestReply listed = m_client->get(datasets);
    RD_COMPARE(listed.status, 200);
    QVERIFY(listed.json.contains("result_info"));
    QVERIFY(totalCount(listed) >= 2);
    for (const Json &item : listed.result()) {
        QVERIFY2(keysOf(item) == kDatasetKeys, item.dump().c_str());
    }
    // The SDK's list parameters: name, enable, search.
    const TestReply byName = m_client->get(datasets + QStringLiteral("?name=gpt-ish"));
    RD_COMPARE(byName.result().size(), std::size_t{1});
    RD_COMPARE(str(byName.result()[0], "id"), id);
    // Held in a variable: a range-for over result() of a temporary reply would read freed memory.
    const TestReply disabled = m_client->get(datasets + QStringLiteral("?enable=false"));
    for (const Json &item : disabled.result()) {
        RD_COMPARE(item["enable"], false);
    }
    RD_COMPARE(m_client->get(datasets + QStringLiteral("?search=gpt")).result().size(), std::size_t{1});
    RD_COMPARE(m_client->get(datasets + QStringLiteral("?enable=maybe")).status, 400);
    const TestReply onePage = m_client->get(datasets + QStringLiteral("?per_page=1&page=2"));
    RD_COMPARE(onePage.result().size(), std::size_t{1});
    RD_COMPARE(onePage.json["result_info"]["page"], 2);

    const TestReply removed = m_client->del(datasets + "/" + id);
    RD_COMPARE(removed.status, 200);
    QVERIFY(removed.result() == updated.result());
    const TestReply gone = m_client->get(datasets + "/" + id);
    RD_COMPARE(gone.status, 404);
    RD_COMPARE(gone.errorCode(), 7003);
    QVERIFY2(gone.errorMessage().contains(id), qPrintable(gone.errorMessage()));
    RD_COMPARE(m_client->del(datasets + "/" + id).status, 404);
    RD_COMPARE(
        m_client->put(datasets + "/" + id, Json{{"name", "x"}, {"enable", true}, {"filters", Json::array()}}).status,
        404);
    RD_COMPARE(m_client->del(datasets + "/" + other).status, 200);
}

void TestSandboxDatasets::datasetValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");
    const auto row = [](const char *name, const Json &body, const char *mentions) {
        QTest::newRow(name) << QByteArray::fromStdString(body.dump()) << QString::fromLatin1(mentions);
    };
    const Json ok = Json::array({filter("model", "eq", {"gpt-4o"})});
    row("no name", Json{{"enable", true}, {"filters", ok}}, "name");
    row("empty name", Json{{"name", "  "}, {"enable", true}, {"filters", ok}}, "name");
    row("name not a string", Json{{"name", 7}, {"enable", true}, {"filters", ok}}, "name");
    row("no enable", Json{{"name", "d"}, {"filters", ok}}, "enable");
    row("enable not a boolean", Json{{"name", "d"}, {"enable", "yes"}, {"filters", ok}}, "enable");
    row("no filters", Json{{"name", "d"}, {"enable", true}}, "filters");
    row("filters not an array", Json{{"name", "d"}, {"enable", true}, {"filters", ok[0]}}, "filters");
    row("filter not an object", Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({"model"})}},
        "filters[0]");
    // model_type and neq are log filters, not dataset filters.
    row("log-only key",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("model_type", "eq", {"chat"})})}},
        "model_type");
    row("unknown key",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("colour", "eq", {"red"})})}}, "colour");
    row("log-only operator",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("model", "neq", {"x"})})}}, "neq");
    row("unknown operator",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("model", "like", {"x"})})}}, "like");
    row("no value",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({Json{{"key", "model"}, {"operator", "eq"}}})}},
        "value");
    row("empty value",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("model", "eq", Json::array())})}},
        "value");
    row("value not an array",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("model", "eq", "x")})}}, "value");
    row("value holds an object",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("model", "eq", {Json::object()})})}},
        "value");
    row("value holds null",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("model", "eq", {nullptr})})}}, "value");
    row("cost not a number",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("cost", "gt", {"cheap"})})}}, "cheap");
    row("contains on a boolean",
        Json{{"name", "d"}, {"enable", true}, {"filters", Json::array({filter("success", "contains", {true})})}},
        "contains");
}

void TestSandboxDatasets::datasetValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);
    const QString datasets = gw(kKnown, kKnownGateway) + QStringLiteral("/datasets");
    const auto before = totalCount(m_client->get(datasets));
    const TestReply refused = m_client->send("POST", datasets, body);
    RD_COMPARE(refused.status, 400);
    RD_COMPARE(refused.json["success"], false);
    RD_COMPARE(refused.errorCode(), 7001);
    QVERIFY2(refused.errorMessage().contains(mentions), qPrintable(refused.errorMessage()));
    RD_COMPARE(totalCount(m_client->get(datasets)), before);
}

void TestSandboxDatasets::datasetsBelongToTheirGateway()
{
    const QString gateways = QStringLiteral("/accounts/%1/ai-gateway/gateways").arg(kKnown);
    const Json gatewayBody{{"id", "scratch"},      {"cache_invalidate_on_update", false}, {"cache_ttl", 0},
                           {"collect_logs", true}, {"rate_limiting_interval", 0},         {"rate_limiting_limit", 0}};
    RD_COMPARE(m_client->post(gateways, gatewayBody).status, 200);
    const QString scratch = gw(kKnown, QStringLiteral("scratch")) + QStringLiteral("/datasets");
    const TestReply created =
        m_client->post(scratch, Json{{"name", "mine"}, {"enable", true}, {"filters", Json::array()}});
    RD_COMPARE(created.status, 200);
    const QString id = str(created.result(), "id");
    // Not visible from another gateway.
    RD_COMPARE(m_client->get(gw(kKnown, kKnownGateway) + QStringLiteral("/datasets/") + id).status, 404);
    const TestReply noGateway = m_client->get(gw(kKnown, QStringLiteral("nope")) + QStringLiteral("/datasets"));
    RD_COMPARE(noGateway.status, 404);
    QVERIFY2(noGateway.errorMessage().contains(QStringLiteral("nope")), qPrintable(noGateway.errorMessage()));
    RD_COMPARE(
        m_client->post(gw(kKnown, QStringLiteral("nope")) + QStringLiteral("/evaluations"), Json::object()).status,
        404);
    // Deleting the gateway takes its datasets with it: a new gateway of the same id starts empty.
    RD_COMPARE(m_client->del(gateways + QStringLiteral("/scratch")).status, 200);
    RD_COMPARE(m_client->post(gateways, gatewayBody).status, 200);
    RD_COMPARE(totalCount(m_client->get(scratch)), 0);
    RD_COMPARE(m_client->get(scratch + "/" + id).status, 404);
    RD_COMPARE(m_client->del(gateways + QStringLiteral("/scratch")).status, 200);
}

void TestSandboxDatasets::evaluationResultsComeFromTheLogs()
{
    // Two datasets that overlap in known-02 (openai and dearer than 0.015): the evaluation covers their union,
    // each log once. The second's filters are ANDed: anthropic ones that succeeded cost over 0.015 = known-04.
    const QString openai = createDataset("openai", Json::array({filter("provider", "eq", {"openai"})}));
    const QString dear =
        createDataset("dear", Json::array({filter("cost", "gt", {0.015}), filter("success", "eq", {true})}));
    QVERIFY(!openai.isEmpty() && !dear.isEmpty());
    const auto in = [](const KnownLog &log) {
        return std::string(log.provider) == "openai" || (log.cost > 0.015 && log.success);
    };
    const rd::test::KnownTotals expected = rd::test::knownTotals(in);
    RD_COMPARE(expected.logs, 4); // known-01, 02, 03, 04
    const QString cost = typeId("cost");
    const QString speed = typeId("speed");
    const QString performance = typeId("performance");
    QVERIFY(!cost.isEmpty() && !speed.isEmpty() && !performance.isEmpty());

    const QString evaluations = gw(kKnown, kKnownGateway) + QStringLiteral("/evaluations");
    const TestReply created = m_client->post(
        evaluations,
        Json{{"name", "openai or dear"},
             {"dataset_ids", {openai.toStdString(), dear.toStdString()}},
             {"evaluation_type_ids", {cost.toStdString(), speed.toStdString(), performance.toStdString()}}});
    RD_COMPARE(created.status, 200);
    const Json answer = created.result();
    QVERIFY2(keysOf(answer) == kEvaluationKeys, created.body.constData());
    RD_COMPARE(answer["processed"], false);
    QVERIFY(answer["results"] == Json::array());
    RD_COMPARE(answer["name"], "openai or dear");
    RD_COMPARE(answer["gateway_id"], kKnownGateway.toStdString());
    RD_COMPARE(answer["datasets"].size(), std::size_t{2});
    for (const Json &dataset : answer["datasets"]) {
        QVERIFY2(keysOf(dataset) == kEvaluationDatasetKeys, dataset.dump().c_str());
        RD_COMPARE(dataset["account_id"], kKnown.toStdString());
    }
    const QString id = str(answer, "id");

    const TestReply fetched = m_client->get(evaluations + "/" + id);
    RD_COMPARE(fetched.status, 200);
    const Json done = fetched.result();
    QVERIFY2(keysOf(done) == kEvaluationKeys, fetched.body.constData());
    RD_COMPARE(done["processed"], true);
    RD_COMPARE(done["total_logs"], expected.logs);
    RD_COMPARE(done["results"].size(), std::size_t{3});
    for (const Json &result : done["results"]) {
        QVERIFY2(keysOf(result) == kResultKeys, result.dump().c_str());
        RD_COMPARE(result["evaluation_id"], id.toStdString());
        RD_COMPARE(result["status"], 1);
        RD_COMPARE(result["total_logs"], expected.logs);
        QVERIFY(result["result"].is_string());
        const double value = std::stod(result["result"].get<std::string>());
        const QString type = str(result, "evaluation_type_id");
        double want = 0;
        if (type == cost) {
            want = expected.averageCost; // (0.010 + 0.020 + 0.001 + 0.030) / 4
        } else if (type == speed) {
            want = expected.averageDuration; // (100 + 300 + 50 + 900) / 4
        } else if (type == performance) {
            want = double(expected.positive) / double(expected.rated); // 2 of 3 rated
        } else {
            QFAIL(qPrintable(QStringLiteral("unexpected type ") + type));
        }
        QVERIFY2(std::abs(value - want) < 1e-9, (result.dump() + " wants " + std::to_string(want)).c_str());
    }
    // Listed the same, and by the SDK's parameters.
    const TestReply listed = m_client->get(evaluations + QStringLiteral("?processed=true&search=dear"));
    RD_COMPARE(listed.status, 200);
    RD_COMPARE(listed.result().size(), std::size_t{1});
    QVERIFY(listed.result()[0] == done);

    // Deleting a dataset leaves the evaluation as it ran.
    RD_COMPARE(m_client->del(gw(kKnown, kKnownGateway) + QStringLiteral("/datasets/") + dear).status, 200);
    QVERIFY(m_client->get(evaluations + "/" + id).result() == done);

    // Nothing to measure: a dataset no log is in.
    const QString none = createDataset("none", Json::array({filter("model", "eq", {"no-such-model"})}));
    const TestReply empty = m_client->post(
        evaluations,
        Json{{"name", "empty"}, {"dataset_ids", {none.toStdString()}}, {"evaluation_type_ids", {cost.toStdString()}}});
    const Json emptyDone = m_client->get(evaluations + "/" + str(empty.result(), "id")).result();
    RD_COMPARE(emptyDone["processed"], true);
    RD_COMPARE(emptyDone["total_logs"], 0);
    RD_COMPARE(emptyDone["results"][0]["result"], "");
    RD_COMPARE(emptyDone["results"][0]["status"], 2);

    const TestReply removed = m_client->del(evaluations + "/" + id);
    RD_COMPARE(removed.status, 200);
    QVERIFY(removed.result() == done);
    RD_COMPARE(m_client->get(evaluations + "/" + id).status, 404);
}

void TestSandboxDatasets::evaluationsRunAfterTheDelay()
{
    m_server->setEvaluationDelay(std::chrono::milliseconds(600));
    const QString all = createDataset("all", Json::array());
    const QString evaluations = gw(kKnown, kKnownGateway) + QStringLiteral("/evaluations");
    const TestReply created = m_client->post(
        evaluations,
        Json{{"name", "slow"},
             {"dataset_ids", {all.toStdString()}},
             {"evaluation_type_ids", {typeId("speed").toStdString(), typeId("performance").toStdString()}}});
    RD_COMPARE(created.status, 200);
    const QString id = str(created.result(), "id");
    const TestReply early = m_client->get(evaluations + "/" + id);
    RD_COMPARE(early.result()["processed"], false);
    QVERIFY(early.result()["results"].empty());
    RD_COMPARE(m_client->get(evaluations + QStringLiteral("?processed=false&name=slow")).result().size(),
               std::size_t{1});
    QTest::qWait(800);
    const TestReply late = m_client->get(evaluations + QStringLiteral("?processed=true&name=slow"));
    RD_COMPARE(late.result().size(), std::size_t{1});
    const Json done = late.result()[0];
    RD_COMPARE(done["processed"], true);
    const auto everything = static_cast<std::int64_t>(rd::test::knownLogs().size());
    RD_COMPARE(done["total_logs"], everything);
    const auto totals = rd::test::knownTotals([](const KnownLog &) { return true; });
    RD_COMPARE(done["results"].size(), std::size_t{2});
    QVERIFY(std::abs(std::stod(done["results"][0]["result"].get<std::string>()) - totals.averageDuration) < 1e-9);
    // Feedback 0 (known-06) and none (known-04) are not ratings: 3 positive of 5 rated.
    RD_COMPARE(totals.rated, 5);
    QVERIFY(std::abs(std::stod(done["results"][1]["result"].get<std::string>()) - 0.6) < 1e-9);
}

void TestSandboxDatasets::evaluationValidationAndNotFound()
{
    const QString evaluations = gw(kKnown, kKnownGateway) + QStringLiteral("/evaluations");
    const QString dataset = createDataset("for-validation", Json::array());
    const std::string d = dataset.toStdString();
    const std::string t = typeId("cost").toStdString();
    const auto refused = [&](const Json &body, const char *mentions) {
        const TestReply reply = m_client->post(evaluations, body);
        QVERIFY2(reply.status == 400 && reply.errorCode() == 7001, reply.body.constData());
        QVERIFY2(reply.errorMessage().contains(QString::fromLatin1(mentions)), qPrintable(reply.errorMessage()));
    };
    refused(Json{{"dataset_ids", {d}}, {"evaluation_type_ids", {t}}}, "name");
    refused(Json{{"name", ""}, {"dataset_ids", {d}}, {"evaluation_type_ids", {t}}}, "name");
    refused(Json{{"name", "e"}, {"evaluation_type_ids", {t}}}, "dataset_ids");
    refused(Json{{"name", "e"}, {"dataset_ids", Json::array()}, {"evaluation_type_ids", {t}}}, "dataset_ids");
    refused(Json{{"name", "e"}, {"dataset_ids", {d}}, {"evaluation_type_ids", Json::array()}}, "evaluation_type_ids");
    refused(Json{{"name", "e"}, {"dataset_ids", {d}}}, "evaluation_type_ids");
    refused(Json{{"name", "e"}, {"dataset_ids", {42}}, {"evaluation_type_ids", {t}}}, "dataset_ids");
    refused(Json{{"name", "e"}, {"dataset_ids", {"no-such-dataset"}}, {"evaluation_type_ids", {t}}}, "no-such-dataset");
    refused(Json{{"name", "e"}, {"dataset_ids", {d}}, {"evaluation_type_ids", {"no-such-type"}}}, "no-such-type");
    // A dataset of another gateway is not this gateway's.
    const TestReply elsewhere = m_client->post(gw(QStringLiteral("someone-else"), QStringLiteral("demo-gateway")) +
                                                   QStringLiteral("/evaluations"),
                                               Json{{"name", "e"}, {"dataset_ids", {d}}, {"evaluation_type_ids", {t}}});
    RD_COMPARE(elsewhere.status, 400);
    RD_COMPARE(m_client->send("POST", evaluations, "[1]").status, 400);

    const TestReply missing = m_client->get(evaluations + QStringLiteral("/no-such-evaluation"));
    RD_COMPARE(missing.status, 404);
    RD_COMPARE(missing.errorCode(), 7003);
    RD_COMPARE(m_client->del(evaluations + QStringLiteral("/no-such-evaluation")).status, 404);
    RD_COMPARE(m_client->get(evaluations + QStringLiteral("?processed=perhaps")).status, 400);
    // Only GET and DELETE on one evaluation: Cloudflare has no update.
    RD_COMPARE(m_client->put(evaluations + QStringLiteral("/x"), Json::object()).status, 405);
}

void TestSandboxDatasets::sdkLogFilterKeys_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected"); // the known logs' ids it lists; {"*"} for all of them
    QTest::newRow("id eq") << "filters.key=id&filters.operator=eq&filters.value=known-03"
                           << QStringList{QStringLiteral("known-03")};
    QTest::newRow("id eq two") << "filters.key=id&filters.operator=eq&filters.value=known-03&filters.value=known-05"
                               << QStringList{QStringLiteral("known-03"), QStringLiteral("known-05")};
    QTest::newRow("id neq") << "filters.key=id&filters.operator=neq&filters.value=known-03"
                            << QStringList{QStringLiteral("known-01"), QStringLiteral("known-02"),
                                           QStringLiteral("known-04"), QStringLiteral("known-05"),
                                           QStringLiteral("known-06"), QStringLiteral("known-07")};
    QTest::newRow("id contains") << "filters.key=id&filters.operator=contains&filters.value=-0"
                                 << QStringList{QStringLiteral("*")};
    QTest::newRow("dlp_action eq") << "filters.key=dlp_action&filters.operator=eq&filters.value=BLOCK" << QStringList{};
    QTest::newRow("dlp_action neq") << "filters.key=dlp_action&filters.operator=neq&filters.value=BLOCK"
                                    << QStringList{QStringLiteral("*")};
    QTest::newRow("authentication false")
        << "filters.key=authentication&filters.operator=eq&filters.value=false" << QStringList{QStringLiteral("*")};
    QTest::newRow("authentication true") << "filters.key=authentication&filters.operator=eq&filters.value=true"
                                         << QStringList{};
    QTest::newRow("wholesale true") << "filters.key=wholesale&filters.operator=eq&filters.value=true" << QStringList{};
    QTest::newRow("wholesale neq true") << "filters.key=wholesale&filters.operator=neq&filters.value=true"
                                        << QStringList{QStringLiteral("*")};
    QTest::newRow("compatibilityMode true")
        << "filters.key=compatibilityMode&filters.operator=eq&filters.value=true"
        << QStringList{QStringLiteral("known-01"), QStringLiteral("known-02"), QStringLiteral("known-04"),
                       QStringLiteral("known-05"), QStringLiteral("known-07")};
    QTest::newRow("compatibilityMode false") << "filters.key=compatibilityMode&filters.operator=eq&filters.value=false"
                                             << QStringList{QStringLiteral("known-03"), QStringLiteral("known-06")};
}

void TestSandboxDatasets::sdkLogFilterKeys()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    const QString logs = gw(kKnown, kKnownGateway) + QStringLiteral("/logs");
    const TestReply listed = m_client->get(logs + QStringLiteral("?per_page=50&") + filter);
    RD_COMPARE(listed.status, 200);
    QStringList ids;
    for (const Json &log : listed.result()) {
        ids << str(log, "id");
    }
    ids.sort();
    if (expected == QStringList{QStringLiteral("*")}) {
        expected.clear();
        for (const KnownLog &log : rd::test::knownLogs()) {
            expected << QString::fromLatin1(log.id);
        }
    }
    RD_COMPARE(ids, expected);
    // Delete takes the same keys; a key it would refuse answers 400 before anything is deleted.
    RD_COMPARE(m_client
                   ->del(gw(kKnown, kKnownGateway) + QStringLiteral("/logs?filters.key=dlp_action&"
                                                                    "filters.operator=eq&filters.value=BLOCK"))
                   .status,
               200);
    RD_COMPARE(totalCount(m_client->get(logs)), static_cast<std::int64_t>(rd::test::knownLogs().size()));
}

void TestSandboxDatasets::deleteLogsByIdRemovesExactlyOne()
{
    // A demo account's week of logs, and one of them with a secret pasted into it.
    const QString logs = gw(QStringLiteral("delete-by-id"), QStringLiteral("demo-gateway")) + QStringLiteral("/logs");
    const TestReply page = m_client->get(logs + QStringLiteral("?per_page=5&page=2"));
    RD_COMPARE(page.status, 200);
    const auto before = totalCount(page);
    QVERIFY(before > 10);
    const QString victim = str(page.result()[2], "id");
    const QString neighbour = str(page.result()[3], "id");
    QVERIFY(!victim.isEmpty());

    const TestReply deleted =
        m_client->del(logs + QStringLiteral("?filters.key=id&filters.operator=eq&filters.value=") + q(victim));
    RD_COMPARE(deleted.status, 200);
    RD_COMPARE(deleted.json["success"], true);
    RD_COMPARE(totalCount(m_client->get(logs)), before - 1);
    RD_COMPARE(m_client->get(logs + "/" + victim).status, 404);
    RD_COMPARE(m_client->get(logs + "/" + neighbour).status, 200);
    // Again: nothing left to delete, nothing else goes.
    RD_COMPARE(
        m_client->del(logs + QStringLiteral("?filters.key=id&filters.operator=eq&filters.value=") + q(victim)).status,
        200);
    RD_COMPARE(totalCount(m_client->get(logs)), before - 1);
}

QTEST_GUILESS_MAIN(TestSandboxDatasets)
#include "tst_sandbox_datasets.moc"
