#include "model/Number.h"

#include <gtest/gtest.h>

using rd::Json;
using rd::Number;

TEST(Number, IntegersStayIntegers)
{
    const auto n = Number::fromJson(Json::parse("30000"));
    ASSERT_TRUE(n);
    EXPECT_TRUE(n->isInteger());
    EXPECT_EQ(n->toJson().dump(), "30000");
    EXPECT_EQ(n->toString(), "30000");
}

TEST(Number, RealsStayReals)
{
    const auto n = Number::fromJson(Json::parse("1.0"));
    ASSERT_TRUE(n);
    EXPECT_FALSE(n->isInteger());
    EXPECT_EQ(n->toJson().dump(), "1.0");
    EXPECT_DOUBLE_EQ(Number::fromJson(Json::parse("0.25"))->toDouble(), 0.25);
}

TEST(Number, NegativeAndHugeValues)
{
    EXPECT_EQ(Number::fromJson(Json::parse("-3"))->toInteger(), -3);
    // Beyond int64 the value survives as a real rather than wrapping around.
    const auto huge = Number::fromJson(Json::parse("18446744073709551615"));
    ASSERT_TRUE(huge);
    EXPECT_FALSE(huge->isInteger());
    EXPECT_GT(huge->toDouble(), 1.8e19);
    EXPECT_EQ(Number::fromDouble(1e300).toInteger(), std::numeric_limits<std::int64_t>::max());
}

TEST(Number, NonNumbersAreRejected)
{
    EXPECT_FALSE(Number::fromJson(Json("100")));
    EXPECT_FALSE(Number::fromJson(Json(true)));
    EXPECT_FALSE(Number::fromJson(Json()));
}
