#pragma once

#include "app/sandbox/SandboxBackfill.h"
#include "app/sandbox/SandboxStore.h"
#include "model/Json.h"

#include <QDateTime>
#include <QString>

namespace rd {

// What a new account finds in the sandbox: a gateway, the demo route (resources/routes/demo-route.json) deployed
// three days ago over an older version deployed three weeks ago, a second small route, provider configs, and a
// week of logs made by SandboxBackfill: the demo's traffic routed by whichever version was deployed at the time,
// through two provider incidents. Everything is the same on every run apart from being placed relative to `now`.
class SandboxDemoData
{
public:
    static QString gatewayId() { return QStringLiteral("demo-gateway"); }
    // The demo week's requests; each leaves one log (the demo gateway logs everything and caps far above this).
    static constexpr int kLogCount = 420;

    // Call inside a transaction: on failure the caller rolls back, so an account is never half-seeded.
    static bool seed(SandboxStore &store, const QString &account, const QDateTime &now);

    // {name, elements} of the demo route, as shipped.
    static Json demoRoute();
    // The version deployed before it: no rate limit for the free plan, a 70/30 split for paid plans.
    static Json previousDemoElements();
    // A start, a model with a fallback model, an end.
    static Json quickAnswersElements();
    // How the demo week is backfilled: its size, seed, the providers' usual behaviour and the incidents.
    static SandboxBackfill::Options backfillOptions(const QDateTime &now);
    // The demo's share of traffic per route: support-chat carries most of it.
    static double routeWeight(const QString &route);
};

} // namespace rd
