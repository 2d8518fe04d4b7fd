// Replaying logged requests through a route: each log's path is the one that ends at the model that served it,
// so the branch shares drawn on the canvas follow what happened, and logs the route cannot explain stay apart.
#include "EngineTestSupport.h"
#include "model/engine/LogReplay.h"

#include <gtest/gtest.h>

namespace {

using rd::LogReplay;
using rd::test::json;
using rd::test::route;

// plan_check: free → cheap; else a 60/40 split of `first` (falling back to `second`) and `second`.
// `second` also serves as the free plan's fallback: one model on two cards' ways.
const char *kRoute = R"({"name": "r", "elements": [
  {"id": "start", "type": "start", "outputs": {"next": {"elementId": "plan_check"}}},
  {"id": "plan_check", "type": "conditional", "properties": {"conditions": {"metadata.plan": {"$eq": "free"}}},
   "outputs": {"true": {"elementId": "cheap"}, "false": {"elementId": "split"}}},
  {"id": "cheap", "type": "model", "properties": {"provider": "workers-ai", "model": "@cf/meta/llama",
   "retries": 0, "timeout": 1000}, "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "end"}}},
  {"id": "split", "type": "percentage", "outputs": {"60%": {"elementId": "first"}, "40%": {"elementId": "second"}}},
  {"id": "first", "type": "model", "properties": {"provider": "openai", "model": "gpt-4o-mini", "retries": 0,
   "timeout": 1000}, "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "second"}}},
  {"id": "second", "type": "model", "properties": {"provider": "anthropic", "model": "claude-3-5-haiku",
   "retries": 0, "timeout": 1000}, "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "end"}}},
  {"id": "end", "type": "end", "outputs": {}}
]})";

LogReplay::Log log(const char *metadata, const char *provider, const char *model, double cost = 0, double ms = 0)
{
    LogReplay::Log l;
    l.metadata = json(metadata);
    l.provider = provider;
    l.model = model;
    l.success = std::string(provider) != "unknown";
    if (cost > 0) {
        l.costUsd = cost;
    }
    if (ms > 0) {
        l.durationMs = ms;
    }
    return l;
}

TEST(LogReplay, AttributesEachLogByTheModelThatServedIt)
{
    const rd::Route r = route(kRoute);
    std::vector<LogReplay::Log> logs;
    for (int i = 0; i < 3; ++i) {
        logs.push_back(log(R"({"plan": "free"})", "workers-ai", "@cf/meta/llama", 0.001, 100 + i));
    }
    for (int i = 0; i < 6; ++i) {
        logs.push_back(log(R"({"plan": "pro"})", "openai", "gpt-4o-mini", 0.01, 200 + 10 * i));
    }
    // Served by the 40 % side, whatever the random draw with seed 1 would have been.
    logs.push_back(log(R"({"plan": "pro"})", "anthropic", "claude-3-5-haiku", 0.02, 900));
    const LogReplay::Result result = LogReplay::replay(r, logs);

    EXPECT_EQ(result.logs, 10);
    EXPECT_EQ(result.unexplained, 0);
    EXPECT_EQ(result.unserved, 0);
    EXPECT_EQ(result.entered.at("start"), 10);
    EXPECT_EQ(result.entered.at("split"), 7);
    EXPECT_EQ(result.wires.at({"plan_check", "true"}), 3);
    EXPECT_EQ(result.wires.at({"plan_check", "false"}), 7);
    EXPECT_EQ(result.wires.at({"first", "success"}), 6);
    // The anthropic log went 40 % directly or through first's fallback: either way second served it.
    EXPECT_EQ(result.cards.at("second").logs, 1);
    EXPECT_EQ(result.cards.at("first").logs, 6);
    EXPECT_EQ(result.cards.at("cheap").logs, 3);
    EXPECT_DOUBLE_EQ(result.wireShare("plan_check", "true"), 0.3);
    EXPECT_DOUBLE_EQ(result.wireShare("nothing", "x"), 0);

    const LogReplay::CardFigures &first = result.cards.at("first");
    EXPECT_EQ(first.costed, 6);
    EXPECT_NEAR(first.costUsd, 0.06, 1e-12);
    // 200..250: nearest-rank p50 of six values is the third, p95 the sixth.
    EXPECT_EQ(first.percentileMs(0.5).value_or(-1), 220);
    EXPECT_EQ(first.percentileMs(0.95).value_or(-1), 250);
    EXPECT_FALSE(LogReplay::CardFigures{}.percentileMs(0.95));
}

TEST(LogReplay, KeepsLogsTheRouteCannotExplainApart)
{
    const rd::Route r = route(kRoute);
    const std::vector<LogReplay::Log> logs{
        // A free-plan request can only reach `cheap`: served by openai it came from elsewhere.
        log(R"({"plan": "free"})", "openai", "gpt-4o-mini"),
        // A model this route does not call at all.
        log(R"({})", "mistral", "mistral-small"),
        log(R"({"plan": "pro"})", "openai", "gpt-4o-mini"),
    };
    const LogReplay::Result result = LogReplay::replay(r, logs);
    EXPECT_EQ(result.logs, 3);
    EXPECT_EQ(result.unexplained, 2);
    EXPECT_EQ(result.replayed(), 1);
    EXPECT_EQ(result.unexplainedByModel.at("openai/gpt-4o-mini"), 1);
    EXPECT_EQ(result.unexplainedByModel.at("mistral/mistral-small"), 1);
    EXPECT_EQ(result.entered.at("start"), 1);
    EXPECT_DOUBLE_EQ(result.wireShare("plan_check", "false"), 1.0);
}

TEST(LogReplay, UnservedLogsFollowTheFallbacksToTheEnd)
{
    const rd::Route r = route(kRoute);
    const LogReplay::Result result =
        LogReplay::replay(r, {log(R"({"plan": "pro"})", "unknown", "dynamic/r"), log(R"({})", "", "dynamic/r")});
    EXPECT_EQ(result.unserved, 2);
    EXPECT_EQ(result.unexplained, 0);
    EXPECT_TRUE(result.cards.empty());
    EXPECT_EQ(result.entered.at("end"), 2);
    EXPECT_EQ(result.wires.count({"first", "success"}), 0u);
}

TEST(LogReplay, CardsByModelListsEveryCardOfAModel)
{
    const rd::Route r = route(R"({"name": "r", "elements": [
      {"id": "start", "type": "start", "outputs": {"next": {"elementId": "a"}}},
      {"id": "a", "type": "model", "properties": {"provider": "openai", "model": "m"},
       "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "b"}}},
      {"id": "b", "type": "model", "properties": {"provider": "openai", "model": "m"},
       "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "end"}}},
      {"id": "end", "type": "end", "outputs": {}}]})");
    const auto cards = LogReplay::cardsByModel(r);
    ASSERT_EQ(cards.size(), 1u);
    EXPECT_EQ(cards.at("openai/m"), (std::vector<std::string>{"a", "b"}));
}

} // namespace
