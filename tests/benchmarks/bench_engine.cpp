#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/Validator.h"
#include "model/engine/RouteTracer.h"
#include "model/engine/TrafficSimulator.h"
#include "tests/support/RouteGenerator.h"

#include <benchmark/benchmark.h>
#include <string>

// The route engine: a simulation of the demo route the app ships, and a trace through a large route.

namespace {

rd::Route demoRoute()
{
    const auto json = rd::JsonText::readFile(RD_DEMO_ROUTE);
    if (!json) {
        return {};
    }
    auto route = rd::RouteCodec::decodeRoute(*json.value);
    return route ? *route.value : rd::Route();
}

rd::RequestContext context(const std::string &text)
{
    const auto json = rd::JsonText::parse(text);
    auto ctx = rd::RequestContext::fromJson(*json.value);
    return ctx ? *ctx.value : rd::RequestContext();
}

// The issue's figure: 1M requests through the demo route, a 4-entry mix, 5 % failures per provider, seed 1,
// percentiles included, one thread.
void BM_SimulateDemo(benchmark::State &state)
{
    const rd::Route route = demoRoute();
    if (route.empty() || !rd::Validator::validate(route).empty()) {
        state.SkipWithError("the demo route does not load cleanly");
        return;
    }
    rd::SimulationOptions options;
    options.requests = static_cast<std::uint64_t>(state.range(0));
    options.seed = 1;
    options.mix = {{context(R"({"metadata": {"plan": "free", "user_id": "u-1"}})"), 4},
                   {context(R"({"metadata": {"plan": "free", "user_id": "u-2"}, "tokens_in": 1200,
                                "tokens_out": 400})"),
                    2},
                   {context(R"({"metadata": {"plan": "pro", "user_id": "u-3"}})"), 3},
                   {context(R"({"metadata": {"plan": "enterprise"}, "tokens_in": 3000})"), 1}};
    for (const char *provider : {"workers-ai", "openai", "anthropic", "google-ai-studio"}) {
        options.behaviour.setFailureRate(provider, 0.05);
    }
    std::uint64_t served = 0;
    for (auto _ : state) {
        // Not const: DoNotOptimize wants an lvalue it may change (Debian 13's benchmark deprecates the const one).
        rd::SimulationReport report = rd::TrafficSimulator::run(route, options);
        served = report.requests - report.unserved;
        benchmark::DoNotOptimize(report.latencyP95Ms);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.counters["served"] = static_cast<double>(served);
}
BENCHMARK(BM_SimulateDemo)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMillisecond);

// One request through a route of n elements, everything included: flattening the route, deciding its
// conditions for the request, the walk and the reason for every step.
void BM_Trace(benchmark::State &state)
{
    const rd::Route route = rd::test::makeSyntheticRoute(static_cast<std::size_t>(state.range(0)), 42);
    const rd::RequestContext ctx = context(R"({"metadata": {"plan": "pro", "user_id": "u-3", "tier": 2}})");
    rd::TraceOptions options;
    std::size_t steps = 0;
    for (auto _ : state) {
        const auto trace = rd::RouteTracer::trace(route, ctx, options);
        steps = trace.value->path.size();
        benchmark::DoNotOptimize(steps);
    }
    state.counters["steps"] = static_cast<double>(steps);
}
BENCHMARK(BM_Trace)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
