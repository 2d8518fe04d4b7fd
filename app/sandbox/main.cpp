// route-sandbox: the sandbox as a standalone process, for scripts, the SDK compatibility test and people
// poking at it with curl.
#include "app/sandbox/SandboxCommandLine.h"
#include "app/sandbox/SandboxServer.h"
#include "app/sandbox/UnixSignalWatcher.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

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
    return QCoreApplication::exec();
}
