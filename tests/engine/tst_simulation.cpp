#include "EngineTestSupport.h"
#include "model/engine/CompiledRoute.h"
#include "model/engine/RouteRunner.h"
#include "model/engine/RouteTracer.h"
#include "model/engine/TrafficSimulator.h"

#include <gtest/gtest.h>

namespace {

using rd::test::context;
using rd::test::route;

const rd::SimulationReport::ElementCounts &element(const rd::SimulationReport &r, const std::string &id)
{
    for (const auto &e : r.elements) {
        if (e.id == id) {
            return e;
        }
    }
    ADD_FAILURE() << "no element " << id;
    static const rd::SimulationReport::ElementCounts none;
    return none;
}

std::uint64_t output(const rd::SimulationReport &r, const std::string &id, const std::string &name)
{
    for (const auto &[n, count] : element(r, id).outputs) {
        if (n == name) {
            return count;
        }
    }
    ADD_FAILURE() << "no output " << id << "." << name;
    return 0;
}

std::string model(const std::string &id, const std::string &provider, const std::string &name, int retries, int timeout,
                  const std::string &success, const std::string &fallback)
{
    return R"({"id": ")" + id + R"(", "type": "model", "properties": {"provider": ")" + provider + R"(", "model": ")" +
           name + R"(", "retries": )" + std::to_string(retries) + R"(, "timeout": )" + std::to_string(timeout) +
           R"(}, "outputs": {"success": {"elementId": ")" + success + R"("}, "fallback": {"elementId": ")" + fallback +
           R"("}}})";
}

const char *kEnd = R"({"id": "end", "type": "end", "outputs": {}})";

std::string startTo(const std::string &target)
{
    return R"({"id": "start", "type": "start", "outputs": {"next": {"elementId": ")" + target + R"("}}})";
}

std::string rate(const std::string &limitType, const std::string &limit, int window)
{
    return R"({"id": "budget", "type": "rate", "properties": {"key": "metadata.user", "limit": )" + limit +
           R"(, "limitType": ")" + limitType + R"(", "window": )" + std::to_string(window) +
           R"(}, "outputs": {"success": {"elementId": "m"}, "fallback": {"elementId": "end"}}})";
}

rd::Route rateRoute(const std::string &limitType, const std::string &limit, int window)
{
    return route(R"({"elements": [)" + startTo("budget") + "," + rate(limitType, limit, window) + "," +
                 model("m", "openai", "gpt-4o-mini", 0, 30000, "end", "end") + "," + kEnd + "]}");
}

// Runs requests of `ctx` at the given times through a fresh runner; returns how many passed the rate element.
struct RateProbe
{
    explicit RateProbe(const rd::Route &r) : route(r), compiled(route), runner(compiled, behaviour, prices) {}

    bool at(const rd::PreparedContext &ctx, double t)
    {
        rd::SplitMix64 rng(7);
        return runner.run(ctx, rng, t).servedBy >= 0;
    }

    rd::Route route;
    rd::CompiledRoute compiled;
    rd::ProviderBehaviour behaviour;
    rd::PriceTable prices = rd::PriceTable::builtIn();
    rd::RouteRunner runner;
};

TEST(EngineShares, FollowTheSharesAndTheSeed)
{
    const rd::Route r =
        route(R"({"elements": [)" + startTo("split") +
              R"(, {"id": "split", "type": "percentage", "outputs": {"60%": {"elementId": "a"},
                                    "39.5%": {"elementId": "b"}, "0.5%": {"elementId": "c"}, "0%": {"elementId": "a"}}},)" +
              model("a", "openai", "gpt-4o-mini", 0, 30000, "end", "end") + "," +
              model("b", "openai", "gpt-4o", 0, 30000, "end", "end") + "," +
              model("c", "anthropic", "claude-3-5-haiku-latest", 0, 30000, "end", "end") + "," + kEnd + "]}");
    rd::SimulationOptions options;
    options.requests = 200000;
    const rd::SimulationReport report = rd::TrafficSimulator::run(r, options);
    EXPECT_NEAR(static_cast<double>(output(report, "split", "60%")) / 200000, 0.60, 0.005);
    EXPECT_NEAR(static_cast<double>(output(report, "split", "39.5%")) / 200000, 0.395, 0.005);
    EXPECT_NEAR(static_cast<double>(output(report, "split", "0.5%")) / 200000, 0.005, 0.001);
    EXPECT_EQ(output(report, "split", "0%"), 0u);

    const rd::SimulationReport again = rd::TrafficSimulator::run(r, options);
    EXPECT_EQ(output(again, "split", "60%"), output(report, "split", "60%"));
    options.seed = 2;
    const rd::SimulationReport other = rd::TrafficSimulator::run(r, options);
    EXPECT_NE(output(other, "split", "60%"), output(report, "split", "60%"));
}

TEST(EngineRate, CountWindowsAreFixedAndAlignedToTheStart)
{
    RateProbe probe(rateRoute("count", "3", 10));
    const rd::RequestContext u1 = context(R"({"metadata": {"user": "u1"}})");
    const rd::RequestContext u2 = context(R"({"metadata": {"user": "u2"}})");
    const rd::PreparedContext a = probe.runner.prepare(u1);
    const rd::PreparedContext b = probe.runner.prepare(u2);
    EXPECT_TRUE(probe.at(a, 0));
    EXPECT_TRUE(probe.at(a, 1));
    EXPECT_TRUE(probe.at(b, 1.5)); // another key has its own bucket
    EXPECT_TRUE(probe.at(a, 9.999));
    EXPECT_FALSE(probe.at(a, 9.9999)); // the fourth in the window
    EXPECT_TRUE(probe.at(a, 10.0));    // the edge of the next window is in it
    EXPECT_TRUE(probe.at(a, 19));
    EXPECT_TRUE(probe.at(a, 19.5));
    EXPECT_FALSE(probe.at(a, 19.9));
    EXPECT_TRUE(probe.at(b, 19.9));
}

TEST(EngineRate, AMissingKeyIsOneSharedBucket)
{
    RateProbe probe(rateRoute("count", "2", 60));
    const rd::RequestContext none1 = context(R"({"metadata": {"other": 1}})");
    const rd::RequestContext none2 = context(R"({})");
    const rd::RequestContext typed = context(R"({"metadata": {"user": 3}})");
    const rd::RequestContext text = context(R"({"metadata": {"user": "3"}})");
    const auto p1 = probe.runner.prepare(none1);
    const auto p2 = probe.runner.prepare(none2);
    EXPECT_TRUE(probe.at(p1, 0));
    EXPECT_TRUE(probe.at(p2, 1));
    EXPECT_FALSE(probe.at(p1, 2));
    // 3 and "3" are different keys.
    const auto t = probe.runner.prepare(typed);
    const auto s = probe.runner.prepare(text);
    EXPECT_TRUE(probe.at(t, 3));
    EXPECT_TRUE(probe.at(t, 4));
    EXPECT_FALSE(probe.at(t, 5));
    EXPECT_TRUE(probe.at(s, 5));
}

TEST(EngineRate, CostBudgetsChargeWhatWasServed)
{
    // gpt-4o-mini at 500 tokens in and 200 out: 500 * 0.15 / 1e6 + 200 * 0.60 / 1e6 = $0.000195 a request.
    RateProbe probe(rateRoute("cost", "0.0005", 60));
    const rd::RequestContext user = context(R"({"metadata": {"user": "u"}})");
    const auto p = probe.runner.prepare(user);
    EXPECT_TRUE(probe.at(p, 0));  // 0 spent
    EXPECT_TRUE(probe.at(p, 1));  // 0.000195
    EXPECT_TRUE(probe.at(p, 2));  // 0.00039 < 0.0005: still under
    EXPECT_FALSE(probe.at(p, 3)); // 0.000585
    EXPECT_TRUE(probe.at(p, 60)); // a new window
}

TEST(EngineRate, HeldBackRequestsDoNotCountAgainstTheLimit)
{
    RateProbe probe(rateRoute("count", "2", 10));
    const auto p = probe.runner.prepare(rd::RequestContext());
    int passed = 0;
    for (int i = 0; i < 30; ++i) {
        passed += probe.at(p, i * 0.1) ? 1 : 0; // 30 requests in the first 3 seconds
    }
    EXPECT_EQ(passed, 2);
    EXPECT_TRUE(probe.at(p, 10)); // not held back by the 28 refused ones
}

TEST(EngineRate, TraceTakesWhatIsAlreadyUsed)
{
    const rd::Route r = rateRoute("count", "100", 3600);
    rd::TraceOptions options;
    options.rateUsed = {{"budget", 99}};
    auto trace = rd::RouteTracer::trace(r, context(R"({"metadata": {"user": "u"}})"), options);
    ASSERT_TRUE(trace);
    EXPECT_TRUE(trace.value->served);
    options.rateUsed = {{"budget", 100}};
    trace = rd::RouteTracer::trace(r, context(R"({"metadata": {"user": "u"}})"), options);
    ASSERT_TRUE(trace);
    EXPECT_FALSE(trace.value->served);
    EXPECT_EQ(trace.value->unservedReason, "rate-limited by budget");
    EXPECT_EQ(trace.value->path[1].output, "fallback");
    options.rateUsed = {{"m", 1}};
    EXPECT_FALSE(rd::RouteTracer::trace(r, rd::RequestContext(), options));
}

rd::Route chain(int retries, int timeout)
{
    return route(R"({"elements": [)" + startTo("a") + "," +
                 model("a", "openai", "gpt-4o-mini", retries, timeout, "end", "b") + "," +
                 model("b", "anthropic", "claude-3-5-haiku-latest", 0, 30000, "end", "end") + "," + kEnd + "]}");
}

TEST(EngineModel, RetriesThenFallback)
{
    rd::SimulationOptions options;
    options.requests = 10;
    options.behaviour.setFailureRate("openai", 1.0);
    const rd::SimulationReport report = rd::TrafficSimulator::run(chain(2, 30000), options);
    ASSERT_EQ(report.models.size(), 2u);
    EXPECT_EQ(report.models[0].attempts, 30u); // retries: 2 = three attempts each
    EXPECT_EQ(report.models[0].failures, 30u);
    EXPECT_EQ(report.models[1].served, 10u);
    EXPECT_EQ(output(report, "a", "fallback"), 10u);
    EXPECT_EQ(report.fallbacks, 10u);
    EXPECT_EQ(report.unserved, 0u);
}

TEST(EngineModel, FailureRateCompoundsOverAttempts)
{
    rd::SimulationOptions options;
    options.requests = 100000;
    options.behaviour.setFailureRate("openai/gpt-4o-mini", 0.5);
    const rd::SimulationReport report = rd::TrafficSimulator::run(chain(2, 30000), options);
    // All three attempts fail with probability 1/8.
    EXPECT_NEAR(static_cast<double>(output(report, "a", "fallback")) / 100000, 0.125, 0.005);
    // Expected attempts a request: 1 + 1/2 + 1/4.
    EXPECT_NEAR(static_cast<double>(report.models[0].attempts) / 100000, 1.75, 0.01);
}

TEST(EngineModel, TimeoutsFailAndCostTheTimeout)
{
    rd::SimulationOptions options;
    options.requests = 100;
    options.behaviour.setLatency("openai", {100, 100});
    options.behaviour.setLatency("anthropic", {40, 40});
    rd::SimulationReport report = rd::TrafficSimulator::run(chain(2, 50), options);
    EXPECT_EQ(report.models[0].failures, 300u); // every attempt runs past 50 ms
    EXPECT_EQ(report.models[1].served, 100u);
    EXPECT_EQ(report.latencyP50Ms, 3 * 50 + 40);
    report = rd::TrafficSimulator::run(chain(2, 150), options);
    EXPECT_EQ(report.models[0].served, 100u);
    EXPECT_EQ(report.latencyP95Ms, 100);
}

TEST(EngineModel, LatencyFollowsTheMedianAndNinetyFifthPercentile)
{
    rd::SimulationOptions options;
    options.requests = 200000;
    options.behaviour.setLatency("openai", {600, 1800});
    const rd::SimulationReport report = rd::TrafficSimulator::run(chain(0, 1000000), options);
    EXPECT_NEAR(report.latencyP50Ms, 600, 600 * 0.02);
    EXPECT_NEAR(report.latencyP95Ms, 1800, 1800 * 0.02);
}

TEST(EngineCost, TokensTimesPricesAndUnpricedModelsApart)
{
    rd::SimulationOptions options;
    options.requests = 4;
    options.mix = {{context(R"({"tokens_in": 1000000, "tokens_out": 1000000})"), 1}};
    rd::SimulationReport report = rd::TrafficSimulator::run(chain(0, 30000), options);
    EXPECT_DOUBLE_EQ(report.costUsd, 4 * (0.15 + 0.60));
    EXPECT_EQ(report.unpriced, 0u);

    // Two models answer on the way: both cost, the last one serves.
    const rd::Route both =
        route(R"({"elements": [)" + startTo("a") + "," + model("a", "openai", "gpt-4o-mini", 0, 30000, "b", "end") +
              "," + model("b", "acme", "secret-model", 0, 30000, "end", "end") + "," + kEnd + "]}");
    report = rd::TrafficSimulator::run(both, options);
    EXPECT_DOUBLE_EQ(report.costUsd, 4 * (0.15 + 0.60)); // acme is unpriced: not $0, counted apart
    EXPECT_EQ(report.unpriced, 4u);
    EXPECT_EQ(report.models[1].served, 4u);

    // A price file replaces what it names and keeps the rest.
    const auto table = rd::PriceTable::fromJson(
        rd::test::json(R"({"date": "2026-12-01", "prices": {"acme/secret-model": {"input": 1, "output": 2}}})"));
    ASSERT_TRUE(table);
    options.prices = *table.value;
    report = rd::TrafficSimulator::run(both, options);
    EXPECT_DOUBLE_EQ(report.costUsd, 4 * (0.15 + 0.60 + 3));
    EXPECT_EQ(report.unpriced, 0u);
    EXPECT_EQ(table.value->date(), "2026-12-01");
    EXPECT_FALSE(rd::PriceTable::fromJson(rd::test::json(R"({"prices": {"nomodel": {"input": 1, "output": 1}}})")));
    EXPECT_FALSE(rd::PriceTable::fromJson(rd::test::json(R"({"prices": {"a/b": {"input": -1, "output": 1}}})")));
}

TEST(EngineWalk, BrokenRoutesEndWithAReasonNeverHang)
{
    rd::SimulationOptions options;
    options.requests = 5;
    // A cycle: the API would refuse it, the engine must still stop.
    rd::Route loop = route(R"({"elements": [)" + startTo("c") + R"(, {"id": "c", "type": "conditional",
        "properties": {"conditions": {"metadata.x": 1}}, "outputs": {"true": {"elementId": "end"},
        "false": {"elementId": "d"}}}, {"id": "d", "type": "conditional", "properties": {"conditions": {"metadata.x": 1}},
        "outputs": {"true": {"elementId": "end"}, "false": {"elementId": "c"}}},)" +
                           kEnd + "]}");
    rd::SimulationReport report = rd::TrafficSimulator::run(loop, options);
    EXPECT_EQ(report.unserved, 5u);
    ASSERT_EQ(report.unservedReasons.size(), 1u);
    EXPECT_EQ(report.unservedReasons[0].first, "more steps than the route has elements (a cycle)");

    rd::Route dangling = route(R"({"elements": [)" + startTo("a") + "," +
                               model("a", "openai", "gpt-4o-mini", 0, 30000, "gone", "end") + "," + kEnd + "]}");
    report = rd::TrafficSimulator::run(dangling, options);
    ASSERT_EQ(report.unservedReasons.size(), 1u);
    EXPECT_EQ(report.unservedReasons[0].first, R"(output "success" of a leads to "gone", which does not exist)");

    rd::Route noStart = route(R"({"elements": [)" + std::string(kEnd) + "]}");
    report = rd::TrafficSimulator::run(noStart, options);
    EXPECT_EQ(report.unservedReasons.at(0).first, "the route has no start element");

    rd::Route unknown = route(R"({"elements": [)" + startTo("x") +
                              R"(, {"id": "x", "type": "teleport", "outputs": {}},)" + kEnd + "]}");
    report = rd::TrafficSimulator::run(unknown, options);
    EXPECT_EQ(report.unservedReasons.at(0).first, "x has a type the engine does not know");

    // Found by fuzz-route-engine: a model answered, then the walk stopped at an element it could not pass. The
    // request never reached end, so it is unserved, not served by that model (nor lost from both counts).
    rd::Route stuckAfterAnswer =
        route(R"({"elements": [)" + startTo("a") + "," + model("a", "openai", "gpt-4o-mini", 0, 30000, "x", "end") +
              R"(, {"id": "x", "type": "teleport", "outputs": {}},)" + kEnd + "]}");
    report = rd::TrafficSimulator::run(stuckAfterAnswer, options);
    EXPECT_EQ(report.unserved, 5u);
    EXPECT_EQ(report.models.at(0).served, 0u);
    const auto stuckTrace = rd::RouteTracer::trace(stuckAfterAnswer, rd::RequestContext(), {});
    ASSERT_TRUE(stuckTrace);
    EXPECT_FALSE(stuckTrace.value->served);
    EXPECT_EQ(stuckTrace.value->unservedReason, "x has a type the engine does not know");
    rd::Route noShareAfterAnswer =
        route(R"({"elements": [)" + startTo("a") + "," + model("a", "openai", "gpt-4o-mini", 0, 30000, "p", "end") +
              R"(, {"id": "p", "type": "percentage", "outputs": {"x": {"elementId": "end"}}},)" + kEnd + "]}");
    report = rd::TrafficSimulator::run(noShareAfterAnswer, options);
    EXPECT_EQ(report.unserved, 5u);
    EXPECT_EQ(report.unservedReasons.at(0).first, "p has no valid share to draw");

    rd::Route straight = route(R"({"elements": [)" + startTo("end") + "," + kEnd + "]}");
    report = rd::TrafficSimulator::run(straight, options);
    EXPECT_EQ(report.unservedReasons.at(0).first, "no model on the path");
}

TEST(EngineWalk, CountsAddUp)
{
    const rd::Route demo =
        route(R"({"elements": [)" + startTo("c") + R"(, {"id": "c", "type": "conditional",
        "properties": {"conditions": {"metadata.plan": {"$eq": "free"}}}, "outputs": {"true": {"elementId": "budget"},
        "false": {"elementId": "a"}}},)" +
              rate("count", "5", 60) + "," + model("m", "openai", "gpt-4o-mini", 1, 30000, "end", "a") + "," +
              model("a", "anthropic", "claude-3-5-haiku-latest", 1, 30000, "end", "end") + "," + kEnd + "]}");
    rd::SimulationOptions options;
    options.requests = 5000;
    options.mix = {{context(R"({"metadata": {"plan": "free", "user": "1"}})"), 3},
                   {context(R"({"metadata": {"plan": "pro"}})"), 1}};
    options.behaviour.setFailureRate("openai", 0.3);
    options.behaviour.setFailureRate("anthropic", 0.2);
    const rd::SimulationReport report = rd::TrafficSimulator::run(demo, options);
    std::uint64_t served = 0;
    for (const auto &m : report.models) {
        served += m.served;
        EXPECT_LE(m.failures, m.attempts);
    }
    EXPECT_EQ(served + report.unserved, report.requests);
    for (const auto &e : report.elements) {
        std::uint64_t out = 0;
        for (const auto &[name, count] : e.outputs) {
            out += count;
        }
        EXPECT_EQ(e.type == "end" ? e.entered : out, e.entered) << e.id;
    }
    EXPECT_EQ(element(report, "end").entered, report.requests);
    std::uint64_t reasons = 0;
    for (const auto &[reason, count] : report.unservedReasons) {
        reasons += count;
    }
    EXPECT_EQ(reasons, report.unserved);
    EXPECT_EQ(report.rateLimited, output(report, "budget", "fallback"));
}

TEST(EngineWalk, ATraceIsTheFirstRequestOfASimulation)
{
    const rd::Route r = route(R"({"elements": [)" + startTo("split") +
                              R"(, {"id": "split", "type": "percentage", "outputs": {"50%": {"elementId": "a"},
                                    "50%x": {"elementId": "a"}, "50.0%": {"elementId": "b"}}},)" +
                              model("a", "openai", "gpt-4o-mini", 0, 30000, "end", "end") + "," +
                              model("b", "openai", "gpt-4o", 0, 30000, "end", "end") + "," + kEnd + "]}");
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        rd::TraceOptions traceOptions;
        traceOptions.seed = seed;
        const auto trace = rd::RouteTracer::trace(r, rd::RequestContext(), traceOptions);
        ASSERT_TRUE(trace);
        rd::SimulationOptions simOptions;
        simOptions.requests = 1;
        simOptions.seed = seed;
        const rd::SimulationReport report = rd::TrafficSimulator::run(r, simOptions);
        ASSERT_TRUE(trace.value->served);
        EXPECT_EQ(report.models[trace.value->served->model == "gpt-4o" ? 1 : 0].served, 1u) << seed;
        EXPECT_EQ(trace.value->path[1].output, output(report, "split", "50%") == 1 ? "50%" : "50.0%");
    }
}

TEST(EngineTrace, StepsSayWhy)
{
    const rd::Route r = chain(1, 30000);
    rd::TraceOptions options;
    options.failing = {"openai/gpt-4o-mini"};
    const auto trace = rd::RouteTracer::trace(r, rd::RequestContext(), options);
    ASSERT_TRUE(trace);
    ASSERT_EQ(trace.value->path.size(), 4u);
    EXPECT_EQ(trace.value->path[1].element, "a");
    EXPECT_EQ(trace.value->path[1].output, "fallback");
    EXPECT_EQ(trace.value->path[1].reason, "openai/gpt-4o-mini failed all 2 attempts");
    EXPECT_EQ(trace.value->path[2].reason, "anthropic/claude-3-5-haiku-latest answered on attempt 1 of 1");
    EXPECT_FALSE(trace.value->path[3].output);
    EXPECT_EQ(trace.value->served->provider, "anthropic");
    options.failing = {"openai", "anthropic"};
    const auto none = rd::RouteTracer::trace(r, rd::RequestContext(), options);
    EXPECT_EQ(none.value->unservedReason, "every model failed (last: b)");
}

} // namespace
