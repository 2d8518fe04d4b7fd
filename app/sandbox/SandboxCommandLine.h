#pragma once

#include "app/sandbox/FaultSpec.h"
#include "app/sandbox/SandboxHttpLimits.h"
#include "model/engine/ProviderBehaviour.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

// route-sandbox's arguments.
struct SandboxCommandLine
{
    quint16 port = 8787;
    QByteArray token;
    QList<QByteArray> readOnlyTokens; // --read-only-token T (repeatable): may GET, every write answers 403
    QString databasePath;             // "" = the default location
    bool seedDemo = true;
    QList<FaultSpec> faults;
    ProviderBehaviour providers; // how providers behave on the data plane: --provider-fail, --provider-latency
    SandboxHttpLimits limits;
    // The account --backfill and --traffic work on (README's examples call the data plane as /v1/demo/...).
    QString account = QStringLiteral("demo");
    int backfillDays = 0;      // --backfill DAYS: 0 = none
    double trafficRate = 0;    // --traffic RATE[:SECONDS]: requests a second, 0 = none
    double trafficSeconds = 0; // 0 = until the sandbox stops
    bool helpRequested = false;

    static constexpr int kMaxBackfillDays = 365;
    static constexpr double kMaxTrafficRate = 1000;

    // nullopt with `error` set for anything unusable, including a missing token: the sandbox never runs
    // without authentication. The token may come from ROUTE_SANDBOX_TOKEN instead of --token, which keeps
    // it out of process listings.
    static std::optional<SandboxCommandLine> parse(const QStringList &arguments, const QByteArray &tokenFromEnvironment,
                                                   QString *error);
    static QString helpText();
};

} // namespace rd
