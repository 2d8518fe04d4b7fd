#include "model/JsonText.h"
#include "model/RouteCodec.h"
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

} // namespace

BENCHMARK_MAIN();
