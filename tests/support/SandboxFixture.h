#pragma once

#include "app/api/ApiTransport.h"
#include "app/sandbox/SandboxServer.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace rd::test {

// A sandbox server on a free loopback port, its database in `dir`, answering to `token`; null (and `error`
// says why) when it could not start. For tests of the client against real HTTP.
inline std::unique_ptr<SandboxServer> startSandbox(const QTemporaryDir &dir, const QByteArray &token, QString &error)
{
    SandboxServer::Options options;
    options.databasePath = dir.filePath(QStringLiteral("sandbox.sqlite"));
    options.token = token;
    auto server = std::make_unique<SandboxServer>(options);
    if (!server->start(0, &error)) {
        return nullptr;
    }
    return server;
}

// Client options for `baseUrl` with retries that wait milliseconds, not seconds.
inline ApiTransport::Options fastOptions(const QUrl &baseUrl, int timeoutMs = 3000)
{
    ApiTransport::Options options;
    options.baseUrl = baseUrl;
    options.timeoutMs = timeoutMs;
    options.backoffInitialMs = 20;
    options.backoffMaxMs = 100;
    return options;
}

} // namespace rd::test
