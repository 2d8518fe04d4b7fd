// The engine's parts the app builds on: the fields and models a route uses, the mix format, the search for the
// path that ends at a given model, and a simulation's progress and cancel.
#include "EngineTestSupport.h"
#include "model/engine/RequestMix.h"
#include "model/engine/RouteFields.h"
#include "model/engine/TraceSearch.h"
#include "model/engine/TrafficSimulator.h"

#include <gtest/gtest.h>

namespace {

using rd::test::context;
using rd::test::route;

// plan_check: metadata.plan == "free" → rate on metadata.user → cheap; else a 60/40 split of two models, the
// first falling back to the second. `$and`/`$not` nest a header test, which paths() must find too.
const char *kRoute = R"({"name": "r", "elements": [
  {"id": "start", "type": "start", "outputs": {"next": {"elementId": "plan_check"}}},
  {"id": "plan_check", "type": "conditional",
   "properties": {"conditions": {"$and": [{"metadata.plan": {"$eq": "free"}},
                                          {"$not": {"headers.x-test": {"$eq": "1"}}}]}},
   "outputs": {"true": {"elementId": "budget"}, "false": {"elementId": "split"}}},
  {"id": "budget", "type": "rate", "properties": {"key": "metadata.user", "limit": 10, "limitType": "count",
   "window": 60}, "outputs": {"success": {"elementId": "cheap"}, "fallback": {"elementId": "end"}}},
  {"id": "cheap", "type": "model", "properties": {"provider": "workers-ai", "model": "@cf/meta/llama",
   "retries": 0, "timeout": 1000}, "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "end"}}},
  {"id": "split", "type": "percentage", "outputs": {"60%": {"elementId": "first"}, "40%": {"elementId": "second"}}},
  {"id": "first", "type": "model", "properties": {"provider": "openai", "model": "gpt-4o-mini", "retries": 0,
   "timeout": 1000}, "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "second"}}},
  {"id": "second", "type": "model", "properties": {"provider": "anthropic", "model": "claude-3-5-haiku",
   "retries": 0, "timeout": 1000}, "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "end"}}},
  {"id": "end", "type": "end", "outputs": {}}
]})";

TEST(RouteFields, PathsIncludeNestedConditionsAndRateKeys)
{
    const rd::Route r = route(kRoute);
    EXPECT_EQ(rd::RouteFields::paths(r),
              (std::vector<std::string>{"headers.x-test", "metadata.plan", "metadata.user"}));
    EXPECT_EQ(rd::RouteFields::metadataKeys(r), (std::vector<std::string>{"plan", "user"}));
    EXPECT_EQ(
        rd::RouteFields::modelKeys(r),
        (std::vector<std::string>{"anthropic/claude-3-5-haiku", "openai/gpt-4o-mini", "workers-ai/@cf/meta/llama"}));
}

TEST(RequestMix, ReadsWeightsAndSaysWhichLineIsWrong)
{
    const auto mix = rd::RequestMix::parse("{\"weight\": 3, \"metadata\": {\"plan\": \"free\"}}\n\n"
                                           "{\"metadata\": {\"plan\": \"pro\"}}\r\n");
    ASSERT_TRUE(mix) << mix.error->toString();
    ASSERT_EQ(mix.value->size(), 2U);
    EXPECT_EQ((*mix.value)[0].weight, 3);
    EXPECT_EQ((*mix.value)[1].weight, 1);
    EXPECT_EQ((*mix.value)[1].context.metadata["plan"], "pro");

    const auto bad = rd::RequestMix::parse("{\"metadata\": {}}\n{\"metdata\": {}}\n");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error->toString().find("line 2"), std::string::npos) << bad.error->toString();

    const auto negative = rd::RequestMix::parse("{\"weight\": -1}");
    ASSERT_FALSE(negative);
    EXPECT_NE(negative.error->toString().find("weight"), std::string::npos);

    EXPECT_FALSE(rd::RequestMix::parse("{\"weight\": 0}"));
    EXPECT_FALSE(rd::RequestMix::parse("  \n"));

    // A log's metadata as a line reads back as the same request.
    const auto line = rd::RequestMix::parseLine(rd::RequestMix::lineFor(rd::test::json(R"({"plan": "pro", "n": 2})")));
    ASSERT_TRUE(line);
    EXPECT_EQ(line.value->context.metadata, rd::test::json(R"({"plan": "pro", "n": 2})"));
}

TEST(TraceSearch, FindsTheDrawAndTheFailuresThatEndAtAModel)
{
    const rd::Route r = route(kRoute);
    const rd::RequestContext pro = context(R"({"metadata": {"plan": "pro"}})");

    // anthropic serves either by the split's draw or as openai's fallback: some seed finds it, and the trace it
    // returns is really served by it with the options it names.
    const auto second = rd::TraceSearch::find(r, pro, "anthropic", "claude-3-5-haiku");
    ASSERT_TRUE(second);
    ASSERT_TRUE(second->result.served);
    EXPECT_EQ(second->result.served->provider, "anthropic");
    rd::TraceOptions again;
    again.seed = second->seed;
    again.failing = second->failing;
    const auto retraced = rd::RouteTracer::trace(r, pro, again);
    ASSERT_TRUE(retraced);
    EXPECT_EQ(retraced.value->served->model, "claude-3-5-haiku");

    // Free requests only reach the cheap model: the others are nowhere on their path.
    const rd::RequestContext free = context(R"({"metadata": {"plan": "free", "user": "u1"}})");
    EXPECT_TRUE(rd::TraceSearch::find(r, free, "workers-ai", "@cf/meta/llama"));
    EXPECT_FALSE(rd::TraceSearch::find(r, free, "openai", "gpt-4o-mini"));
    EXPECT_FALSE(rd::TraceSearch::find(r, pro, "workers-ai", "@cf/meta/llama"));
}

TEST(TraceSearch, FindsAFallbackOnlyByFailingTheModelBeforeIt)
{
    // No split: openai always comes first, so anthropic serves only when openai fails.
    const rd::Route r = route(R"({"name": "f", "elements": [
      {"id": "start", "type": "start", "outputs": {"next": {"elementId": "first"}}},
      {"id": "first", "type": "model", "properties": {"provider": "openai", "model": "gpt-4o-mini", "retries": 1,
       "timeout": 1000}, "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "second"}}},
      {"id": "second", "type": "model", "properties": {"provider": "anthropic", "model": "claude-3-5-haiku",
       "retries": 0, "timeout": 1000}, "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "end"}}},
      {"id": "end", "type": "end", "outputs": {}}]})");
    const auto match = rd::TraceSearch::find(r, rd::RequestContext{}, "anthropic", "claude-3-5-haiku");
    ASSERT_TRUE(match);
    EXPECT_EQ(match->seed, 1U);
    EXPECT_EQ(match->failing, (std::vector<std::string>{"openai/gpt-4o-mini"}));
}

TEST(TrafficSimulator, ProgressReportsAndCancelStopsEarly)
{
    const rd::Route r = route(kRoute);
    rd::SimulationOptions options;
    options.requests = 5 * rd::SimulationOptions::kProgressStep;
    std::vector<std::uint64_t> seen;
    options.progress = [&](std::uint64_t done) {
        seen.push_back(done);
        return true;
    };
    const rd::SimulationReport whole = rd::TrafficSimulator::run(r, options);
    EXPECT_FALSE(whole.cancelled);
    EXPECT_EQ(whole.requests, options.requests);
    EXPECT_EQ(seen, (std::vector<std::uint64_t>{
                        rd::SimulationOptions::kProgressStep, 2 * rd::SimulationOptions::kProgressStep,
                        3 * rd::SimulationOptions::kProgressStep, 4 * rd::SimulationOptions::kProgressStep}));

    options.progress = [](std::uint64_t done) {
        return done < 2 * rd::SimulationOptions::kProgressStep;
    };
    const rd::SimulationReport cut = rd::TrafficSimulator::run(r, options);
    EXPECT_TRUE(cut.cancelled);
    EXPECT_EQ(cut.requests, 2 * rd::SimulationOptions::kProgressStep);
    std::uint64_t entered = 0;
    for (const auto &e : cut.elements) {
        if (e.id == "start") {
            entered = e.entered;
        }
    }
    EXPECT_EQ(entered, cut.requests); // the counts cover exactly the requests run

    // The same requests uncancelled give the same figures: a cancel loses nothing it reports.
    rd::SimulationOptions shorter = options;
    shorter.progress = nullptr;
    shorter.requests = cut.requests;
    const rd::SimulationReport same = rd::TrafficSimulator::run(r, shorter);
    EXPECT_EQ(same.unserved, cut.unserved);
    EXPECT_EQ(same.latencyP95Ms, cut.latencyP95Ms);
    EXPECT_DOUBLE_EQ(same.costUsd, cut.costUsd);
}

} // namespace
