#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/Validator.h"
#include "support/Fixtures.h"

#include <gtest/gtest.h>

#include <random>

using namespace rd;

namespace {

// The whole pipeline a file goes through in routectl and the app. Must never throw or crash, whatever
// the bytes: every failure has to come back as a DecodeIssue.
void pipeline(const std::string &text)
{
    auto json = JsonText::parse(text);
    if (!json) {
        ASSERT_FALSE(json.error->message.empty());
        return;
    }
    auto doc = RouteCodec::decodeDocument(*json.value);
    if (!doc) {
        ASSERT_FALSE(doc.error->message.empty());
        return;
    }
    for (const Route &route : doc.value->routes) {
        const auto findings = Validator::validate(route);
        for (const Finding &f : findings) {
            ASSERT_FALSE(f.code.empty());
            ASSERT_FALSE(f.message.empty());
        }
    }
    const std::string out = JsonText::format(RouteCodec::encodeDocument(*doc.value));
    // What we write, we read back to the same thing.
    auto again = JsonText::parse(out);
    ASSERT_TRUE(again) << again.error->toString();
    auto redecoded = RouteCodec::decodeDocument(*again.value);
    ASSERT_TRUE(redecoded) << redecoded.error->toString();
    EXPECT_EQ(JsonText::format(RouteCodec::encodeDocument(*redecoded.value)), out);
}

const char *kAlphabet = "{}[]\":,0123456789.-+eE truefalsnl\\u%\xC3\xA9\xFF\n";

} // namespace

// Byte-level mutations of real route files: flips, inserts, deletes, truncations.
TEST(Mutation, ByteMutationsNeverCrash)
{
    const std::vector<std::string> seeds = {
        JsonText::format(test::readFixture("routes/all-types.json")),
        JsonText::format(test::readFixture("routes/legacy.json")),
        JsonText::format(test::readFixture("seeds/list-routes.response.json")),
    };
    std::mt19937 rng(20261121);
    const std::size_t alphabet = std::strlen(kAlphabet);
    for (int round = 0; round < 3000; ++round) {
        std::string text = seeds[static_cast<std::size_t>(round) % seeds.size()];
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            const std::size_t at = rng() % text.size();
            switch (rng() % 4) {
            case 0:
                text[at] = kAlphabet[rng() % alphabet];
                break;
            case 1:
                text.insert(at, 1, kAlphabet[rng() % alphabet]);
                break;
            case 2:
                text.erase(at, 1 + rng() % 8);
                break;
            default:
                text.resize(at);
                break;
            }
        }
        SCOPED_TRACE(text);
        pipeline(text);
        if (HasFatalFailure()) {
            return;
        }
    }
}

// Structural mutations: any field of any element replaced by a value of another kind.
TEST(Mutation, WrongKindsAnywhereNeverCrash)
{
    const Json original = test::readFixture("routes/all-types.json");
    const std::vector<Json> replacements = {Json(), Json(true), Json(-1), Json(1e308), Json(""), Json("50%"),
                                            Json::array(), Json::object(), Json::parse(R"({"elementId": 5})"),
                                            Json::parse(R"([{"id": "x"}])")};
    int cases = 0;
    for (std::size_t i = 0; i < original["elements"].size(); ++i) {
        const Json &element = original["elements"][i];
        std::vector<std::vector<std::string>> paths;
        for (const auto &[key, value] : element.items()) {
            paths.push_back({key});
            if (value.is_object()) {
                for (const auto &[inner, unused] : value.items()) {
                    paths.push_back({key, inner});
                }
            }
        }
        for (const auto &path : paths) {
            for (const Json &replacement : replacements) {
                Json mutated = original;
                Json *target = &mutated["elements"][i];
                for (const std::string &key : path) {
                    target = &(*target)[key];
                }
                *target = replacement;
                SCOPED_TRACE(mutated["elements"][i].dump());
                pipeline(mutated.dump());
                ++cases;
                if (HasFatalFailure()) {
                    return;
                }
            }
        }
    }
    EXPECT_GT(cases, 300);
}
