#pragma once

#include "model/engine/ProviderBehaviour.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace rd {

class SandboxStore;

// Past traffic for a gateway, written as the logs it would have left: requests from SandboxTrafficMix at times
// spread over the past days, each run through SandboxChatCompletion (the live data plane's code) at its own
// moment, so `dynamic/<route>` takes the version that was deployed then, the gateway's rate limit and cache
// count in the request's time, and `collect_logs` and `log_management` apply. A change of deployment therefore
// shows in the logs where it happened. `route-sandbox --backfill` and the demo data are made by it.
class SandboxBackfill
{
public:
    // Providers behaving differently for a while (an outage): `behaviour` replaces the usual one in [from, to).
    struct Incident
    {
        QDateTime from;
        QDateTime to;
        ProviderBehaviour behaviour;
    };

    struct Options
    {
        QDateTime now;
        int days = 7;
        // Requests per gateway: `requests` when set, else `requestsPerDay` times `days`.
        int requestsPerDay = 60;
        std::optional<int> requests;
        std::uint64_t seed = 1; // the same seed and `now` give the same logs
        ProviderBehaviour behaviour;
        std::vector<Incident> incidents;
        // How much of a gateway's traffic goes to each route, relative to the others (default: the same).
        std::function<double(const QString &route)> routeWeight;
    };

    struct Result
    {
        std::int64_t requests = 0; // sent to the data plane
        std::int64_t logs = 0;     // stored
    };

    // Every gateway of the account. Call inside a transaction; nullopt when the database failed.
    static std::optional<Result> run(SandboxStore &store, const QByteArray &token, const QString &account,
                                     const Options &options);
    // One gateway. A gateway with `collect_logs` off or without routes gets nothing written, as it would live.
    static std::optional<Result> runGateway(SandboxStore &store, const QByteArray &token, const QString &account,
                                            const QString &gateway, const Options &options);
};

} // namespace rd
