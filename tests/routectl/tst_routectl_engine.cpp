#include "model/JsonText.h"
#include "model/routectl/RouteCtl.h"
#include "tests/routectl/RoutectlRun.h"

#include <gtest/gtest.h>
#include <regex>

// `routectl trace` and `routectl simulate`, run in-process on the demo route the app ships.

namespace {

using rd::routectl::kExitBadInput;
using rd::routectl::kExitExpectFailed;
using rd::routectl::kExitFindings;
using rd::routectl::kExitOk;
using rd::test::contains;
using rd::test::Outcome;
using rd::test::routectl;
using rd::test::TempDir;

const std::string kDemo = RD_DEMO_ROUTE;

std::string fixture(const std::string &name)
{
    return std::string(RD_FIXTURES_DIR) + "/routectl/" + name;
}

nlohmann::json parsed(const std::string &text)
{
    return nlohmann::json::parse(text);
}

TEST(routectl_trace, textHasALinePerStepAndTheOutcome)
{
    const Outcome o = routectl({"trace", kDemo, "--metadata", "plan=free", "--metadata", "user_id=u-7"});
    EXPECT_EQ(o.code, kExitOk) << o.err;
    EXPECT_EQ(o.out, "start (start) -> next: the request enters the route\n"
                     "plan_check (conditional) -> true: metadata.plan $eq \"free\" is true (value \"free\")\n"
                     "free_rate_limit (rate) -> success: metadata.user_id = \"u-7\": 0 of 100 requests used in this "
                     "window\n"
                     "llama_8b (model) -> success: workers-ai/@cf/meta/llama-3.1-8b-instruct answered on attempt 1 "
                     "of 3\n"
                     "end (end) -> -: returns the answer of workers-ai/@cf/meta/llama-3.1-8b-instruct\n"
                     "served by workers-ai/@cf/meta/llama-3.1-8b-instruct\n");
    EXPECT_EQ(o.err, "");
}

TEST(routectl_trace, jsonHasThePathAndServedOrTheReason)
{
    Outcome o = routectl({"trace", kDemo, "--metadata", "plan=pro", "--json"});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    nlohmann::json j = parsed(o.out);
    ASSERT_TRUE(j["path"].is_array());
    EXPECT_EQ(
        j["path"][0],
        (nlohmann::json{
            {"element", "start"}, {"type", "start"}, {"output", "next"}, {"reason", "the request enters the route"}}));
    EXPECT_EQ(j["path"][2]["type"], "percentage");
    EXPECT_TRUE(j["path"].back()["output"].is_null());
    EXPECT_EQ(j["path"].back()["element"], "end");
    EXPECT_TRUE(j["served"].is_object());
    EXPECT_TRUE(j["unserved_reason"].is_null());

    o = routectl({"trace", kDemo, "--metadata", "plan=free", "--rate-used", "free_rate_limit=100", "--json"});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    j = parsed(o.out);
    EXPECT_TRUE(j["served"].is_null());
    EXPECT_EQ(j["unserved_reason"], "rate-limited by free_rate_limit");
    EXPECT_EQ(j["path"][2]["output"], "fallback");
}

TEST(routectl_trace, failedModelsTakeTheirFallback)
{
    const Outcome o = routectl({"trace", kDemo, "--metadata", "plan=pro", "--fail", "openai", "--fail",
                                "anthropic/claude-3-5-haiku-latest", "--expect", "google-ai-studio/gemini-1.5-flash"});
    EXPECT_EQ(o.code, kExitOk) << o.out << o.err;
    EXPECT_TRUE(contains(o.out, "-> fallback: ")) << o.out;
    EXPECT_TRUE(contains(o.out, "served by google-ai-studio/gemini-1.5-flash\n"));

    const Outcome all = routectl({"trace", kDemo, "--metadata", "plan=pro", "--fail", "openai", "--fail", "anthropic",
                                  "--fail", "google-ai-studio", "--expect", "unserved"});
    EXPECT_EQ(all.code, kExitOk) << all.err;
    EXPECT_TRUE(contains(all.out, "unserved: every model failed (last: gemini_flash)\n")) << all.out;
}

TEST(routectl_trace, expectExitsThreeWhenTheOutcomeDiffers)
{
    Outcome o = routectl({"trace", kDemo, "--metadata", "plan=free", "--expect", "openai/gpt-4o-mini"});
    EXPECT_EQ(o.code, kExitExpectFailed);
    EXPECT_TRUE(contains(o.out, "served by workers-ai/")); // the trace is still printed
    EXPECT_TRUE(contains(o.err, "expected openai/gpt-4o-mini, but the request was served by workers-ai/@cf/meta/"
                                "llama-3.1-8b-instruct"))
        << o.err;
    o = routectl({"trace", kDemo, "--metadata", "plan=free", "--expect", "unserved"});
    EXPECT_EQ(o.code, kExitExpectFailed);
    o = routectl({"trace", kDemo, "--metadata", "plan=free", "--expect", "workers-ai/@cf/meta/llama-3.1-8b-instruct"});
    EXPECT_EQ(o.code, kExitOk);
}

TEST(routectl_trace, metadataValuesAreJsonWhenTheyParse)
{
    const std::string typed = fixture("engine/typed.json");
    EXPECT_TRUE(contains(routectl({"trace", typed, "--metadata", "n=3"}).out, "served by workers-ai/"));
    EXPECT_TRUE(contains(routectl({"trace", typed, "--metadata", "n=\"3\""}).out, "served by openai/gpt-4o"));
    EXPECT_TRUE(contains(routectl({"trace", typed, "--metadata", "n=three"}).out, "served by openai/gpt-4o"));
    // --metadata wins over --context.
    EXPECT_TRUE(contains(routectl({"trace", typed, "--context", R"({"metadata": {"n": 4}})", "--metadata", "n=3"}).out,
                         "served by workers-ai/"));
    EXPECT_TRUE(
        contains(routectl({"trace", typed, "--context", R"({"metadata": {"n": 3}})"}).out, "served by workers-ai/"));
}

TEST(routectl_trace, badArgumentsExitTwo)
{
    const std::vector<std::vector<std::string>> misuses{
        {"trace"},
        {"trace", kDemo, kDemo},
        {"trace", kDemo, "--metadata", "novalue"},
        {"trace", kDemo, "--metadata", "x=[1]"},
        {"trace", kDemo, "--metadata", "x={\"a\":1}"},
        {"trace", kDemo, "--metadata", "a=1", "--metadata", "b=1", "--metadata", "c=1", "--metadata", "d=1",
         "--metadata", "e=1", "--metadata", "f=1"},
        {"trace", kDemo, "--context", "{\"metadata\": {\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5}}",
         "--metadata", "f=6"},
        {"trace", kDemo, "--context", "{not json"},
        {"trace", kDemo, "--context", "{\"metdata\": {}}"},
        {"trace", kDemo, "--seed", "-1"},
        {"trace", kDemo, "--seed"},
        {"trace", kDemo, "--expect", "gpt-4o"},
        {"trace", kDemo, "--rate-used", "free_rate_limit"},
        {"trace", kDemo, "--rate-used", "llama_8b=3"},
        {"trace", kDemo, "--requests", "10"},
        {"trace", kDemo, "--frobnicate"},
        {"trace", fixture("does_not_exist.json")},
        {"trace", fixture("malformed.json")},
    };
    for (const auto &args : misuses) {
        const Outcome o = routectl(args);
        EXPECT_EQ(o.code, kExitBadInput) << testing::PrintToString(args) << "\n" << o.err;
        EXPECT_EQ(o.out, "") << testing::PrintToString(args);
        EXPECT_FALSE(o.err.empty());
    }
    EXPECT_TRUE(contains(routectl({"trace", kDemo, "--metadata", "x=[1]"}).err, "strings, numbers or booleans"));
    EXPECT_TRUE(contains(routectl({"trace", kDemo, "--rate-used", "llama_8b=3"}).err, "not a rate element"));
}

TEST(routectl_trace, severalRoutesNeedAName)
{
    const std::string list = fixture("list_two_routes.json");
    const Outcome o = routectl({"trace", list});
    EXPECT_EQ(o.code, kExitBadInput);
    EXPECT_TRUE(contains(o.err, "choose one with --route NAME")) << o.err;
    EXPECT_TRUE(contains(o.err, "  support-bot\n")) << o.err;
    const Outcome named = routectl({"trace", list, "--route", "support-bot", "--metadata", "plan=free"});
    EXPECT_EQ(named.code, kExitOk) << named.err;
    const Outcome unknown = routectl({"trace", list, "--route", "nope"});
    EXPECT_EQ(unknown.code, kExitBadInput);
    EXPECT_TRUE(contains(unknown.err, "no route named \"nope\"")) << unknown.err;
}

TEST(routectl_trace, aRouteWithValidationErrorsIsNotTraced)
{
    const Outcome o = routectl({"trace", fixture("errors.json")});
    EXPECT_EQ(o.code, kExitFindings);
    EXPECT_EQ(o.out, "");
    EXPECT_TRUE(contains(o.err, "error model.provider m1: ")) << o.err;
    const Outcome s = routectl({"simulate", fixture("errors.json"), "--requests", "5"});
    EXPECT_EQ(s.code, kExitFindings);
    EXPECT_EQ(s.out, "");
}

TEST(routectl_simulate, jsonHasEveryFigureInRouteOrder)
{
    const Outcome o = routectl({"simulate", kDemo, "--requests", "2000", "--mix", fixture("engine/mix.jsonl"), "--fail",
                                "openai=0.05", "--fail", "anthropic=5%", "--json"});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    const nlohmann::ordered_json j = nlohmann::ordered_json::parse(o.out);
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) {
        keys.push_back(it.key());
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"seed", "requests", "elements", "served", "models", "unserved",
                                              "unserved_reasons", "fallbacks", "rate_limited", "cost_usd", "unpriced",
                                              "latency_ms"}));
    EXPECT_EQ(j["seed"], 1);
    EXPECT_EQ(j["requests"], 2000);
    std::vector<std::string> ids;
    for (auto it = j["elements"].begin(); it != j["elements"].end(); ++it) {
        ids.push_back(it.key());
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"start", "plan_check", "free_rate_limit", "llama_8b", "paid_split",
                                             "gpt4o_mini", "claude_haiku", "gemini_flash", "end"}));
    EXPECT_EQ(j["elements"]["start"]["entered"], 2000);
    EXPECT_EQ(j["elements"]["end"]["outputs"], nlohmann::ordered_json::object());
    EXPECT_TRUE(j["elements"]["gemini_flash"]["outputs"].contains("fallback")); // zero counts are listed
    EXPECT_EQ(j["elements"]["plan_check"]["outputs"].size(), 2u);
    EXPECT_TRUE(j["models"]["openai/gpt-4o-mini"]["failures"].get<int>() > 0);
    EXPECT_EQ(j["served"].size(), 4u);
    const int served = j["served"]["workers-ai/@cf/meta/llama-3.1-8b-instruct"].get<int>() +
                       j["served"]["openai/gpt-4o-mini"].get<int>() +
                       j["served"]["anthropic/claude-3-5-haiku-latest"].get<int>() +
                       j["served"]["google-ai-studio/gemini-1.5-flash"].get<int>();
    EXPECT_EQ(served + j["unserved"].get<int>(), 2000);
    EXPECT_GT(j["rate_limited"].get<int>(), 0); // 2 free users at 100 an hour, 10 requests a second
    EXPECT_EQ(j["unserved_reasons"]["rate-limited by free_rate_limit"], j["rate_limited"]);
    EXPECT_TRUE(j["latency_ms"]["p50"].is_number_integer());
    EXPECT_TRUE(j["latency_ms"]["p95"].is_number_integer());
    EXPECT_TRUE(std::regex_search(o.out, std::regex("\"cost_usd\": [0-9]+\\.[0-9]{6},\n"))) << o.out;
}

TEST(routectl_simulate, theSameSeedGivesTheSameBytes)
{
    const std::vector<std::string> args{
        "simulate", kDemo,        "--requests", "3000", "--mix", fixture("engine/mix.jsonl"),
        "--fail",   "openai=0.1", "--seed",     "42",   "--json"};
    const Outcome a = routectl(args);
    const Outcome b = routectl(args);
    ASSERT_EQ(a.code, kExitOk) << a.err;
    EXPECT_EQ(a.out, b.out);
    std::vector<std::string> other = args;
    other[9] = "43";
    EXPECT_NE(routectl(other).out, a.out);
    EXPECT_TRUE(contains(a.out, "\"seed\": 42,"));
}

TEST(routectl_simulate, textPrintsTablesAndTheSeed)
{
    const Outcome o = routectl({"simulate", kDemo, "--requests", "500", "--metadata", "plan=pro", "--seed", "9"});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    EXPECT_EQ(o.out.rfind("simulated 500 requests, seed 9\n", 0), 0u) << o.out;
    EXPECT_TRUE(std::regex_search(o.out, std::regex("\nplan_check +conditional +500  true 0, false 500\n"))) << o.out;
    EXPECT_TRUE(contains(o.out, "\nmodel ")) << o.out;
    EXPECT_TRUE(contains(o.out, "served 500, unserved 0\n")) << o.out;
    EXPECT_TRUE(contains(o.out, "(prices of 2025-06-01;")) << o.out;
    EXPECT_TRUE(std::regex_search(o.out, std::regex("latency p50 [0-9]+ ms, p95 [0-9]+ ms\n$"))) << o.out;
}

TEST(routectl_simulate, failSplitsAtTheLastEqualsSign)
{
    // The model name holds '/' and the provider/model key is split from the rate at the last '='.
    const Outcome o = routectl({"simulate", kDemo, "--requests", "200", "--metadata", "plan=free", "--fail",
                                "workers-ai/@cf/meta/llama-3.1-8b-instruct=1", "--json"});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    const auto j = parsed(o.out);
    const auto &llama = j["models"]["workers-ai/@cf/meta/llama-3.1-8b-instruct"];
    EXPECT_EQ(llama["served"], 0);
    EXPECT_EQ(llama["failures"], llama["attempts"]);
    EXPECT_GT(llama["attempts"].get<int>(), 0);
}

TEST(routectl_simulate, latencyAndPricesAndRps)
{
    Outcome o = routectl({"simulate", kDemo, "--requests", "100", "--metadata", "plan=pro", "--latency",
                          "openai=100:100", "--latency", "anthropic=100:100", "--json"});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    EXPECT_EQ(parsed(o.out)["latency_ms"], (nlohmann::json{{"p50", 100}, {"p95", 100}}));

    // 1,000 USD per million input tokens for gpt-4o-mini, nothing for output: 500 tokens cost $0.5.
    o = routectl({"simulate", kDemo, "--requests", "10", "--metadata", "plan=pro", "--prices",
                  fixture("engine/prices.json"), "--json"});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    const auto j = parsed(o.out);
    const int gpt = j["served"]["openai/gpt-4o-mini"].get<int>();
    const int claude = j["served"]["anthropic/claude-3-5-haiku-latest"].get<int>();
    EXPECT_NEAR(j["cost_usd"].get<double>(), gpt * 0.5 + claude * (500 * 0.8 + 200 * 4.0) / 1e6, 1e-6);

    // One user, 100 requests an hour: at one request every 100 s none is held back; at 10 a second the last
    // 50 of 150 are.
    o = routectl({"simulate", kDemo, "--requests", "150", "--metadata", "plan=free", "--metadata", "user_id=u", "--rps",
                  "0.01", "--json"});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    EXPECT_EQ(parsed(o.out)["rate_limited"], 0);
    o = routectl(
        {"simulate", kDemo, "--requests", "150", "--metadata", "plan=free", "--metadata", "user_id=u", "--json"});
    EXPECT_EQ(parsed(o.out)["rate_limited"], 50);
}

TEST(routectl_simulate, badArgumentsExitTwo)
{
    TempDir dir;
    const std::string badLine = dir.write("bad.jsonl", "{\"weight\": 1}\n{oops\n");
    const std::string badWeight = dir.write("weight.jsonl", "{\"weight\": -1}\n");
    const std::string zero = dir.write("zero.jsonl", "{\"weight\": 0}\n\n");
    const std::string tooMany =
        dir.write("many.jsonl", "{\"metadata\": {\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"f\": 6}}\n");
    const std::string badPrices = dir.write("prices.json", "{\"prices\": {\"gpt\": 1}}");
    const std::vector<std::vector<std::string>> misuses{
        {"simulate", kDemo},
        {"simulate", kDemo, "--requests", "0"},
        {"simulate", kDemo, "--requests", "100000001"},
        {"simulate", kDemo, "--requests", "ten"},
        {"simulate", kDemo, "--requests", "5", "--mix", badLine},
        {"simulate", kDemo, "--requests", "5", "--mix", badWeight},
        {"simulate", kDemo, "--requests", "5", "--mix", zero},
        {"simulate", kDemo, "--requests", "5", "--mix", tooMany},
        {"simulate", kDemo, "--requests", "5", "--mix", dir.write("empty.jsonl", "")},
        {"simulate", kDemo, "--requests", "5", "--mix", "/nonexistent/mix.jsonl"},
        {"simulate", kDemo, "--requests", "5", "--fail", "openai=1.5"},
        {"simulate", kDemo, "--requests", "5", "--fail", "openai=lots"},
        {"simulate", kDemo, "--requests", "5", "--latency", "openai=900:100"},
        {"simulate", kDemo, "--requests", "5", "--latency", "openai=100"},
        {"simulate", kDemo, "--requests", "5", "--rps", "0"},
        {"simulate", kDemo, "--requests", "5", "--prices", badPrices},
        {"simulate", kDemo, "--requests", "5", "--expect", "unserved"},
    };
    for (const auto &args : misuses) {
        const Outcome o = routectl(args);
        EXPECT_EQ(o.code, kExitBadInput) << testing::PrintToString(args) << "\n" << o.err;
        EXPECT_EQ(o.out, "") << testing::PrintToString(args);
    }
    EXPECT_TRUE(contains(routectl({"simulate", kDemo, "--requests", "5", "--mix", badLine}).err, "bad.jsonl line 2: "));
    EXPECT_TRUE(contains(routectl({"simulate", kDemo, "--requests", "5", "--mix", tooMany}).err, "at most 5"));
    // --metadata applies to every mix line, and counts towards its five entries.
    const std::string four = dir.write("four.jsonl", "{\"metadata\": {\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}}\n");
    EXPECT_EQ(routectl({"simulate", kDemo, "--requests", "5", "--mix", four, "--metadata", "plan=free"}).code, kExitOk);
    EXPECT_EQ(
        routectl({"simulate", kDemo, "--requests", "5", "--mix", four, "--metadata", "e=1", "--metadata", "f=1"}).code,
        kExitBadInput);
}

TEST(routectl_simulate, metadataOverridesEveryMixLine)
{
    const Outcome o = routectl({"simulate", kDemo, "--requests", "300", "--mix", fixture("engine/mix.jsonl"),
                                "--metadata", "plan=pro", "--json"});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    EXPECT_EQ(parsed(o.out)["elements"]["plan_check"]["outputs"]["true"], 0);
}

} // namespace
