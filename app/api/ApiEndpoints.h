#pragma once

#include "app/api/ApiEndpoint.h"
#include "model/ApiPayload.h"

#include <QtGlobal>

namespace rd {

// Every endpoint of Cloudflare's AI Gateway API the app calls, one description each: paths as Cloudflare's
// reference writes them (below /accounts/{account_id}), messages with the same `{names}` (see ApiArgs), answers
// decoded by ApiPayload. A new endpoint is one more line here, plus a decoder in ApiPayload when its answer is of
// a new type; ApiClient::call sends it.
class ApiEndpoints
{
    // What a 404 did not find, shared by the endpoints about one thing.
    static constexpr const char *kGateway = QT_TRANSLATE_NOOP("rd::ApiEndpoints", "Gateway {id}");
    static constexpr const char *kGatewayOfCall = QT_TRANSLATE_NOOP("rd::ApiEndpoints", "Gateway {gateway_id}");
    static constexpr const char *kRoute = QT_TRANSLATE_NOOP("rd::ApiEndpoints", "Route {id} in gateway {gateway_id}");
    static constexpr const char *kVersion = QT_TRANSLATE_NOOP("rd::ApiEndpoints", "Version {version_id} of route {id}");
    static constexpr const char *kLog = QT_TRANSLATE_NOOP("rd::ApiEndpoints", "Log {id}");
    static constexpr const char *kDataset =
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "Dataset {id} in gateway {gateway_id}");
    static constexpr const char *kEvaluation =
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "Evaluation {id} in gateway {gateway_id}");

public:
    // Gateways
    static constexpr ApiEndpoint<ListPage<Gateway>> listGateways{"GET", "/ai-gateway/gateways",
                                                                 QT_TRANSLATE_NOOP("rd::ApiEndpoints", "list gateways"),
                                                                 "", &ApiPayload::gateways};
    static constexpr ApiEndpoint<Gateway> getGateway{"GET", "/ai-gateway/gateways/{id}",
                                                     QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get gateway {id}"),
                                                     kGateway, &ApiPayload::gateway};
    static constexpr ApiEndpoint<Gateway> createGateway{"POST", "/ai-gateway/gateways",
                                                        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "create gateway {id}"),
                                                        "", &ApiPayload::gateway};
    static constexpr ApiEndpoint<Gateway> updateGateway{"PUT", "/ai-gateway/gateways/{id}",
                                                        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "update gateway {id}"),
                                                        kGateway, &ApiPayload::gateway};
    static constexpr ApiEndpoint<Gateway> deleteGateway{"DELETE", "/ai-gateway/gateways/{id}",
                                                        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "delete gateway {id}"),
                                                        kGateway, &ApiPayload::gateway};

    // Dynamic routes
    static constexpr ApiEndpoint<ListPage<Route>> listRoutes{
        "GET", "/ai-gateway/gateways/{gateway_id}/routes",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "list the routes of gateway {gateway_id}"), kGatewayOfCall,
        &ApiPayload::routes};
    static constexpr ApiEndpoint<Route> getRoute{"GET", "/ai-gateway/gateways/{gateway_id}/routes/{id}",
                                                 QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get route {id}"), kRoute,
                                                 &ApiPayload::route};
    static constexpr ApiEndpoint<Route> createRoute{"POST", "/ai-gateway/gateways/{gateway_id}/routes",
                                                    QT_TRANSLATE_NOOP("rd::ApiEndpoints", "create route {name}"),
                                                    kGatewayOfCall, &ApiPayload::route};
    static constexpr ApiEndpoint<Route> renameRoute{
        "PATCH", "/ai-gateway/gateways/{gateway_id}/routes/{id}",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "rename route {id} to {name}"), kRoute, &ApiPayload::route};
    static constexpr ApiEndpoint<Route> deleteRoute{"DELETE", "/ai-gateway/gateways/{gateway_id}/routes/{id}",
                                                    QT_TRANSLATE_NOOP("rd::ApiEndpoints", "delete route {id}"), kRoute,
                                                    &ApiPayload::route};
    static constexpr ApiEndpoint<ListPage<RouteVersion>> listVersions{
        "GET", "/ai-gateway/gateways/{gateway_id}/routes/{id}/versions",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "list the versions of route {id}"), kRoute, &ApiPayload::versions};
    // Answers with the route: the API does not return the new version's id (find it in listVersions).
    static constexpr ApiEndpoint<Route> createVersion{
        "POST", "/ai-gateway/gateways/{gateway_id}/routes/{id}/versions",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "save a new version of route {id}"), kRoute, &ApiPayload::route};
    static constexpr ApiEndpoint<RouteVersion> getVersion{
        "GET", "/ai-gateway/gateways/{gateway_id}/routes/{id}/versions/{version_id}",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get version {version_id} of route {id}"), kVersion,
        &ApiPayload::version};
    // The same endpoint, decoded down to the version's graph.
    static constexpr ApiEndpoint<Route> getVersionGraph{
        "GET", "/ai-gateway/gateways/{gateway_id}/routes/{id}/versions/{version_id}",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get version {version_id} of route {id}"), kVersion,
        &ApiPayload::versionGraph};
    static constexpr ApiEndpoint<ListPage<RouteDeployment>> listDeployments{
        "GET", "/ai-gateway/gateways/{gateway_id}/routes/{id}/deployments",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "list the deployments of route {id}"), kRoute, &ApiPayload::deployments};
    static constexpr ApiEndpoint<Route> createDeployment{
        "POST", "/ai-gateway/gateways/{gateway_id}/routes/{id}/deployments",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "deploy version {version_id} of route {id}"), kVersion,
        &ApiPayload::route};

    // Logs
    static constexpr ApiEndpoint<ListPage<LogEntry>> listLogs{
        "GET", "/ai-gateway/gateways/{gateway_id}/logs",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "list the logs of gateway {gateway_id}"), kGatewayOfCall,
        &ApiPayload::logs};
    static constexpr ApiEndpoint<LogEntry> getLog{"GET", "/ai-gateway/gateways/{gateway_id}/logs/{id}",
                                                  QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get log {id}"), kLog,
                                                  &ApiPayload::log};
    static constexpr ApiEndpoint<Json> getLogRequest{
        "GET", "/ai-gateway/gateways/{gateway_id}/logs/{id}/request",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get the request body of log {id}"),
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "The request body of log {id}"), &ApiPayload::raw};
    static constexpr ApiEndpoint<Json> getLogResponse{
        "GET", "/ai-gateway/gateways/{gateway_id}/logs/{id}/response",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get the response body of log {id}"),
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "The response body of log {id}"), &ApiPayload::raw};
    static constexpr ApiEndpoint<Json> patchLog{"PATCH", "/ai-gateway/gateways/{gateway_id}/logs/{id}",
                                                QT_TRANSLATE_NOOP("rd::ApiEndpoints", "update log {id}"), kLog,
                                                &ApiPayload::raw};
    static constexpr ApiEndpoint<Json> deleteLogs{
        "DELETE", "/ai-gateway/gateways/{gateway_id}/logs",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "delete logs of gateway {gateway_id}"), kGatewayOfCall, &ApiPayload::raw};

    // Provider configs
    static constexpr ApiEndpoint<ListPage<ProviderConfig>> listProviderConfigs{
        "GET", "/ai-gateway/gateways/{gateway_id}/provider_configs",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "list the provider keys of gateway {gateway_id}"), kGatewayOfCall,
        &ApiPayload::providerConfigs};
    static constexpr ApiEndpoint<ProviderConfig> createProviderConfig{
        "POST", "/ai-gateway/gateways/{gateway_id}/provider_configs",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "add provider key {alias} to gateway {gateway_id}"), kGatewayOfCall,
        &ApiPayload::providerConfig};

    // URLs: the gateway's endpoint for one provider
    static constexpr ApiEndpoint<std::string> gatewayUrl{
        "GET", "/ai-gateway/gateways/{gateway_id}/url/{provider}",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get the {provider} URL of gateway {gateway_id}"), kGatewayOfCall,
        &ApiPayload::text};

    // Datasets: saved log filters that evaluations run over
    static constexpr ApiEndpoint<ListPage<Dataset>> listDatasets{
        "GET", "/ai-gateway/gateways/{gateway_id}/datasets",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "list the datasets of gateway {gateway_id}"), kGatewayOfCall,
        &ApiPayload::datasets};
    static constexpr ApiEndpoint<Dataset> getDataset{"GET", "/ai-gateway/gateways/{gateway_id}/datasets/{id}",
                                                     QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get dataset {id}"),
                                                     kDataset, &ApiPayload::dataset};
    static constexpr ApiEndpoint<Dataset> createDataset{"POST", "/ai-gateway/gateways/{gateway_id}/datasets",
                                                        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "create dataset {name}"),
                                                        kGatewayOfCall, &ApiPayload::dataset};
    static constexpr ApiEndpoint<Dataset> updateDataset{"PUT", "/ai-gateway/gateways/{gateway_id}/datasets/{id}",
                                                        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "update dataset {id}"),
                                                        kDataset, &ApiPayload::dataset};
    static constexpr ApiEndpoint<Dataset> deleteDataset{"DELETE", "/ai-gateway/gateways/{gateway_id}/datasets/{id}",
                                                        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "delete dataset {id}"),
                                                        kDataset, &ApiPayload::dataset};

    // Evaluations: account-level evaluators, and the runs of them over a gateway's datasets
    static constexpr ApiEndpoint<ListPage<EvaluationType>> listEvaluationTypes{
        "GET", "/ai-gateway/evaluation-types", QT_TRANSLATE_NOOP("rd::ApiEndpoints", "list evaluation types"), "",
        &ApiPayload::evaluationTypes};
    static constexpr ApiEndpoint<ListPage<Evaluation>> listEvaluations{
        "GET", "/ai-gateway/gateways/{gateway_id}/evaluations",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "list the evaluations of gateway {gateway_id}"), kGatewayOfCall,
        &ApiPayload::evaluations};
    static constexpr ApiEndpoint<Evaluation> getEvaluation{"GET", "/ai-gateway/gateways/{gateway_id}/evaluations/{id}",
                                                           QT_TRANSLATE_NOOP("rd::ApiEndpoints", "get evaluation {id}"),
                                                           kEvaluation, &ApiPayload::evaluation};
    static constexpr ApiEndpoint<Evaluation> createEvaluation{
        "POST", "/ai-gateway/gateways/{gateway_id}/evaluations",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "create evaluation {name}"), kGatewayOfCall, &ApiPayload::evaluation};
    static constexpr ApiEndpoint<Evaluation> deleteEvaluation{
        "DELETE", "/ai-gateway/gateways/{gateway_id}/evaluations/{id}",
        QT_TRANSLATE_NOOP("rd::ApiEndpoints", "delete evaluation {id}"), kEvaluation, &ApiPayload::evaluation};
};

} // namespace rd
