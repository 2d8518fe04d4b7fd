// End to end: 100,000 logs in a local sandbox (the demo gateway's log_management cap is exactly 100,000), read
// back over loopback HTTP by the analytics page's reader (LogAnalyticsReader: LogPager, 50 a page, counted into
// LogAnalytics as pages arrive) and written out by LogExporter as CSV. Prints the median of --runs runs.
//
//   bench_analytics_e2e [--logs 100000] [--backfill 10000] [--runs 3]
//
// The logs are made by SandboxBackfill (the data plane's own code, over 30 days of the demo's traffic) through a
// second SQLite connection to the sandbox's database, as route-sandbox --backfill writes them: --backfill of them,
// then copied (new ids, times moved 7 to 63 minutes earlier) up to --logs. Copies, because the backfill slows
// down with the table: SandboxLogRows::insertWithin counts the gateway's logs for every insert (the cap check), so
// 100,000 backfilled requests did not finish in 8 minutes here while 5,000 take 3 s.
#include "app/LogAnalyticsReader.h"
#include "app/LogExporter.h"
#include "app/LogPager.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxServer.h"
#include "app/sandbox/SandboxStore.h"
#include "app/sandbox/SandboxTransaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace rd;

namespace {

const QByteArray kToken = "sandbox-token-bench-analytics";
const QString kAccount = QStringLiteral("4e5f60718293a4b5c6d7e8f90a1b2c3d");

qint64 countRows(SandboxStore &store)
{
    QSqlQuery q(store.connection());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM logs WHERE account_id = '%1' AND gateway_id = '%2'")
               .arg(kAccount, SandboxDemoData::gatewayId()));
    return q.next() ? q.value(0).toLongLong() : -1;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int logs = 100000, backfilled = 10000, runs = 3;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--logs")) {
            logs = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--backfill")) {
            backfilled = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--runs")) {
            runs = args[i + 1].toInt();
        }
    }
    QTemporaryDir dir;
    SandboxServer server({dir.filePath(QStringLiteral("sandbox.sqlite")), kToken, true});
    QString error;
    if (!server.start(0, &error)) {
        std::fprintf(stderr, "sandbox: %s\n", qPrintable(error));
        return 1;
    }
    ApiClient client;
    ApiClient::Options options;
    options.baseUrl = server.baseUrl();
    client.setOptions(options);
    client.setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    const QString gateway = SandboxDemoData::gatewayId();

    auto countLogs = [&] {
        qint64 total = -1;
        QEventLoop loop;
        LogPager::count(&client, gateway, {}, &app, [&](const ApiResult<std::int64_t> &r) {
            total = r ? *r.value : -1;
            loop.quit();
        });
        loop.exec();
        return total;
    };
    const qint64 demo = countLogs(); // also seeds the account with the demo
    QElapsedTimer clock;
    clock.start();
    {
        SandboxStore store(server.databasePath());
        if (!store.open(&error)) {
            std::fprintf(stderr, "store: %s\n", qPrintable(error));
            return 1;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        SandboxBackfill::Options backfill = SandboxDemoData::backfillOptions(now);
        backfill.days = 30;
        backfill.requests = int(std::min<qint64>(backfilled, logs) - demo);
        backfill.incidents.clear();
        backfill.seed = 7;
        SandboxTransaction transaction(store);
        const auto result = SandboxBackfill::runGateway(store, QByteArray(), kAccount, gateway, backfill);
        if (!result) {
            std::fprintf(stderr, "backfill failed\n");
            return 1;
        }
        const QString columns = QStringLiteral(
            "created_at, provider, model, model_type, path, success, cached, status_code, duration, tokens_in, "
            "tokens_out, cost, custom_cost, metadata, request_type, request_content_type, response_content_type, "
            "user_agent, event_id, step, feedback, score, request_head, response_head, request_body, response_body");
        const QStringList copied = columns.split(QStringLiteral(", ")).mid(1);
        for (int copy = 1; countRows(store) < logs; ++copy) {
            const qint64 missing = logs - countRows(store);
            QSqlQuery q(store.connection());
            const bool ok =
                q.exec(QStringLiteral(
                           "INSERT INTO logs (account_id, gateway_id, id, %1) SELECT account_id, gateway_id, "
                           "id || '~copy%2', strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '-%3 minutes'), %4 FROM logs "
                           "WHERE account_id = '%5' AND gateway_id = '%6' AND id NOT LIKE '%~copy%' LIMIT %7")
                           .arg(columns)
                           .arg(copy)
                           .arg(7 * copy)
                           .arg(copied.join(QStringLiteral(", ")), kAccount, gateway)
                           .arg(missing));
            if (!ok) {
                std::fprintf(stderr, "copying logs failed: %s\n", qPrintable(q.lastError().text()));
                return 1;
            }
        }
        if (!transaction.commit()) {
            std::fprintf(stderr, "commit failed\n");
            return 1;
        }
    }
    const double backfillSeconds = clock.elapsed() / 1000.0;
    const qint64 total = countLogs();
    std::printf("sandbox holds %lld logs (demo %lld + %d backfilled over 30 days + copies, made in %.1f s)\n",
                static_cast<long long>(total), static_cast<long long>(demo), backfilled, backfillSeconds);

    std::vector<double> readSeconds, exportSeconds;
    qint64 rows = 0, calls = 0, written = 0, bytes = 0;
    for (int run = 0; run < runs; ++run) {
        LogAnalyticsReader reader(&client, gateway);
        QEventLoop loop;
        QObject::connect(&reader, &LogAnalyticsReader::finished, &loop, [&](const auto &e, bool) {
            if (e) {
                std::fprintf(stderr, "read failed: %s\n", qPrintable(e->toString()));
            }
            loop.quit();
        });
        const qint64 to = QDateTime::currentMSecsSinceEpoch();
        clock.restart();
        reader.start(to - 31LL * 24 * 3600 * 1000, to);
        loop.exec();
        readSeconds.push_back(clock.elapsed() / 1000.0);
        rows = reader.analytics()->rowsAdded();
        calls = ApiCallBudget::callsForRows(reader.rowsRead());

        LogExporter exporter(&client, gateway, {}, QString());
        QObject::connect(&exporter, &LogExporter::finished, &loop, [&](bool ok, bool) {
            if (!ok) {
                std::fprintf(stderr, "export failed: %s\n", qPrintable(exporter.errorText()));
            }
            loop.quit();
        });
        const QString path = dir.filePath(QStringLiteral("logs.csv"));
        clock.restart();
        exporter.start(path, LogExporter::Format::Csv);
        loop.exec();
        exportSeconds.push_back(clock.elapsed() / 1000.0);
        written = exporter.rowsWritten();
        bytes = QFileInfo(path).size();
        std::printf("run %d: analytics read %lld rows in %.2f s; CSV export %lld rows in %.2f s\n", run + 1,
                    static_cast<long long>(rows), readSeconds.back(), static_cast<long long>(written),
                    exportSeconds.back());
    }
    std::printf("median of %d: analytics read of %lld logs (%lld calls) %.2f s; CSV export of %lld logs (%.1f MB) "
                "%.2f s\n",
                runs, static_cast<long long>(rows), static_cast<long long>(calls), median(readSeconds),
                static_cast<long long>(written), bytes / 1e6, median(exportSeconds));
    return 0;
}
