// Route engine: a route document and, after the first NUL byte, a request context (JSON). The route is traced
// and simulated whatever it holds (cycles, dangling outputs, unknown types, nonsense properties: the engine
// runs routes that validation would refuse, because the editor traces drafts), and the results are checked
// against what must hold: the walk ends, every request is served or unserved with a reason, and the counts
// add up per element, per model and overall.

#include "FuzzCheck.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/engine/RouteTracer.h"
#include "model/engine/TrafficSimulator.h"

#include <string>

using namespace rd;

namespace {

std::uint64_t hashOf(std::string_view text)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : text) {
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return h;
}

void checkTrace(const Route &route, const TraceResult &trace)
{
    if (trace.path.size() > route.size() + 1) {
        fuzz::fail("a trace takes at most one step per element, plus the one that ends it",
                   std::to_string(trace.path.size()) + " steps for " + std::to_string(route.size()) + " elements");
    }
    if (trace.served.has_value() == trace.unservedReason.has_value()) {
        fuzz::fail("a trace is either served or unserved with a reason");
    }
    if (trace.unservedReason && trace.unservedReason->empty()) {
        fuzz::fail("an unserved trace says why");
    }
    if (!(trace.latencyMs >= 0) || !(trace.costUsd >= 0)) {
        fuzz::fail("latency and cost are never negative or NaN");
    }
}

void checkReport(const SimulationReport &r)
{
    std::uint64_t served = 0;
    for (const auto &m : r.models) {
        served += m.served;
        if (m.failures > m.attempts) {
            fuzz::fail("a model fails at most as often as it is tried", m.key);
        }
    }
    if (served + r.unserved != r.requests) {
        fuzz::fail("every request is served or unserved",
                   std::to_string(served) + " + " + std::to_string(r.unserved) + " != " + std::to_string(r.requests));
    }
    std::uint64_t reasons = 0;
    for (const auto &[reason, count] : r.unservedReasons) {
        reasons += count;
        if (reason.empty() || count == 0) {
            fuzz::fail("each unserved reason is a sentence with a count");
        }
    }
    if (reasons != r.unserved) {
        fuzz::fail("the unserved reasons add up to the unserved requests");
    }
    for (const auto &e : r.elements) {
        std::uint64_t out = 0;
        for (const auto &[name, count] : e.outputs) {
            out += count;
        }
        // A request leaves every element it enters by one output, except where it stops: at an end, or at an
        // element it cannot leave (unknown type, a percentage without shares), which stops every request.
        if (out != e.entered && out != 0) {
            fuzz::fail("an element sends on every request it takes in, or stops them all", e.id);
        }
        if (out == 0 && e.entered > 0 &&
            (e.type == "start" || e.type == "conditional" || e.type == "rate" || e.type == "model")) {
            fuzz::fail("an element with fixed outputs always takes one of them", e.id);
        }
    }
    if (!(r.costUsd >= 0) || r.latencyP50Ms < 0 || r.latencyP95Ms < r.latencyP50Ms) {
        fuzz::fail("cost is not negative, p95 is at least p50");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input = fuzz::textOf(data, size);
    const std::size_t nul = input.find('\0');
    const Decoded<Json> json = JsonText::parse(input.substr(0, nul));
    if (!json) {
        return 0;
    }
    Decoded<RouteFileContent> doc = RouteCodec::decodeDocument(*json.value);
    if (!doc || doc.value->routes.empty()) {
        return 0;
    }
    const Route &route = doc.value->routes.front();
    RequestContext context;
    if (nul != std::string_view::npos) {
        if (const Decoded<Json> ctxJson = JsonText::parse(input.substr(nul + 1))) {
            if (Decoded<RequestContext> ctx = RequestContext::fromJson(*ctxJson.value)) {
                context = std::move(*ctx.value);
            }
        }
    }
    const std::uint64_t seed = hashOf(input);

    TraceOptions traceOptions;
    traceOptions.seed = seed;
    if (seed & 1) {
        traceOptions.failing = {"openai"};
    }
    const Decoded<TraceResult> trace = RouteTracer::trace(route, context, traceOptions);
    if (!trace) {
        fuzz::fail("a trace without rate-used entries always runs");
    }
    checkTrace(route, *trace.value);

    SimulationOptions options;
    options.requests = 64;
    options.seed = seed;
    options.mix = {{context, 3}, {RequestContext(), 1}};
    options.behaviour.setFailureRate("openai", 0.3);
    options.behaviour.setFailureRate("anthropic", static_cast<double>(seed % 5) / 4.0);
    options.behaviour.setLatency("workers-ai", {50, 5000});
    options.requestsPerSecond = 1 + static_cast<double>(seed % 100);
    const SimulationReport report = TrafficSimulator::run(route, options);
    checkReport(report);
    // Same options, same report: nothing in the engine may depend on the address space or the clock.
    const SimulationReport again = TrafficSimulator::run(route, options);
    if (again.costUsd != report.costUsd || again.unserved != report.unserved ||
        again.latencyP95Ms != report.latencyP95Ms) {
        fuzz::fail("a simulation is deterministic for its seed");
    }
    return 0;
}
