#include "model/routectl/TraceCommand.h"

#include "model/engine/RouteTracer.h"
#include "model/routectl/EngineInput.h"
#include "model/routectl/RouteCtl.h"

#include <ostream>

namespace rd::routectl {

namespace {

Json toJson(const TraceResult &result)
{
    Json path = Json::array();
    for (const TraceResult::Step &step : result.path) {
        path.push_back(Json{{"element", step.element},
                            {"type", step.type},
                            {"output", step.output ? Json(*step.output) : Json(nullptr)},
                            {"reason", step.reason}});
    }
    Json json = Json::object();
    json["path"] = std::move(path);
    json["served"] =
        result.served ? Json{{"provider", result.served->provider}, {"model", result.served->model}} : Json(nullptr);
    json["unserved_reason"] = result.unservedReason ? Json(*result.unservedReason) : Json(nullptr);
    return json;
}

void printText(const TraceResult &result, std::ostream &out)
{
    for (const TraceResult::Step &step : result.path) {
        out << step.element << " (" << step.type << ") -> " << step.output.value_or("-") << ": " << step.reason << '\n';
    }
    if (result.served) {
        out << "served by " << result.served->provider << '/' << result.served->model << '\n';
    } else {
        out << "unserved: " << result.unservedReason.value_or(std::string()) << '\n';
    }
}

} // namespace

int traceCommand(const EngineArguments &args, std::istream &in, std::ostream &out, std::ostream &err)
{
    EngineInput input;
    if (const auto stop = input.loadRoute(args, in, err)) {
        return *stop;
    }
    if (const auto stop = input.loadContext(args, err)) {
        return *stop;
    }
    TraceOptions options;
    options.seed = args.seed;
    for (const auto &[key, rate] : args.fail) {
        options.failing.push_back(key);
    }
    options.rateUsed = args.rateUsed;
    const Decoded<TraceResult> result = RouteTracer::trace(input.route, input.context, options);
    if (!result) {
        err << "routectl: " << result.error->message << '\n';
        return kExitBadInput;
    }
    if (args.json) {
        out << toJson(*result.value).dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    } else {
        printText(*result.value, out);
    }
    if (args.expect) {
        const std::string outcome =
            result.value->served ? result.value->served->provider + "/" + result.value->served->model : "unserved";
        if (outcome != *args.expect) {
            err << "routectl: expected " << *args.expect << ", but "
                << (result.value->served ? "the request was served by " + outcome
                                         : "the request was unserved: " + result.value->unservedReason.value_or(""))
                << '\n';
            return kExitExpectFailed;
        }
    }
    return kExitOk;
}

} // namespace rd::routectl
