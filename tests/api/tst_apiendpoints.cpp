// The endpoint catalogue (app/api/ApiEndpoints.h), without a network: each description addresses the method and
// path Cloudflare's reference gives (tests/fixtures/README.md names the pages), fills in the values a call gives it
// (percent-encoded in the path, quoted in the messages), and decodes the reference's own example answers.

#include "app/api/ApiArgs.h"
#include "app/api/ApiEndpoints.h"
#include "support/Fixtures.h"

#include <QTest>

#include <functional>
#include <set>
#include <string>
#include <vector>

using namespace rd;

namespace {

// Values with characters a path segment must escape: they prove the filling, not only the pattern.
const QString kGateway = QStringLiteral("demo gw/1");
const QString kRoute = QStringLiteral("r\u00e9/7");
const QString kVersion = QStringLiteral("v?1");
const QString kLog = QStringLiteral("log#3");
const QString kDataset = QStringLiteral("ds 9");
const QString kEvaluation = QStringLiteral("ev/2");

// One description with the values a call fills it with, as the rows below need it whatever its result type.
struct Case
{
    const char *name;
    const char *method;
    const char *path;
    ApiRequest request;
    std::function<bool(const ApiEnvelope &)> decodes;
};

template<class T> Case make(const char *name, const ApiEndpoint<T> &endpoint, const ApiArgs &args)
{
    const auto decode = endpoint.decode;
    return Case{name, endpoint.method, endpoint.path, endpoint.request(args), [decode](const ApiEnvelope &envelope) {
                    return decode(envelope).value.has_value();
                }};
}

std::vector<Case> catalogue()
{
    const ApiArgs gateway{{"gateway_id", kGateway}};
    const ApiArgs route{{"gateway_id", kGateway}, {"id", kRoute}};
    const ApiArgs version{{"gateway_id", kGateway}, {"id", kRoute}, {"version_id", kVersion}};
    const ApiArgs log{{"gateway_id", kGateway}, {"id", kLog}};
    const ApiArgs dataset{{"gateway_id", kGateway}, {"id", kDataset}};
    const ApiArgs evaluation{{"gateway_id", kGateway}, {"id", kEvaluation}};
    return {
        make("listGateways", ApiEndpoints::listGateways, {}),
        make("getGateway", ApiEndpoints::getGateway, {{"id", kGateway}}),
        make("createGateway", ApiEndpoints::createGateway, {{"id", kGateway}}),
        make("updateGateway", ApiEndpoints::updateGateway, {{"id", kGateway}}),
        make("deleteGateway", ApiEndpoints::deleteGateway, {{"id", kGateway}}),
        make("listRoutes", ApiEndpoints::listRoutes, gateway),
        make("getRoute", ApiEndpoints::getRoute, route),
        make("createRoute", ApiEndpoints::createRoute, {{"gateway_id", kGateway}, {"name", QStringLiteral("chat")}}),
        make("renameRoute", ApiEndpoints::renameRoute,
             {{"gateway_id", kGateway}, {"id", kRoute}, {"name", QStringLiteral("chat 2")}}),
        make("deleteRoute", ApiEndpoints::deleteRoute, route),
        make("listVersions", ApiEndpoints::listVersions, route),
        make("createVersion", ApiEndpoints::createVersion, route),
        make("getVersion", ApiEndpoints::getVersion, version),
        make("getVersionGraph", ApiEndpoints::getVersionGraph, version),
        make("listDeployments", ApiEndpoints::listDeployments, route),
        make("createDeployment", ApiEndpoints::createDeployment, version),
        make("listLogs", ApiEndpoints::listLogs, gateway),
        make("getLog", ApiEndpoints::getLog, log),
        make("getLogRequest", ApiEndpoints::getLogRequest, log),
        make("getLogResponse", ApiEndpoints::getLogResponse, log),
        make("patchLog", ApiEndpoints::patchLog, log),
        make("deleteLogs", ApiEndpoints::deleteLogs, gateway),
        make("listProviderConfigs", ApiEndpoints::listProviderConfigs, gateway),
        make("listDatasets", ApiEndpoints::listDatasets, gateway),
        make("getDataset", ApiEndpoints::getDataset, dataset),
        make("createDataset", ApiEndpoints::createDataset,
             {{"gateway_id", kGateway}, {"name", QStringLiteral("slow")}}),
        make("updateDataset", ApiEndpoints::updateDataset, dataset),
        make("deleteDataset", ApiEndpoints::deleteDataset, dataset),
        make("listEvaluationTypes", ApiEndpoints::listEvaluationTypes, {}),
        make("listEvaluations", ApiEndpoints::listEvaluations, gateway),
        make("getEvaluation", ApiEndpoints::getEvaluation, evaluation),
        make("createEvaluation", ApiEndpoints::createEvaluation,
             {{"gateway_id", kGateway}, {"name", QStringLiteral("weekly")}}),
        make("deleteEvaluation", ApiEndpoints::deleteEvaluation, evaluation),
    };
}

const Case &find(const std::vector<Case> &cases, const QString &name)
{
    for (const Case &c : cases) {
        if (name == QLatin1String(c.name)) {
            return c;
        }
    }
    qFatal("no case %s", qPrintable(name));
}

ApiEnvelope envelopeOf(const std::string &fixture)
{
    auto envelope = ApiEnvelope::fromJson(test::readFixture(fixture));
    if (!envelope) {
        throw std::runtime_error("fixture " + fixture + " is no envelope");
    }
    return *envelope.value;
}

} // namespace

class TestApiEndpoints : public QObject
{
    Q_OBJECT

private slots:
    // Method and path as Cloudflare's reference lists them (seed pages 000 and 001: "GET/accounts/{account_id}/…").
    void addressesAsTheReferenceWritesThem_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reference");
        const auto row = [](const char *name, const char *reference) {
            QTest::newRow(name) << QString::fromLatin1(name) << QString::fromLatin1(reference);
        };
        row("listGateways", "GET/accounts/{account_id}/ai-gateway/gateways");
        row("getGateway", "GET/accounts/{account_id}/ai-gateway/gateways/{id}");
        row("createGateway", "POST/accounts/{account_id}/ai-gateway/gateways");
        row("updateGateway", "PUT/accounts/{account_id}/ai-gateway/gateways/{id}");
        row("deleteGateway", "DELETE/accounts/{account_id}/ai-gateway/gateways/{id}");
        row("listRoutes", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes");
        row("getRoute", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}");
        row("createRoute", "POST/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes");
        row("renameRoute", "PATCH/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}");
        row("deleteRoute", "DELETE/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}");
        row("listVersions", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}/versions");
        row("createVersion", "POST/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}/versions");
        row("getVersion",
            "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}/versions/{version_id}");
        row("getVersionGraph",
            "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}/versions/{version_id}");
        row("listDeployments", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}/deployments");
        row("createDeployment", "POST/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/routes/{id}/deployments");
        row("listLogs", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs");
        row("getLog", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}");
        row("getLogRequest", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}/request");
        row("getLogResponse", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}/response");
        row("patchLog", "PATCH/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs/{id}");
        row("deleteLogs", "DELETE/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/logs");
        row("listProviderConfigs", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/provider_configs");
        row("listDatasets", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/datasets");
        row("getDataset", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/datasets/{id}");
        row("createDataset", "POST/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/datasets");
        row("updateDataset", "PUT/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/datasets/{id}");
        row("deleteDataset", "DELETE/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/datasets/{id}");
        row("listEvaluationTypes", "GET/accounts/{account_id}/ai-gateway/evaluation-types");
        row("listEvaluations", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/evaluations");
        row("getEvaluation", "GET/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/evaluations/{id}");
        row("createEvaluation", "POST/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/evaluations");
        row("deleteEvaluation", "DELETE/accounts/{account_id}/ai-gateway/gateways/{gateway_id}/evaluations/{id}");
    }

    void addressesAsTheReferenceWritesThem()
    {
        QFETCH(QString, name);
        QFETCH(QString, reference);
        const auto cases = catalogue();
        const Case &c = find(cases, name);
        QCOMPARE(QString::fromLatin1(c.method) + QStringLiteral("/accounts/{account_id}") + QString::fromLatin1(c.path),
                 reference);
        QCOMPARE(c.request.method, QByteArray(c.method));
    }

    // Every row above is a description of the catalogue, and no description is left without one.
    void everyDescriptionIsChecked()
    {
        QCOMPARE(int(catalogue().size()), 33);
        std::set<std::string> names;
        for (const Case &c : catalogue()) {
            QVERIFY2(names.insert(c.name).second, c.name);
        }
    }

    // The values a call gives land in the path, percent-encoded, each a single segment; none is left out.
    void pathsAreFilledAndEncoded()
    {
        const auto cases = catalogue();
        QCOMPARE(find(cases, QStringLiteral("getVersion")).request.path,
                 QStringLiteral("/ai-gateway/gateways/demo%20gw%2F1/routes/r%C3%A9%2F7/versions/v%3F1"));
        QCOMPARE(find(cases, QStringLiteral("getLogResponse")).request.path,
                 QStringLiteral("/ai-gateway/gateways/demo%20gw%2F1/logs/log%233/response"));
        QCOMPARE(find(cases, QStringLiteral("listGateways")).request.path, QStringLiteral("/ai-gateway/gateways"));
        for (const Case &c : cases) {
            QVERIFY2(!c.request.path.contains(QLatin1Char('{')), c.name);
            QVERIFY2(!c.request.action.contains(QLatin1Char('{')), c.name);
            QVERIFY2(!c.request.subject.contains(QLatin1Char('{')), c.name);
            QVERIFY2(!c.request.action.isEmpty(), c.name);
        }
    }

    // What errors say about a call (ApiTransport puts these into its messages), word for word as people read them.
    void messagesNameWhatTheCallIsAbout_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("subject");
        const QString g = QStringLiteral("\u201cdemo gw/1\u201d");
        const QString r = QStringLiteral("\u201cr\u00e9/7\u201d");
        const QString v = QStringLiteral("\u201cv?1\u201d");
        const QString l = QStringLiteral("\u201clog#3\u201d");
        const auto row = [](const char *name, const QString &action, const QString &subject) {
            QTest::newRow(name) << QString::fromLatin1(name) << action << subject;
        };
        row("listGateways", QStringLiteral("list gateways"), QString());
        row("getGateway", "get gateway " + g, "Gateway " + g);
        row("createGateway", "create gateway " + g, QString());
        row("updateGateway", "update gateway " + g, "Gateway " + g);
        row("deleteGateway", "delete gateway " + g, "Gateway " + g);
        row("listRoutes", "list the routes of gateway " + g, "Gateway " + g);
        row("getRoute", "get route " + r, "Route " + r + " in gateway " + g);
        row("createRoute", QStringLiteral("create route \u201cchat\u201d"), "Gateway " + g);
        row("renameRoute", "rename route " + r + QStringLiteral(" to \u201cchat 2\u201d"),
            "Route " + r + " in gateway " + g);
        row("deleteRoute", "delete route " + r, "Route " + r + " in gateway " + g);
        row("listVersions", "list the versions of route " + r, "Route " + r + " in gateway " + g);
        row("createVersion", "save a new version of route " + r, "Route " + r + " in gateway " + g);
        row("getVersion", "get version " + v + " of route " + r, "Version " + v + " of route " + r);
        row("getVersionGraph", "get version " + v + " of route " + r, "Version " + v + " of route " + r);
        row("listDeployments", "list the deployments of route " + r, "Route " + r + " in gateway " + g);
        row("createDeployment", "deploy version " + v + " of route " + r, "Version " + v + " of route " + r);
        row("listLogs", "list the logs of gateway " + g, "Gateway " + g);
        row("getLog", "get log " + l, "Log " + l);
        row("getLogRequest", "get the request body of log " + l, "The request body of log " + l);
        row("getLogResponse", "get the response body of log " + l, "The response body of log " + l);
        row("patchLog", "update log " + l, "Log " + l);
        row("deleteLogs", "delete logs of gateway " + g, "Gateway " + g);
        row("listProviderConfigs", "list the provider keys of gateway " + g, "Gateway " + g);
        const QString d = QStringLiteral("\u201cds 9\u201d");
        const QString e = QStringLiteral("\u201cev/2\u201d");
        row("listDatasets", "list the datasets of gateway " + g, "Gateway " + g);
        row("getDataset", "get dataset " + d, "Dataset " + d + " in gateway " + g);
        row("createDataset", QStringLiteral("create dataset \u201cslow\u201d"), "Gateway " + g);
        row("updateDataset", "update dataset " + d, "Dataset " + d + " in gateway " + g);
        row("deleteDataset", "delete dataset " + d, "Dataset " + d + " in gateway " + g);
        row("listEvaluationTypes", QStringLiteral("list evaluation types"), QString());
        row("listEvaluations", "list the evaluations of gateway " + g, "Gateway " + g);
        row("getEvaluation", "get evaluation " + e, "Evaluation " + e + " in gateway " + g);
        row("createEvaluation", QStringLiteral("create evaluation \u201cweekly\u201d"), "Gateway " + g);
        row("deleteEvaluation", "delete evaluation " + e, "Evaluation " + e + " in gateway " + g);
    }

    void messagesNameWhatTheCallIsAbout()
    {
        QFETCH(QString, name);
        QFETCH(QString, action);
        QFETCH(QString, subject);
        const auto cases = catalogue();
        const Case &c = find(cases, name);
        QCOMPARE(c.request.action, action);
        QCOMPARE(c.request.subject, subject);
    }

    // The reference's example answers (and ours, written from its models) decode with each endpoint's decoder.
    void decodesTheReferenceAnswers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("fixture");
        const auto row = [](const char *name, const char *fixture) {
            QTest::newRow(name) << QString::fromLatin1(name) << QString::fromLatin1(fixture);
        };
        row("listRoutes", "seeds/list-routes.response.json");
        row("getRoute", "seeds/get-route.response.json");
        row("createRoute", "seeds/create-route.response.json");
        row("renameRoute", "seeds/update-route.response.json");
        row("deleteRoute", "seeds/delete-route.response.json");
        row("listVersions", "seeds/list-versions.response.json");
        row("createVersion", "seeds/create-version.response.json");
        row("getVersion", "seeds/get-version.response.json");
        row("listDeployments", "seeds/list-deployments.response.json");
        row("createDeployment", "seeds/create-deployment.response.json");
        row("getGateway", "api/gateway.json");
        row("listLogs", "api/logs-page.json");
        row("getLog", "api/log-detail.json");
        row("listProviderConfigs", "api/provider-configs.json");
        row("listDatasets", "api/datasets.json");
        row("getDataset", "api/dataset.json");
        row("createDataset", "api/dataset.json");
        row("updateDataset", "api/dataset.json");
        row("deleteDataset", "api/dataset.json");
        row("listEvaluationTypes", "api/evaluation-types.json");
        row("listEvaluations", "api/evaluations.json");
        row("getEvaluation", "api/evaluation.json");
        row("createEvaluation", "api/evaluation.json");
        row("deleteEvaluation", "api/evaluation.json");
    }

    void decodesTheReferenceAnswers()
    {
        QFETCH(QString, name);
        QFETCH(QString, fixture);
        const auto cases = catalogue();
        QVERIFY(find(cases, name).decodes(envelopeOf(fixture.toStdString())));
    }

    // A list answer for another endpoint is not taken for this one's: decoders tell the shapes apart.
    void listDecodersRefuseAnotherListsShape()
    {
        const auto cases = catalogue();
        const ApiEnvelope versions = envelopeOf("seeds/list-versions.response.json");
        QVERIFY(!find(cases, QStringLiteral("listRoutes")).decodes(versions));
        QVERIFY(!find(cases, QStringLiteral("listDeployments")).decodes(versions));
        QVERIFY(find(cases, QStringLiteral("listVersions")).decodes(versions));
    }

    // Datasets and evaluations are read down to their nested filters, datasets and results: a bad one fails the
    // answer and says where, rather than showing a dataset that seems to hold more logs than it does.
    void nestedItemsAreDecodedAndChecked()
    {
        ApiEnvelope dataset = envelopeOf("api/dataset.json");
        const Decoded<Dataset> good = ApiPayload::dataset(dataset);
        QVERIFY(good);
        QCOMPARE(good.value->name(), std::string("gpt models"));
        QVERIFY(!good.value->enable());
        const std::vector<LogFilter> filters = good.value->filters();
        QCOMPARE(filters.size(), std::size_t(1));
        QVERIFY(filters[0] == (LogFilter{"model", "contains", {Json("gpt")}}));
        dataset.payload["filters"][0]["value"] = "gpt";
        const Decoded<Dataset> bad = ApiPayload::dataset(dataset);
        QVERIFY(!bad);
        QCOMPARE(bad.error->path, std::string("$.result.filters[0]"));

        ApiEnvelope evaluation = envelopeOf("api/evaluation.json");
        const Decoded<Evaluation> decoded = ApiPayload::evaluation(evaluation);
        QVERIFY(decoded);
        QVERIFY(decoded.value->processed());
        QCOMPARE(decoded.value->datasets().size(), std::size_t(1));
        QCOMPARE(decoded.value->datasets()[0].filters()[0].key, std::string("provider"));
        QCOMPARE(decoded.value->results().size(), std::size_t(1));
        QCOMPARE(decoded.value->results()[0].result(), std::string("0.0125"));
        QCOMPARE(decoded.value->results()[0].status()->toInteger(), qint64(1));
        evaluation.payload["results"][0].erase("id");
        QCOMPARE(ApiPayload::evaluation(evaluation).error->path, std::string("$.result.results[0].id"));
        evaluation = envelopeOf("api/evaluation.json");
        evaluation.payload["datasets"][0]["filters"] = "provider=openai";
        QCOMPARE(ApiPayload::evaluation(evaluation).error->path, std::string("$.result.datasets[0].filters"));
    }

    // The body of create and update, as Cloudflare's reference and the official SDK write it.
    void datasetBodyIsNameEnableFilters()
    {
        const Json body = Dataset::encodeBody(
            "dear", true, {LogFilter{"cost", "gt", {Json(0.01)}}, LogFilter{"success", "eq", {Json(true)}}});
        QVERIFY(body == (Json{{"name", "dear"},
                              {"enable", true},
                              {"filters",
                               {Json{{"key", "cost"}, {"operator", "gt"}, {"value", {0.01}}},
                                Json{{"key", "success"}, {"operator", "eq"}, {"value", {true}}}}}}));
        QVERIFY(Dataset::encodeBody("all", false, {}) ==
                (Json{{"name", "all"}, {"enable", false}, {"filters", Json::array()}}));
    }

    // ApiArgs fills each `{name}` once: a value that reads like a parameter stays as it is, an unknown name too.
    void argsFillOnceAndLeaveUnknownNames()
    {
        const ApiArgs args{{"id", QStringLiteral("{gateway_id}")}, {"gateway_id", QStringLiteral("g")}};
        QCOMPARE(args.message(QStringLiteral("route {id} of {gateway_id}, {other}")),
                 QStringLiteral("route \u201c{gateway_id}\u201d of \u201cg\u201d, {other}"));
        QCOMPARE(args.path("/x/{id}"), QStringLiteral("/x/%7Bgateway_id%7D"));
        QCOMPARE(ApiArgs().message(QStringLiteral("no names")), QStringLiteral("no names"));
    }

    // Query and body pass through to the request untouched.
    void queryAndBodyPassThrough()
    {
        ApiArgs args{{"gateway_id", kGateway}};
        args.setQuery(std::vector<std::pair<std::string, std::string>>{{"filters.key", "model"}, {"page", "2"}});
        args.setBody(Json{{"feedback", 1}});
        const ApiRequest request = ApiEndpoints::patchLog.request(args);
        QCOMPARE(request.query.size(), 2);
        QCOMPARE(request.query.at(0).first, QStringLiteral("filters.key"));
        QCOMPARE(request.query.at(1).second, QStringLiteral("2"));
        QVERIFY(request.body && *request.body == (Json{{"feedback", 1}}));
        QVERIFY(!ApiEndpoints::getLog.request({{"gateway_id", kGateway}, {"id", kLog}}).body);
    }
};

QTEST_GUILESS_MAIN(TestApiEndpoints)
#include "tst_apiendpoints.moc"
