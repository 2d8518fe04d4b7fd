#pragma once

#include "app/sandbox/SandboxGatewayLimiter.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxResponseCache.h"
#include "model/Json.h"
#include "model/engine/ProviderBehaviour.h"
#include "model/engine/SplitMix64.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <tuple>

namespace rd {

class SandboxStore;

// One request to a gateway's `compat/chat/completions`, as a function of the request and the moment it arrives:
// the gateway, its authentication, the metadata and the body are checked; the gateway's rate limit and cache
// apply; `dynamic/<route>` runs the deployed version through the route engine (`provider/model` a one-model
// route); the answer is a deterministic completion and the request is logged as the gateway's settings allow.
// The live data plane calls it with the wall clock and the backfill with past moments, so that a backfilled
// log is made by exactly the code that makes a live one. It keeps what outlives a request: rate windows per
// deployed version, the gateway limiter and cache, and the request count that picks each request's draws.
class SandboxChatCompletion
{
public:
    // When a request arrives. `clockMs` never goes back; it times rate windows, the gateway limit and the cache.
    // `wallTime` stamps the log and the answer. With `historical`, `dynamic/<route>` runs the version that was
    // deployed at `wallTime` (the backfill), otherwise the one deployed now.
    struct Moment
    {
        qint64 clockMs = 0;
        QDateTime wallTime;
        bool historical = false;
    };

    // Request n draws from SplitMix64::forRequest(seed, n). With `deterministicIds` the event and completion ids
    // come from `seed` too, so that a backfill (the demo) comes out the same on every run; live requests get
    // random ones, as ids from different runs must not meet.
    SandboxChatCompletion(SandboxStore &store, QByteArray token, std::uint64_t seed, bool deterministicIds);
    ~SandboxChatCompletion();
    SandboxChatCompletion(const SandboxChatCompletion &) = delete;
    SandboxChatCompletion &operator=(const SandboxChatCompletion &) = delete;

    SandboxResponse serve(const SandboxRequest &request, const QString &account, const QString &gateway,
                          const Moment &at);

    const ProviderBehaviour &behaviour() const { return m_behaviour; }
    // New failure rates and latencies apply to the next request; rate windows start again.
    void setBehaviour(ProviderBehaviour behaviour);

    // Logs stored so far (a gateway with collect_logs off, or one full under STOP_INSERTING, stores none).
    std::int64_t logsWritten() const { return m_logsWritten; }

    // Cloudflare's limit on the `cf-aig-metadata` header's entries.
    static constexpr int kMaxMetadataEntries = 5;

private:
    struct RunningRoute;
    // What a log says beyond the request and the response.
    struct LogFacts
    {
        QString provider = QStringLiteral("unknown");
        QString model;
        bool success = false;
        bool cached = false;
        qint64 durationMs = 0;
        qint64 tokensIn = 0;
        qint64 tokensOut = 0;
        double cost = 0;
        QString metadata; // JSON text, empty for none
    };

    // Writes the log unless the gateway has collect_logs off; false when the database failed.
    bool writeLog(const SandboxRequest &request, const QString &account, const QString &gateway, const Json &settings,
                  const SandboxResponse &response, const LogFacts &facts, const QDateTime &at);
    QString newUuid();
    // account, gateway, route id, version id: rate windows are per deployed version, as a redeploy starts afresh.
    using RouteKey = std::tuple<QString, QString, QString, QString>;

    SandboxStore &m_store;
    QByteArray m_token;
    std::uint64_t m_seed;
    bool m_deterministicIds;
    ProviderBehaviour m_behaviour;
    std::map<RouteKey, std::unique_ptr<RunningRoute>> m_running;
    std::uint64_t m_requests = 0; // each request draws from its own stream: SplitMix64::forRequest(seed, n)
    std::int64_t m_logsWritten = 0;
    SandboxGatewayLimiter m_limiter;
    SandboxResponseCache m_cache;
    SplitMix64 m_logIds;   // the random part of log ids
    SplitMix64 m_otherIds; // event and completion ids, when deterministic
};

} // namespace rd
