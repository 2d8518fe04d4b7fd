#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxStore.h"
#include "model/ApiEnvelope.h"
#include "model/Json.h"

#include <QString>

#include <optional>
#include <vector>

namespace rd {

// The ten dynamic-routing endpoints, answering in the shapes of the seeds: lists in `{data, success}`,
// rename in `{route, success}`, the rest in `{result, success}`. The gateway is known to exist.
class SandboxRouteApi
{
public:
    explicit SandboxRouteApi(SandboxStore &store) : m_store(store) {}

    SandboxResponse list(const SandboxRequest &request, const QString &account, const QString &gateway);
    SandboxResponse create(const SandboxRequest &request, const QString &account, const QString &gateway);
    SandboxResponse get(const QString &account, const QString &gateway, const QString &routeId);
    SandboxResponse rename(const SandboxRequest &request, const QString &account, const QString &gateway,
                           const QString &routeId);
    SandboxResponse remove(const QString &account, const QString &gateway, const QString &routeId);
    SandboxResponse listVersions(const SandboxRequest &request, const QString &account, const QString &gateway,
                                 const QString &routeId);
    SandboxResponse createVersion(const SandboxRequest &request, const QString &account, const QString &gateway,
                                  const QString &routeId);
    SandboxResponse getVersion(const QString &account, const QString &gateway, const QString &routeId,
                               const QString &versionId);
    SandboxResponse listDeployments(const SandboxRequest &request, const QString &account, const QString &gateway,
                                    const QString &routeId);
    SandboxResponse createDeployment(const SandboxRequest &request, const QString &account, const QString &gateway,
                                     const QString &routeId);

    // What Cloudflare would reject in `elements` (error 7001): malformed elements, the older docs'
    // spellings, a percentage `else`, and every error the validator finds. Empty when acceptable; then
    // `normalized` holds the elements as they are stored.
    static std::vector<ApiMessage> checkElements(const Json &elements, Json &normalized);

    // Stores a route with its first version, deployed, everything stamped `time` (the demo seeds the past).
    // Elements must have passed checkElements. The new route's id, or nullopt if the database failed; call it
    // inside a transaction, so that a failure leaves nothing half-made.
    static std::optional<QString> insertRoute(SandboxStore &store, const QString &account, const QString &gateway,
                                              const QString &name, const Json &elements, const QString &time);
    // Adds a version (not deployed) at `time`; its id, or nullopt.
    static std::optional<QString> insertVersion(SandboxStore &store, const QString &routeId, const Json &elements,
                                                const QString &time);
    static bool deploy(SandboxStore &store, const QString &routeId, const QString &versionId, const QString &time);

private:
    // The route as list, get, create and rename write it; account_tag only in list and rename, as the seeds.
    std::optional<Json> routeJson(const SandboxRouteRows::Row &route, bool withAccountTag);
    // {id, created_at, elements, gateway_id, modified_at, name}: delete, create-version, create-deployment.
    static Json routeSummary(const SandboxRouteRows::Row &route, const Json &elements);
    // Loads the route or answers 404.
    std::optional<SandboxRouteRows::Row> findRoute(const QString &account, const QString &gateway,
                                                   const QString &routeId, SandboxResponse &error);
    std::optional<QString> checkName(const Json &body, const QString &account, const QString &gateway,
                                     const QString &exceptId, SandboxResponse &error);

    SandboxStore &m_store;
};

} // namespace rd
