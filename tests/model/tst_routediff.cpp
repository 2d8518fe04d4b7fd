#include "model/RouteDiff.h"
#include "support/RouteGenerator.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <set>

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
