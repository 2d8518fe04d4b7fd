#pragma once

#include "app/sandbox/SandboxLogRecord.h"
#include "app/sandbox/SandboxStore.h"
#include "model/Json.h"

#include <QDateTime>
#include <QString>

#include <vector>

namespace rd {

// What a new account finds in the sandbox: a gateway, the demo route (resources/routes/demo-route.json) with
// an older version before it, a second small route, provider configs, and a week of plausible logs.
// Everything is the same on every run apart from being placed relative to `now`.
class SandboxDemoData
{
public:
    static QString gatewayId() { return QStringLiteral("demo-gateway"); }
    static constexpr int kLogCount = 420;

    // Call inside a transaction: on failure the caller rolls back, so an account is never half-seeded.
    static bool seed(SandboxStore &store, const QString &account, const QDateTime &now);

    // {name, elements} of the demo route, as shipped.
    static Json demoRoute();
    // The version deployed before it: no rate limit for the free plan, a 70/30 split for paid plans.
    static Json previousDemoElements();
    // A start, a model with a fallback model, an end.
    static Json quickAnswersElements();
    static std::vector<SandboxLogRecord> logs(const QDateTime &now);
};

} // namespace rd
