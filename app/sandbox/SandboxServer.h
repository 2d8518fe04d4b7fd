#pragma once

#include "app/sandbox/FaultSpec.h"
#include "app/sandbox/SandboxBackfill.h"
#include "app/sandbox/SandboxHttpLimits.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxTrafficGenerator.h"
#include "model/Json.h"
#include "model/engine/ProviderBehaviour.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace rd {

class FaultInjector;
class SandboxHttpServer;
class SandboxRouter;
class SandboxStore;

// A local stand-in for Cloudflare's AI Gateway API on 127.0.0.1: the app's offline default, the engine of
// the route-sandbox binary, and the server the client tests talk to. State lives in SQLite and survives
// restarts; every account id is a namespace of its own, seeded with demo data on first use.
class SandboxServer : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString databasePath; // "" = default file under QStandardPaths::AppDataLocation
        QByteArray token;     // required: requests must carry it
        bool seedDemo = true;
    };

    explicit SandboxServer(Options options, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Before start(): what one client may cost (the defaults suit people and the SDK; tests shrink them).
    void setHttpLimits(const SandboxHttpLimits &limits) { m_limits = limits; }
    bool start(quint16 port = 0, QString *error = nullptr); // binds 127.0.0.1 ONLY; port 0 = any free port
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>/client/v4
    QString databasePath() const;

    // Another token, that may only read: any GET on the REST API works, any write answers 403 with Cloudflare's
    // envelope (code 10000), as for a token with AI Gateway Read but not Write. The data plane ignores it. Before or
    // after start(); `route-sandbox --read-only-token T`.
    void addReadOnlyToken(const QByteArray &token);

    // For tests, after start(): writes `key` = `value` straight into the stored gateway, unchecked, as if a newer
    // Cloudflare had added a field this sandbox does not know. A null `value` removes the key. False when the
    // gateway does not exist or the database failed.
    bool setStoredGatewayField(const QString &account, const QString &gateway, const std::string &key,
                               const Json &value);

    // How providers behave on the data plane (failure rates, latencies); kept across start().
    void setProviders(const ProviderBehaviour &providers);
    // How long a new evaluation stays unprocessed before a read runs it (default 2 s; tests use 0); kept across
    // start().
    void setEvaluationDelay(std::chrono::milliseconds delay);
    void injectFault(const FaultSpec &fault);
    void clearFaults();
    int requestCount() const; // requests received under /client/v4 (all, including faulted ones)
    int requestCount(const QString &method, const QString &pathContains) const;
    int connectionCount() const; // open client connections

    // After start(): a request handled in-process by the router, as if it had come over HTTP (the HTTP layer's
    // faults aside). Generated traffic goes this way.
    SandboxResponse dispatch(const SandboxRequest &request);
    // After start(): `--backfill DAYS`, past logs for every gateway of `account` (registered, and seeded with the
    // demo when new, first), routed by the versions deployed at their times with the providers' current
    // behaviour. One transaction: on failure nothing is written.
    std::optional<SandboxBackfill::Result> backfill(const QString &account, int days, QString *error = nullptr);
    // After start(): what `--traffic` sends to: the demo gateway of `account` and its routes, with the demo's
    // shares. nullopt with `error` when the account has no demo gateway or no route on it.
    std::optional<SandboxTrafficGenerator::Target> trafficTarget(const QString &account, QString *error = nullptr);

    // Where the database goes when Options.databasePath is empty.
    static QString defaultDatabasePath();

private:
    // The router is running and `account` is a usable account, opened (and seeded when new); otherwise `message` says
    // why.
    bool openForTools(const QString &account, QString &message);
    Options m_options;
    QList<QByteArray> m_readOnlyTokens;
    SandboxHttpLimits m_limits;
    quint16 m_port = 0;
    std::unique_ptr<SandboxStore> m_store;
    std::unique_ptr<FaultInjector> m_faults;
    std::unique_ptr<SandboxRouter> m_router;
    ProviderBehaviour m_providers;
    std::chrono::milliseconds m_evaluationDelay{2000};
    SandboxHttpServer *m_http = nullptr; // child QObject
};

} // namespace rd
