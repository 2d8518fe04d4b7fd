#include "app/AutoLayout.h"
#include "support/RouteGenerator.h"

#include <QElapsedTimer>
#include <QRectF>

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

using namespace rd;
using namespace rd::test;

namespace {

const QSizeF kSize(220, 90);

std::unordered_map<std::string, QSizeF> sizesFor(const Route &route, QSizeF size = kSize)
{
    std::unordered_map<std::string, QSizeF> sizes;
    for (const Element &e : route.elements()) {
        sizes[e.id] = size;
    }
    return sizes;
}

// Sweep on x so that 2,000 nodes do not need 2 million comparisons.
bool anyOverlap(const RouteDocument::Positions &positions, const std::unordered_map<std::string, QSizeF> &sizes)
{
    std::vector<QRectF> rects;
    for (const auto &[id, pos] : positions) {
        const auto it = sizes.find(id);
        rects.emplace_back(pos, it == sizes.end() ? AutoLayout::defaultNodeSize() : it->second);
    }
    std::sort(rects.begin(), rects.end(), [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
    for (std::size_t i = 0; i < rects.size(); ++i) {
        for (std::size_t j = i + 1; j < rects.size() && rects[j].left() < rects[i].right(); ++j) {
            if (rects[i].intersects(rects[j])) {
                return true;
            }
        }
    }
    return false;
}

void expectGrid(const RouteDocument::Positions &positions, double grid)
{
    for (const auto &[id, pos] : positions) {
        EXPECT_EQ(std::fmod(pos.x(), grid), 0.0) << id;
        EXPECT_EQ(std::fmod(pos.y(), grid), 0.0) << id;
    }
}

} // namespace

TEST(AutoLayout, DemoRouteLeftToRight)
{
    const Route route = makeDemoRoute();
    const auto sizes = sizesFor(route);
    const RouteDocument::Positions positions = AutoLayout::layout(route, sizes, 20);
    ASSERT_EQ(positions.size(), route.size());
    const double startX = positions.at("start").x();
    const double endX = positions.at("end").x();
    for (const auto &[id, pos] : positions) {
        if (id != "start") {
            EXPECT_LT(startX, pos.x()) << id;
        }
        if (id != "end") {
            EXPECT_LT(pos.x(), endX) << id;
        }
    }
    // Outputs in order: the conditional's "true" target sits above its "false" target.
    EXPECT_LT(positions.at("free_limit").y(), positions.at("split").y());
    EXPECT_FALSE(anyOverlap(positions, sizes));
    expectGrid(positions, 20);
}

TEST(AutoLayout, Deterministic)
{
    const Route route = makeSyntheticRoute(120, 3);
    const auto sizes = sizesFor(route);
    const auto a = AutoLayout::layout(route, sizes);
    const auto b = AutoLayout::layout(route, sizes);
    EXPECT_EQ(a, b);
}

TEST(AutoLayout, CyclesMissingTargetsDuplicatesAndLoners)
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
    Element odd = Element::make(ElementType::Unknown, "weird \"id\" {with} |record| <chars>");
    odd.setOutput("x:y", "start");
    const Route route({start, a, b, dup, loner, odd});
    std::unordered_map<std::string, QSizeF> sizes = sizesFor(route);
    sizes["loner"] = QSizeF(-5, std::nan("")); // nonsense sizes fall back to the default
    const auto positions = AutoLayout::layout(route, sizes);
    EXPECT_EQ(positions.size(), 5u); // duplicate id placed once
    for (const char *id : {"start", "a", "b", "loner"}) {
        EXPECT_TRUE(positions.count(id)) << id;
    }
    EXPECT_LT(positions.at("start").x(), positions.at("a").x());
    sizes["loner"] = AutoLayout::defaultNodeSize();
    EXPECT_FALSE(anyOverlap(positions, sizes));
}

TEST(AutoLayout, EmptyRoute)
{
    EXPECT_TRUE(AutoLayout::layout(Route(), {}).empty());
}

TEST(AutoLayout, MixedSizesDoNotOverlap)
{
    const Route route = makeSyntheticRoute(200, 5);
    std::unordered_map<std::string, QSizeF> sizes;
    std::size_t i = 0;
    for (const Element &e : route.elements()) {
        sizes[e.id] = QSizeF(120 + 37 * static_cast<double>(i % 5), 60 + 23 * static_cast<double>(i % 7));
        ++i;
    }
    const auto positions = AutoLayout::layout(route, sizes, 10);
    ASSERT_EQ(positions.size(), route.size());
    EXPECT_FALSE(anyOverlap(positions, sizes));
    expectGrid(positions, 10);
}

TEST(AutoLayout, TwoThousandElements)
{
    const Route route = makeSyntheticRoute(2000);
    const auto sizes = sizesFor(route);
    QElapsedTimer timer;
    timer.start();
    const auto positions = AutoLayout::layout(route, sizes);
    std::printf("2,000-element layout: %lld ms\n", static_cast<long long>(timer.elapsed()));
    ASSERT_EQ(positions.size(), route.size());
    EXPECT_FALSE(anyOverlap(positions, sizes));
    const auto start = std::find_if(route.elements().begin(), route.elements().end(),
                                    [](const Element &e) { return e.type == ElementType::Start; });
    ASSERT_NE(start, route.elements().end());
    const double startX = positions.at(start->id).x();
    for (const auto &[id, pos] : positions) {
        EXPECT_LE(startX, pos.x()) << id;
    }
}

TEST(AutoLayout, ConcurrentLayoutsTakeTurnsAndAgree)
{
    // Graphviz is not re-entrant: without the lock, layouts on several threads at once corrupt each other
    // (or crash). With it, each gets the same answer as on its own.
    const Route route = makeSyntheticRoute(200, 7);
    const auto sizes = sizesFor(route);
    const RouteDocument::Positions expected = AutoLayout::layout(route, sizes);
    std::vector<QFuture<RouteDocument::Positions>> futures;
    for (int i = 0; i < 4; ++i) {
        futures.push_back(AutoLayout::layoutAsync(route, sizes));
    }
    EXPECT_EQ(AutoLayout::layout(route, sizes), expected);
    for (QFuture<RouteDocument::Positions> &future : futures) {
        EXPECT_EQ(future.result(), expected);
    }
}
