#include "app/AutoLayout.h"
#include "tests/support/RouteGenerator.h"

#include <benchmark/benchmark.h>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

namespace {

struct Input
{
    rd::Route route;
    std::unordered_map<std::string, QSizeF> sizes;
};

const Input &input(std::int64_t elements)
{
    static std::map<std::int64_t, Input> cache;
    auto it = cache.find(elements);
    if (it == cache.end()) {
        Input in;
        in.route = rd::test::makeSyntheticRoute(static_cast<std::size_t>(elements), 42);
        for (const rd::Element &e : in.route.elements()) {
            in.sizes[e.id] = QSizeF(220, 90); // the canvas's default node size, in scene units
        }
        it = cache.emplace(elements, std::move(in)).first;
    }
    return it->second;
}

// The whole of what "Auto-layout" costs the user: building the graph, laying it out, reading positions back.
// Up to AutoLayout::kLayeredAbove elements (300 included) that is Graphviz dot; above it, LayeredLayout.
void BM_AutoLayout(benchmark::State &state)
{
    const Input &in = input(state.range(0));
    for (auto _ : state) {
        rd::RouteDocument::Positions positions = rd::AutoLayout::layout(in.route, in.sizes, 20);
        if (positions.size() != in.route.size()) {
            state.SkipWithError("not every element was placed");
            return;
        }
        benchmark::DoNotOptimize(positions);
    }
    state.counters["elements"] = static_cast<double>(in.route.size());
}

} // namespace

BENCHMARK(BM_AutoLayout)->Arg(50)->Arg(300)->Arg(500)->Arg(1000)->Arg(2000)->Arg(5000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
