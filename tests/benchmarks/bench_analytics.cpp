// LogAnalytics: counting log rows into time buckets (per model, exact percentiles), as the analytics page does
// with each page a bulk read brings. Rows are synthetic and made outside the timed loops: 5 providers' models,
// times spread evenly over the range, durations from a fixed pseudo-random sequence. See BENCHMARKS.md.
#include "model/LogAnalytics.h"
#include "model/UtcTime.h"

#include <benchmark/benchmark.h>
#include <random>

using namespace rd;

namespace {

constexpr std::int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr std::int64_t kTo = 1'796'660'673'000; // 2026-12-07T16:24:33Z

std::vector<LogEntry> makeRows(std::int64_t count, std::int64_t rangeMs)
{
    static const char *models[][2] = {{"openai", "gpt-4o-mini"},
                                      {"openai", "gpt-4o"},
                                      {"anthropic", "claude-3-5-haiku-latest"},
                                      {"workers-ai", "@cf/meta/llama-3.1-8b-instruct"},
                                      {"google-ai-studio", "gemini-1.5-flash"}};
    std::mt19937_64 random(42);
    std::lognormal_distribution<double> duration(6.5, 0.6);
    std::vector<LogEntry> rows;
    rows.reserve(std::size_t(count));
    for (std::int64_t i = 0; i < count; ++i) {
        const auto *m = models[i % 5];
        const std::int64_t t = kTo - rangeMs + (rangeMs * i) / count;
        Json json = {{"id", "log-" + std::to_string(i)},
                     {"created_at", UtcTime::formatSeconds(t)},
                     {"provider", m[0]},
                     {"model", m[1]},
                     {"success", random() % 50 != 0},
                     {"cached", random() % 10 == 0},
                     {"duration", std::int64_t(duration(random))},
                     {"tokens_in", std::int64_t(random() % 2000)},
                     {"tokens_out", std::int64_t(random() % 800)},
                     {"cost", double(random() % 1000) / 1e5}};
        rows.push_back(*LogEntry::fromJson(json).value);
    }
    return rows;
}

// Adds every row (as pages would, one after another) and reads p50 and p95 of every bucket, as a redraw does.
void BM_AggregateAndPercentiles(benchmark::State &state)
{
    const std::int64_t rows = state.range(0);
    const std::int64_t rangeMs = state.range(1) * kDayMs;
    const std::vector<LogEntry> data = makeRows(rows, rangeMs);
    for (auto _ : state) {
        LogAnalytics analytics(kTo - rangeMs, kTo);
        analytics.add(data);
        double sum = 0;
        for (std::size_t b = 0; b < analytics.bucketCount(); ++b) {
            sum += analytics.durationPercentile(b, 0.5).value_or(0) + analytics.durationPercentile(b, 0.95).value_or(0);
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(BM_AggregateAndPercentiles)
    ->Args({1000, 30})
    ->Args({100000, 30})
    ->Args({100000, 7})
    ->Args({100000, 1})
    ->Unit(benchmark::kMillisecond);

// Adding alone, no percentiles.
void BM_Aggregate(benchmark::State &state)
{
    const std::int64_t rows = state.range(0);
    const std::vector<LogEntry> data = makeRows(rows, 30 * kDayMs);
    for (auto _ : state) {
        LogAnalytics analytics(kTo - 30 * kDayMs, kTo);
        analytics.add(data);
        benchmark::DoNotOptimize(analytics.rowsAdded());
    }
    state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(BM_Aggregate)->Arg(50)->Arg(100000)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
