#pragma once

#include "app/api/ApiArgs.h"
#include "app/api/ApiCall.h"
#include "app/api/ApiCredentials.h"
#include "app/api/ApiEndpoint.h"
#include "app/api/ApiResult.h"
#include "app/api/ApiTransport.h"
#include "app/api/PageQuery.h"
#include "model/Dataset.h"
#include "model/Evaluation.h"
#include "model/EvaluationType.h"
#include "model/Gateway.h"
#include "model/ListPage.h"
#include "model/LogEntry.h"
#include "model/LogQuery.h"
#include "model/ProviderConfig.h"
#include "model/Route.h"
#include "model/RouteDeployment.h"
#include "model/RouteVersion.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <utility>
#include <vector>

namespace rd {

// Cloudflare's AI Gateway REST API, one typed method per endpoint: the endpoint catalogue (ApiEndpoints) sent
// through a transport (ApiTransport) that queues, retries when that is safe, times out, maps errors and keeps the
// secret out of every message. Every call is asynchronous: it returns at once and later calls `callback` on the
// thread of the client with a typed value or an ApiError.
//
// Calls started for a `context` object are cancelled when that object is destroyed, and its callback is
// then never run: a window passes itself, and closing it stops its requests.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    using Options = ApiTransport::Options;
    static inline const QUrl &kCloudflareBaseUrl = ApiTransport::kCloudflareBaseUrl;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setOptions(const Options &options) { m_transport->setOptions(options); }
    const Options &options() const { return m_transport->options(); }
    void setCredentials(const ApiCredentials &credentials) { m_transport->setCredentials(credentials); }
    const ApiCredentials &credentials() const { return m_transport->credentials(); }

    using WriteAccess = ApiTransport::WriteAccess;
    WriteAccess writeAccess() const { return m_transport->writeAccess(); }
    void setWriteAccess(WriteAccess access) { m_transport->setWriteAccess(access); }

    int inFlight() const { return m_transport->inFlight(); }
    int queued() const { return m_transport->queued(); }
    void cancelAll() { m_transport->cancelAll(); }
    ApiTransport *transport() const { return m_transport; }

    // Any endpoint of the catalogue, with the values `args` gives its path, messages, query and body. The typed
    // methods below are this for the endpoints the app calls today.
    template<class T>
    ApiCall *call(const ApiEndpoint<T> &endpoint, const ApiArgs &args, QObject *context, ApiCallback<T> callback)
    {
        return m_transport->send<T>(endpoint.request(args), context, std::move(callback), endpoint.decode);
    }

    // Gateways
    ApiCall *listGateways(const PageQuery &query, QObject *context, ApiCallback<ListPage<Gateway>> callback);
    ApiCall *getGateway(const QString &id, QObject *context, ApiCallback<Gateway> callback);
    ApiCall *createGateway(const Gateway &gateway, QObject *context, ApiCallback<Gateway> callback);
    ApiCall *updateGateway(const Gateway &gateway, QObject *context, ApiCallback<Gateway> callback);
    ApiCall *deleteGateway(const QString &id, QObject *context, ApiCallback<Gateway> callback);

    // Dynamic routes
    ApiCall *listRoutes(const QString &gatewayId, const PageQuery &query, QObject *context,
                        ApiCallback<ListPage<Route>> callback);
    ApiCall *getRoute(const QString &gatewayId, const QString &routeId, QObject *context, ApiCallback<Route> callback);
    ApiCall *createRoute(const QString &gatewayId, const Route &route, QObject *context, ApiCallback<Route> callback);
    ApiCall *renameRoute(const QString &gatewayId, const QString &routeId, const QString &name, QObject *context,
                         ApiCallback<Route> callback);
    ApiCall *deleteRoute(const QString &gatewayId, const QString &routeId, QObject *context,
                         ApiCallback<Route> callback);
    ApiCall *listVersions(const QString &gatewayId, const QString &routeId, const PageQuery &query, QObject *context,
                          ApiCallback<ListPage<RouteVersion>> callback);
    // Answers with the route (the API does not return the new version's id: find it in listVersions).
    ApiCall *createVersion(const QString &gatewayId, const QString &routeId, const Route &route, QObject *context,
                           ApiCallback<Route> callback);
    ApiCall *getVersion(const QString &gatewayId, const QString &routeId, const QString &versionId, QObject *context,
                        ApiCallback<RouteVersion> callback);
    // The same, decoded down to the version's graph: an unreadable graph is an InvalidResponse error.
    ApiCall *getVersionGraph(const QString &gatewayId, const QString &routeId, const QString &versionId,
                             QObject *context, ApiCallback<Route> callback);
    ApiCall *listDeployments(const QString &gatewayId, const QString &routeId, const PageQuery &query, QObject *context,
                             ApiCallback<ListPage<RouteDeployment>> callback);
    ApiCall *createDeployment(const QString &gatewayId, const QString &routeId, const QString &versionId,
                              QObject *context, ApiCallback<Route> callback);

    // Logs
    ApiCall *listLogs(const QString &gatewayId, const LogQuery &query, QObject *context,
                      ApiCallback<ListPage<LogEntry>> callback);
    ApiCall *getLog(const QString &gatewayId, const QString &logId, QObject *context, ApiCallback<LogEntry> callback);
    ApiCall *getLogRequest(const QString &gatewayId, const QString &logId, QObject *context,
                           ApiCallback<Json> callback);
    ApiCall *getLogResponse(const QString &gatewayId, const QString &logId, QObject *context,
                            ApiCallback<Json> callback);
    struct LogPatch
    {
        std::optional<int> feedback; // -1, 0 or 1
        std::optional<int> score;    // 0..100
        std::optional<Json> metadata;
    };
    ApiCall *patchLog(const QString &gatewayId, const QString &logId, const LogPatch &patch, QObject *context,
                      ApiCallback<Json> callback);
    ApiCall *deleteLogs(const QString &gatewayId, const std::vector<LogFilter> &filters, QObject *context,
                        ApiCallback<Json> callback);

    // Provider configs
    ApiCall *listProviderConfigs(const QString &gatewayId, const PageQuery &query, QObject *context,
                                 ApiCallback<ListPage<ProviderConfig>> callback);
    // Sends `secret` once, in the body; the answer and everything logged carry only `secret_preview`.
    ApiCall *createProviderConfig(const QString &gatewayId, const QString &alias, const QString &providerSlug,
                                  const QString &secret, bool isDefault, std::optional<Number> rateLimit,
                                  std::optional<Number> rateLimitPeriod, QObject *context,
                                  ApiCallback<ProviderConfig> callback);

    // URLs: where a client calls the gateway for `provider` (e.g. "openai", "compat").
    ApiCall *gatewayUrl(const QString &gatewayId, const QString &provider, QObject *context,
                        ApiCallback<std::string> callback);

    // Datasets. Create and update send the whole dataset: the API requires name, enable and filters on both.
    ApiCall *listDatasets(const QString &gatewayId, const PageQuery &query, QObject *context,
                          ApiCallback<ListPage<Dataset>> callback);
    ApiCall *getDataset(const QString &gatewayId, const QString &datasetId, QObject *context,
                        ApiCallback<Dataset> callback);
    ApiCall *createDataset(const QString &gatewayId, const QString &name, bool enable,
                           const std::vector<LogFilter> &filters, QObject *context, ApiCallback<Dataset> callback);
    ApiCall *updateDataset(const QString &gatewayId, const QString &datasetId, const QString &name, bool enable,
                           const std::vector<LogFilter> &filters, QObject *context, ApiCallback<Dataset> callback);
    ApiCall *deleteDataset(const QString &gatewayId, const QString &datasetId, QObject *context,
                           ApiCallback<Dataset> callback);

    // Evaluations. Types are the account's evaluators; an evaluation answers `processed: false` until the server
    // has run it, so read it again (getEvaluation) for its results.
    ApiCall *listEvaluationTypes(const PageQuery &query, QObject *context,
                                 ApiCallback<ListPage<EvaluationType>> callback);
    ApiCall *listEvaluations(const QString &gatewayId, const PageQuery &query, QObject *context,
                             ApiCallback<ListPage<Evaluation>> callback);
    ApiCall *getEvaluation(const QString &gatewayId, const QString &evaluationId, QObject *context,
                           ApiCallback<Evaluation> callback);
    ApiCall *createEvaluation(const QString &gatewayId, const QString &name, const QStringList &datasetIds,
                              const QStringList &evaluationTypeIds, QObject *context, ApiCallback<Evaluation> callback);
    ApiCall *deleteEvaluation(const QString &gatewayId, const QString &evaluationId, QObject *context,
                              ApiCallback<Evaluation> callback);

signals:
    // One line per finished HTTP exchange, safe to log: method, path and query, status, time. No headers,
    // no bodies, and the secret redacted should a server ever echo it into a URL.
    void requestLogged(const QString &line);
    // What the credentials may do changed (see ApiTransport::WriteAccess): a route or gateway shown from this
    // client says so before the next edit.
    void writeAccessChanged(rd::ApiTransport::WriteAccess access);

private:
    ApiTransport *m_transport;
};

} // namespace rd
