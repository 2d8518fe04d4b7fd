#pragma once

#include "app/sandbox/SandboxGatewayLimiter.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxResponseCache.h"
#include "model/Json.h"
#include "model/engine/ProviderBehaviour.h"
#include "model/engine/SplitMix64.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <tuple>

namespace rd {

class SandboxStore;

// The gateway's data plane: `POST /v1/{account}/{gateway}/compat/chat/completions`, Cloudflare's OpenAI-compatible
// endpoint. A request for `dynamic/<route>` runs through the route's deployed version with the route engine (the
// same walk `routectl trace` shows); `provider/model` is served directly. Providers fail and take time as
// `behaviour` says (latency is recorded, not slept); the answer is a deterministic OpenAI-shaped completion with
// `cf-aig-model` and `cf-aig-provider`, and the request is logged as the gateway's settings allow.
class SandboxDataPlane
{
public:
    SandboxDataPlane(SandboxStore &store, QByteArray token);
    ~SandboxDataPlane();

    SandboxResponse chatCompletions(const SandboxRequest &request, const QString &account, const QString &gateway);

    // `/__sandbox/providers`: GET shows the providers' behaviour, PUT replaces it with
    // {"failures": {"openai": 0.05, "openai/gpt-4o": 1}, "latency": {"anthropic": {"p50": 800, "p95": 2500}}}.
    SandboxResponse control(const SandboxRequest &request);

    const ProviderBehaviour &behaviour() const { return m_behaviour; }
    // New failure rates and latencies apply to the next request; rate windows start again.
    void setBehaviour(ProviderBehaviour behaviour);

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
                  const SandboxResponse &response, const LogFacts &facts);
    // account, gateway, route id, version id: rate windows are per deployed version, as a redeploy starts afresh.
    using RouteKey = std::tuple<QString, QString, QString, QString>;

    SandboxStore &m_store;
    QByteArray m_token;
    ProviderBehaviour m_behaviour;
    std::map<RouteKey, std::unique_ptr<RunningRoute>> m_running;
    std::uint64_t m_requests = 0; // each request draws from its own stream: SplitMix64::forRequest(seed, n)
    QElapsedTimer m_clock;
    SandboxGatewayLimiter m_limiter;
    SandboxResponseCache m_cache;
    SplitMix64 m_logIds{0x51CE}; // the random part of log ids
};

} // namespace rd
