// Numbers from a server are input like any other: a paging field or an error code of 7e60, NaN, -3 or 2.5
// must neither reach undefined behaviour (a double-to-integer cast out of range, a product that overflows)
// nor turn into a number nobody sent. Built under -fsanitize=undefined (see build-ubsan in the report of
// issue 10) these inputs aborted the old code; in a plain build they assert the decoded values.

#include "model/ApiEnvelope.h"
#include "model/Number.h"
#include "model/PageInfo.h"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <string>

using namespace rd;

namespace {

constexpr std::int64_t kMaxSafe = (std::int64_t{1} << 53) - 1; // 9007199254740991

bool warnsAbout(const std::vector<DecodeIssue> &warnings, const std::string &path)
{
    for (const DecodeIssue &w : warnings) {
        if (w.path == path) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST(ServerNumbers, HugePageInDataIsIgnoredWithAWarning)
{
    const auto env = ApiEnvelope::fromJson(Json::parse(R"({"data":{"page":7e60}})"));
    ASSERT_TRUE(env);
    ASSERT_TRUE(env.value->pageInfo);
    EXPECT_EQ(env.value->pageInfo->page, 1); // as if the server had not said
    ASSERT_TRUE(warnsAbout(env.warnings, "$.data.page"));
    EXPECT_EQ(env.warnings.front().toString(),
              "$.data.page: 7e+60 is not a count (a whole number from 0 to 9007199254740991); ignored");
}

TEST(ServerNumbers, HugeErrorCodeKeepsTheMessage)
{
    const auto env = ApiEnvelope::fromJson(Json::parse(R"({"errors":[{"code":1e30}]})"));
    ASSERT_TRUE(env);
    EXPECT_FALSE(env.value->success);
    ASSERT_EQ(env.value->errors.size(), 1u);
    EXPECT_EQ(env.value->errors[0].code, 0); // no code rather than an invented one
    EXPECT_TRUE(warnsAbout(env.warnings, "$.errors[0].code"));

    const auto withText =
        ApiEnvelope::fromJson(Json::parse(R"({"errors":[{"code":-1e30,"message":"Route not found"}]})"));
    ASSERT_TRUE(withText);
    EXPECT_EQ(withText.value->errorSummary(), "Route not found");
    EXPECT_TRUE(warnsAbout(withText.warnings, "$.errors[0].code"));
}

TEST(ServerNumbers, ErrorCodesMustBeWhole)
{
    // 7003.9 is not error 7003: truncating it would make hasErrorCode(7003) true.
    const auto fraction = ApiEnvelope::fromJson(Json::parse(R"({"errors":[{"code":7003.9,"message":"x"}]})"));
    ASSERT_TRUE(fraction);
    EXPECT_FALSE(fraction.value->hasErrorCode(7003));
    EXPECT_TRUE(warnsAbout(fraction.warnings, "$.errors[0].code"));

    // A whole number written as a real is that number.
    const auto whole = ApiEnvelope::fromJson(Json::parse(R"({"errors":[{"code":7003.0,"message":"x"}]})"));
    ASSERT_TRUE(whole);
    EXPECT_TRUE(whole.value->hasErrorCode(7003));
    EXPECT_TRUE(whole.warnings.empty());

    // Beyond int64 an unsigned code used to wrap around to -1.
    const auto wrapped =
        ApiEnvelope::fromJson(Json::parse(R"({"messages":[{"code":18446744073709551615,"message":"x"}]})"));
    ASSERT_TRUE(wrapped);
    ASSERT_EQ(wrapped.value->messages.size(), 1u);
    EXPECT_EQ(wrapped.value->messages[0].code, 0);
    EXPECT_TRUE(warnsAbout(wrapped.warnings, "$.messages[0].code"));

    Json nan = Json::parse(R"({"errors":[{"message":"x"}]})");
    nan["errors"][0]["code"] = std::nan("");
    const auto notANumber = ApiEnvelope::fromJson(nan);
    ASSERT_TRUE(notANumber);
    EXPECT_EQ(notANumber.value->errors[0].code, 0);
}

TEST(ServerNumbers, AbsurdPagingFieldsAreDroppedOneByOne)
{
    // Each field is judged alone: the sensible ones survive next to the absurd ones.
    const auto env = ApiEnvelope::fromJson(Json::parse(R"({"result": [], "result_info": {
        "page": 2.5, "per_page": -20, "count": 3, "total_count": 1e300, "total_pages": 18446744073709551615}})"));
    ASSERT_TRUE(env);
    ASSERT_TRUE(env.value->pageInfo);
    const PageInfo &info = *env.value->pageInfo;
    EXPECT_EQ(info.page, 1);
    EXPECT_EQ(info.perPage, 0);
    EXPECT_EQ(info.count, 3);
    EXPECT_FALSE(info.totalCount);
    EXPECT_FALSE(info.totalPages);
    for (const char *field : {"page", "per_page", "total_count", "total_pages"}) {
        EXPECT_TRUE(warnsAbout(env.warnings, std::string("$.result_info.") + field)) << field;
    }
    EXPECT_FALSE(warnsAbout(env.warnings, "$.result_info.count"));
    // Nothing left to judge by but whether the page came back full, and per_page is unknown: no more pages.
    EXPECT_FALSE(info.hasMore(3));
}

TEST(ServerNumbers, NanAndInfinityAreIgnored)
{
    // JSON text cannot spell them, but a Json built in code can hold them.
    Json body = Json::parse(R"({"data": {}})");
    body["data"]["page"] = std::numeric_limits<double>::quiet_NaN();
    body["data"]["per_page"] = std::numeric_limits<double>::infinity();
    body["data"]["total_count"] = -std::numeric_limits<double>::infinity();
    const auto env = ApiEnvelope::fromJson(body);
    ASSERT_TRUE(env);
    ASSERT_TRUE(env.value->pageInfo);
    EXPECT_EQ(env.value->pageInfo->page, 1);
    EXPECT_EQ(env.value->pageInfo->perPage, 0);
    EXPECT_FALSE(env.value->pageInfo->totalCount);
    EXPECT_EQ(env.warnings.size(), 3u);
}

TEST(ServerNumbers, SensiblePagingIsKept)
{
    const auto env = ApiEnvelope::fromJson(Json::parse(R"({"result": [], "result_info": {
        "page": 3.0, "per_page": 20, "count": 0, "total_count": 9007199254740991, "total_pages": 0}})"));
    ASSERT_TRUE(env);
    EXPECT_TRUE(env.warnings.empty());
    ASSERT_TRUE(env.value->pageInfo);
    const PageInfo &info = *env.value->pageInfo;
    EXPECT_EQ(info.page, 3);
    EXPECT_EQ(info.perPage, 20);
    EXPECT_EQ(info.count, 0);
    EXPECT_EQ(info.totalCount, kMaxSafe);
    EXPECT_EQ(info.totalPages, 0);

    // One beyond the largest integer a JSON number carries exactly is no longer a count.
    const auto beyond = ApiEnvelope::fromJson(Json::parse(R"({"data": {"page": 1, "total_count": 9007199254740992}})"));
    ASSERT_TRUE(beyond);
    EXPECT_FALSE(beyond.value->pageInfo->totalCount);
    EXPECT_TRUE(warnsAbout(beyond.warnings, "$.data.total_count"));
}

TEST(ServerNumbers, HasMoreDoesNotMultiplyPastInt64)
{
    // Both within what the decoder accepts; their product is 2^106.
    PageInfo p = PageInfo::fromJson(
        Json::parse(R"({"page": 9007199254740991, "per_page": 9007199254740991, "total_count": 9007199254740991})"));
    ASSERT_EQ(p.page, kMaxSafe);
    EXPECT_FALSE(p.hasMore(1));

    // Set directly, as the sandbox does: still no overflow.
    p.page = std::numeric_limits<std::int64_t>::max();
    p.perPage = 2;
    p.totalCount = std::numeric_limits<std::int64_t>::max();
    EXPECT_FALSE(p.hasMore(2));
    p.page = 1;
    EXPECT_TRUE(p.hasMore(2));

    // The boundary itself: 3 pages of 20 hold 60.
    p = PageInfo::fromJson(Json::parse(R"({"page": 3, "per_page": 20, "total_count": 60})"));
    EXPECT_FALSE(p.hasMore(20));
    p = PageInfo::fromJson(Json::parse(R"({"page": 3, "per_page": 20, "total_count": 61})"));
    EXPECT_TRUE(p.hasMore(20));
    p = PageInfo::fromJson(Json::parse(R"({"page": 1, "per_page": 20, "total_count": 0})"));
    EXPECT_FALSE(p.hasMore(0));
}

TEST(ServerNumbers, ExactIntegers)
{
    EXPECT_EQ(Number::fromInteger(-5).toExactInteger(), -5);
    EXPECT_EQ(Number::fromDouble(42.0).toExactInteger(), 42);
    EXPECT_EQ(Number::fromDouble(-0x1p63).toExactInteger(), std::numeric_limits<std::int64_t>::min());
    EXPECT_FALSE(Number::fromDouble(0x1p63).toExactInteger());
    EXPECT_FALSE(Number::fromDouble(0.5).toExactInteger());
    EXPECT_FALSE(Number::fromDouble(std::nan("")).toExactInteger());
    EXPECT_FALSE(Number::fromDouble(std::numeric_limits<double>::infinity()).toExactInteger());
}

TEST(ServerNumbers, ToIntegerClampsOnlyWhatInt64CannotHold)
{
    // 9.21e18 fits in int64 (max is about 9.223e18): it used to be clamped all the same.
    EXPECT_EQ(Number::fromDouble(9.21e18).toInteger(), std::int64_t{9'210'000'000'000'000'000});
    EXPECT_EQ(Number::fromDouble(-9.21e18).toInteger(), -std::int64_t{9'210'000'000'000'000'000});
    EXPECT_EQ(Number::fromDouble(0x1p63).toInteger(), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(Number::fromDouble(-0x1p64).toInteger(), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(Number::fromDouble(std::nan("")).toInteger(), 0);
}
