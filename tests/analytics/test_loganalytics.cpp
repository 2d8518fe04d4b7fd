// LogAnalytics, UtcTime and LogCsv on known rows: bucket sizes and edges, per-model counts, exact percentiles,
// and the CSV rules (quoting, formula guard, times).
#include "model/LogAnalytics.h"
#include "model/LogCsv.h"
#include "model/UtcTime.h"

#include <gtest/gtest.h>

using namespace rd;

namespace {

constexpr std::int64_t kMin = 60'000;
constexpr std::int64_t kHour = 60 * kMin;
constexpr std::int64_t kDay = 24 * kHour;

LogEntry makeLog(std::int64_t ms, const std::string &model, double duration, bool success = true,
                 std::int64_t tokensIn = 10, std::int64_t tokensOut = 5, double cost = 0.001)
{
    Json json = {{"id", "log-" + std::to_string(ms) + model},
                 {"created_at", UtcTime::formatSeconds(ms)},
                 {"provider", "openai"},
                 {"model", model},
                 {"success", success},
                 {"cached", false},
                 {"duration", duration},
                 {"tokens_in", tokensIn},
                 {"tokens_out", tokensOut},
                 {"cost", cost}};
    return *LogEntry::fromJson(json).value;
}

} // namespace

TEST(UtcTime, ParsesTheApiFormsAndFormatsWholeSeconds)
{
    EXPECT_EQ(UtcTime::parseMs("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(UtcTime::parseMs("1970-01-01T00:00:01.250Z"), 1250);
    EXPECT_EQ(UtcTime::parseMs("1970-01-01T01:00:00+01:00"), 0);
    EXPECT_EQ(UtcTime::parseMs("1970-01-01T00:00:00"), 0);
    const auto ms = UtcTime::parseMs("2026-12-07T16:24:33.123Z");
    ASSERT_TRUE(ms);
    EXPECT_EQ(*ms, 1796660673123);
    EXPECT_EQ(UtcTime::formatSeconds(*ms), "2026-12-07T16:24:33Z");
    EXPECT_EQ(UtcTime::formatSeconds(UtcTime::parseMs("2024-02-29T23:59:59Z").value()), "2024-02-29T23:59:59Z");
    EXPECT_FALSE(UtcTime::parseMs("yesterday"));
    EXPECT_FALSE(UtcTime::parseMs("2026-13-07T16:24:33Z"));
    EXPECT_FALSE(UtcTime::parseMs("2026-12-07T16:24:33Zjunk"));
}

TEST(LogAnalytics, BucketSizeFitsTheRange)
{
    EXPECT_EQ(LogAnalytics::bucketMsFor(6 * kHour), 5 * kMin);
    EXPECT_EQ(LogAnalytics::bucketMsFor(6 * kHour + 1), kHour);
    EXPECT_EQ(LogAnalytics::bucketMsFor(3 * kDay), kHour);
    EXPECT_EQ(LogAnalytics::bucketMsFor(7 * kDay), 6 * kHour);
    EXPECT_EQ(LogAnalytics::bucketMsFor(14 * kDay), 6 * kHour);
    EXPECT_EQ(LogAnalytics::bucketMsFor(30 * kDay), kDay);
}

TEST(LogAnalytics, CountsRowsIntoBucketsPerModel)
{
    const std::int64_t from = 1'800'000'000'000 + 17 * kMin; // not on a bucket edge
    const std::int64_t to = from + 24 * kHour;
    LogAnalytics a(from, to);
    ASSERT_EQ(a.bucketMs(), kHour);
    EXPECT_EQ(a.bucketStartMs(0) % kHour, 0);
    EXPECT_LE(a.bucketStartMs(0), from);
    EXPECT_EQ(a.bucketCount(), 25u); // 24 h starting mid-hour touches 25 hours

    EXPECT_TRUE(a.add(makeLog(from, "gpt-4o", 100)));
    EXPECT_TRUE(a.add(makeLog(from + 10 * kMin, "gpt-4o-mini", 200, false, 1, 2, 0.5)));
    EXPECT_TRUE(a.add(makeLog(from + 2 * kHour, "gpt-4o", 300)));
    EXPECT_TRUE(a.add(makeLog(to, "gpt-4o", 300)));
    EXPECT_FALSE(a.add(makeLog(from - 1000, "gpt-4o", 1)));
    EXPECT_FALSE(a.add(makeLog(to + 1000, "gpt-4o", 1)));
    EXPECT_EQ(a.rowsAdded(), 4);
    EXPECT_EQ(a.rowsSkipped(), 2);

    EXPECT_EQ(a.bucket(0).requests, 2);
    EXPECT_EQ(a.bucket(0).errors, 1);
    EXPECT_EQ(a.bucket(0).tokensIn, 11);
    EXPECT_EQ(a.bucket(0).tokensOut, 7);
    EXPECT_DOUBLE_EQ(a.bucket(0).cost, 0.501);
    EXPECT_EQ(a.bucket(2).requests, 1);
    EXPECT_EQ(a.bucket(24).requests, 1);
    ASSERT_EQ(a.models(), (std::vector<std::string>{"openai/gpt-4o", "openai/gpt-4o-mini"}));
    EXPECT_EQ(a.modelRequests(0, 0), 1);
    EXPECT_EQ(a.modelRequests(1, 0), 1);
    EXPECT_EQ(a.modelRequests(0, 2), 1);
    EXPECT_EQ(a.modelTotal(0), 3);
    EXPECT_EQ(a.modelTotal(1), 1);
}

TEST(LogAnalytics, PercentilesAreExactNearestRank)
{
    const std::int64_t from = 1'800'000'000'000;
    LogAnalytics a(from, from + kHour, 5 * kMin);
    // 1..100 ms in one bucket, added out of order: p50 = 50, p95 = 95 by nearest rank.
    for (int i = 100; i >= 1; --i) {
        a.add(makeLog(from + (i % 7) * 1000, "m", i));
    }
    // 10, 20, 30 in another: p50 = 20 (rank 2 of 3), p95 = 30 (rank 3).
    for (const int d : {30, 10, 20}) {
        a.add(makeLog(from + 10 * kMin, "m", d));
    }
    EXPECT_EQ(a.durationPercentile(0, 0.5), 50.0);
    EXPECT_EQ(a.durationPercentile(0, 0.95), 95.0);
    EXPECT_EQ(a.durationPercentile(0, 1.0), 100.0);
    EXPECT_EQ(a.durationPercentile(2, 0.5), 20.0);
    EXPECT_EQ(a.durationPercentile(2, 0.95), 30.0);
    EXPECT_FALSE(a.durationPercentile(1, 0.5)); // no rows
    // A row added after a percentile was read counts in the next one.
    a.add(makeLog(from + 10 * kMin, "m", 5));
    EXPECT_EQ(a.durationPercentile(2, 0.5), 10.0); // 5,10,20,30: rank 2
}

TEST(LogCsv, QuotesAndGuardsAsRfc4180AndSpreadsheetsNeed)
{
    EXPECT_EQ(LogCsv::quote("plain"), "plain");
    EXPECT_EQ(LogCsv::quote("a,b"), "\"a,b\"");
    EXPECT_EQ(LogCsv::quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(LogCsv::quote("two\r\nlines"), "\"two\r\nlines\"");
    EXPECT_EQ(LogCsv::text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    EXPECT_EQ(LogCsv::text("+1"), "'+1");
    EXPECT_EQ(LogCsv::text("-1"), "'-1");
    EXPECT_EQ(LogCsv::text("@sum"), "'@sum");
    EXPECT_EQ(LogCsv::text("gpt-4o"), "gpt-4o");

    Json json = {{"id", "abc"},
                 {"created_at", "2026-12-07T16:24:33.500Z"},
                 {"provider", "openai"},
                 {"model", "=cmd|' /C calc'!A0"},
                 {"success", true},
                 {"cached", false},
                 {"status_code", 200},
                 {"duration", 812},
                 {"tokens_in", -3},
                 {"tokens_out", 40},
                 {"cost", 0.25},
                 {"metadata", "{\"plan\":\"free\",\"n\":1}"},
                 {"request_type", "chat"},
                 {"path", "chat/completions"}};
    const std::string row = LogCsv::row(*LogEntry::fromJson(json).value);
    EXPECT_EQ(row, "abc,2026-12-07T16:24:33Z,openai,'=cmd|' /C calc'!A0,,true,false,200,812,-3,40,0.25,"
                   "\"{\"\"plan\"\":\"\"free\"\",\"\"n\"\":1}\",chat,chat/completions\r\n");
    EXPECT_EQ(LogCsv::header().substr(0, 14), "id,created_at,");
}
