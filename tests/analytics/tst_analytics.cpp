// The analytics page against an in-process sandbox over loopback: for each range, the points of the requests
// chart are the counts per bucket (and per model) computed here from the logs read directly, the latency points
// are the exact percentiles of those logs, and the deployment markers sit at the demo route's deployment times.
// RD_SCREENSHOT_DIR=<dir> saves the page at 1440×900.
#include "app/LogAnalyticsReader.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxServer.h"
#include "model/LogAnalytics.h"
#include "model/UtcTime.h"
#include "support/ApiAwait.h"
#include "ui/RouteTabs.h"
#include "ui/analytics/AnalyticsPage.h"
#include "ui/analytics/AnalyticsRoutePicker.h"
#include "widgets/TimeSeriesChart.h"

#include <QComboBox>
#include <QDir>
#include <QLineSeries>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-analytics-93fe";
const QString kAccount = QStringLiteral("3d4e5f60718293a4b5c6d7e8f90a1b2c");
constexpr int kWaitMs = 30000;
constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;

} // namespace

class TestAnalytics : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::vector<LogEntry> m_logs;
    std::vector<RouteDeployment> m_deployments; // support-chat's
    QString m_gateway = SandboxDemoData::gatewayId();

    void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QTest::qWait(200);
            QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
        }
    }

    static bool waitIdle(AnalyticsPage &page)
    {
        QElapsedTimer clock;
        clock.start();
        // The first page's answer starts the read; wait until the reader has run and stopped.
        while (clock.elapsed() < kWaitMs) {
            QTest::qWait(20);
            if (!page.isReading() && page.reader() && page.reader()->analytics() && page.reader()->totalCount() >= 0 &&
                page.routePicker()->deploymentsLoaded()) {
                QTest::qWait(50);
                if (!page.isReading()) {
                    return true;
                }
            }
        }
        return false;
    }

    static QLineSeries *seriesNamed(TimeSeriesChart *chart, const QString &name)
    {
        for (QLineSeries *s : chart->dataSeries()) {
            if (s->name() == name) {
                return s;
            }
        }
        return nullptr;
    }

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
        for (int page = 1;; ++page) {
            LogQuery query;
            query.page = page;
            query.perPage = 50;
            auto result = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(m_gateway, query, this, cb); });
            QVERIFY2(result, qPrintable(why(result.error)));
            m_logs.insert(m_logs.end(), result.value->items.begin(), result.value->items.end());
            if (!result.value->info.hasMore(result.value->items.size())) {
                break;
            }
        }
        QCOMPARE(int(m_logs.size()), SandboxDemoData::kLogCount);

        auto routes = await<ListPage<Route>>([&](auto cb) { m_client->listRoutes(m_gateway, {}, this, cb); });
        QVERIFY2(routes, qPrintable(why(routes.error)));
        QString routeId;
        for (const Route &route : routes.value->items) {
            if (route.name() == "support-chat") {
                routeId = QString::fromStdString(route.id());
            }
        }
        QVERIFY(!routeId.isEmpty());
        auto deployments = await<ListPage<RouteDeployment>>(
            [&](auto cb) { m_client->listDeployments(m_gateway, routeId, {}, this, cb); });
        QVERIFY2(deployments, qPrintable(why(deployments.error)));
        m_deployments = deployments.value->items;
        QCOMPARE(int(m_deployments.size()), 2);
    }

    void chartsHoldTheCountsTheLogsImply_data()
    {
        QTest::addColumn<int>("range");
        QTest::addColumn<qint64>("bucketMs");
        QTest::newRow("last 24 hours") << int(AnalyticsPage::Range::Last24Hours) << kHourMs;
        QTest::newRow("last 7 days") << int(AnalyticsPage::Range::Last7Days) << 6 * kHourMs;
        QTest::newRow("last 30 days") << int(AnalyticsPage::Range::Last30Days) << kDayMs;
        QTest::newRow("since the current deployment")
            << int(AnalyticsPage::Range::SinceDeployment) << 6 * kHourMs; // 3 days ago, a little over
    }

    void chartsHoldTheCountsTheLogsImply()
    {
        QFETCH(int, range);
        QFETCH(qint64, bucketMs);
        AnalyticsPage page;
        page.resize(1440, 900);
        page.show();
        page.routePicker()->selectRouteByName(QStringLiteral("support-chat"));
        page.setGateway(m_client.get(), m_gateway);
        QVERIFY(waitIdle(page));
        QCOMPARE(page.routePicker()->routeName(), QStringLiteral("support-chat"));
        page.setRange(AnalyticsPage::Range(range));
        QVERIFY(waitIdle(page));
        QVERIFY2(page.statusText().contains(QStringLiteral(" logs, ")), qPrintable(page.statusText()));

        const qint64 from = page.rangeFromMs(), to = page.rangeToMs();
        if (AnalyticsPage::Range(range) == AnalyticsPage::Range::SinceDeployment) {
            qint64 newest = 0;
            for (const RouteDeployment &d : m_deployments) {
                newest = std::max<qint64>(newest, *UtcTime::parseMs(d.createdAt()));
            }
            QCOMPARE(from, newest);
        }
        const LogAnalytics *analytics = page.reader()->analytics();
        QCOMPARE(analytics->bucketMs(), bucketMs);

        // Counted here from the logs: per bucket, and per model per bucket.
        const qint64 first = from / bucketMs * bucketMs;
        const std::size_t buckets = std::size_t((to - first) / bucketMs + 1);
        std::vector<qint64> perBucket(buckets, 0);
        std::map<std::string, std::vector<qint64>> perModel;
        std::vector<std::vector<double>> durations(buckets);
        for (const LogEntry &log : m_logs) {
            const qint64 t = *UtcTime::parseMs(log.createdAt());
            if (t < from || t > to) {
                continue;
            }
            const auto b = std::size_t((t - first) / bucketMs);
            ++perBucket[b];
            auto &counts = perModel[LogAnalytics::modelKey(log)];
            counts.resize(buckets, 0);
            ++counts[b];
            if (log.durationMs()) {
                durations[b].push_back(log.durationMs()->toDouble());
            }
        }
        qint64 inRange = 0;
        for (const qint64 n : perBucket) {
            inRange += n;
        }
        QVERIFY(inRange > 0);
        QCOMPARE(analytics->rowsAdded(), inRange);

        // "All requests" when there are several models; otherwise the one model's series is the total.
        QLineSeries *all = perModel.size() > 1 ? seriesNamed(page.requestsChart(), QStringLiteral("All requests"))
                                               : page.requestsChart()->dataSeries().value(0);
        QVERIFY(all);
        QCOMPARE(std::size_t(all->count()), buckets);
        for (std::size_t b = 0; b < buckets; ++b) {
            QCOMPARE(qint64(all->at(int(b)).x()), first + qint64(b) * bucketMs);
            QCOMPARE(qint64(all->at(int(b)).y()), perBucket[b]);
        }
        QVERIFY(perModel.size() <= std::size_t(AnalyticsSeries::kMaxModelSeries)); // no "Other" to unfold
        for (const auto &[model, counts] : perModel) {
            QLineSeries *series = seriesNamed(page.requestsChart(), QString::fromStdString(model));
            QVERIFY2(series, model.c_str());
            for (std::size_t b = 0; b < buckets; ++b) {
                QCOMPARE(qint64(series->at(int(b)).y()), counts[b]);
            }
        }

        // Latency (the lower chart's default): the exact nearest-rank percentiles of the bucket's durations.
        QLineSeries *p50 = seriesNamed(page.metricChart(), QStringLiteral("p50"));
        QLineSeries *p95 = seriesNamed(page.metricChart(), QStringLiteral("p95"));
        QVERIFY(p50 && p95);
        int point = 0;
        for (std::size_t b = 0; b < buckets; ++b) {
            if (durations[b].empty()) {
                continue;
            }
            std::sort(durations[b].begin(), durations[b].end());
            const auto rank = [&](double p) {
                return durations[b][std::size_t(std::ceil(p * double(durations[b].size()))) - 1];
            };
            QCOMPARE(qint64(p50->at(point).x()), first + qint64(b) * bucketMs);
            QCOMPARE(p50->at(point).y(), rank(0.5));
            QCOMPARE(p95->at(point).y(), rank(0.95));
            ++point;
        }
        QCOMPARE(p50->count(), point);

        // The markers: one per deployment of support-chat, at its time, on both charts.
        std::vector<qint64> expected;
        for (const RouteDeployment &d : m_deployments) {
            expected.push_back(*UtcTime::parseMs(d.createdAt()));
        }
        std::sort(expected.begin(), expected.end());
        for (TimeSeriesChart *chart : {page.requestsChart(), page.metricChart()}) {
            QCOMPARE(chart->markerSeries().size(), qsizetype(expected.size()));
            for (std::size_t i = 0; i < expected.size(); ++i) {
                QLineSeries *line = chart->markerSeries()[qsizetype(i)];
                QCOMPARE(line->count(), 2);
                QCOMPARE(qint64(line->at(0).x()), expected[i]);
                QCOMPARE(qint64(line->at(1).x()), expected[i]);
                QVERIFY(chart->markers()[i].toolTip.startsWith(QStringLiteral("Deployed version ")));
                QVERIFY(
                    chart->markers()[i].toolTip.contains(QString::fromStdString(m_deployments.front().versionId())) ||
                    chart->markers()[i].toolTip.contains(QString::fromStdString(m_deployments.back().versionId())));
            }
        }
        if (AnalyticsPage::Range(range) == AnalyticsPage::Range::Last30Days) {
            page.setMetric(AnalyticsSeries::Metric::Errors);
            saveScreenshot(&page, QStringLiteral("analytics-30-days-errors.png"));
        } else if (AnalyticsPage::Range(range) == AnalyticsPage::Range::Last7Days) {
            saveScreenshot(&page, QStringLiteral("analytics-7-days.png"));
        }
    }

    void cancelKeepsWhatWasRead()
    {
        FaultSpec slow;
        slow.kind = FaultSpec::Kind::Slow;
        slow.delayMs = 200;
        slow.count = 100;
        slow.pathContains = QStringLiteral("/logs");
        AnalyticsPage page;
        page.setGateway(m_client.get(), m_gateway);
        QVERIFY(waitIdle(page));
        m_server->injectFault(slow);
        page.setRange(AnalyticsPage::Range::Last30Days);
        QTRY_VERIFY_WITH_TIMEOUT(page.reader()->rowsRead() >= 50, kWaitMs);
        QVERIFY(page.isReading());
        QVERIFY(page.statusText().startsWith(QStringLiteral("Reading ")));
        page.cancel();
        QVERIFY(!page.isReading());
        QVERIFY2(page.statusText().startsWith(QStringLiteral("Stopped after")), qPrintable(page.statusText()));
        QCOMPARE(page.reader()->analytics()->rowsAdded(), page.reader()->rowsRead());
        m_server->clearFaults();
    }

    void opensAsATab()
    {
        RouteTabs tabs;
        AnalyticsPage *page = tabs.showAnalytics(m_client.get(), m_gateway);
        QVERIFY(page);
        QCOMPARE(tabs.tabText(tabs.indexOf(page)), QStringLiteral("Analytics · demo-gateway"));
        QCOMPARE(tabs.showAnalytics(m_client.get(), m_gateway), page); // one per gateway
        QCOMPARE(tabs.count(), 1);
        QVERIFY(waitIdle(*page));
    }
};

QTEST_MAIN(TestAnalytics)
#include "tst_analytics.moc"
