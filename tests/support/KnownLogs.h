#pragma once

#include "app/sandbox/SandboxGatewayApi.h"
#include "app/sandbox/SandboxLogRecord.h"
#include "app/sandbox/SandboxStore.h"
#include "app/sandbox/SandboxTime.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace rd::test {

// Logs whose every value a test knows, for checking what the sandbox computes from logs (evaluations) against
// values computed here. Written straight into the sandbox's database before a server opens it.
struct KnownLog
{
    const char *id;
    const char *provider;
    const char *model;
    double cost;
    std::int64_t duration;
    std::optional<int> feedback;
    bool success;
    const char *path;
};

inline const std::vector<KnownLog> &knownLogs()
{
    static const std::vector<KnownLog> logs{
        {"known-01", "openai", "gpt-4o", 0.010, 100, 1, true, "compat/chat/completions"},
        {"known-02", "openai", "gpt-4o", 0.020, 300, -1, true, "compat/chat/completions"},
        {"known-03", "openai", "gpt-4o-mini", 0.001, 50, 1, true, "openai/chat/completions"},
        {"known-04", "anthropic", "claude-sonnet-4", 0.030, 900, std::nullopt, true, "compat/chat/completions"},
        {"known-05", "anthropic", "claude-sonnet-4", 0.050, 1100, 1, false, "compat/chat/completions"},
        {"known-06", "workers-ai", "llama-3.1-8b", 0.0, 20, 0, true, "workers-ai/run"},
        {"known-07", "anthropic", "claude-haiku", 0.004, 400, -1, true, "compat/chat/completions"},
    };
    return logs;
}

// What an evaluation over the logs `in` picks should report.
struct KnownTotals
{
    std::int64_t logs = 0;
    double averageCost = 0;
    double averageDuration = 0;
    std::int64_t rated = 0;    // feedback 1 or -1
    std::int64_t positive = 0; // feedback 1
};

template<class Pick> KnownTotals knownTotals(Pick in)
{
    KnownTotals t;
    double cost = 0;
    double duration = 0;
    for (const KnownLog &log : knownLogs()) {
        if (!in(log)) {
            continue;
        }
        ++t.logs;
        cost += log.cost;
        duration += static_cast<double>(log.duration);
        if (log.feedback == 1 || log.feedback == -1) {
            ++t.rated;
            t.positive += log.feedback == 1 ? 1 : 0;
        }
    }
    if (t.logs > 0) {
        t.averageCost = cost / static_cast<double>(t.logs);
        t.averageDuration = duration / static_cast<double>(t.logs);
    }
    return t;
}

// Registers `account` (so the demo is not seeded into it), creates `gateway` in it and writes knownLogs() there,
// one second apart. False with `error` when the database cannot be written.
inline bool seedKnownLogs(const QString &path, const QString &account, const QString &gateway, QString &error)
{
    SandboxStore store(path);
    if (!store.open(&error) || !store.registerAccount(account)) {
        return false;
    }
    const QString now = SandboxTime::now();
    SandboxResponse refused;
    const auto body = Json{{"cache_invalidate_on_update", false},
                           {"cache_ttl", 0},
                           {"collect_logs", true},
                           {"rate_limiting_interval", 0},
                           {"rate_limiting_limit", 0}};
    const auto json = SandboxGatewayApi::buildGateway(gateway, body, Json(), now, now, refused);
    if (!json || !store.gateways().insert(account, *json)) {
        error = QStringLiteral("cannot write the gateway");
        return false;
    }
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3600);
    int i = 0;
    for (const KnownLog &known : knownLogs()) {
        SandboxLogRecord log;
        log.id = QString::fromLatin1(known.id);
        log.createdAt = SandboxTime::format(start.addSecs(i++));
        log.provider = QString::fromLatin1(known.provider);
        log.model = QString::fromLatin1(known.model);
        log.path = QString::fromLatin1(known.path);
        log.cost = known.cost;
        log.duration = known.duration;
        log.feedback = known.feedback;
        log.success = known.success;
        log.statusCode = known.success ? 200 : 500;
        log.tokensIn = 10;
        log.tokensOut = 20;
        if (!store.logs().insert(account, gateway, log)) {
            error = QStringLiteral("cannot write log %1").arg(log.id);
            return false;
        }
    }
    return true;
}

} // namespace rd::test
