#pragma once

#include "app/sandbox/FaultInjector.h"
#include "app/sandbox/SandboxDataPlane.h"
#include "app/sandbox/SandboxDatasetApi.h"
#include "app/sandbox/SandboxEvaluationApi.h"
#include "app/sandbox/SandboxGatewayApi.h"
#include "app/sandbox/SandboxLogApi.h"
#include "app/sandbox/SandboxProviderConfigApi.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxRouteApi.h"
#include "app/sandbox/SandboxRouteTable.h"
#include "app/sandbox/SandboxStore.h"

#include <QByteArray>
#include <QList>
#include <QSet>

#include <optional>

namespace rd {

// From a request to an answer: size limit, credentials and media type (screen), then the endpoint and
// method from the route table, the account's first-use demo seed, the gateway's existence, the handler.
// Faults are the HTTP layer's business, not this one's.
class SandboxRouter
{
public:
    SandboxRouter(SandboxStore &store, FaultInjector &faults, QByteArray token, bool seedDemo);

    // What can be said from the head alone, before the body is read: 413, 401/403, 415. nullopt: go on.
    std::optional<SandboxResponse> screen(const SandboxRequest &request) const;
    // Any request, body included: screen, then route.
    SandboxResponse handle(const SandboxRequest &request);
    static SandboxResponse noRoute();

    // A token that may GET anything under /client/v4 and is refused every write with Cloudflare's 403 (code 10000),
    // as a token with only AI Gateway Read permission is. The data plane does not look at it.
    void addReadOnlyToken(const QByteArray &token);

    SandboxDataPlane &dataPlane() { return m_dataPlane; }
    SandboxEvaluationApi &evaluations() { return m_evaluations; }
    // Registers `account` (seeding the demo into it when new, as its first request would): for tools that work on
    // an account before any request names it (the backfill, generated traffic). False when the database failed.
    bool openAccountForTools(const QString &account) { return !openAccount(account).has_value(); }
    // Cloudflare's account ids are 32 hex digits; the sandbox takes up to 64 letters, digits, '-' and '_'.
    static bool isValidAccountId(const QString &account);

private:
    void addApiRoutes();
    void addEvaluationRoutes();
    void addControlRoutes();
    void addDataPlaneRoutes();
    std::optional<SandboxResponse> checkCredentials(const SandboxRequest &request) const;
    // Validates the account id and registers (and seeds) it on first use.
    std::optional<SandboxResponse> openAccount(const QString &account);
    // A handler under /gateways/{gateway}/...: answers 404 for a gateway that does not exist first.
    SandboxRouteTable::Handler inGateway(std::function<SandboxResponse(const SandboxRequest &, const QString &,
                                                                       const QString &, const SandboxPathMatch &)>
                                             handler);
    SandboxResponse controlFaults(const SandboxRequest &request);

    SandboxStore &m_store;
    FaultInjector &m_faults;
    QByteArray m_token;
    QList<QByteArray> m_readOnlyTokens;
    bool m_seedDemo = true;
    QSet<QString> m_knownAccounts; // registered in the database already: spares a write per request
    SandboxRouteTable m_table;
    SandboxGatewayApi m_gateways;
    SandboxRouteApi m_routes;
    SandboxLogApi m_logs;
    SandboxProviderConfigApi m_providerConfigs;
    SandboxDatasetApi m_datasets;
    SandboxEvaluationApi m_evaluations;
    SandboxDataPlane m_dataPlane;
};

} // namespace rd
