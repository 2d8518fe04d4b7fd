#include "model/RouteDiff.h"
#include "model/RouteDiffLines.h"
#include "support/RouteGenerator.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <optional>
#include <random>
#include <set>
#include <stop_token>

using namespace rd;

namespace {

using Status = RouteDiff::Status;
using Kind = RouteDiff::Line::Kind;

Element model(const std::string &id, const std::string &name)
{
    Element m = Element::make(ElementType::Model, id);
    m.model.provider = "openai";
    m.model.model = name;
    m.model.timeout = Number::fromInteger(20000);
    return m;
}

Route chain()
{
    Route r;
    r.addElement(Element::make(ElementType::Start, "start"));
    r.addElement(model("gpt", "gpt-4o-mini"));
    r.addElement(model("claude", "claude-3-5-haiku-latest"));
    r.addElement(Element::make(ElementType::End, "end"));
    EXPECT_TRUE(r.connect("start", "next", "gpt"));
    EXPECT_TRUE(r.connect("gpt", "success", "end"));
    EXPECT_TRUE(r.connect("gpt", "fallback", "claude"));
    EXPECT_TRUE(r.connect("claude", "success", "end"));
    EXPECT_TRUE(r.connect("claude", "fallback", "end"));
    return r;
}

// Applies the hunks of `diff` to `from`'s canonical lines: the result must be `to`'s.
std::vector<std::string> patch(const std::vector<std::string> &from, const RouteDiff &diff)
{
    std::vector<std::string> out;
    std::size_t next = 0; // 0-based index of the next old line not yet copied
    for (const RouteDiff::Hunk &hunk : diff.hunks()) {
        const std::size_t hunkStart = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1;
        while (next < hunkStart) {
            out.push_back(from.at(next++));
        }
        for (const RouteDiff::Line &line : hunk.lines) {
            if (line.kind == Kind::Context) {
                EXPECT_EQ(from.at(next), line.text);
                out.push_back(from.at(next++));
            } else if (line.kind == Kind::Removed) {
                EXPECT_EQ(from.at(next), line.text);
                ++next;
            } else {
                out.push_back(line.text);
            }
        }
    }
    while (next < from.size()) {
        out.push_back(from.at(next++));
    }
    return out;
}

void expectPatchable(const Route &from, const Route &to, const RouteDiff &diff)
{
    EXPECT_EQ(patch(RouteDiff::canonicalLines(from), diff), RouteDiff::canonicalLines(to));
}

} // namespace

TEST(RouteDiff, NoChange)
{
    const Route r = chain();
    const RouteDiff diff = RouteDiff::compare(r, r);
    EXPECT_TRUE(diff.isEmpty());
    EXPECT_EQ(diff.count(Status::Unchanged), r.size());
    EXPECT_TRUE(diff.hunks().empty());
    EXPECT_EQ(diff.unifiedText(), "");
}

TEST(RouteDiff, AddedElement)
{
    const Route from = chain();
    Route to = from;
    ASSERT_TRUE(to.addElement(model("llama", "@cf/meta/llama-3.1-8b-instruct")));
    ASSERT_TRUE(to.connect("claude", "fallback", "llama"));
    ASSERT_TRUE(to.connect("llama", "success", "end"));

    const RouteDiff diff = RouteDiff::compare(from, to);
    EXPECT_EQ(diff.status("llama"), Status::Added);
    EXPECT_EQ(diff.status("claude"), Status::Changed);
    EXPECT_EQ(diff.aspects("claude"), unsigned(RouteDiff::OutputsAspect));
    EXPECT_EQ(diff.status("gpt"), Status::Unchanged);
    EXPECT_EQ(diff.count(Status::Added), 1u);
    EXPECT_EQ(diff.count(Status::Changed), 1u);
    EXPECT_EQ(diff.count(Status::Removed), 0u);
    EXPECT_FALSE(diff.isEmpty());

    const std::string text = diff.unifiedText("deployed", "new");
    EXPECT_EQ(text.rfind("--- deployed\n+++ new\n@@ -", 0), 0u) << text;
    EXPECT_NE(text.find("+      \"id\": \"llama\","), std::string::npos) << text;
    EXPECT_NE(text.find("-          \"elementId\": \"end\""), std::string::npos) << text;
    EXPECT_NE(text.find("+          \"elementId\": \"llama\""), std::string::npos) << text;
    expectPatchable(from, to, diff);
}

TEST(RouteDiff, RemovedElement)
{
    const Route from = chain();
    Route to = from;
    ASSERT_TRUE(to.removeElement("claude"));
    ASSERT_TRUE(to.connect("gpt", "fallback", "end"));

    const RouteDiff diff = RouteDiff::compare(from, to);
    EXPECT_EQ(diff.status("claude"), Status::Removed);
    EXPECT_EQ(diff.status("gpt"), Status::Changed);
    EXPECT_EQ(diff.count(Status::Removed), 1u);
    // Removed elements come last, after everything in the new route.
    ASSERT_EQ(diff.elements().size(), 4u);
    EXPECT_EQ(diff.elements().back().id, "claude");
    EXPECT_EQ(diff.elements().back().typeName, "model");
    EXPECT_GT(diff.removedLines(), 10u);
    expectPatchable(from, to, diff);
}

TEST(RouteDiff, ChangedProperties)
{
    const Route from = chain();
    Route to = from;
    Element gpt = *to.find("gpt");
    gpt.model.timeout = Number::fromInteger(30000);
    ASSERT_TRUE(to.replaceElement(gpt));

    const RouteDiff diff = RouteDiff::compare(from, to);
    EXPECT_EQ(diff.status("gpt"), Status::Changed);
    EXPECT_EQ(diff.aspects("gpt"), unsigned(RouteDiff::PropertiesAspect));
    EXPECT_EQ(diff.count(Status::Changed), 1u);
    ASSERT_EQ(diff.hunks().size(), 1u);
    EXPECT_EQ(diff.addedLines(), 1u);
    EXPECT_EQ(diff.removedLines(), 1u);
    const RouteDiff::Hunk &hunk = diff.hunks().front();
    EXPECT_EQ(hunk.section, "gpt");
    EXPECT_EQ(hunk.lines.size(), 8u); // three lines of context on each side
    EXPECT_EQ(hunk.oldCount, 7u);
    EXPECT_EQ(hunk.newCount, 7u);
    EXPECT_EQ(hunk.header().rfind("@@ -", 0), 0u);
    EXPECT_NE(hunk.header().find(" @@ gpt"), std::string::npos);
    expectPatchable(from, to, diff);
}

TEST(RouteDiff, ChangedType)
{
    const Route from = chain();
    Route to = from;
    Element claude = Element::make(ElementType::End, "claude");
    ASSERT_TRUE(to.replaceElement(claude));

    const RouteDiff diff = RouteDiff::compare(from, to);
    EXPECT_EQ(diff.status("claude"), Status::Changed);
    const unsigned aspects = diff.aspects("claude");
    EXPECT_TRUE(aspects & RouteDiff::TypeAspect);
    EXPECT_TRUE(aspects & RouteDiff::OutputsAspect);
    EXPECT_TRUE(aspects & RouteDiff::PropertiesAspect);
    EXPECT_EQ(RouteDiff::describeAspects(aspects), "type, properties and wires");
    expectPatchable(from, to, diff);
}

TEST(RouteDiff, Rewire)
{
    const Route from = chain();
    Route to = from;
    ASSERT_TRUE(to.connect("start", "next", "claude"));

    const RouteDiff diff = RouteDiff::compare(from, to);
    EXPECT_EQ(diff.status("start"), Status::Changed);
    EXPECT_EQ(diff.aspects("start"), unsigned(RouteDiff::OutputsAspect));
    EXPECT_EQ(RouteDiff::describeAspects(diff.aspects("start")), "wires");
    EXPECT_EQ(diff.count(Status::Changed), 1u);
    EXPECT_EQ(diff.addedLines(), 1u);
    EXPECT_EQ(diff.removedLines(), 1u);
    expectPatchable(from, to, diff);
}

TEST(RouteDiff, ReorderOnlyIsNoChange)
{
    const Route from = chain();
    std::vector<Element> reversed = from.elements();
    std::reverse(reversed.begin(), reversed.end());
    const Route to(reversed);

    const RouteDiff diff = RouteDiff::compare(from, to);
    EXPECT_TRUE(diff.isEmpty());
    EXPECT_TRUE(diff.hunks().empty());
    EXPECT_EQ(RouteDiff::canonicalLines(from), RouteDiff::canonicalLines(to));
    // The element list follows the new route's order.
    EXPECT_EQ(diff.elements().front().id, "end");
}

TEST(RouteDiff, EmptyRoutes)
{
    const Route empty;
    const Route full = chain();
    const RouteDiff added = RouteDiff::compare(empty, full);
    EXPECT_EQ(added.count(Status::Added), full.size());
    expectPatchable(empty, full, added);
    const RouteDiff removed = RouteDiff::compare(full, empty);
    EXPECT_EQ(removed.count(Status::Removed), full.size());
    expectPatchable(full, empty, removed);
    EXPECT_TRUE(RouteDiff::compare(empty, empty).hunks().empty());
}

TEST(RouteDiff, AppendedLastElementChangesTheCommaOfThePreviousOne)
{
    const Route from = chain();
    Route to = from;
    ASSERT_TRUE(to.addElement(model("zeta", "z")));
    const RouteDiff diff = RouteDiff::compare(from, to);
    EXPECT_EQ(diff.status("zeta"), Status::Added);
    expectPatchable(from, to, diff);
}

TEST(RouteDiff, MyersIsMinimal)
{
    // The classic example: ABCABBA -> CBABAC has an edit distance of 5.
    const auto split = [](const std::string &s) {
        std::vector<std::string> out;
        for (char c : s) {
            out.emplace_back(1, c);
        }
        return out;
    };
    const std::vector<RouteDiff::Line> lines = RouteDiff::diffLines(split("ABCABBA"), split("CBABAC"));
    const auto edits = std::count_if(lines.begin(), lines.end(), [](const auto &l) { return l.kind != Kind::Context; });
    EXPECT_EQ(edits, 5);
    std::string a;
    std::string b;
    for (const RouteDiff::Line &line : lines) {
        if (line.kind != Kind::Added) {
            a += line.text;
        }
        if (line.kind != Kind::Removed) {
            b += line.text;
        }
    }
    EXPECT_EQ(a, "ABCABBA");
    EXPECT_EQ(b, "CBABAC");
    EXPECT_TRUE(RouteDiff::diffLines({}, {}).empty());
    EXPECT_EQ(RouteDiff::diffLines({}, split("AB")).size(), 2u);
}

TEST(RouteDiff, LargeRoute)
{
    const Route from = test::makeSyntheticRoute(2000, 7);
    ASSERT_GE(from.size(), 1900u);

    // Shuffle the order (noise the diff must ignore), then make a few real changes.
    std::vector<Element> shuffled = from.elements();
    std::mt19937 rng(3);
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    Route to(shuffled);

    std::vector<std::string> models;
    for (const Element &e : from.elements()) {
        if (e.type == ElementType::Model) {
            models.push_back(e.id);
        }
    }
    ASSERT_GE(models.size(), 10u);
    for (std::size_t i = 0; i < 5; ++i) {
        Element e = *to.find(models[i * 2]);
        e.model.retries = Number::fromInteger(9);
        ASSERT_TRUE(to.replaceElement(e));
    }
    ASSERT_TRUE(to.removeElement(models[11]));
    ASSERT_TRUE(to.addElement(model("aaa-new", "brand-new")));

    const RouteDiff diff = RouteDiff::compare(from, to);
    EXPECT_EQ(diff.count(Status::Added), 1u);
    EXPECT_EQ(diff.status("aaa-new"), Status::Added);
    EXPECT_EQ(diff.status(models[11]), Status::Removed);
    EXPECT_EQ(diff.count(Status::Removed), 1u);
    // The five edited models, plus whatever pointed at the removed one (its wires went with it).
    std::set<std::string> changed;
    for (std::size_t i = 0; i < 5; ++i) {
        changed.insert(models[i * 2]);
    }
    for (const IncomingRef &ref : from.incoming(models[11])) {
        changed.insert(ref.source);
    }
    const std::size_t expectedChanged = changed.size();
    EXPECT_EQ(diff.count(Status::Changed), expectedChanged);
    EXPECT_EQ(diff.count(Status::Unchanged), from.size() - 1 - expectedChanged);
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_TRUE(diff.aspects(models[i * 2]) & RouteDiff::PropertiesAspect);
    }
    expectPatchable(from, to, diff);

    // Completely different routes of the same size: still aligned per element, still correct.
    const Route other = test::makeSyntheticRoute(2000, 99);
    const RouteDiff big = RouteDiff::compare(from, other);
    expectPatchable(from, other, big);
}

namespace {

// The length of a longest common subsequence, by the textbook table: the reference a shortest script is
// checked against (its edits are |a| + |b| - 2 LCS).
std::size_t lcsLength(const std::vector<std::string> &a, const std::vector<std::string> &b)
{
    std::vector<std::size_t> previous(b.size() + 1, 0);
    std::vector<std::size_t> current(b.size() + 1, 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// Applies a script: the lines it keeps or removes must spell `a`, those it keeps or adds `b`, and a kept line
// must be the same on both sides. Returns the number of edits, or nullopt when the script is wrong.
std::optional<std::size_t> applyScript(const std::vector<std::string> &a, const std::vector<std::string> &b,
                                       const std::vector<RouteDiffLines::Op> &ops)
{
    std::size_t i = 0;
    std::size_t j = 0;
    std::size_t edits = 0;
    for (const RouteDiffLines::Op op : ops) {
        switch (op) {
        case RouteDiffLines::Op::Keep:
            if (i >= a.size() || j >= b.size() || a[i] != b[j]) {
                return std::nullopt;
            }
            ++i;
            ++j;
            break;
        case RouteDiffLines::Op::Remove:
            if (i++ >= a.size()) {
                return std::nullopt;
            }
            ++edits;
            break;
        case RouteDiffLines::Op::Add:
            if (j++ >= b.size()) {
                return std::nullopt;
            }
            ++edits;
            break;
        }
    }
    if (i != a.size() || j != b.size()) {
        return std::nullopt;
    }
    return edits;
}

bool removalsBeforeAdditions(const std::vector<RouteDiffLines::Op> &ops)
{
    for (std::size_t k = 1; k < ops.size(); ++k) {
        if (ops[k - 1] == RouteDiffLines::Op::Add && ops[k] == RouteDiffLines::Op::Remove) {
            return false;
        }
    }
    return true;
}

std::vector<std::string> randomLines(std::mt19937 &rng, std::size_t maxLength, int alphabet)
{
    std::vector<std::string> out(rng() % (maxLength + 1));
    for (std::string &line : out) {
        line = std::string(1, static_cast<char>('A' + rng() % static_cast<unsigned>(alphabet)));
    }
    return out;
}

// A conditional whose `conditions` are one list of strings: its JSON is a line per string.
Route routeWithList(std::size_t lines, const std::string &prefix)
{
    Json list = Json::array();
    for (std::size_t i = 0; i < lines; ++i) {
        list.push_back(prefix + std::to_string(i));
    }
    Route r = chain();
    Element e = Element::make(ElementType::Conditional, "check");
    e.conditional.conditions = Json{{"metadata.user", {{"$in", std::move(list)}}}};
    EXPECT_TRUE(r.addElement(std::move(e)));
    return r;
}

} // namespace

TEST(RouteDiff, ShortestScriptAgainstReferenceLcs)
{
    // Small random inputs over few distinct lines (many equally short scripts to choose from), through the
    // one-sided search and, with oneSidedUpTo = 0, through the two-sided one.
    std::mt19937 rng(20240611);
    for (int round = 0; round < 3000; ++round) {
        const int alphabet = 2 + round % 5;
        const std::size_t maxLength = round < 2000 ? 12 : 80;
        const std::vector<std::string> a = randomLines(rng, maxLength, alphabet);
        const std::vector<std::string> b = randomLines(rng, maxLength, alphabet);
        const std::size_t shortest = a.size() + b.size() - 2 * lcsLength(a, b);
        for (const std::size_t oneSidedUpTo : {RouteDiffLines::kOneSidedUpTo, std::size_t{0}}) {
            const auto ops = RouteDiffLines::script(a, b, shortest, {}, oneSidedUpTo);
            ASSERT_TRUE(ops) << "round " << round << ", one-sided up to " << oneSidedUpTo;
            const auto edits = applyScript(a, b, *ops);
            ASSERT_TRUE(edits) << "round " << round << ": the script does not turn a into b";
            EXPECT_EQ(*edits, shortest) << "round " << round;
            EXPECT_TRUE(removalsBeforeAdditions(*ops)) << "round " << round;
            if (shortest > 0) {
                EXPECT_FALSE(RouteDiffLines::script(a, b, shortest - 1, {}, oneSidedUpTo)) << "round " << round;
            }
        }
        // What RouteDiff shows is the same script.
        const std::vector<RouteDiff::Line> lines = RouteDiff::diffLines(a, b);
        const auto shown =
            std::count_if(lines.begin(), lines.end(), [](const auto &l) { return l.kind != Kind::Context; });
        EXPECT_EQ(static_cast<std::size_t>(shown), shortest);
    }
}

TEST(RouteDiff, TwoSidedSearchOnLongInputs)
{
    // Beyond kOneSidedUpTo edits the two-sided search runs on its own; checked against the reference on inputs
    // of about a thousand lines with few in common.
    std::mt19937 rng(7);
    for (int round = 0; round < 12; ++round) {
        std::vector<std::string> a = randomLines(rng, 400, 30);
        std::vector<std::string> b = randomLines(rng, 400, 30);
        a.resize(a.size() + 700, "A");
        std::shuffle(a.begin(), a.end(), rng);
        b.resize(b.size() + 700, "B");
        std::shuffle(b.begin(), b.end(), rng);
        const std::size_t shortest = a.size() + b.size() - 2 * lcsLength(a, b);
        ASSERT_GT(shortest, RouteDiffLines::kOneSidedUpTo);
        const auto ops = RouteDiffLines::script(a, b, shortest);
        ASSERT_TRUE(ops);
        EXPECT_EQ(applyScript(a, b, *ops), shortest) << "round " << round;
        EXPECT_TRUE(removalsBeforeAdditions(*ops));
        EXPECT_FALSE(RouteDiffLines::script(a, b, shortest - 1));
    }
}

TEST(RouteDiff, LinesOnlyOneSideHasStayShortest)
{
    // Lines that the other side lacks are left out of the search and put back: the script is still a shortest
    // one, with common lines from a small alphabet and one-sided ones (lower case, numbered) mixed in.
    std::mt19937 rng(99);
    for (int round = 0; round < 1500; ++round) {
        std::vector<std::string> a = randomLines(rng, 30, 2 + round % 4);
        std::vector<std::string> b = randomLines(rng, 30, 2 + round % 4);
        for (auto *side : {&a, &b}) {
            const std::size_t extra = rng() % 12;
            for (std::size_t k = 0; k < extra; ++k) {
                const auto at = static_cast<std::ptrdiff_t>(rng() % (side->size() + 1));
                side->insert(side->begin() + at, (side == &a ? "only-a-" : "only-b-") + std::to_string(k));
            }
        }
        const std::size_t shortest = a.size() + b.size() - 2 * lcsLength(a, b);
        for (const std::size_t oneSidedUpTo : {RouteDiffLines::kOneSidedUpTo, std::size_t{0}}) {
            const auto ops = RouteDiffLines::script(a, b, shortest, {}, oneSidedUpTo);
            ASSERT_TRUE(ops) << "round " << round;
            EXPECT_EQ(applyScript(a, b, *ops), shortest) << "round " << round;
            EXPECT_TRUE(removalsBeforeAdditions(*ops)) << "round " << round;
            if (shortest > 0) {
                EXPECT_FALSE(RouteDiffLines::script(a, b, shortest - 1, {}, oneSidedUpTo)) << "round " << round;
            }
        }
    }

    // Everything changed (the fuzzer's long-array input, 3,900 lines a side): all removed, then all added, and
    // the edit bound still counts every one of them.
    std::vector<std::string> a;
    std::vector<std::string> b;
    for (int i = 0; i < 3900; ++i) {
        a.push_back("1," + std::to_string(i));
        b.push_back("2," + std::to_string(i));
    }
    const auto ops = RouteDiffLines::script(a, b, 7800);
    ASSERT_TRUE(ops);
    EXPECT_EQ(applyScript(a, b, *ops), 7800u);
    EXPECT_TRUE(removalsBeforeAdditions(*ops));
    EXPECT_FALSE(RouteDiffLines::script(a, b, 7799));
}

TEST(RouteDiff, StopsWhenAsked)
{
    const Route from = routeWithList(3000, "a-");
    const Route to = routeWithList(3000, "b-");
    std::stop_source stop;
    stop.request_stop();
    EXPECT_FALSE(RouteDiff::compare(from, to, {}, stop.get_token()));
    EXPECT_FALSE(RouteDiffLines::script(RouteDiff::canonicalLines(from), RouteDiff::canonicalLines(to),
                                        RouteDiff::kMaxChangedLines, stop.get_token()));
    EXPECT_TRUE(RouteDiff::compare(from, to, {}, std::stop_source().get_token()));
}

TEST(RouteDiff, TooLargeToShowLineByLine)
{
    // 12,000 lines replaced: 24,000 changed lines, beyond kMaxChangedLines. The elements are still compared.
    const Route from = routeWithList(12000, "deployed-");
    Route to = routeWithList(12000, "candidate-");
    ASSERT_TRUE(to.addElement(model("new-model", "m")));
    const RouteDiff diff = RouteDiff::compare(from, to);
    EXPECT_TRUE(diff.isTextTooLarge());
    EXPECT_EQ(diff.changedLineLimit(), RouteDiff::kMaxChangedLines);
    EXPECT_TRUE(diff.hunks().empty());
    EXPECT_EQ(diff.unifiedText(), "");
    EXPECT_EQ(diff.status("check"), Status::Changed);
    EXPECT_EQ(diff.status("new-model"), Status::Added);
    EXPECT_EQ(diff.status("gpt"), Status::Unchanged);
    EXPECT_FALSE(diff.isEmpty());

    // The limit counts what would be shown: exactly at it the diff is there, one below it is not.
    const Route small = chain();
    Route edited = small;
    Element gpt = *edited.find("gpt");
    gpt.model.timeout = Number::fromInteger(1);
    ASSERT_TRUE(edited.replaceElement(gpt));
    ASSERT_TRUE(edited.addElement(model("zz", "z"))); // the block, plus the comma on the line before it
    const RouteDiff full = RouteDiff::compare(small, edited);
    const std::size_t changed = full.addedLines() + full.removedLines();
    ASSERT_GT(changed, 3u);
    RouteDiff::Options options;
    options.maxChangedLines = changed;
    const auto atLimit = RouteDiff::compare(small, edited, options, {});
    ASSERT_TRUE(atLimit);
    EXPECT_FALSE(atLimit->isTextTooLarge());
    EXPECT_EQ(atLimit->unifiedText(), full.unifiedText());
    options.maxChangedLines = changed - 1;
    const auto belowLimit = RouteDiff::compare(small, edited, options, {});
    ASSERT_TRUE(belowLimit);
    EXPECT_TRUE(belowLimit->isTextTooLarge());
    EXPECT_EQ(belowLimit->status("zz"), Status::Added);

    // Whole elements added count too: a first deployment of a big route.
    options.maxChangedLines = 10;
    const auto firstDeploy = RouteDiff::compare(Route(), small, options, {});
    ASSERT_TRUE(firstDeploy);
    EXPECT_TRUE(firstDeploy->isTextTooLarge());
    EXPECT_EQ(firstDeploy->count(Status::Added), small.size());
}
