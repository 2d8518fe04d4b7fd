#pragma once

#include "model/LogEntry.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace rd {

// Logs counted into time buckets, as the analytics charts draw them: requests (also per model), errors, tokens,
// cost and exact latency percentiles. Rows are added page by page as a bulk read brings them, in any order.
//
// Memory: the counters are a few numbers per bucket (and one count per model and bucket); latency keeps every
// duration (8 bytes a row) so that p50/p95 are exact rather than estimated. That is 800 KB at 100,000 rows, the
// most the analytics page reads (LogAnalyticsReader::kMaxRows): bounded by the read, not by a sketch.
class LogAnalytics
{
public:
    struct Bucket
    {
        std::int64_t requests = 0;
        std::int64_t errors = 0; // success false
        std::int64_t cached = 0;
        std::int64_t tokensIn = 0;
        std::int64_t tokensOut = 0;
        double cost = 0;
        std::vector<double> durations; // ms, of the rows that carried one
    };

    // A bucket size that keeps a chart readable: 5 min up to 6 h, 1 h up to 3 days, 6 h up to 2 weeks, else a day.
    static std::int64_t bucketMsFor(std::int64_t rangeMs);

    // Buckets cover [fromMs, toMs]; the first starts at fromMs rounded down to a multiple of the bucket size
    // (UTC), so that buckets start on whole hours or days. `bucketMs` 0 picks bucketMsFor(toMs - fromMs).
    LogAnalytics(std::int64_t fromMs, std::int64_t toMs, std::int64_t bucketMs = 0);

    // False (and the row counted as skipped) when its time is unreadable or outside the range.
    bool add(const LogEntry &entry);
    void add(const std::vector<LogEntry> &entries);

    std::int64_t fromMs() const { return m_fromMs; }
    std::int64_t toMs() const { return m_toMs; }
    std::int64_t bucketMs() const { return m_bucketMs; }
    std::size_t bucketCount() const { return m_buckets.size(); }
    std::int64_t bucketStartMs(std::size_t index) const
    {
        return m_firstMs + static_cast<std::int64_t>(index) * m_bucketMs;
    }
    const Bucket &bucket(std::size_t index) const { return m_buckets[index]; }
    // Nearest-rank percentile of the bucket's durations, exact: the smallest duration with at least p of them at
    // or below it (p in (0, 1]). nullopt for a bucket without durations.
    std::optional<double> durationPercentile(std::size_t index, double p) const;

    // "provider/model" per model, in the order they first appeared; modelRequests() is indexed the same way.
    const std::vector<std::string> &models() const { return m_models; }
    std::int64_t modelRequests(std::size_t model, std::size_t bucket) const;
    std::int64_t modelTotal(std::size_t model) const;
    // The bucket a time falls in; -1 outside the range.
    std::int64_t bucketIndexOf(std::int64_t ms) const;

    std::int64_t rowsAdded() const { return m_added; }
    std::int64_t rowsSkipped() const { return m_skipped; }

    // The key a log is counted under in models().
    static std::string modelKey(const LogEntry &entry);

private:
    std::int64_t m_fromMs;
    std::int64_t m_toMs;
    std::int64_t m_bucketMs;
    std::int64_t m_firstMs;
    // Mutable: a bucket's durations are sorted in place by the first percentile asked of it after a change.
    mutable std::vector<Bucket> m_buckets;
    mutable std::vector<char> m_sorted;
    std::vector<std::string> m_models;
    std::unordered_map<std::string, std::size_t> m_modelIndex;
    std::vector<std::vector<std::int64_t>> m_modelCounts; // [model][bucket]
    std::int64_t m_added = 0;
    std::int64_t m_skipped = 0;
};

} // namespace rd
