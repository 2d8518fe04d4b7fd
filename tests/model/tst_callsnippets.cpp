// The "Use This Route" snippets and the example metadata they send: quoting checked by a real shell, Python and
// node where the machine has them, metadata checked against the route engine's own reading of the route.

#include "model/RouteCallSnippets.h"
#include "model/RouteCodec.h"
#include "model/engine/RouteCallExample.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

using namespace rd;

namespace {

// What `command` prints, and its exit status.
std::pair<std::string, int> run(const std::string &command)
{
    std::string out;
    FILE *pipe = popen(command.c_str(), "r");
    if (!pipe) {
        return {out, -1};
    }
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe)) {
        out += buffer.data();
    }
    return {out, pclose(pipe)};
}

bool have(const std::string &program)
{
    return run("command -v " + program + " >/dev/null 2>&1").second == 0;
}

std::filesystem::path writeTemp(const std::string &name, const std::string &text)
{
    const auto path = std::filesystem::temp_directory_path() / ("rd-snippet-" + std::to_string(::getpid()) + name);
    std::ofstream(path) << text;
    return path;
}

Route decode(const Json &elements, const std::string &name = "support-chat")
{
    auto decoded = RouteCodec::decodeRoute(Json{{"name", name}, {"elements", elements}});
    EXPECT_TRUE(decoded) << (decoded.error ? decoded.error->toString() : "");
    return decoded ? *decoded.value : Route();
}

Json model(const std::string &id, const std::string &provider, const std::string &name)
{
    return Json{{"id", id},
                {"type", "model"},
                {"properties", {{"provider", provider}, {"model", name}, {"timeout", 30000}, {"retries", 1}}},
                {"outputs", {{"success", {{"elementId", "end"}}}, {"fallback", {{"elementId", "end"}}}}}};
}

// The shape of the shipped demo: a plan check, a per-user rate limit on the free side, two models behind.
Route demoLike()
{
    return decode(Json::array({
        Json{{"id", "start"}, {"type", "start"}, {"outputs", {{"next", {{"elementId", "plan_check"}}}}}},
        Json{{"id", "plan_check"},
             {"type", "conditional"},
             {"properties", {{"conditions", {{"metadata.plan", {{"$eq", "free"}}}}}}},
             {"outputs", {{"true", {{"elementId", "limit"}}}, {"false", {{"elementId", "gpt"}}}}}},
        Json{{"id", "limit"},
             {"type", "rate"},
             {"properties", {{"key", "metadata.user_id"}, {"limit", 100}, {"limitType", "count"}, {"window", 3600}}},
             {"outputs", {{"success", {{"elementId", "llama"}}}, {"fallback", {{"elementId", "end"}}}}}},
        model("llama", "workers-ai", "@cf/meta/llama-3.1-8b-instruct"),
        model("gpt", "openai", "gpt-4o-mini"),
        Json{{"id", "end"}, {"type", "end"}, {"outputs", Json::object()}},
    }));
}

RouteCallSnippets::Input input(bool authenticated = false)
{
    RouteCallSnippets::Input in;
    in.compatUrl = "https://gateway.ai.cloudflare.com/v1/acc/gw/compat";
    in.routeName = "support-chat";
    in.metadata = {{"plan", "free"}, {"user_id", "u-7"}};
    in.authenticated = authenticated;
    return in;
}

} // namespace

TEST(RouteCallSnippets, shellQuoteSurvivesTheShell)
{
    for (const std::string text : {"plain", "it's", "$HOME and `id`", "a \"b\" \\ c", "", "''", "tab\there"}) {
        const auto [out, status] = run("printf %s " + RouteCallSnippets::shellQuote(text));
        EXPECT_EQ(status, 0) << text;
        EXPECT_EQ(out, text);
    }
}

TEST(RouteCallSnippets, curlSendsTheRouteAndItsMetadata)
{
    const std::string curl = RouteCallSnippets::curl(input());
    EXPECT_NE(curl.find("'https://gateway.ai.cloudflare.com/v1/acc/gw/compat/chat/completions'"), std::string::npos)
        << curl;
    EXPECT_NE(curl.find("\"model\":\"dynamic/support-chat\""), std::string::npos) << curl;
    EXPECT_NE(curl.find("-H 'cf-aig-metadata: {\"plan\":\"free\",\"user_id\":\"u-7\"}'"), std::string::npos) << curl;
    // Keys stored on the gateway and no authentication: nothing secret to send.
    EXPECT_EQ(curl.find("uthorization"), std::string::npos) << curl;
}

TEST(RouteCallSnippets, authenticationReadsTheTokenFromTheEnvironment)
{
    const std::string curl = RouteCallSnippets::curl(input(true));
    EXPECT_NE(curl.find("-H \"cf-aig-authorization: Bearer $CF_AIG_TOKEN\""), std::string::npos) << curl;
    EXPECT_EQ(curl.find("-H \"Authorization"), std::string::npos) << curl;
    const std::string python = RouteCallSnippets::python(input(true));
    EXPECT_NE(python.find("default_headers={\"cf-aig-authorization\": f\"Bearer {os.environ['CF_AIG_TOKEN']}\"}"),
              std::string::npos)
        << python;
    const std::string js = RouteCallSnippets::javascript(input(true));
    EXPECT_NE(js.find("defaultHeaders: { \"cf-aig-authorization\": `Bearer ${process.env.CF_AIG_TOKEN}` }"),
              std::string::npos)
        << js;
    for (const std::string &text : {RouteCallSnippets::python(input()), RouteCallSnippets::javascript(input())}) {
        EXPECT_EQ(text.find("cf-aig-authorization"), std::string::npos) << text;
    }
}

TEST(RouteCallSnippets, callerKeyGoesInAuthorization)
{
    RouteCallSnippets::Input in = input();
    in.callerKey = true;
    EXPECT_NE(RouteCallSnippets::curl(in).find("-H \"Authorization: Bearer $PROVIDER_API_KEY\""), std::string::npos);
    EXPECT_NE(RouteCallSnippets::python(in).find("api_key=os.environ[\"PROVIDER_API_KEY\"]"), std::string::npos);
    EXPECT_NE(RouteCallSnippets::javascript(in).find("apiKey: process.env.PROVIDER_API_KEY,"), std::string::npos);
}

TEST(RouteCallSnippets, sdkSnippetsUseTheirClients)
{
    const std::string python = RouteCallSnippets::python(input());
    EXPECT_NE(python.find("from openai import OpenAI"), std::string::npos);
    EXPECT_NE(python.find("base_url=\"https://gateway.ai.cloudflare.com/v1/acc/gw/compat\""), std::string::npos);
    EXPECT_NE(python.find("model=\"dynamic/support-chat\""), std::string::npos);
    EXPECT_NE(
        python.find("extra_headers={\"cf-aig-metadata\": \"{\\\"plan\\\":\\\"free\\\",\\\"user_id\\\":\\\"u-7\\\"}\"}"),
        std::string::npos)
        << python;
    const std::string js = RouteCallSnippets::javascript(input());
    EXPECT_NE(js.find("import OpenAI from \"openai\";"), std::string::npos);
    EXPECT_NE(js.find("baseURL: \"https://gateway.ai.cloudflare.com/v1/acc/gw/compat\""), std::string::npos);
    EXPECT_NE(js.find("model: \"dynamic/support-chat\""), std::string::npos);
}

TEST(RouteCallSnippets, noMetadataNoHeader)
{
    RouteCallSnippets::Input in = input();
    in.metadata.clear();
    for (const std::string &text :
         {RouteCallSnippets::curl(in), RouteCallSnippets::python(in), RouteCallSnippets::javascript(in)}) {
        EXPECT_EQ(text.find("cf-aig-metadata"), std::string::npos) << text;
    }
}

// A hostile route name and metadata: the shell must hand curl exactly the JSON, and the SDK snippets must still
// be valid programs that carry the same strings.
TEST(RouteCallSnippets, awkwardNamesAndValuesStayIntact)
{
    RouteCallSnippets::Input in = input(true);
    in.routeName = "it's \"$HOME\" `x` caf\u00e9";
    in.metadata = {{"team name", "o'neil $USER"}, {"tier", 3}, {"beta", true}, {"note", "back\\slash \"q\""}};

    // Replace curl with printf of its arguments: the -d and metadata words arrive as the JSON we meant.
    const std::string curl = RouteCallSnippets::curl(in);
    const std::string shown = "curl() { for a in \"$@\"; do printf '%s\\n' \"$a\"; done; }; CF_AIG_TOKEN=tok; " + curl;
    const auto [out, status] = run("sh -c " + RouteCallSnippets::shellQuote(shown));
    ASSERT_EQ(status, 0) << curl;
    const std::string metadataLine = "cf-aig-metadata: " + RouteCallSnippets::metadataHeader(in) + "\n";
    EXPECT_NE(out.find(metadataLine), std::string::npos) << out;
    EXPECT_NE(out.find("cf-aig-authorization: Bearer tok\n"), std::string::npos) << out;
    const Json header = Json::parse(RouteCallSnippets::metadataHeader(in));
    EXPECT_EQ(header["team name"], "o'neil $USER");
    EXPECT_EQ(header["tier"], 3);
    EXPECT_EQ(header["beta"], true);
    const std::size_t body = out.find("{\"model\"");
    ASSERT_NE(body, std::string::npos) << out;
    const Json sent = Json::parse(out.substr(body, out.find('\n', body) - body));
    EXPECT_EQ(sent["model"], "dynamic/" + in.routeName);
    // Header values are ASCII: é travels escaped.
    EXPECT_EQ(RouteCallSnippets::metadataHeader(in).find("\xc3"), std::string::npos);

    if (have("python3")) {
        const auto file = writeTemp("snippet.py", RouteCallSnippets::python(in) + "\n# checked by the test\n");
        // Compiles it without running it (no openai module needed), then reads the model string back out.
        const std::string check = "import ast,sys; t=ast.parse(open(sys.argv[1]).read()); "
                                  "print([k.value.value for n in ast.walk(t) if isinstance(n, ast.Call) "
                                  "for k in n.keywords if k.arg=='model'][0])";
        const auto [py, pyStatus] = run("python3 -c " + RouteCallSnippets::shellQuote(check) + " " + file.string());
        EXPECT_EQ(pyStatus, 0) << RouteCallSnippets::python(in);
        EXPECT_EQ(py, "dynamic/" + in.routeName + "\n");
        std::filesystem::remove(file);
    } else {
        GTEST_LOG_(INFO) << "python3 not found: the Python snippet's syntax was not checked";
    }
    if (have("node")) {
        const auto file = writeTemp("snippet.mjs", RouteCallSnippets::javascript(in));
        const auto [js, jsStatus] = run("node --check " + file.string() + " 2>&1");
        EXPECT_EQ(jsStatus, 0) << js << RouteCallSnippets::javascript(in);
        std::filesystem::remove(file);
    } else {
        GTEST_LOG_(INFO) << "node not found: the JavaScript snippet's syntax was not checked";
    }
}

TEST(RouteCallExample, readsKeysAndValuesFromTheRoute)
{
    const RouteCallExample example = RouteCallExample::make(demoLike());
    ASSERT_EQ(example.metadata.size(), 2u);
    EXPECT_EQ(example.metadata[0].first, "plan");
    EXPECT_EQ(example.metadata[0].second, "free");
    EXPECT_EQ(example.metadata[1].first, "user_id");
    EXPECT_TRUE(example.metadata[1].second.is_string());
    EXPECT_TRUE(example.leftOut.empty());
    // The example values take the free branch, through the rate limit, to the model behind it.
    ASSERT_TRUE(example.trace);
    ASSERT_TRUE(example.trace->served);
    EXPECT_EQ(example.trace->served->provider, "workers-ai");
    EXPECT_EQ(example.pathText(), "plan_check (true) \u2192 limit (success) \u2192 llama: "
                                  "workers-ai/@cf/meta/llama-3.1-8b-instruct");
}

TEST(RouteCallExample, operatorsGiveValuesThatMatch)
{
    const Json conditions{{"$and", Json::array({Json{{"metadata.tier", {{"$in", Json::array({"gold", "silver"})}}}},
                                                Json{{"metadata.age", {{"$gt", 17}}}}, Json{{"metadata.beta", true}},
                                                Json{{"$not", {{"metadata.region", {{"$eq", "eu"}}}}}}})}};
    const Route route = decode(Json::array({
        Json{{"id", "start"}, {"type", "start"}, {"outputs", {{"next", {{"elementId", "c"}}}}}},
        Json{{"id", "c"},
             {"type", "conditional"},
             {"properties", {{"conditions", conditions}}},
             {"outputs", {{"true", {{"elementId", "a"}}}, {"false", {{"elementId", "b"}}}}}},
        model("a", "openai", "gpt-4o"),
        model("b", "anthropic", "claude"),
        Json{{"id", "end"}, {"type", "end"}, {"outputs", Json::object()}},
    }));
    const RouteCallExample example = RouteCallExample::make(route);
    const Json metadata = example.metadataObject();
    EXPECT_EQ(metadata["tier"], "gold");
    EXPECT_EQ(metadata["age"], 18);
    EXPECT_EQ(metadata["beta"], true);
    // Under $not the written value is the one refused: another is invented.
    EXPECT_NE(metadata["region"], "eu");
    ASSERT_TRUE(example.trace && example.trace->served);
    EXPECT_EQ(example.trace->served->model, "gpt-4o");
}

TEST(RouteCallExample, atMostFiveKeysAndTheRestNamed)
{
    Json conditions = Json::object();
    for (int i = 1; i <= 7; ++i) {
        conditions["metadata.k" + std::to_string(i)] = Json{{"$eq", i}};
    }
    const Route route = decode(Json::array({
        Json{{"id", "start"}, {"type", "start"}, {"outputs", {{"next", {{"elementId", "c"}}}}}},
        Json{{"id", "c"},
             {"type", "conditional"},
             {"properties", {{"conditions", conditions}}},
             {"outputs", {{"true", {{"elementId", "a"}}}, {"false", {{"elementId", "a"}}}}}},
        model("a", "openai", "gpt-4o"),
        Json{{"id", "end"}, {"type", "end"}, {"outputs", Json::object()}},
    }));
    const RouteCallExample example = RouteCallExample::make(route);
    EXPECT_EQ(example.metadata.size(), 5u);
    EXPECT_EQ(example.leftOut, (std::vector<std::string>{"k6", "k7"}));
}
