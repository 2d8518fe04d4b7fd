#pragma once

#include "app/sandbox/FaultInjector.h"
#include "app/sandbox/SandboxGatewayApi.h"
#include "app/sandbox/SandboxLogApi.h"
#include "app/sandbox/SandboxProviderConfigApi.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxRouteApi.h"
#include "app/sandbox/SandboxStore.h"

#include <QByteArray>
#include <QSet>
#include <QStringList>

#include <optional>

namespace rd {

// From a request to an answer: size limit, credentials, the account's first-use demo seed, the endpoint and
// method, the gateway's existence, then the handler. Faults are the HTTP layer's business, not this one's.
class SandboxRouter
{
public:
    SandboxRouter(SandboxStore &store, FaultInjector &faults, QByteArray token, bool seedDemo);

    // Everything under /client/v4.
    SandboxResponse handle(const SandboxRequest &request);
    // /__sandbox/...: the fault control endpoint of the standalone binary.
    SandboxResponse handleControl(const SandboxRequest &request);
    // Anything else.
    static SandboxResponse noRoute();

private:
    std::optional<SandboxResponse> checkCredentials(const SandboxRequest &request) const;
    SandboxResponse dispatch(const SandboxRequest &request, const QString &account, const QStringList &rest);
    // The handler for a path under /gateways/{id}/..., the gateway being checked first.
    SandboxResponse dispatchGatewayChild(const SandboxRequest &request, const QString &account, const QString &gateway,
                                         const QStringList &rest);

    SandboxStore &m_store;
    FaultInjector &m_faults;
    QByteArray m_token;
    bool m_seedDemo = true;
    QSet<QString> m_knownAccounts; // registered in the database already: spares a write per request
    SandboxGatewayApi m_gateways;
    SandboxRouteApi m_routes;
    SandboxLogApi m_logs;
    SandboxProviderConfigApi m_providerConfigs;
};

} // namespace rd
