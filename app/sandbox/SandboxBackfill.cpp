#include "app/sandbox/SandboxBackfill.h"

#include "app/sandbox/SandboxChatCompletion.h"
#include "app/sandbox/SandboxStore.h"
#include "app/sandbox/SandboxTime.h"
#include "app/sandbox/SandboxTrafficMix.h"
#include "model/engine/SplitMix64.h"

#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace rd {

namespace {

// A stable number for a gateway id (FNV-1a), so that each gateway gets traffic of its own; qHash is seeded
// per process and would make the backfill differ between runs.
std::uint64_t stableHash(const QString &text)
{
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (const char c : text.toUtf8()) {
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    }
    return h;
}

// The last minute is left to live traffic: a backfill never writes a log stamped later than one just sent.
constexpr qint64 kQuietMs = 60'000;
// A user asking again does so within two minutes: inside any cache_ttl worth having.
constexpr qint64 kAgainMinMs = 3'000;
constexpr std::uint64_t kAgainSpreadMs = 117'000;

struct Target
{
    QString name;
    qint64 deployedSinceMs = 0; // no traffic before its first deployment: nothing could have answered it
    double weight = 1;
};

struct Event
{
    qint64 ms = 0;
    SandboxRequest request;
};

} // namespace

std::optional<SandboxBackfill::Result> SandboxBackfill::run(SandboxStore &store, const QByteArray &token,
                                                            const QString &account, const Options &options)
{
    const auto gateways = store.gateways().list(account, QString(), SandboxSlice{0, 1000, QStringLiteral("id"), false});
    if (!gateways) {
        return std::nullopt;
    }
    Result total;
    for (const Json &gateway : gateways->items) {
        const auto one =
            runGateway(store, token, account, QString::fromStdString(gateway.value("id", std::string())), options);
        if (!one) {
            return std::nullopt;
        }
        total.requests += one->requests;
        total.logs += one->logs;
    }
    return total;
}

std::optional<SandboxBackfill::Result> SandboxBackfill::runGateway(SandboxStore &store, const QByteArray &token,
                                                                   const QString &account, const QString &gateway,
                                                                   const Options &options)
{
    Result result;
    const auto settings = store.gateways().find(account, gateway);
    if (!settings) {
        return std::nullopt;
    }
    // With collect_logs off the live data plane writes nothing, so neither does its past.
    if (settings->is_null() || !settings->value("collect_logs", true)) {
        return result;
    }
    const auto routes =
        store.routes().list(account, gateway, SandboxSlice{0, 10000, QStringLiteral("created_at"), false});
    if (!routes) {
        return std::nullopt;
    }
    std::vector<Target> targets;
    for (const SandboxRouteRows::Row &route : routes->items) {
        const auto first = store.deployments().list(route.id, SandboxSlice{0, 1, QStringLiteral("created_at"), false});
        if (!first) {
            return std::nullopt;
        }
        const auto since = first->items.empty() ? std::nullopt : SandboxTime::parse(first->items.front().createdAt);
        const double weight = options.routeWeight ? options.routeWeight(route.name) : 1.0;
        if (since && weight > 0) {
            targets.push_back({route.name, since->toMSecsSinceEpoch(), weight});
        }
    }
    if (targets.empty()) {
        return result;
    }

    const qint64 endMs = options.now.toMSecsSinceEpoch() - kQuietMs;
    const qint64 earliest = std::min_element(targets.begin(), targets.end(), [](const Target &a, const Target &b) {
                                return a.deployedSinceMs < b.deployedSinceMs;
                            })->deployedSinceMs;
    const qint64 startMs = std::max(options.now.addDays(-options.days).toMSecsSinceEpoch(), earliest);
    const int count = options.requests.value_or(options.requestsPerDay * options.days);
    if (startMs >= endMs || count <= 0) {
        return result;
    }

    const std::uint64_t gatewaySeed = SplitMix64::mix(options.seed ^ stableHash(gateway));
    SandboxTrafficMix mix(gatewaySeed);
    const QByteArray authorization =
        settings->value("authentication", false) ? QByteArray("Bearer ") + token : QByteArray();
    std::vector<Event> events;
    events.reserve(static_cast<std::size_t>(count));
    while (events.size() < static_cast<std::size_t>(count)) {
        const qint64 ms = startMs + std::llround(mix.unit() * static_cast<double>(endMs - startMs));
        std::vector<std::pair<QString, double>> live;
        for (const Target &t : targets) {
            if (t.deployedSinceMs <= ms) {
                live.emplace_back(t.name, t.weight);
            }
        }
        const QString route = mix.pickRoute(live);
        if (route.isEmpty()) {
            continue;
        }
        SandboxRequest request = mix.next(account, gateway, route);
        if (!authorization.isEmpty()) {
            request.headers.insert("cf-aig-authorization", authorization);
        }
        const bool again = events.size() + 1 < static_cast<std::size_t>(count) && mix.asksAgain();
        events.push_back({ms, request});
        if (again) {
            events.push_back(
                {std::min(endMs, ms + kAgainMinMs + static_cast<qint64>(mix.below(kAgainSpreadMs))), request});
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.ms < b.ms; });

    // The requests' own times are the clock: rate windows and the cache count in them, as they would have.
    SandboxChatCompletion chat(store, token, gatewaySeed, true);
    const ProviderBehaviour *current = nullptr;
    for (const Event &event : events) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(event.ms, QTimeZone::utc());
        const ProviderBehaviour *wanted = &options.behaviour;
        for (const Incident &incident : options.incidents) {
            if (at >= incident.from && at < incident.to) {
                wanted = &incident.behaviour;
                break;
            }
        }
        if (wanted != current) {
            chat.setBehaviour(*wanted);
            current = wanted;
        }
        const SandboxResponse response = chat.serve(event.request, account, gateway, {event.ms, at, true});
        // Every other answer is one a client could get; a 500 is the database failing.
        if (response.status == 500) {
            return std::nullopt;
        }
        ++result.requests;
    }
    result.logs = chat.logsWritten();
    return result;
}

} // namespace rd
