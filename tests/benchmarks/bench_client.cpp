// Throughput of the API client against a route-sandbox process on loopback, and the memory that 10,000 log
// records take once decoded. A harness rather than Google Benchmark: the work happens on an event loop.
//
//   bench_client [--requests N] [--runs N]     (route-sandbox is found next to the build's other binaries)

#include "app/api/ApiClient.h"
#include "model/JsonText.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace rd;

namespace {

const QString kToken = QStringLiteral("bench-token-0b6c1d");
const QString kAccount = QStringLiteral("bench-account");
const QString kGateway = QStringLiteral("demo-gateway");

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Sends `total` requests keeping `inFlight` on the wire; returns requests per second, or -1 on any failure.
template <class Start>
double throughput(int total, Start start)
{
    int started = 0;
    int done = 0;
    bool failed = false;
    QEventLoop loop;
    std::function<void()> next;
    next = [&] {
        if (started >= total) {
            return;
        }
        ++started;
        start([&](bool ok) {
            failed = failed || !ok;
            if (++done == total) {
                loop.quit();
            } else {
                next();
            }
        });
    };
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 8; ++i) {
        next();
    }
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    const double seconds = clock.nsecsElapsed() / 1e9;
    return failed || done != total ? -1 : total / seconds;
}

std::size_t heapInUse()
{
    return mallinfo2().uordblks;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int requests = 2000;
    int runs = 5;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--requests")) {
            requests = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--runs")) {
            runs = args[i + 1].toInt();
        }
    }

    QTemporaryDir dir;
    QProcess sandbox;
    sandbox.setProgram(QStringLiteral(RD_SANDBOX_BINARY));
    sandbox.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"), kToken,
                          QStringLiteral("--db"), dir.filePath(QStringLiteral("bench.sqlite"))});
    sandbox.start();
    if (!sandbox.waitForReadyRead(20000)) {
        std::fprintf(stderr, "route-sandbox did not start: %s\n", qPrintable(sandbox.errorString()));
        return 1;
    }
    const QString line = QString::fromUtf8(sandbox.readLine()).trimmed();
    const QString url = line.section(QLatin1Char(' '), -1);
    std::printf("sandbox: %s\n", qPrintable(line));

    ApiClient client;
    ApiClient::Options options;
    options.baseUrl = QUrl(url);
    options.maxInFlight = 8;
    client.setOptions(options);
    client.setCredentials(ApiCredentials::apiToken(kAccount, kToken));

    // Warm up: seeds the account, opens connections.
    QString routeId;
    {
        QEventLoop loop;
        client.listRoutes(kGateway, {}, nullptr, [&](const ApiResult<ListPage<Route>> &r) {
            if (r && !r.value->items.empty()) {
                routeId = QString::fromStdString(r.value->items.front().id());
            }
            loop.quit();
        });
        loop.exec();
    }
    if (routeId.isEmpty()) {
        std::fprintf(stderr, "could not list the demo routes\n");
        return 1;
    }

    std::vector<double> routeRates;
    std::vector<double> logRates;
    LogQuery logPage;
    logPage.perPage = 50;
    for (int run = 0; run < runs; ++run) {
        routeRates.push_back(throughput(requests, [&](auto done) {
            client.getRoute(kGateway, routeId, nullptr, [done](const ApiResult<Route> &r) { done(r.ok()); });
        }));
        logRates.push_back(throughput(requests / 4, [&](auto done) {
            client.listLogs(kGateway, logPage, nullptr, [done](const ApiResult<ListPage<LogEntry>> &r) { done(r.ok()); });
        }));
        std::printf("run %d: get route %.0f req/s, list 50 logs %.0f req/s\n", run + 1, routeRates.back(),
                    logRates.back());
    }
    std::printf("median over %d runs, 8 in flight: get route %.0f req/s (%d requests a run), "
                "list logs (50 per page) %.0f req/s (%d requests a run)\n",
                runs, median(routeRates), requests, median(logRates), requests / 4);

    // Memory: one real page of logs, replicated to 10,000 records with distinct ids, decoded as the client does.
    Json page;
    {
        QEventLoop loop;
        client.listLogs(kGateway, logPage, nullptr, [&](const ApiResult<ListPage<LogEntry>> &r) {
            if (r) {
                page = Json::array();
                for (const LogEntry &e : r.value->items) {
                    page.push_back(e.json());
                }
            }
            loop.quit();
        });
        loop.exec();
    }
    if (page.empty()) {
        std::fprintf(stderr, "could not fetch a page of logs\n");
        return 1;
    }
    Json many = Json::array();
    for (int i = 0; i < 10000; ++i) {
        Json record = page[static_cast<std::size_t>(i) % page.size()];
        record["id"] = "bench-" + std::to_string(i);
        many.push_back(std::move(record));
    }
    const std::size_t wireBytes = JsonText::compact(many).size();
    malloc_trim(0);
    const std::size_t before = heapInUse();
    auto decoded = ListPage<LogEntry>::decode(many, PageInfo{}, "$", [](const Json &j, const std::string &p) {
        return LogEntry::fromJson(j, p);
    });
    const std::size_t after = heapInUse();
    if (!decoded || decoded.value->items.size() != 10000) {
        std::fprintf(stderr, "decoding the records failed\n");
        return 1;
    }
    std::printf("10,000 log records held: %.1f MB of heap (%.0f bytes each; %.1f MB as JSON on the wire)\n",
                (after - before) / 1048576.0, static_cast<double>(after - before) / 10000.0, wireBytes / 1048576.0);

    sandbox.terminate();
    sandbox.waitForFinished(5000);
    return 0;
}
