#include "app/api/ApiClient.h"

#include "app/api/ApiEndpoints.h"
#include "model/RouteCodec.h"

namespace rd {

ApiClient::ApiClient(QObject *parent) : QObject(parent), m_transport(new ApiTransport(this))
{
    connect(m_transport, &ApiTransport::requestLogged, this, &ApiClient::requestLogged);
    connect(m_transport, &ApiTransport::writeAccessChanged, this, &ApiClient::writeAccessChanged);
}

ApiClient::~ApiClient()
{
    // While this client is whole: the calls it cancels still log through it, and none calls back.
    delete m_transport;
}

// Gateways

ApiCall *ApiClient::listGateways(const PageQuery &query, QObject *context, ApiCallback<ListPage<Gateway>> callback)
{
    return call(ApiEndpoints::listGateways, ApiArgs().setQuery(query.items()), context, std::move(callback));
}

ApiCall *ApiClient::getGateway(const QString &id, QObject *context, ApiCallback<Gateway> callback)
{
    return call(ApiEndpoints::getGateway, {{"id", id}}, context, std::move(callback));
}

ApiCall *ApiClient::createGateway(const Gateway &gateway, QObject *context, ApiCallback<Gateway> callback)
{
    return call(ApiEndpoints::createGateway,
                ApiArgs{{"id", QString::fromStdString(gateway.id())}}.setBody(gateway.json()), context,
                std::move(callback));
}

ApiCall *ApiClient::updateGateway(const Gateway &gateway, QObject *context, ApiCallback<Gateway> callback)
{
    Json body = gateway.json();
    // The id travels in the path; read-only fields would only be rejected or ignored.
    for (const char *key : {"id", "created_at", "modified_at"}) {
        body.erase(key);
    }
    return call(ApiEndpoints::updateGateway,
                ApiArgs{{"id", QString::fromStdString(gateway.id())}}.setBody(std::move(body)), context,
                std::move(callback));
}

ApiCall *ApiClient::deleteGateway(const QString &id, QObject *context, ApiCallback<Gateway> callback)
{
    return call(ApiEndpoints::deleteGateway, {{"id", id}}, context, std::move(callback));
}

// Dynamic routes

ApiCall *ApiClient::listRoutes(const QString &gatewayId, const PageQuery &query, QObject *context,
                               ApiCallback<ListPage<Route>> callback)
{
    return call(ApiEndpoints::listRoutes, ApiArgs{{"gateway_id", gatewayId}}.setQuery(query.items()), context,
                std::move(callback));
}

ApiCall *ApiClient::getRoute(const QString &gatewayId, const QString &routeId, QObject *context,
                             ApiCallback<Route> callback)
{
    return call(ApiEndpoints::getRoute, {{"gateway_id", gatewayId}, {"id", routeId}}, context, std::move(callback));
}

ApiCall *ApiClient::createRoute(const QString &gatewayId, const Route &route, QObject *context,
                                ApiCallback<Route> callback)
{
    return call(ApiEndpoints::createRoute,
                ApiArgs{{"gateway_id", gatewayId}, {"name", QString::fromStdString(route.name())}}.setBody(
                    RouteCodec::encodeCreateBody(route)),
                context, std::move(callback));
}

ApiCall *ApiClient::renameRoute(const QString &gatewayId, const QString &routeId, const QString &name, QObject *context,
                                ApiCallback<Route> callback)
{
    Json body = Json::object();
    body["name"] = name.toStdString();
    return call(ApiEndpoints::renameRoute,
                ApiArgs{{"gateway_id", gatewayId}, {"id", routeId}, {"name", name}}.setBody(std::move(body)), context,
                std::move(callback));
}

ApiCall *ApiClient::deleteRoute(const QString &gatewayId, const QString &routeId, QObject *context,
                                ApiCallback<Route> callback)
{
    return call(ApiEndpoints::deleteRoute, {{"gateway_id", gatewayId}, {"id", routeId}}, context, std::move(callback));
}

ApiCall *ApiClient::listVersions(const QString &gatewayId, const QString &routeId, const PageQuery &query,
                                 QObject *context, ApiCallback<ListPage<RouteVersion>> callback)
{
    return call(ApiEndpoints::listVersions, ApiArgs{{"gateway_id", gatewayId}, {"id", routeId}}.setQuery(query.items()),
                context, std::move(callback));
}

ApiCall *ApiClient::createVersion(const QString &gatewayId, const QString &routeId, const Route &route,
                                  QObject *context, ApiCallback<Route> callback)
{
    return call(ApiEndpoints::createVersion,
                ApiArgs{{"gateway_id", gatewayId}, {"id", routeId}}.setBody(RouteCodec::encodeVersionBody(route)),
                context, std::move(callback));
}

ApiCall *ApiClient::getVersion(const QString &gatewayId, const QString &routeId, const QString &versionId,
                               QObject *context, ApiCallback<RouteVersion> callback)
{
    return call(ApiEndpoints::getVersion, {{"gateway_id", gatewayId}, {"id", routeId}, {"version_id", versionId}},
                context, std::move(callback));
}

ApiCall *ApiClient::getVersionGraph(const QString &gatewayId, const QString &routeId, const QString &versionId,
                                    QObject *context, ApiCallback<Route> callback)
{
    return call(ApiEndpoints::getVersionGraph, {{"gateway_id", gatewayId}, {"id", routeId}, {"version_id", versionId}},
                context, std::move(callback));
}

ApiCall *ApiClient::listDeployments(const QString &gatewayId, const QString &routeId, const PageQuery &query,
                                    QObject *context, ApiCallback<ListPage<RouteDeployment>> callback)
{
    return call(ApiEndpoints::listDeployments,
                ApiArgs{{"gateway_id", gatewayId}, {"id", routeId}}.setQuery(query.items()), context,
                std::move(callback));
}

ApiCall *ApiClient::createDeployment(const QString &gatewayId, const QString &routeId, const QString &versionId,
                                     QObject *context, ApiCallback<Route> callback)
{
    Json body = Json::object();
    body["version_id"] = versionId.toStdString();
    return call(ApiEndpoints::createDeployment,
                ApiArgs{{"gateway_id", gatewayId}, {"id", routeId}, {"version_id", versionId}}.setBody(std::move(body)),
                context, std::move(callback));
}

// Logs

ApiCall *ApiClient::listLogs(const QString &gatewayId, const LogQuery &query, QObject *context,
                             ApiCallback<ListPage<LogEntry>> callback)
{
    return call(ApiEndpoints::listLogs, ApiArgs{{"gateway_id", gatewayId}}.setQuery(query.toQueryItems()), context,
                std::move(callback));
}

ApiCall *ApiClient::getLog(const QString &gatewayId, const QString &logId, QObject *context,
                           ApiCallback<LogEntry> callback)
{
    return call(ApiEndpoints::getLog, {{"gateway_id", gatewayId}, {"id", logId}}, context, std::move(callback));
}

ApiCall *ApiClient::getLogRequest(const QString &gatewayId, const QString &logId, QObject *context,
                                  ApiCallback<Json> callback)
{
    return call(ApiEndpoints::getLogRequest, {{"gateway_id", gatewayId}, {"id", logId}}, context, std::move(callback));
}

ApiCall *ApiClient::getLogResponse(const QString &gatewayId, const QString &logId, QObject *context,
                                   ApiCallback<Json> callback)
{
    return call(ApiEndpoints::getLogResponse, {{"gateway_id", gatewayId}, {"id", logId}}, context, std::move(callback));
}

ApiCall *ApiClient::patchLog(const QString &gatewayId, const QString &logId, const LogPatch &patch, QObject *context,
                             ApiCallback<Json> callback)
{
    Json body = Json::object();
    if (patch.feedback) {
        body["feedback"] = *patch.feedback;
    }
    if (patch.score) {
        body["score"] = *patch.score;
    }
    if (patch.metadata) {
        body["metadata"] = *patch.metadata;
    }
    return call(ApiEndpoints::patchLog, ApiArgs{{"gateway_id", gatewayId}, {"id", logId}}.setBody(std::move(body)),
                context, std::move(callback));
}

ApiCall *ApiClient::deleteLogs(const QString &gatewayId, const std::vector<LogFilter> &filters, QObject *context,
                               ApiCallback<Json> callback)
{
    return call(ApiEndpoints::deleteLogs, ApiArgs{{"gateway_id", gatewayId}}.setQuery(LogQuery::encodeFilters(filters)),
                context, std::move(callback));
}

// Provider configs

ApiCall *ApiClient::listProviderConfigs(const QString &gatewayId, const PageQuery &query, QObject *context,
                                        ApiCallback<ListPage<ProviderConfig>> callback)
{
    return call(ApiEndpoints::listProviderConfigs, ApiArgs{{"gateway_id", gatewayId}}.setQuery(query.items()), context,
                std::move(callback));
}

ApiCall *ApiClient::createProviderConfig(const QString &gatewayId, const QString &alias, const QString &providerSlug,
                                         const QString &secret, bool isDefault, std::optional<Number> rateLimit,
                                         std::optional<Number> rateLimitPeriod, QObject *context,
                                         ApiCallback<ProviderConfig> callback)
{
    return call(ApiEndpoints::createProviderConfig,
                ApiArgs{{"gateway_id", gatewayId}, {"alias", alias}}.setBody(
                    ProviderConfig::encodeCreate(alias.toStdString(), providerSlug.toStdString(), secret.toStdString(),
                                                 isDefault, rateLimit, rateLimitPeriod)),
                context, std::move(callback));
}

// URLs

ApiCall *ApiClient::gatewayUrl(const QString &gatewayId, const QString &provider, QObject *context,
                               ApiCallback<std::string> callback)
{
    return call(ApiEndpoints::gatewayUrl, {{"gateway_id", gatewayId}, {"provider", provider}}, context,
                std::move(callback));
}

// Datasets

ApiCall *ApiClient::listDatasets(const QString &gatewayId, const PageQuery &query, QObject *context,
                                 ApiCallback<ListPage<Dataset>> callback)
{
    return call(ApiEndpoints::listDatasets, ApiArgs{{"gateway_id", gatewayId}}.setQuery(query.items()), context,
                std::move(callback));
}

ApiCall *ApiClient::getDataset(const QString &gatewayId, const QString &datasetId, QObject *context,
                               ApiCallback<Dataset> callback)
{
    return call(ApiEndpoints::getDataset, {{"gateway_id", gatewayId}, {"id", datasetId}}, context, std::move(callback));
}

ApiCall *ApiClient::createDataset(const QString &gatewayId, const QString &name, bool enable,
                                  const std::vector<LogFilter> &filters, QObject *context,
                                  ApiCallback<Dataset> callback)
{
    return call(ApiEndpoints::createDataset,
                ApiArgs{{"gateway_id", gatewayId}, {"name", name}}.setBody(
                    Dataset::encodeBody(name.toStdString(), enable, filters)),
                context, std::move(callback));
}

ApiCall *ApiClient::updateDataset(const QString &gatewayId, const QString &datasetId, const QString &name, bool enable,
                                  const std::vector<LogFilter> &filters, QObject *context,
                                  ApiCallback<Dataset> callback)
{
    return call(ApiEndpoints::updateDataset,
                ApiArgs{{"gateway_id", gatewayId}, {"id", datasetId}}.setBody(
                    Dataset::encodeBody(name.toStdString(), enable, filters)),
                context, std::move(callback));
}

ApiCall *ApiClient::deleteDataset(const QString &gatewayId, const QString &datasetId, QObject *context,
                                  ApiCallback<Dataset> callback)
{
    return call(ApiEndpoints::deleteDataset, {{"gateway_id", gatewayId}, {"id", datasetId}}, context,
                std::move(callback));
}

// Evaluations

ApiCall *ApiClient::listEvaluationTypes(const PageQuery &query, QObject *context,
                                        ApiCallback<ListPage<EvaluationType>> callback)
{
    return call(ApiEndpoints::listEvaluationTypes, ApiArgs().setQuery(query.items()), context, std::move(callback));
}

ApiCall *ApiClient::listEvaluations(const QString &gatewayId, const PageQuery &query, QObject *context,
                                    ApiCallback<ListPage<Evaluation>> callback)
{
    return call(ApiEndpoints::listEvaluations, ApiArgs{{"gateway_id", gatewayId}}.setQuery(query.items()), context,
                std::move(callback));
}

ApiCall *ApiClient::getEvaluation(const QString &gatewayId, const QString &evaluationId, QObject *context,
                                  ApiCallback<Evaluation> callback)
{
    return call(ApiEndpoints::getEvaluation, {{"gateway_id", gatewayId}, {"id", evaluationId}}, context,
                std::move(callback));
}

ApiCall *ApiClient::createEvaluation(const QString &gatewayId, const QString &name, const QStringList &datasetIds,
                                     const QStringList &evaluationTypeIds, QObject *context,
                                     ApiCallback<Evaluation> callback)
{
    auto ids = [](const QStringList &list) {
        Json out = Json::array();
        for (const QString &id : list) {
            out.push_back(id.toStdString());
        }
        return out;
    };
    Json body{{"name", name.toStdString()},
              {"dataset_ids", ids(datasetIds)},
              {"evaluation_type_ids", ids(evaluationTypeIds)}};
    return call(ApiEndpoints::createEvaluation,
                ApiArgs{{"gateway_id", gatewayId}, {"name", name}}.setBody(std::move(body)), context,
                std::move(callback));
}

ApiCall *ApiClient::deleteEvaluation(const QString &gatewayId, const QString &evaluationId, QObject *context,
                                     ApiCallback<Evaluation> callback)
{
    return call(ApiEndpoints::deleteEvaluation, {{"gateway_id", gatewayId}, {"id", evaluationId}}, context,
                std::move(callback));
}

} // namespace rd
