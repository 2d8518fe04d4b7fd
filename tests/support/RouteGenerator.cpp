#include "tests/support/RouteGenerator.h"

#include <array>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace rd::test {

namespace {

struct ModelChoice
{
    const char *provider;
    const char *model;
};

constexpr std::array<ModelChoice, 8> kModels{{
    {"workers-ai", "@cf/meta/llama-3.1-8b-instruct"},
    {"workers-ai", "@cf/mistral/mistral-7b-instruct-v0.1"},
    {"openai", "gpt-4o-mini"},
    {"openai", "gpt-4o"},
    {"anthropic", "claude-3-5-haiku-latest"},
    {"anthropic", "claude-3-5-sonnet-latest"},
    {"google-ai-studio", "gemini-1.5-flash"},
    {"groq", "llama-3.1-8b-instant"},
}};

constexpr std::array<const char *, 4> kRateKeys{"metadata.user_id", "metadata.team_id", "metadata.org_id",
                                                "metadata.api_key"};
constexpr std::array<std::int64_t, 4> kWindows{60, 3600, 86400, 604800};

// Distinct share sets only: shares are the keys of a JSON object, so two equal shares could not be written.
constexpr std::array<std::array<int, 2>, 6> kTwoWay{{{90, 10}, {80, 20}, {75, 25}, {70, 30}, {60, 40}, {95, 5}}};
constexpr std::array<std::array<int, 3>, 5> kThreeWay{
    {{50, 30, 20}, {60, 30, 10}, {70, 20, 10}, {40, 35, 25}, {45, 40, 15}}};

std::string share(int percent)
{
    return std::to_string(percent) + "%";
}

Element model(std::string id, const ModelChoice &choice, std::int64_t timeoutMs, std::int64_t retries)
{
    Element e = Element::make(ElementType::Model, std::move(id));
    e.model.provider = choice.provider;
    e.model.model = choice.model;
    e.model.timeout = Number::fromInteger(timeoutMs);
    e.model.retries = Number::fromInteger(retries);
    return e;
}

Element rate(std::string id, std::string key, std::int64_t limit, std::string limitType, std::int64_t window)
{
    Element e = Element::make(ElementType::Rate, std::move(id));
    e.rate.key = std::move(key);
    e.rate.limit = Number::fromInteger(limit);
    e.rate.limitType = std::move(limitType);
    e.rate.window = Number::fromInteger(window);
    return e;
}

Element conditional(std::string id, Json conditions)
{
    Element e = Element::make(ElementType::Conditional, std::move(id));
    e.conditional.conditions = std::move(conditions);
    return e;
}

class Generator
{
public:
    explicit Generator(std::uint32_t seed) : m_rng(seed) {}

    Route build(std::size_t elementCount)
    {
        // start and end are fixed; everything between is blocks, then a fallback chain to land on the exact count.
        const std::size_t budget = elementCount > 2 ? elementCount - 2 : 1;
        std::vector<std::size_t> shareCounts;
        std::size_t used = 0;
        for (std::size_t block = 0;; ++block) {
            std::size_t shares = pick(2) == 0 ? 2 : 3;
            if (used + blockSize(shares) > budget && shares == 3) {
                shares = 2;
            }
            if (used + blockSize(shares) > budget) {
                break;
            }
            shareCounts.push_back(shares);
            used += blockSize(shares);
        }
        const std::size_t chain = budget - used;

        m_elements.reserve(elementCount);
        Element start = Element::make(ElementType::Start, "start");
        start.setOutput("next", shareCounts.empty() ? chainId(0) : blockId(0, "check"));
        m_elements.push_back(std::move(start));
        for (std::size_t b = 0; b < shareCounts.size(); ++b) {
            const std::string next =
                b + 1 < shareCounts.size() ? blockId(b + 1, "check") : (chain > 0 ? chainId(0) : "end");
            addBlock(b, shareCounts[b], next);
        }
        for (std::size_t i = 0; i < chain; ++i) {
            // A classic provider fallback chain: each model answers or hands over to the next.
            Element m = randomModel(chainId(i));
            m.setOutput("success", "end");
            m.setOutput("fallback", i + 1 < chain ? chainId(i + 1) : "end");
            m_elements.push_back(std::move(m));
        }
        m_elements.push_back(Element::make(ElementType::End, "end"));

        RouteMetadata meta;
        meta.name = "synthetic-" + std::to_string(elementCount);
        return Route(std::move(m_elements), std::move(meta));
    }

private:
    // check, limit, limited, primary, split, one model per share, backup.
    static std::size_t blockSize(std::size_t shares) { return 6 + shares; }

    // Built by appending: GCC 12 at -O3 gives a false -Wrestrict warning for `"literal" + std::to_string(...)`.
    static std::string blockId(std::size_t block, std::string_view part)
    {
        std::string id = "b";
        id += std::to_string(block);
        id += '_';
        id += part;
        return id;
    }
    static std::string chainId(std::size_t i)
    {
        std::string id = "chain_";
        id += std::to_string(i);
        return id;
    }

    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng); }

    Element randomModel(std::string id)
    {
        const std::int64_t timeout = 10000 + 5000 * static_cast<std::int64_t>(pick(11));
        const std::int64_t retries = 1 + static_cast<std::int64_t>(pick(3));
        return model(std::move(id), kModels[pick(kModels.size())], timeout, retries);
    }

    // Only the form Cloudflare documents, {"path": {"$eq": value}}: a synthetic route is a valid, warning-free
    // route, and the other operators draw "assumed" warnings (tests/engine covers them). The draws are the ones
    // the generator always made, so routes of a given seed keep their shape.
    Json randomConditions()
    {
        switch (pick(4)) {
        case 0:
            return Json{{"metadata.plan", {{"$eq", pick(2) == 0 ? "free" : "pro"}}}};
        case 1:
            return Json{{"metadata.region", {{"$eq", "eu"}}}};
        case 2:
            return Json{{"headers.x-tier", {{"$eq", "enterprise"}}}};
        default:
            return Json{{"metadata.score", {{"$eq", static_cast<int>(pick(100))}}}};
        }
    }

    // check --true--> limit --success--> primary --success--> next
    //   |                |                   '--fallback--> backup
    //   |                '--fallback--> limited --success--> next, --fallback--> end
    //   '--false--> split --share--> share model --success--> next, --fallback--> backup
    // backup --success--> next, --fallback--> end
    void addBlock(std::size_t b, std::size_t shares, const std::string &next)
    {
        const std::string backup = blockId(b, "backup");

        Element check = conditional(blockId(b, "check"), randomConditions());
        check.setOutput("true", blockId(b, "limit"));
        check.setOutput("false", blockId(b, "split"));
        m_elements.push_back(std::move(check));

        const bool cost = pick(4) == 0;
        Element limit =
            rate(blockId(b, "limit"), kRateKeys[pick(kRateKeys.size())],
                 cost ? 5 + static_cast<std::int64_t>(pick(96)) : 10 + 10 * static_cast<std::int64_t>(pick(100)),
                 cost ? "cost" : "count", kWindows[pick(kWindows.size())]);
        limit.setOutput("success", blockId(b, "primary"));
        limit.setOutput("fallback", blockId(b, "limited"));
        m_elements.push_back(std::move(limit));

        Element limited = randomModel(blockId(b, "limited"));
        limited.setOutput("success", next);
        limited.setOutput("fallback", "end");
        m_elements.push_back(std::move(limited));

        Element primary = randomModel(blockId(b, "primary"));
        primary.setOutput("success", next);
        primary.setOutput("fallback", backup);
        m_elements.push_back(std::move(primary));

        Element split = Element::make(ElementType::Percentage, blockId(b, "split"));
        std::vector<int> percents;
        if (shares == 2) {
            const auto &set = kTwoWay[pick(kTwoWay.size())];
            percents.assign(set.begin(), set.end());
        } else {
            const auto &set = kThreeWay[pick(kThreeWay.size())];
            percents.assign(set.begin(), set.end());
        }
        for (std::size_t s = 0; s < percents.size(); ++s) {
            split.setOutput(share(percents[s]), blockId(b, "share" + std::to_string(s + 1)));
        }
        m_elements.push_back(std::move(split));

        for (std::size_t s = 0; s < percents.size(); ++s) {
            Element m = randomModel(blockId(b, "share" + std::to_string(s + 1)));
            m.setOutput("success", next);
            m.setOutput("fallback", backup);
            m_elements.push_back(std::move(m));
        }

        Element backupModel = randomModel(backup);
        backupModel.setOutput("success", next);
        backupModel.setOutput("fallback", "end");
        m_elements.push_back(std::move(backupModel));
    }

    std::mt19937 m_rng;
    std::vector<Element> m_elements;
};

} // namespace

Route makeSyntheticRoute(std::size_t elementCount, std::uint32_t seed)
{
    return Generator(seed).build(elementCount);
}

Route makeDemoRoute()
{
    std::vector<Element> elements;

    Element start = Element::make(ElementType::Start, "start");
    start.setOutput("next", "plan_check");
    elements.push_back(std::move(start));

    Element planCheck = conditional("plan_check", Json{{"metadata.plan", {{"$eq", "free"}}}});
    planCheck.setOutput("true", "free_limit");
    planCheck.setOutput("false", "split");
    elements.push_back(std::move(planCheck));

    Element freeLimit = rate("free_limit", "metadata.user_id", 100, "count", 3600);
    freeLimit.setOutput("success", "llama_free");
    freeLimit.setOutput("fallback", "end");
    elements.push_back(std::move(freeLimit));

    Element llama = model("llama_free", {"workers-ai", "@cf/meta/llama-3.1-8b-instruct"}, 30000, 1);
    llama.setOutput("success", "end");
    llama.setOutput("fallback", "end");
    elements.push_back(std::move(llama));

    Element split = Element::make(ElementType::Percentage, "split");
    // Shares are object keys, so an even split needs two spellings of 50%: the codec's convention.
    split.setOutput("50%", "gpt4o_mini");
    split.setOutput("50.0%", "claude_haiku");
    elements.push_back(std::move(split));

    Element gpt = model("gpt4o_mini", {"openai", "gpt-4o-mini"}, 30000, 2);
    gpt.setOutput("success", "end");
    gpt.setOutput("fallback", "gemini_backup");
    elements.push_back(std::move(gpt));

    Element claude = model("claude_haiku", {"anthropic", "claude-3-5-haiku-latest"}, 30000, 2);
    claude.setOutput("success", "end");
    claude.setOutput("fallback", "gemini_backup");
    elements.push_back(std::move(claude));

    Element gemini = model("gemini_backup", {"google-ai-studio", "gemini-1.5-flash"}, 30000, 1);
    gemini.setOutput("success", "end");
    gemini.setOutput("fallback", "end");
    elements.push_back(std::move(gemini));

    elements.push_back(Element::make(ElementType::End, "end"));

    RouteMetadata meta;
    meta.name = "demo";
    return Route(std::move(elements), std::move(meta));
}

} // namespace rd::test
