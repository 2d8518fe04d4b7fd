#include "app/ApiCallBudget.h"
#include "app/LogPager.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-pager-77ab";
const QString kAccount = QStringLiteral("1b2c3d4e5f60718293a4b5c6d7e8f901");
const QString kLogs = QStringLiteral("/logs");

// What one run of a pager came to, gathered from its signals.
struct Run
{
    std::vector<LogEntry> rows;
    qint64 total = -1, plannedRows = -1, plannedCalls = -1;
    int counted = 0, finished = 0, progress = 0;
    std::optional<ApiError> error;
    bool cancelled = false;

    void watch(LogPager &pager)
    {
        QObject::connect(&pager, &LogPager::counted, [this](qint64 t, qint64 r, qint64 c) {
            ++counted;
            total = t;
            plannedRows = r;
            plannedCalls = c;
        });
        QObject::connect(&pager, &LogPager::pageRead, [this](const std::vector<LogEntry> &page) {
            rows.insert(rows.end(), page.begin(), page.end());
        });
        QObject::connect(&pager, &LogPager::progress, [this](qint64, qint64) { ++progress; });
        QObject::connect(&pager, &LogPager::finished, [this](const std::optional<ApiError> &e, bool c) {
            ++finished;
            error = e;
            cancelled = c;
        });
    }
};

} // namespace

class TestLogPager : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::vector<LogEntry> m_all;
    QString m_gateway = SandboxDemoData::gatewayId();

    int logRequests() const { return m_server->requestCount(QStringLiteral("GET"), kLogs); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options{m_dir.filePath(QStringLiteral("sandbox.sqlite")), kToken, true});
        QString error;
        QVERIFY2(m_server->start(0, &error), qPrintable(error));
        m_client = std::make_unique<ApiClient>();
        ApiClient::Options options;
        options.baseUrl = m_server->baseUrl();
        options.maxRetries = 0;
        m_client->setOptions(options);
        m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        // Every log, read by hand, newest first: what the pager must give.
        for (int page = 1;; ++page) {
            LogQuery query;
            query.page = page;
            query.perPage = 50;
            query.orderBy = "created_at";
            query.orderByDirection = "desc";
            auto result = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(m_gateway, query, this, cb); });
            QVERIFY2(result, qPrintable(why(result.error)));
            m_all.insert(m_all.end(), result.value->items.begin(), result.value->items.end());
            if (!result.value->info.hasMore(result.value->items.size())) {
                break;
            }
        }
        QCOMPARE(int(m_all.size()), SandboxDemoData::kLogCount);
    }

    void cleanup() { m_server->clearFaults(); }

    void budgetArithmetic()
    {
        QCOMPARE(ApiCallBudget::callsForRows(0), std::int64_t{0});
        QCOMPARE(ApiCallBudget::callsForRows(1), std::int64_t{1});
        QCOMPARE(ApiCallBudget::callsForRows(50), std::int64_t{1});
        QCOMPARE(ApiCallBudget::callsForRows(51), std::int64_t{2});
        QCOMPARE(ApiCallBudget::callsForRows(100000), std::int64_t{2000});

        const ApiCallBudget cloudflare = ApiCallBudget::forBaseUrl(ApiClient::kCloudflareBaseUrl, 40);
        QCOMPARE(cloudflare.minIntervalMs, ApiCallBudget::kCloudflarePaceMs);
        QCOMPARE(cloudflare.plannedCalls(100000), std::int64_t{40});
        // Paced at half of Cloudflare's 1,200 calls per 5 minutes.
        QVERIFY(300.0 / (cloudflare.minIntervalMs / 1000.0) <= ApiCallBudget::kCloudflareCallsPerWindow / 2.0);
        QCOMPARE(cloudflare.etaSeconds(40, 0.1), 20.0);
        QCOMPARE(cloudflare.etaSeconds(40, 2.0), 80.0);

        const ApiCallBudget local = ApiCallBudget::forBaseUrl(m_server->baseUrl());
        QCOMPARE(local.minIntervalMs, 0);
        QCOMPARE(local.plannedCalls(100000), std::int64_t{2000});
        QCOMPARE(ApiCallBudget::durationText(0.2), QStringLiteral("under a second"));
        QCOMPARE(ApiCallBudget::durationText(40), QStringLiteral("about 40 s"));
        QCOMPARE(ApiCallBudget::durationText(600), QStringLiteral("about 10 min"));
    }

    void readsEveryRowInOrder()
    {
        LogPager pager(m_client.get(), m_gateway, {});
        Run run;
        run.watch(pager);
        const int before = logRequests();
        pager.start();
        QTRY_COMPARE_WITH_TIMEOUT(run.finished, 1, 15000);
        QVERIFY2(!run.error, qPrintable(why(run.error)));
        QVERIFY(!run.cancelled);
        QCOMPARE(run.counted, 1);
        QCOMPARE(run.total, qint64(SandboxDemoData::kLogCount));
        QCOMPARE(run.plannedCalls, qint64(ApiCallBudget::callsForRows(SandboxDemoData::kLogCount)));
        QCOMPARE(run.rows.size(), m_all.size());
        for (std::size_t i = 0; i < m_all.size(); ++i) {
            QCOMPARE(run.rows[i].id(), m_all[i].id());
        }
        QCOMPARE(logRequests() - before, int(run.plannedCalls));
        QCOMPARE(pager.callsMade(), int(run.plannedCalls));
        QCOMPARE(run.progress, int(run.plannedCalls));
        QVERIFY(!pager.isRunning());
        QCOMPARE(pager.remainingSeconds(), 0.0);
    }

    void stopsAtMaxRowsAndBudget()
    {
        LogPager::Options options;
        options.maxRows = 120;
        LogPager byRows(m_client.get(), m_gateway, options);
        Run run;
        run.watch(byRows);
        int before = logRequests();
        byRows.start();
        QTRY_COMPARE_WITH_TIMEOUT(run.finished, 1, 15000);
        QCOMPARE(run.rows.size(), std::size_t{120});
        QCOMPARE(run.plannedRows, qint64(120));
        QCOMPARE(logRequests() - before, 3);

        options.maxRows = 0;
        options.budget.maxCalls = 2;
        LogPager byCalls(m_client.get(), m_gateway, options);
        Run capped;
        capped.watch(byCalls);
        before = logRequests();
        byCalls.start();
        QTRY_COMPARE_WITH_TIMEOUT(capped.finished, 1, 15000);
        QCOMPARE(logRequests() - before, 2);
        QCOMPARE(capped.rows.size(), std::size_t{100});
        QCOMPARE(capped.plannedCalls, qint64(2));
    }

    void filtersAndCount()
    {
        // A provider with failures in the demo week.
        const auto failed = std::find_if(m_all.begin(), m_all.end(), [](const LogEntry &e) { return !e.success(); });
        QVERIFY(failed != m_all.end());
        const std::string provider = failed->provider();
        const std::vector<LogFilter> filters{{"provider", "eq", {Json(provider)}}, {"success", "eq", {Json(false)}}};
        const auto expected = std::count_if(
            m_all.begin(), m_all.end(), [&](const LogEntry &e) { return e.provider() == provider && !e.success(); });
        QVERIFY(expected > 0);
        auto counted =
            await<std::int64_t>([&](auto cb) { LogPager::count(m_client.get(), m_gateway, filters, this, cb); });
        QVERIFY2(counted, qPrintable(why(counted.error)));
        QCOMPARE(*counted.value, std::int64_t(expected));

        LogPager::Options options;
        options.filters = filters;
        LogPager pager(m_client.get(), m_gateway, options);
        Run run;
        run.watch(pager);
        pager.start();
        QTRY_COMPARE_WITH_TIMEOUT(run.finished, 1, 15000);
        QCOMPARE(qint64(run.rows.size()), qint64(expected));
        for (const LogEntry &entry : run.rows) {
            QCOMPARE(entry.provider(), provider);
            QVERIFY(!entry.success());
        }
    }

    void pacesCalls()
    {
        LogPager::Options options;
        options.maxRows = 150;
        options.budget.minIntervalMs = 150;
        LogPager pager(m_client.get(), m_gateway, options);
        Run run;
        run.watch(pager);
        QElapsedTimer clock;
        clock.start();
        pager.start();
        QTRY_COMPARE_WITH_TIMEOUT(run.finished, 1, 15000);
        // Three calls, two waits of at least 150 ms between their starts.
        QCOMPARE(pager.callsMade(), 3);
        QVERIFY2(clock.elapsed() >= 300, qPrintable(QString::number(clock.elapsed())));
    }

    void cancelStopsAndFinishesOnce()
    {
        FaultSpec slow;
        slow.kind = FaultSpec::Kind::Slow;
        slow.delayMs = 400;
        slow.count = 100;
        slow.pathContains = kLogs;
        m_server->injectFault(slow);
        LogPager pager(m_client.get(), m_gateway, {});
        Run run;
        run.watch(pager);
        QObject::connect(&pager, &LogPager::counted, &pager, [&pager] { pager.cancel(); });
        const int before = logRequests();
        pager.start();
        QTRY_COMPARE_WITH_TIMEOUT(run.finished, 1, 15000);
        QVERIFY(run.cancelled);
        QVERIFY(!run.error);
        QVERIFY(run.rows.empty()); // cancelled as soon as the plan was known
        QTest::qWait(600);
        QCOMPARE(run.finished, 1);
        QCOMPARE(logRequests() - before, 1);

        // Cancelled while a page is on the wire: finished once, and nothing after.
        LogPager second(m_client.get(), m_gateway, {});
        Run midway;
        midway.watch(second);
        second.start();
        QTest::qWait(100);
        second.cancel();
        QCOMPARE(midway.finished, 1);
        QVERIFY(midway.cancelled);
        QTest::qWait(600);
        QCOMPARE(midway.finished, 1);
        QVERIFY(midway.rows.empty());
    }

    void errorEndsTheRead()
    {
        FaultSpec fault;
        fault.kind = FaultSpec::Kind::ServerError;
        fault.pathContains = kLogs;
        LogPager pager(m_client.get(), m_gateway, {});
        Run run;
        run.watch(pager);
        // The second page fails: the first page's rows were given, then the error.
        QObject::connect(&pager, &LogPager::counted, &pager, [&] { m_server->injectFault(fault); });
        pager.start();
        QTRY_COMPARE_WITH_TIMEOUT(run.finished, 1, 15000);
        QVERIFY(run.error);
        QCOMPARE(run.error->httpStatus, 500);
        QVERIFY(!run.cancelled);
        QCOMPARE(run.rows.size(), std::size_t{50});
    }
};

QTEST_GUILESS_MAIN(TestLogPager)
#include "tst_logpager.moc"
