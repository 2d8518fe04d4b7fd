// The client's dataset, evaluation-type and evaluation calls, and log filters by the SDK's newer keys, against a
// real sandbox over loopback HTTP: every endpoint, its errors as people read them, and evaluation results checked
// against values computed here from logs whose values the test knows (support/KnownLogs.h).
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "support/KnownLogs.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::KnownLog;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-datasets-5b7e";
const QString kAccount = QStringLiteral("a41cf1d6e8b3400f9c2d7e5b6a1f0c39");
const QString kGateway = QStringLiteral("evals");

double number(const std::string &text)
{
    return std::stod(text);
}

} // namespace

class TestApiDatasets : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;

    ApiResult<Dataset> createDataset(const QString &name, const std::vector<LogFilter> &filters)
    {
        return await<Dataset>([&](auto cb) { m_client->createDataset(kGateway, name, true, filters, this, cb); });
    }

    // The id of the evaluation type of `type` ("cost", "speed", "performance"), or "".
    QString typeId(const std::string &type)
    {
        const auto types =
            await<ListPage<EvaluationType>>([&](auto cb) { m_client->listEvaluationTypes({}, this, cb); });
        for (const EvaluationType &t : types.value ? types.value->items : std::vector<EvaluationType>{}) {
            if (t.type() == type) {
                return QString::fromStdString(t.id());
            }
        }
        return {};
    }

    std::vector<std::string> logIds(const std::vector<LogFilter> &filters)
    {
        LogQuery query;
        query.perPage = 50;
        query.filters = filters;
        const auto logs = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, query, this, cb); });
        std::vector<std::string> ids;
        if (!logs) {
            ids.push_back("error: " + why(logs.error).toStdString());
            return ids;
        }
        for (const LogEntry &log : logs.value->items) {
            ids.push_back(log.id());
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("sandbox.sqlite"));
        QString error;
        QVERIFY2(rd::test::seedKnownLogs(path, kAccount, kGateway, error), qPrintable(error));
        SandboxServer::Options options;
        options.databasePath = path;
        options.token = kToken;
        m_server = std::make_unique<SandboxServer>(options);
        m_server->setEvaluationDelay(std::chrono::milliseconds(0));
        QVERIFY2(m_server->start(0, &error), qPrintable(error));
    }

    void init()
    {
        m_client = std::make_unique<ApiClient>();
        ApiClient::Options o;
        o.baseUrl = m_server->baseUrl();
        o.timeoutMs = 3000;
        o.backoffInitialMs = 20;
        o.backoffMaxMs = 100;
        m_client->setOptions(o);
        m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    }

    void cleanup() { m_client.reset(); }

    void evaluationTypes()
    {
        const auto types =
            await<ListPage<EvaluationType>>([&](auto cb) { m_client->listEvaluationTypes({}, this, cb); });
        QVERIFY2(types, qPrintable(why(types.error)));
        QCOMPARE(types.value->items.size(), std::size_t(3));
        QStringList names;
        for (const EvaluationType &type : types.value->items) {
            names << QString::fromStdString(type.name());
            QVERIFY(!type.id().empty());
            QVERIFY(type.enable());
            QVERIFY(!type.mandatory());
            QVERIFY(!type.description().empty());
        }
        QCOMPARE(names, (QStringList{QStringLiteral("Cost"), QStringLiteral("Speed"), QStringLiteral("Performance")}));
        const auto page = await<ListPage<EvaluationType>>([&](auto cb) {
            m_client->listEvaluationTypes(PageQuery{2, 2, {}, {}, {}}, this, cb);
        });
        QVERIFY2(page, qPrintable(why(page.error)));
        QCOMPARE(page.value->items.size(), std::size_t(1));
        QCOMPARE(page.value->info.totalCount, std::optional<std::int64_t>(3));
        QCOMPARE(page.value->items[0].type(), std::string("performance"));
    }

    void datasetsCreateGetListUpdateDelete()
    {
        const std::vector<LogFilter> filters{LogFilter{"provider", "eq", {Json("openai")}},
                                             LogFilter{"cost", "gt", {Json(0.005)}}};
        const auto created = createDataset(QStringLiteral("openai, dear"), filters);
        QVERIFY2(created, qPrintable(why(created.error)));
        const QString id = QString::fromStdString(created.value->id());
        QVERIFY(!id.isEmpty());
        QCOMPARE(created.value->name(), std::string("openai, dear"));
        QVERIFY(created.value->enable());
        QCOMPARE(created.value->gatewayId(), kGateway.toStdString());
        QVERIFY(created.value->filters() == filters);
        QVERIFY(!created.value->createdAt().empty());

        const auto got = await<Dataset>([&](auto cb) { m_client->getDataset(kGateway, id, this, cb); });
        QVERIFY2(got, qPrintable(why(got.error)));
        QVERIFY(got.value->json() == created.value->json());

        const auto listed = await<ListPage<Dataset>>([&](auto cb) {
            m_client->listDatasets(kGateway, PageQuery{1, 50, {}, {}, {}}, this, cb);
        });
        QVERIFY2(listed, qPrintable(why(listed.error)));
        QVERIFY(std::any_of(listed.value->items.begin(), listed.value->items.end(),
                            [&](const Dataset &d) { return d.id() == id.toStdString(); }));

        const std::vector<LogFilter> changed{LogFilter{"model", "contains", {Json("claude")}}};
        const auto updated = await<Dataset>([&](auto cb) {
            m_client->updateDataset(kGateway, id, QStringLiteral("claude"), false, changed, this, cb);
        });
        QVERIFY2(updated, qPrintable(why(updated.error)));
        QCOMPARE(updated.value->name(), std::string("claude"));
        QVERIFY(!updated.value->enable());
        QVERIFY(updated.value->filters() == changed);
        QCOMPARE(updated.value->createdAt(), created.value->createdAt());

        const auto deleted = await<Dataset>([&](auto cb) { m_client->deleteDataset(kGateway, id, this, cb); });
        QVERIFY2(deleted, qPrintable(why(deleted.error)));
        QCOMPARE(deleted.value->name(), std::string("claude"));
        const auto gone = await<Dataset>([&](auto cb) { m_client->getDataset(kGateway, id, this, cb); });
        QVERIFY(!gone);
        QVERIFY(gone.error->isNotFound());
        QCOMPARE(gone.error->summary,
                 QStringLiteral("Dataset \u201c%1\u201d in gateway \u201cevals\u201d was not found.").arg(id));
    }

    void datasetErrors()
    {
        const auto refused =
            createDataset(QStringLiteral("log-only key"), {LogFilter{"model_type", "eq", {Json("chat")}}});
        QVERIFY(!refused);
        QCOMPARE(refused.error->httpStatus, 400);
        QVERIFY(refused.error->hasCode(7001));
        QVERIFY2(refused.error->summary.startsWith(
                     QStringLiteral("Cloudflare refused to create dataset \u201clog-only key\u201d")),
                 qPrintable(refused.error->summary));
        QVERIFY2(refused.error->summary.contains(QStringLiteral("model_type")), qPrintable(refused.error->summary));

        const auto badOperator = createDataset(QStringLiteral("neq"), {LogFilter{"model", "neq", {Json("x")}}});
        QVERIFY(!badOperator);
        QCOMPARE(badOperator.error->httpStatus, 400);
        const auto empty = createDataset(QString(), {});
        QVERIFY(!empty);
        QCOMPARE(empty.error->httpStatus, 400);

        const auto noGateway = await<ListPage<Dataset>>(
            [&](auto cb) { m_client->listDatasets(QStringLiteral("no-such-gateway"), {}, this, cb); });
        QVERIFY(!noGateway);
        QVERIFY(noGateway.error->isNotFound());
        QCOMPARE(noGateway.error->summary, QStringLiteral("Gateway \u201cno-such-gateway\u201d was not found."));
        const auto update = await<Dataset>([&](auto cb) {
            m_client->updateDataset(kGateway, QStringLiteral("nope"), QStringLiteral("n"), true, {}, this, cb);
        });
        QVERIFY(!update);
        QCOMPARE(update.error->summary,
                 QStringLiteral("Dataset \u201cnope\u201d in gateway \u201cevals\u201d was not found."));
        const auto remove =
            await<Dataset>([&](auto cb) { m_client->deleteDataset(kGateway, QStringLiteral("nope"), this, cb); });
        QVERIFY(!remove);
        QVERIFY(remove.error->isNotFound());
    }

    void evaluationsComputedFromTheLogs()
    {
        // Claude models, or whatever got a thumbs-down: known-04, 05, 07 and known-02.
        const auto claude = createDataset(QStringLiteral("claude"), {LogFilter{"model", "contains", {Json("claude")}}});
        const auto disliked = createDataset(QStringLiteral("disliked"), {LogFilter{"feedback", "lt", {Json(0)}}});
        QVERIFY2(claude && disliked, qPrintable(why(claude.error) + why(disliked.error)));
        const auto expected = rd::test::knownTotals([](const KnownLog &log) {
            return std::string(log.model).find("claude") != std::string::npos || log.feedback == -1;
        });
        QCOMPARE(expected.logs, std::int64_t(4));
        const QString cost = typeId("cost");
        const QString speed = typeId("speed");
        const QString performance = typeId("performance");
        QVERIFY(!cost.isEmpty() && !speed.isEmpty() && !performance.isEmpty());

        const QStringList datasetIds{QString::fromStdString(claude.value->id()),
                                     QString::fromStdString(disliked.value->id())};
        const auto created = await<Evaluation>([&](auto cb) {
            m_client->createEvaluation(kGateway, QStringLiteral("claude or disliked"), datasetIds,
                                       {cost, speed, performance}, this, cb);
        });
        QVERIFY2(created, qPrintable(why(created.error)));
        QVERIFY(!created.value->processed());
        QVERIFY(created.value->results().empty());
        QCOMPARE(created.value->datasets().size(), std::size_t(2));
        QCOMPARE(created.value->datasets()[0].name(), std::string("claude"));
        const QString id = QString::fromStdString(created.value->id());

        const auto done = await<Evaluation>([&](auto cb) { m_client->getEvaluation(kGateway, id, this, cb); });
        QVERIFY2(done, qPrintable(why(done.error)));
        QVERIFY(done.value->processed());
        QCOMPARE(done.value->totalLogs()->toInteger(), qint64(expected.logs));
        const std::vector<EvaluationResult> results = done.value->results();
        QCOMPARE(results.size(), std::size_t(3));
        QCOMPARE(results[0].evaluationTypeId(), cost.toStdString());
        QVERIFY(std::abs(number(results[0].result()) - expected.averageCost) < 1e-9);
        QCOMPARE(results[1].evaluationTypeId(), speed.toStdString());
        QVERIFY(std::abs(number(results[1].result()) - expected.averageDuration) < 1e-9);
        QCOMPARE(results[2].evaluationTypeId(), performance.toStdString());
        // known-05 liked; known-02 and known-07 disliked; known-04 not rated.
        QCOMPARE(expected.rated, std::int64_t(3));
        QVERIFY(std::abs(number(results[2].result()) - 1.0 / 3.0) < 1e-9);
        for (const EvaluationResult &result : results) {
            QCOMPARE(result.evaluationId(), id.toStdString());
            QCOMPARE(result.status()->toInteger(), qint64(1));
            QCOMPARE(result.totalLogs()->toInteger(), qint64(expected.logs));
            QVERIFY(!result.statusDescription().empty());
        }

        const auto listed = await<ListPage<Evaluation>>([&](auto cb) {
            m_client->listEvaluations(kGateway, PageQuery{1, 50, {}, {}, {}}, this, cb);
        });
        QVERIFY2(listed, qPrintable(why(listed.error)));
        QVERIFY(std::any_of(listed.value->items.begin(), listed.value->items.end(),
                            [&](const Evaluation &e) { return e.json() == done.value->json(); }));

        const auto deleted = await<Evaluation>([&](auto cb) { m_client->deleteEvaluation(kGateway, id, this, cb); });
        QVERIFY2(deleted, qPrintable(why(deleted.error)));
        QVERIFY(deleted.value->json() == done.value->json());
        const auto gone = await<Evaluation>([&](auto cb) { m_client->getEvaluation(kGateway, id, this, cb); });
        QVERIFY(!gone);
        QVERIFY(gone.error->isNotFound());
        QCOMPARE(gone.error->summary,
                 QStringLiteral("Evaluation \u201c%1\u201d in gateway \u201cevals\u201d was not found.").arg(id));
    }

    void evaluationErrors()
    {
        const auto dataset = createDataset(QStringLiteral("any"), {});
        QVERIFY2(dataset, qPrintable(why(dataset.error)));
        const QStringList datasets{QString::fromStdString(dataset.value->id())};
        const auto badType = await<Evaluation>([&](auto cb) {
            m_client->createEvaluation(kGateway, QStringLiteral("bad type"), datasets, {QStringLiteral("no-such-type")},
                                       this, cb);
        });
        QVERIFY(!badType);
        QCOMPARE(badType.error->httpStatus, 400);
        QVERIFY(badType.error->hasCode(7001));
        QVERIFY2(badType.error->summary.startsWith(
                     QStringLiteral("Cloudflare refused to create evaluation \u201cbad type\u201d")),
                 qPrintable(badType.error->summary));
        const auto noDatasets = await<Evaluation>([&](auto cb) {
            m_client->createEvaluation(kGateway, QStringLiteral("none"), {}, {typeId("cost")}, this, cb);
        });
        QVERIFY(!noDatasets);
        QCOMPARE(noDatasets.error->httpStatus, 400);
        const auto unknownDataset = await<Evaluation>([&](auto cb) {
            m_client->createEvaluation(kGateway, QStringLiteral("ghost"), {QStringLiteral("ghost-dataset")},
                                       {typeId("cost")}, this, cb);
        });
        QVERIFY(!unknownDataset);
        QVERIFY2(unknownDataset.error->summary.contains(QStringLiteral("ghost-dataset")),
                 qPrintable(unknownDataset.error->summary));
        const auto noGateway = await<ListPage<Evaluation>>(
            [&](auto cb) { m_client->listEvaluations(QStringLiteral("no-such-gateway"), {}, this, cb); });
        QVERIFY(!noGateway);
        QCOMPARE(noGateway.error->summary, QStringLiteral("Gateway \u201cno-such-gateway\u201d was not found."));
        const auto remove =
            await<Evaluation>([&](auto cb) { m_client->deleteEvaluation(kGateway, QStringLiteral("nope"), this, cb); });
        QVERIFY(!remove);
        QVERIFY(remove.error->isNotFound());
    }

    // The official SDK's newer log filter keys, through LogQuery as the app sends them.
    void sdkLogFilterKeys()
    {
        using Ids = std::vector<std::string>;
        QVERIFY(logIds({LogFilter{"id", "eq", {Json("known-02")}}}) == (Ids{"known-02"}));
        QVERIFY(logIds({LogFilter{"id", "eq", {Json("known-02"), Json("known-06")}}}) == (Ids{"known-02", "known-06"}));
        QVERIFY(logIds({LogFilter{"compatibilityMode", "eq", {Json(false)}}}) == (Ids{"known-03", "known-06"}));
        QCOMPARE(logIds({LogFilter{"compatibilityMode", "eq", {Json(true)}}}).size(), std::size_t(5));
        QCOMPARE(logIds({LogFilter{"wholesale", "eq", {Json(false)}}}).size(), rd::test::knownLogs().size());
        QVERIFY(logIds({LogFilter{"authentication", "eq", {Json(true)}}}).empty());
        QVERIFY(logIds({LogFilter{"dlp_action", "eq", {Json("BLOCK")}}}).empty());
        QVERIFY(logIds({LogFilter{"dlp_action", "neq", {Json("BLOCK")}}}).size() == rd::test::knownLogs().size());
    }

    // How a person removes the one log they pasted a secret into.
    void deleteOneLogById()
    {
        const auto deleted = await<Json>([&](auto cb) {
            m_client->deleteLogs(kGateway, {LogFilter{"id", "eq", {Json("known-07")}}}, this, cb);
        });
        QVERIFY2(deleted, qPrintable(why(deleted.error)));
        const std::vector<std::string> left = logIds({});
        QCOMPARE(left.size(), rd::test::knownLogs().size() - 1);
        QVERIFY(std::find(left.begin(), left.end(), "known-07") == left.end());
        const auto gone =
            await<LogEntry>([&](auto cb) { m_client->getLog(kGateway, QStringLiteral("known-07"), this, cb); });
        QVERIFY(!gone);
        QVERIFY(gone.error->isNotFound());
    }
};

QTEST_GUILESS_MAIN(TestApiDatasets)
#include "tst_apidatasets.moc"
