#include "model/LayeredLayout.h"
#include "support/RouteGenerator.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

using namespace rd;
using namespace rd::test;

namespace {

using Sizes = std::unordered_map<std::string, LayeredLayout::Size>;
using Positions = std::unordered_map<std::string, LayeredLayout::Point>;

const LayeredLayout::Size kDefault{220, 90};

LayeredLayout::Options options(double grid = 20)
{
    LayeredLayout::Options o;
    o.gridSize = grid;
    return o;
}

Sizes uniformSizes(const Route &route, LayeredLayout::Size size = kDefault)
{
    Sizes sizes;
    for (const Element &e : route.elements()) {
        sizes[e.id] = size;
    }
    return sizes;
}

Sizes mixedSizes(const Route &route)
{
    Sizes sizes;
    std::size_t i = 0;
    for (const Element &e : route.elements()) {
        sizes[e.id] = {120 + 37 * static_cast<double>(i % 5), 60 + 23 * static_cast<double>(i % 7)};
        ++i;
    }
    return sizes;
}

struct Rect
{
    double left, top, right, bottom;
    std::string id;
};

// Pairs of overlapping cards (touching edges do not count), found with a sweep on x.
std::vector<std::string> overlaps(const Positions &positions, const Sizes &sizes)
{
    std::vector<Rect> rects;
    for (const auto &[id, p] : positions) {
        const auto it = sizes.find(id);
        const LayeredLayout::Size s = it == sizes.end() ? kDefault : it->second;
        rects.push_back({p.x, p.y, p.x + s.width, p.y + s.height, id});
    }
    std::sort(rects.begin(), rects.end(), [](const Rect &a, const Rect &b) { return a.left < b.left; });
    std::vector<std::string> found;
    for (std::size_t i = 0; i < rects.size(); ++i) {
        for (std::size_t j = i + 1; j < rects.size() && rects[j].left < rects[i].right; ++j) {
            if (rects[j].top < rects[i].bottom && rects[i].top < rects[j].bottom) {
                found.push_back(rects[i].id + " / " + rects[j].id);
            }
        }
    }
    return found;
}

void expectGrid(const Positions &positions, double grid)
{
    for (const auto &[id, p] : positions) {
        EXPECT_EQ(std::fmod(p.x, grid), 0.0) << id;
        EXPECT_EQ(std::fmod(p.y, grid), 0.0) << id;
    }
}

// What every layered layout of an acyclic route must give: every element placed once, no overlaps, the start
// left of everything, every wire running left to right, the end elements in the last column.
void expectLayered(const Route &route, const Sizes &sizes, const Positions &positions)
{
    std::set<std::string> ids;
    for (const Element &e : route.elements()) {
        ids.insert(e.id);
    }
    ASSERT_EQ(positions.size(), ids.size());
    const std::vector<std::string> overlapping = overlaps(positions, sizes);
    EXPECT_TRUE(overlapping.empty()) << overlapping.size() << " overlaps, first: " << overlapping.front();
    double maxX = 0;
    for (const auto &[id, p] : positions) {
        maxX = std::max(maxX, p.x);
    }
    for (const Element &e : route.elements()) {
        const LayeredLayout::Point from = positions.at(e.id);
        if (e.type == ElementType::Start) {
            for (const auto &[id, p] : positions) {
                if (id != e.id) {
                    EXPECT_LT(from.x, p.x) << id;
                }
            }
        }
        if (e.type == ElementType::End) {
            EXPECT_EQ(from.x, maxX) << e.id;
        }
        for (const Output &o : e.outputs) {
            ASSERT_TRUE(positions.count(o.target)) << o.target;
            EXPECT_LT(from.x, positions.at(o.target).x) << e.id << " -> " << o.target;
        }
    }
}

} // namespace

TEST(LayeredLayout, SyntheticRoutesAreLayeredWithoutOverlaps)
{
    for (const auto &[elements, seed] :
         std::vector<std::pair<std::size_t, std::uint32_t>>{{300, 1}, {301, 5}, {1000, 42}, {3000, 7}}) {
        SCOPED_TRACE(elements);
        const Route route = makeSyntheticRoute(elements, seed);
        const Sizes sizes = uniformSizes(route);
        const Positions positions = LayeredLayout::layout(route, sizes, options());
        expectLayered(route, sizes, positions);
        expectGrid(positions, 20);
    }
}

TEST(LayeredLayout, MixedSizesOnAFineGrid)
{
    const Route route = makeSyntheticRoute(1200, 9);
    const Sizes sizes = mixedSizes(route);
    const Positions positions = LayeredLayout::layout(route, sizes, options(10));
    expectLayered(route, sizes, positions);
    expectGrid(positions, 10);
}

TEST(LayeredLayout, WithoutAGridCardsStillKeepApart)
{
    const Route route = makeSyntheticRoute(500, 2);
    const Sizes sizes = mixedSizes(route);
    expectLayered(route, sizes, LayeredLayout::layout(route, sizes, options(0)));
}

TEST(LayeredLayout, Deterministic)
{
    const Route route = makeSyntheticRoute(2000, 11);
    const Sizes sizes = mixedSizes(route);
    const Positions a = LayeredLayout::layout(route, sizes, options());
    const Positions b = LayeredLayout::layout(Route(route.elements()), sizes, options());
    EXPECT_TRUE(a == b);
}

// Outputs leave in their order: the conditional's "true" target above its "false" target, a split's shares
// top to bottom, a model's success above its fallback.
TEST(LayeredLayout, OutputsInPortOrder)
{
    const Route demo = makeDemoRoute();
    const Sizes sizes = uniformSizes(demo);
    const Positions positions = LayeredLayout::layout(demo, sizes, options());
    expectLayered(demo, sizes, positions);
    EXPECT_LT(positions.at("free_limit").y, positions.at("split").y);
    EXPECT_LT(positions.at("gpt4o_mini").y, positions.at("claude_haiku").y);

    const Route route = makeSyntheticRoute(400, 3);
    const Positions big = LayeredLayout::layout(route, uniformSizes(route), options());
    int inOrder = 0;
    int outOfOrder = 0;
    for (const Element &e : route.elements()) {
        if (e.type != ElementType::Conditional) {
            continue;
        }
        (big.at(e.outputs[0].target).y < big.at(e.outputs[1].target).y ? inOrder : outOfOrder) += 1;
    }
    EXPECT_GT(inOrder, 0);
    EXPECT_EQ(outOfOrder, 0);
}

// Wires that close a loop run right to left; every other wire still runs left to right.
TEST(LayeredLayout, CyclesOnlyReverseTheirBackWires)
{
    Route route = makeSyntheticRoute(600, 4);
    std::vector<Element> elements = route.elements();
    // Every tenth backup model falls back to its block's check: a loop per such block.
    int loops = 0;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const std::string &id = elements[i].id;
        const std::size_t cut = id.find("_backup");
        if (cut != std::string::npos && (i / 10) % 10 == 0) {
            elements[i].setOutput("fallback", id.substr(0, cut) + "_check");
            ++loops;
        }
    }
    ASSERT_GT(loops, 2);
    route = Route(std::move(elements));
    const Sizes sizes = uniformSizes(route);
    const Positions positions = LayeredLayout::layout(route, sizes, options());
    ASSERT_EQ(positions.size(), route.size());
    EXPECT_TRUE(overlaps(positions, sizes).empty());
    int backwards = 0;
    for (const Element &e : route.elements()) {
        for (const Output &o : e.outputs) {
            if (positions.at(o.target).x <= positions.at(e.id).x) {
                ++backwards;
                EXPECT_NE(e.id.find("_backup"), std::string::npos) << e.id << " -> " << o.target;
            }
        }
    }
    EXPECT_EQ(backwards, loops);
}

TEST(LayeredLayout, OddRoutesPlaceEveryElement)
{
    Element start = Element::make(ElementType::Start, "start");
    start.setOutput("next", "a");
    Element a = Element::make(ElementType::Model, "a");
    a.setOutput("success", "b");
    a.setOutput("fallback", "nowhere");
    Element b = Element::make(ElementType::Model, "b");
    b.setOutput("success", "a");  // a cycle
    b.setOutput("fallback", "b"); // a self-loop
    Element dup = Element::make(ElementType::End, "b");
    Element loner = Element::make(ElementType::End, "loner");
    Element unreached = Element::make(ElementType::Model, "unreached");
    unreached.setOutput("success", "b");
    unreached.setOutput("fallback", "");
    Element endWithOutput = Element::make(ElementType::End, "end");
    endWithOutput.setOutput("next", "a"); // out of the last column: drawn, not laid out by
    Element odd = Element::make(ElementType::Unknown, "weird \"id\" {with} |record| <chars>");
    odd.setOutput("x:y", "start");
    Element pair1 = Element::make(ElementType::Model, "p1"); // a loop nothing leads into
    pair1.setOutput("success", "p2");
    Element pair2 = Element::make(ElementType::Model, "p2");
    pair2.setOutput("success", "p1");
    a.setOutput("other", "end");
    const Route route({start, a, b, dup, loner, unreached, endWithOutput, odd, pair1, pair2});
    Sizes sizes = uniformSizes(route);
    sizes["loner"] = {-5, std::nan("")}; // nonsense sizes fall back to the default
    sizes.erase("unreached");
    const Positions positions = LayeredLayout::layout(route, sizes, options());
    EXPECT_EQ(positions.size(), 9u); // the duplicate id placed once
    for (const char *id : {"start", "a", "b", "loner", "unreached", "end", "p1", "p2"}) {
        EXPECT_TRUE(positions.count(id)) << id;
    }
    sizes["loner"] = kDefault;
    EXPECT_TRUE(overlaps(positions, sizes).empty());
    expectGrid(positions, 20);
    // The start in the first column, alone, although "weird..." leads into it.
    for (const auto &[id, p] : positions) {
        if (id != "start") {
            EXPECT_LT(positions.at("start").x, p.x) << id;
        }
    }
    EXPECT_LT(positions.at("a").x, positions.at("b").x);
    // An element nothing leads to sits just before what it leads to, not back in the start's column.
    EXPECT_LT(positions.at("unreached").x, positions.at("b").x);
    EXPECT_GT(positions.at("unreached").x, positions.at("start").x);
    EXPECT_EQ(positions.at("end").x, positions.at("loner").x);
    EXPECT_GT(positions.at("end").x, positions.at("b").x);

    EXPECT_TRUE(LayeredLayout::layout(Route(), {}, options()).empty());
    EXPECT_TRUE(LayeredLayout::layout(std::vector<LayeredLayout::Node>{}, options()).empty());
}

// The graph-level entry point takes any indices: out of range, self, into an end from an end.
TEST(LayeredLayout, NodeGraphWithBadIndices)
{
    std::vector<LayeredLayout::Node> nodes(4);
    for (auto &n : nodes) {
        n.width = 100;
        n.height = 50;
    }
    nodes[0].start = true;
    nodes[0].outputs = {1, 99, LayeredLayout::kNoTarget, 0};
    nodes[1].outputs = {2, 3};
    nodes[2].outputs = {1}; // back to 1
    nodes[3].end = true;
    nodes[3].outputs = {3, 0};
    nodes[3].width = std::nan("");
    const std::vector<LayeredLayout::Point> points = LayeredLayout::layout(nodes, options());
    ASSERT_EQ(points.size(), 4u);
    EXPECT_LT(points[0].x, points[1].x);
    EXPECT_LT(points[1].x, points[2].x);
    EXPECT_LT(points[2].x, points[3].x);
}

// A column is as wide as its widest card, and the next starts one gap after it, on the grid.
TEST(LayeredLayout, ColumnsFollowTheWidestCard)
{
    std::vector<LayeredLayout::Node> nodes(4);
    nodes[0] = {100, 50, true, false, {1, 2}};
    nodes[1] = {300, 50, false, false, {3}};
    nodes[2] = {100, 70, false, false, {3}};
    nodes[3] = {100, 50, false, true, {}};
    LayeredLayout::Options o = options(20);
    o.layerGap = 80;
    o.nodeGap = 40;
    const std::vector<LayeredLayout::Point> points = LayeredLayout::layout(nodes, o);
    EXPECT_EQ(points[0].x, 0);
    EXPECT_EQ(points[1].x, 180); // 100 + 80
    EXPECT_EQ(points[2].x, 280); // centred in the 300-wide column, rounded down to the grid
    EXPECT_EQ(points[3].x, 560); // 180 + 300 + 80
    EXPECT_LT(points[1].y, points[2].y);
    EXPECT_GE(points[2].y, points[1].y + 50 + 40);
    // The start centred on its two children, the end on its two sources.
    const double childrenCentre = (points[1].y + 25 + points[2].y + 35) / 2;
    EXPECT_LE(std::abs(points[0].y + 25 - childrenCentre), 20);
    EXPECT_LE(std::abs(points[3].y + 25 - childrenCentre), 20);
}

// The synthetic route is a chain of blocks, each condition leading to two cards on one side and two or three
// on the other: the blocks' conditions should stay on one line, not drift a little with every block.
TEST(LayeredLayout, TheMainLineStaysStraight)
{
    const Route route = makeSyntheticRoute(3000, 42);
    const Positions positions = LayeredLayout::layout(route, uniformSizes(route), options());
    double lowest = positions.at("start").y;
    double highest = lowest;
    int checks = 0;
    for (const Element &e : route.elements()) {
        if (e.type == ElementType::Conditional) {
            lowest = std::min(lowest, positions.at(e.id).y);
            highest = std::max(highest, positions.at(e.id).y);
            ++checks;
        }
    }
    EXPECT_GT(checks, 300);
    EXPECT_LE(highest - lowest, 40) << lowest << " to " << highest;
    double top = 0;
    double bottom = 0;
    for (const auto &[id, p] : positions) {
        top = std::min(top, p.y);
        bottom = std::max(bottom, p.y + kDefault.height);
    }
    // At most five cards in a column: the whole picture is about as tall as one block.
    EXPECT_LE(bottom - top, 5 * (90 + 40) + 200);
}

// A ladder of conditions, each "true" leading to a short branch (rate limit, model, backup model) and "false"
// to the next condition: the conditions, which lead on to everything after them, stay on one line and the
// branches give way, rather than each condition sharing its place with the branch beside it (a staircase
// tens of thousands of units tall). Some backups loop back to the first condition.
TEST(LayeredLayout, ALadderKeepsItsSpineStraight)
{
    std::vector<Element> elements;
    Element start = Element::make(ElementType::Start, "start");
    start.setOutput("next", "c0");
    elements.push_back(start);
    constexpr std::size_t kSteps = 250;
    for (std::size_t i = 0; i < kSteps; ++i) {
        const std::string k = std::to_string(i);
        Element c = Element::make(ElementType::Conditional, "c" + k);
        c.setOutput("true", "r" + k);
        c.setOutput("false", i + 1 < kSteps ? "c" + std::to_string(i + 1) : "end");
        Element r = Element::make(ElementType::Rate, "r" + k);
        r.setOutput("success", "m" + k);
        r.setOutput("fallback", "end");
        Element m = Element::make(ElementType::Model, "m" + k);
        m.setOutput("success", "end");
        m.setOutput("fallback", "f" + k);
        Element f = Element::make(ElementType::Model, "f" + k);
        f.setOutput("success", "end");
        f.setOutput("fallback", i % 7 == 3 ? "c0" : "end");
        for (Element *e : {&c, &r, &m, &f}) {
            elements.push_back(std::move(*e));
        }
    }
    elements.push_back(Element::make(ElementType::End, "end"));
    const Route route(std::move(elements));
    const Sizes sizes = uniformSizes(route);
    const Positions positions = LayeredLayout::layout(route, sizes, options());
    ASSERT_EQ(positions.size(), route.size());
    EXPECT_TRUE(overlaps(positions, sizes).empty());
    double lowest = positions.at("c0").y;
    double highest = lowest;
    for (std::size_t i = 0; i < kSteps * 3 / 4; ++i) {
        const double y = positions.at("c" + std::to_string(i)).y;
        lowest = std::min(lowest, y);
        highest = std::max(highest, y);
    }
    // 1,780 units measured (it sinks by less than a card every ten steps); a staircase was 35,000.
    EXPECT_LE(highest - lowest, 2500) << lowest << " to " << highest;
    // Backups that loop back to the start stay by their branch.
    EXPECT_LE(std::abs(positions.at("f3").y - positions.at("m3").y), 400);
    EXPECT_LE(std::abs(positions.at("f213").y - positions.at("m213").y), 400);
}
