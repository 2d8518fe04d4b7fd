#include "model/ApiPayload.h"

#include "model/RouteCodec.h"

namespace rd {

namespace {

// RouteCodec::decodeRoute has a default argument, so it does not convert to the list's decoder type itself.
Decoded<Route> decodeRouteEntry(const Json &json, std::string_view path)
{
    return RouteCodec::decodeRoute(json, path);
}

} // namespace

Decoded<ListPage<Gateway>> ApiPayload::gateways(const ApiEnvelope &envelope)
{
    return list<Gateway>(envelope, "gateways", &Gateway::fromJson);
}

Decoded<ListPage<Route>> ApiPayload::routes(const ApiEnvelope &envelope)
{
    return list<Route>(envelope, "routes", &decodeRouteEntry);
}

Decoded<ListPage<RouteVersion>> ApiPayload::versions(const ApiEnvelope &envelope)
{
    return list<RouteVersion>(envelope, "versions", &RouteVersion::fromJson);
}

Decoded<ListPage<RouteDeployment>> ApiPayload::deployments(const ApiEnvelope &envelope)
{
    return list<RouteDeployment>(envelope, "deployments", &RouteDeployment::fromJson);
}

Decoded<ListPage<LogEntry>> ApiPayload::logs(const ApiEnvelope &envelope)
{
    return list<LogEntry>(envelope, "logs", &LogEntry::fromJson);
}

Decoded<ListPage<ProviderConfig>> ApiPayload::providerConfigs(const ApiEnvelope &envelope)
{
    return list<ProviderConfig>(envelope, "provider_configs", &ProviderConfig::fromJson);
}

Decoded<ListPage<Dataset>> ApiPayload::datasets(const ApiEnvelope &envelope)
{
    return list<Dataset>(envelope, "datasets", &Dataset::fromJson);
}

Decoded<ListPage<EvaluationType>> ApiPayload::evaluationTypes(const ApiEnvelope &envelope)
{
    return list<EvaluationType>(envelope, "evaluation_types", &EvaluationType::fromJson);
}

Decoded<ListPage<Evaluation>> ApiPayload::evaluations(const ApiEnvelope &envelope)
{
    return list<Evaluation>(envelope, "evaluations", &Evaluation::fromJson);
}

Decoded<Gateway> ApiPayload::gateway(const ApiEnvelope &envelope)
{
    return Gateway::fromJson(envelope.payload, "$.result");
}

Decoded<Route> ApiPayload::route(const ApiEnvelope &envelope)
{
    return RouteCodec::decodeRoute(envelope.payload,
                                   envelope.payloadKind == ApiEnvelope::PayloadKind::Route ? "$.route" : "$.result");
}

Decoded<RouteVersion> ApiPayload::version(const ApiEnvelope &envelope)
{
    return RouteVersion::fromJson(envelope.payload, "$.result");
}

Decoded<Route> ApiPayload::versionGraph(const ApiEnvelope &envelope)
{
    Decoded<RouteVersion> decoded = version(envelope);
    if (!decoded) {
        return Decoded<Route>::failure(std::move(*decoded.error), std::move(decoded.warnings));
    }
    return decoded.value->route();
}

Decoded<LogEntry> ApiPayload::log(const ApiEnvelope &envelope)
{
    return LogEntry::fromJson(envelope.payload, "$.result");
}

Decoded<Dataset> ApiPayload::dataset(const ApiEnvelope &envelope)
{
    return Dataset::fromJson(envelope.payload, "$.result");
}

Decoded<Evaluation> ApiPayload::evaluation(const ApiEnvelope &envelope)
{
    return Evaluation::fromJson(envelope.payload, "$.result");
}

Decoded<ProviderConfig> ApiPayload::providerConfig(const ApiEnvelope &envelope)
{
    return ProviderConfig::fromJson(envelope.payload, "$.result");
}

Decoded<std::string> ApiPayload::text(const ApiEnvelope &envelope)
{
    if (!envelope.payload.is_string()) {
        return Decoded<std::string>::failure({"$.result", "expected a string"});
    }
    return Decoded<std::string>::success(envelope.payload.get<std::string>());
}

Decoded<Json> ApiPayload::raw(const ApiEnvelope &envelope)
{
    return Decoded<Json>::success(envelope.payload);
}

} // namespace rd
