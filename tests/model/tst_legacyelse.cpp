// A legacy percentage `else` becomes an explicit share without losing any output (issue 10, item 4).
#include "model/JsonText.h"
#include "model/LegacyElse.h"
#include "model/RouteCodec.h"
#include "model/Share.h"

#include <array>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace rd;

namespace rd {
// Readable failures: an output as `"name" -> target`.
void PrintTo(const Output &o, std::ostream *os)
{
    *os << '"' << o.name << "\" -> " << o.target;
}
} // namespace rd

namespace {

Element decodePercentage(const std::string &outputs, std::vector<DecodeIssue> *warnings = nullptr)
{
    const auto json = JsonText::parse(R"({"id": "split", "type": "percentage", "outputs": )" + outputs + "}");
    EXPECT_TRUE(json);
    auto decoded = RouteCodec::decodeElement(*json.value);
    EXPECT_TRUE(decoded) << decoded.error->toString();
    if (warnings) {
        *warnings = decoded.warnings;
    }
    return decoded.value.value_or(Element{});
}

std::map<std::string, std::string> namesByTarget(const Element &e)
{
    std::map<std::string, std::string> out;
    for (const Output &o : e.outputs) {
        out[o.target] = o.name;
    }
    return out;
}

std::int64_t sumOfShares(const Element &e)
{
    std::int64_t total = 0;
    for (const Output &o : e.outputs) {
        total += Share::parseMillionths(o.name).value_or(0);
    }
    return total;
}

} // namespace

TEST(LegacyElse, RemainderNameTakenTwiceFindsAFreeSpelling)
{
    // 40 + 20 + 20 leaves 20%; "20%" and "20.0%" are both taken. Renaming else to "20.0%" as well merged it
    // with the other "20.0%" when written: 100% became 80%.
    std::vector<DecodeIssue> warnings;
    const Element e = decodePercentage(
        R"({"40%": {"elementId": "a"}, "20%": {"elementId": "b"}, "20.0%": {"elementId": "c"}, "else": {"elementId": "d"}})",
        &warnings);
    ASSERT_EQ(e.outputs.size(), 4u);
    EXPECT_EQ(namesByTarget(e),
              (std::map<std::string, std::string>{{"a", "40%"}, {"b", "20%"}, {"c", "20.0%"}, {"d", "20.00%"}}));
    EXPECT_EQ(sumOfShares(e), Share::kWhole);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].path, "$.outputs.else");
    EXPECT_NE(warnings[0].message.find("translated to a \"20.00%\" share"), std::string::npos) << warnings[0].message;

    // And through a whole write and read: four outputs still, still 100%.
    const Json written = RouteCodec::encodeElement(e);
    EXPECT_EQ(written["outputs"].size(), 4u) << written.dump();
    const auto reread = RouteCodec::decodeElement(written);
    ASSERT_TRUE(reread);
    EXPECT_EQ(reread.value->outputs, e.outputs);
    EXPECT_EQ(*reread.value, e);
}

TEST(LegacyElse, FractionalRemainderTakenKeepsItsValue)
{
    const Element e = decodePercentage(R"({"33.3%": {"elementId": "a"}, "33.4%": {"elementId": "b"},
        "33.30%": {"elementId": "c"}, "else": {"elementId": "d"}})");
    // 33.3 + 33.4 + 33.3 = 100: else gets 0%.
    EXPECT_EQ(namesByTarget(e).at("d"), "0%");
    const Element f = decodePercentage(R"({"33.3%": {"elementId": "a"}, "33.4%": {"elementId": "c"},
        "else": {"elementId": "d"}, "x": {"elementId": "e"}})");
    EXPECT_EQ(namesByTarget(f).at("d"), "else") << "'x' is no share, so else's share is unknown";
    const Element g = decodePercentage(R"({"33.3%": {"elementId": "a"}, "33.3%x": {"elementId": "b"},
        "33.30%": {"elementId": "c"}, "else": {"elementId": "d"}})");
    EXPECT_EQ(namesByTarget(g).at("d"), "else");
}

TEST(LegacyElse, FreeShareKeyTriesMoreZeros)
{
    Element e;
    e.type = ElementType::Percentage;
    EXPECT_EQ(LegacyElse::freeShareKey(e, 20'000'000), "20%");
    for (const char *name : {"20%", "20.0%", "20.00%", "20.000%"}) {
        e.setOutput(name, "t");
    }
    EXPECT_EQ(LegacyElse::freeShareKey(e, 20'000'000), "20.0000%");
    e.setOutput("33.3%", "t");
    EXPECT_EQ(LegacyElse::freeShareKey(e, 33'300'000), "33.30%");
    EXPECT_EQ(Share::parseMillionths("20.0000%"), 20'000'000);
}

// Property: whatever the other outputs are called, translation keeps every output and its target, leaves the
// names unique, and either makes the shares total exactly 100% or leaves `else` as it was.
TEST(LegacyElse, TranslationKeepsEveryOutputAndTheSumOfShares)
{
    std::mt19937 rng(4242);
    const auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    // Amounts in millionths and ways to spell them; clashes between spellings are the point.
    const std::int64_t amounts[] = {0,          10'000'000, 20'000'000,  25'000'000, 33'300'000,
                                    50'000'000, 60'000'000, 100'000'000, 12'345'678};
    int translated = 0;
    int kept = 0;
    int clashed = 0;
    for (int round = 0; round < 4000; ++round) {
        Element e;
        e.id = "split";
        e.type = ElementType::Percentage;
        std::set<std::string> names;
        if (pick(3) == 0) {
            // Aimed at the bug: the remainder is `share`, already spelt one, two or three ways.
            const std::int64_t share = std::array<std::int64_t, 3>{10'000'000, 20'000'000, 25'000'000}[pick(3)];
            const std::size_t spellings = 1 + pick(3);
            std::string name = Share::format(share);
            for (std::size_t i = 0; i < spellings; ++i) {
                names.insert(name);
                e.outputs.push_back({name, "s" + std::to_string(i), {}});
                name.insert(name.size() - 1, i == 0 ? ".0" : "0");
            }
            const std::int64_t rest = Share::kWhole - static_cast<std::int64_t>(spellings + 1) * share;
            if (rest > 0 && names.insert(Share::format(rest)).second) {
                e.outputs.push_back({Share::format(rest), "rest", {}});
            }
        }
        const std::size_t count = pick(6);
        for (std::size_t i = 0; i < count; ++i) {
            std::string name;
            if (pick(12) == 0) {
                name = "half"; // not a share
            } else {
                name = Share::format(amounts[pick(std::size(amounts))]);
                // Same amount, other spellings: "20%" -> "20.0%" -> "20.00%", or a leading zero.
                if (const std::size_t zeros = pick(3); zeros > 0) {
                    if (name.find('.') == std::string::npos) {
                        name.insert(name.size() - 1, ".");
                    }
                    name.insert(name.size() - 1, std::string(zeros, '0'));
                } else if (pick(5) == 0) {
                    name.insert(0, "0");
                }
            }
            if (names.insert(name).second) {
                e.outputs.push_back({name, "t" + std::to_string(i), {}});
            }
        }
        e.outputs.insert(e.outputs.begin() + static_cast<std::ptrdiff_t>(pick(e.outputs.size() + 1)),
                         Output{"else", "else-target", {}});

        const Element before = e;
        std::int64_t others = 0;
        bool readable = true;
        for (const Output &o : before.outputs) {
            if (o.name != "else") {
                const auto share = Share::parseMillionths(o.name);
                readable = readable && share.has_value();
                others += share.value_or(0);
            }
        }
        std::vector<DecodeIssue> warnings;
        LegacyElse::translate(e, "$.outputs.else", warnings);
        ASSERT_EQ(warnings.size(), 1u);

        // Every output is still there, in place, with its target; names are still unique.
        ASSERT_EQ(e.outputs.size(), before.outputs.size());
        std::set<std::string> after;
        for (std::size_t i = 0; i < e.outputs.size(); ++i) {
            EXPECT_EQ(e.outputs[i].target, before.outputs[i].target);
            if (before.outputs[i].name != "else") {
                EXPECT_EQ(e.outputs[i].name, before.outputs[i].name);
            }
            after.insert(e.outputs[i].name);
        }
        EXPECT_EQ(after.size(), e.outputs.size()) << "two outputs share a name";

        const std::string elseName = namesByTarget(e).at("else-target");
        if (readable && others <= Share::kWhole) {
            ++translated;
            clashed += elseName != Share::format(Share::kWhole - others) ? 1 : 0;
            EXPECT_EQ(Share::parseMillionths(elseName), Share::kWhole - others) << elseName;
            EXPECT_EQ(sumOfShares(e), Share::kWhole);
        } else {
            ++kept;
            EXPECT_EQ(elseName, "else");
            EXPECT_EQ(sumOfShares(e), sumOfShares(before));
        }
        // Written and read back, the element is the same: no output merged away by a duplicate key.
        const auto reread = RouteCodec::decodeElement(RouteCodec::encodeElement(e));
        ASSERT_TRUE(reread);
        EXPECT_EQ(reread.value->outputs, e.outputs);
    }
    EXPECT_GT(translated, 1000);
    EXPECT_GT(kept, 500);
    EXPECT_GT(clashed, 100) << "the clashes this test is about must actually happen";
}
