#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/RouteDiff.h"
#include "model/Validator.h"
#include "tests/support/RouteGenerator.h"

#include <benchmark/benchmark.h>
#include <cstdint>
#include <map>
#include <string>

namespace {

// Everything a benchmark needs, built once per size outside the timed loops.
struct Input
{
    rd::Route route;
    std::string text; // as an operator's file would hold it: indented, as `routectl format` writes it
};

const Input &input(std::int64_t elements)
{
    static std::map<std::int64_t, Input> cache;
    auto it = cache.find(elements);
    if (it == cache.end()) {
        Input in;
        in.route = rd::test::makeSyntheticRoute(static_cast<std::size_t>(elements), 42);
        in.text = rd::JsonText::format(rd::RouteCodec::encodeRoute(in.route));
        it = cache.emplace(elements, std::move(in)).first;
    }
    return it->second;
}

// A benchmark of the error path would measure something else: refuse to time an input that does not decode
// or validate cleanly.
bool checkInput(benchmark::State &state, const Input &in)
{
    const auto json = rd::JsonText::parse(in.text);
    if (!json || !rd::RouteCodec::decodeDocument(*json.value)) {
        state.SkipWithError("synthetic route does not decode");
        return false;
    }
    if (rd::Validator::hasErrors(rd::Validator::validate(in.route))) {
        state.SkipWithError("synthetic route has validation errors");
        return false;
    }
    return true;
}

void report(benchmark::State &state, const Input &in, bool text)
{
    state.counters["elements/s"] =
        benchmark::Counter(static_cast<double>(in.route.size()), benchmark::Counter::kIsIterationInvariantRate);
    state.counters["elements"] = static_cast<double>(in.route.size());
    if (text) {
        state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(in.text.size()));
    }
}

void BM_Parse(benchmark::State &state)
{
    const Input &in = input(state.range(0));
    if (!checkInput(state, in)) {
        return;
    }
    for (auto _ : state) {
        auto json = rd::JsonText::parse(in.text);
        auto doc = rd::RouteCodec::decodeDocument(*json.value);
        benchmark::DoNotOptimize(doc);
    }
    report(state, in, true);
}

// The two halves of BM_Parse, to show which one a speed-up has to come from.
void BM_ParseJsonOnly(benchmark::State &state)
{
    const Input &in = input(state.range(0));
    if (!checkInput(state, in)) {
        return;
    }
    for (auto _ : state) {
        auto json = rd::JsonText::parse(in.text);
        benchmark::DoNotOptimize(json);
    }
    report(state, in, true);
}

void BM_DecodeOnly(benchmark::State &state)
{
    const Input &in = input(state.range(0));
    if (!checkInput(state, in)) {
        return;
    }
    const rd::Json json = *rd::JsonText::parse(in.text).value;
    for (auto _ : state) {
        auto doc = rd::RouteCodec::decodeDocument(json);
        benchmark::DoNotOptimize(doc);
    }
    report(state, in, false);
}

void BM_Serialize(benchmark::State &state)
{
    const Input &in = input(state.range(0));
    if (!checkInput(state, in)) {
        return;
    }
    for (auto _ : state) {
        std::string text = rd::JsonText::compact(rd::RouteCodec::encodeRoute(in.route));
        benchmark::DoNotOptimize(text);
    }
    report(state, in, false);
}

void BM_Validate(benchmark::State &state)
{
    const Input &in = input(state.range(0));
    if (!checkInput(state, in)) {
        return;
    }
    for (auto _ : state) {
        auto findings = rd::Validator::validate(in.route);
        benchmark::DoNotOptimize(findings);
    }
    report(state, in, false);
}

// What opening a file in the editor or `routectl validate` costs end to end (minus the disk).
void BM_ParseValidate(benchmark::State &state)
{
    const Input &in = input(state.range(0));
    if (!checkInput(state, in)) {
        return;
    }
    for (auto _ : state) {
        auto json = rd::JsonText::parse(in.text);
        auto doc = rd::RouteCodec::decodeDocument(*json.value);
        auto findings = rd::Validator::validate(doc.value->routes.front());
        benchmark::DoNotOptimize(findings);
    }
    report(state, in, true);
}

// A conditional whose `conditions` hold one list of `lines` strings: a line of JSON each.
rd::Route routeWithList(std::int64_t lines, const std::string &prefix)
{
    rd::Json list = rd::Json::array();
    for (std::int64_t i = 0; i < lines; ++i) {
        list.push_back(prefix + std::to_string(i));
    }
    rd::Element e = rd::Element::make(rd::ElementType::Conditional, "check");
    e.conditional.conditions = rd::Json{{"metadata.user", {{"$in", std::move(list)}}}};
    rd::Route r;
    r.addElement(std::move(e));
    return r;
}

// The deploy dialog's comparison at its worst: one element whose every line changed, so the line diff meets
// no common line (2 × lines edits). The issue measured the old quadratic-memory version at 4 GB and 5 s for
// 8,000 lines.
void BM_DiffChangedElement(benchmark::State &state)
{
    const rd::Route from = routeWithList(state.range(0), "deployed-user-");
    const rd::Route to = routeWithList(state.range(0), "candidate-user-");
    for (auto _ : state) {
        rd::RouteDiff diff = rd::RouteDiff::compare(from, to);
        benchmark::DoNotOptimize(diff);
        if (diff.addedLines() != static_cast<std::size_t>(state.range(0))) {
            state.SkipWithError("the diff is not the expected one");
            return;
        }
    }
    state.counters["changed lines"] = static_cast<double>(2 * state.range(0));
    state.counters["changed lines/s"] =
        benchmark::Counter(static_cast<double>(2 * state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}

void sizes(benchmark::internal::Benchmark *b)
{
    b->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);
}

BENCHMARK(BM_Parse)->Apply(sizes);
BENCHMARK(BM_ParseJsonOnly)->Apply(sizes);
BENCHMARK(BM_DecodeOnly)->Apply(sizes);
BENCHMARK(BM_Serialize)->Apply(sizes);
BENCHMARK(BM_Validate)->Apply(sizes);
BENCHMARK(BM_ParseValidate)->Apply(sizes);
BENCHMARK(BM_DiffChangedElement)->Arg(10)->Arg(1000)->Arg(8000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
