#pragma once

#include "model/ApiEnvelope.h"
#include "model/Dataset.h"
#include "model/Decoded.h"
#include "model/Evaluation.h"
#include "model/EvaluationType.h"
#include "model/Gateway.h"
#include "model/Json.h"
#include "model/ListPage.h"
#include "model/LogEntry.h"
#include "model/ProviderConfig.h"
#include "model/Route.h"
#include "model/RouteDeployment.h"
#include "model/RouteVersion.h"

#include <string>
#include <string_view>

namespace rd {

// What the AI Gateway endpoints answer, read from the envelope into the model's types. The app's endpoint
// catalogue (app/api/ApiEndpoints) and the response fuzzer (tests/fuzz/ApiResponseFuzz.cpp) both decode through
// here, so what the fuzzer proves about a decoder holds for the one the app runs.
class ApiPayload
{
public:
    // One page of a list: the envelope's `result` array, or `data.<dataKey>` as the dynamic-routing endpoints
    // answer. A list endpoint of a type not below needs no more than this and the type's own decoder.
    template<class T>
    static Decoded<ListPage<T>> list(const ApiEnvelope &envelope, std::string_view dataKey,
                                     Decoded<T> (*decodeOne)(const Json &, std::string_view))
    {
        auto one = [decodeOne](const Json &json, const std::string &path) {
            return decodeOne(json, path);
        };
        const PageInfo info = envelope.pageInfo.value_or(PageInfo{});
        if (envelope.payload.is_array()) {
            return ListPage<T>::decode(envelope.payload, info, "$.result", one);
        }
        if (envelope.payload.is_object()) {
            if (auto it = envelope.payload.find(dataKey); it != envelope.payload.end()) {
                return ListPage<T>::decode(*it, info, "$.data." + std::string(dataKey), one);
            }
        }
        return Decoded<ListPage<T>>::failure(
            {"$", "expected a list (`result` array or `data." + std::string(dataKey) + "`)"});
    }

    static Decoded<ListPage<Gateway>> gateways(const ApiEnvelope &envelope);
    static Decoded<ListPage<Route>> routes(const ApiEnvelope &envelope);
    static Decoded<ListPage<RouteVersion>> versions(const ApiEnvelope &envelope);
    static Decoded<ListPage<RouteDeployment>> deployments(const ApiEnvelope &envelope);
    static Decoded<ListPage<LogEntry>> logs(const ApiEnvelope &envelope);
    static Decoded<ListPage<ProviderConfig>> providerConfigs(const ApiEnvelope &envelope);
    static Decoded<ListPage<Dataset>> datasets(const ApiEnvelope &envelope);
    static Decoded<ListPage<EvaluationType>> evaluationTypes(const ApiEnvelope &envelope);
    static Decoded<ListPage<Evaluation>> evaluations(const ApiEnvelope &envelope);

    static Decoded<Gateway> gateway(const ApiEnvelope &envelope);
    // A route under `result`, or under `route` as the rename (PATCH) answers.
    static Decoded<Route> route(const ApiEnvelope &envelope);
    static Decoded<RouteVersion> version(const ApiEnvelope &envelope);
    // A version decoded down to its graph: an unreadable graph fails the answer.
    static Decoded<Route> versionGraph(const ApiEnvelope &envelope);
    static Decoded<LogEntry> log(const ApiEnvelope &envelope);
    static Decoded<Dataset> dataset(const ApiEnvelope &envelope);
    static Decoded<Evaluation> evaluation(const ApiEnvelope &envelope);
    static Decoded<ProviderConfig> providerConfig(const ApiEnvelope &envelope);
    // A `result` that is a plain string (the gateway URL of a provider).
    static Decoded<std::string> text(const ApiEnvelope &envelope);
    // The payload as sent, for answers the app shows as JSON (log bodies) or does not read.
    static Decoded<Json> raw(const ApiEnvelope &envelope);
};

} // namespace rd
