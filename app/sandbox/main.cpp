// route-sandbox: the sandbox as a standalone process, for scripts, the SDK compatibility test and people
// poking at it with curl.
#include "app/sandbox/SandboxCommandLine.h"
#include "app/sandbox/SandboxServer.h"
#include "app/sandbox/SandboxTrafficGenerator.h"
#include "app/sandbox/UnixSignalWatcher.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Route Designer"));
    QCoreApplication::setApplicationName(QStringLiteral("route-sandbox"));

    QString error;
    const auto options =
        rd::SandboxCommandLine::parse(QCoreApplication::arguments(), qgetenv("ROUTE_SANDBOX_TOKEN"), &error);
    if (!options) {
        std::fprintf(stderr, "route-sandbox: %s\nTry route-sandbox --help.\n", qPrintable(error));
        return 2;
    }
    if (options->helpRequested) {
        std::fputs(qPrintable(rd::SandboxCommandLine::helpText()), stdout);
        return 0;
    }

    rd::UnixSignalWatcher signalWatcher({SIGINT, SIGTERM});
    QObject::connect(&signalWatcher, &rd::UnixSignalWatcher::received, &app, [](int) { QCoreApplication::quit(); });

    rd::SandboxServer server({options->databasePath, options->token, options->seedDemo});
    server.setHttpLimits(options->limits);
    for (const QByteArray &token : options->readOnlyTokens) {
        server.addReadOnlyToken(token);
    }
    server.setProviders(options->providers);
    for (const rd::FaultSpec &fault : options->faults) {
        server.injectFault(fault);
    }
    if (!server.start(options->port, &error)) {
        std::fprintf(stderr, "route-sandbox: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("route-sandbox listening on %s\n", qPrintable(server.baseUrl().toString()));
    std::fflush(stdout);

    if (options->backfillDays > 0) {
        const auto written = server.backfill(options->account, options->backfillDays, &error);
        if (!written) {
            std::fprintf(stderr, "route-sandbox: --backfill: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("route-sandbox: backfilled %lld logs (%lld requests) over the past %d days for account %s\n",
                    static_cast<long long>(written->logs), static_cast<long long>(written->requests),
                    options->backfillDays, qPrintable(options->account));
        std::fflush(stdout);
    }
    std::unique_ptr<rd::SandboxTrafficGenerator> traffic;
    if (options->trafficRate > 0) {
        auto target = server.trafficTarget(options->account, &error);
        if (!target) {
            std::fprintf(stderr, "route-sandbox: --traffic: %s\n", qPrintable(error));
            return 1;
        }
        traffic = std::make_unique<rd::SandboxTrafficGenerator>(
            [&server](const rd::SandboxRequest &request) { return server.dispatch(request); }, std::move(*target),
            options->trafficRate, options->trafficSeconds);
        // A bounded run says when it is done; the sandbox goes on serving.
        QObject::connect(traffic.get(), &rd::SandboxTrafficGenerator::finished, &app, [&traffic] {
            std::printf("route-sandbox: traffic done, %lld requests sent\n", static_cast<long long>(traffic->sent()));
            std::fflush(stdout);
        });
        std::printf("%s\n", qPrintable(traffic->description()));
        std::fflush(stdout);
        traffic->start();
    }
    const int status = QCoreApplication::exec();
    // The generator dispatches into the server: it goes first.
    traffic.reset();
    return status;
}
