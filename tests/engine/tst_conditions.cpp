#include "EngineTestSupport.h"
#include "model/engine/ConditionEvaluator.h"
#include "model/engine/FieldPath.h"

#include <gtest/gtest.h>

namespace {

using rd::ConditionEvaluator;
using rd::test::context;
using rd::test::json;

const rd::RequestContext &sample()
{
    static const rd::RequestContext ctx = context(R"({
        "metadata": {"plan": "free", "n": 3, "score": 2.5, "beta": true, "team.name": "core", "nothing": null},
        "headers": {"X-Region": "eu", "content-type": "application/json"},
        "body": {"model": "gpt", "messages": [{"role": "user", "content": "Please translate this"}],
                 "max_tokens": 100, "tags": ["a", "b"]}})");
    return ctx;
}

bool eval(const std::string &conditions)
{
    return ConditionEvaluator::matches(json(conditions), sample());
}

TEST(EngineConditions, EqualityAndItsShorthand)
{
    EXPECT_TRUE(eval(R"({"metadata.plan": {"$eq": "free"}})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$eq": "pro"}})"));
    EXPECT_TRUE(eval(R"({"metadata.plan": "free"})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": "Free"})"));
    EXPECT_TRUE(eval(R"({"metadata.nothing": {"$eq": null}})"));
}

TEST(EngineConditions, NoTypeCoercionButNumbersCompareByValue)
{
    EXPECT_FALSE(eval(R"({"metadata.n": {"$eq": "3"}})"));
    EXPECT_TRUE(eval(R"({"metadata.n": {"$eq": 3}})"));
    EXPECT_TRUE(eval(R"({"metadata.n": {"$eq": 3.0}})"));
    EXPECT_FALSE(eval(R"({"metadata.beta": {"$eq": 1}})"));
    EXPECT_FALSE(eval(R"({"metadata.beta": {"$eq": "true"}})"));
    EXPECT_TRUE(eval(R"({"metadata.beta": {"$eq": true}})"));
    EXPECT_TRUE(eval(R"({"metadata.n": {"$ne": "3"}})"));
}

TEST(EngineConditions, OrderingComparesNumbersWithNumbersAndStringsWithStrings)
{
    EXPECT_TRUE(eval(R"({"metadata.n": {"$gt": 2}})"));
    EXPECT_FALSE(eval(R"({"metadata.n": {"$gt": 3}})"));
    EXPECT_TRUE(eval(R"({"metadata.n": {"$gte": 3.0}})"));
    EXPECT_TRUE(eval(R"({"metadata.score": {"$lt": 3}})"));
    EXPECT_TRUE(eval(R"({"metadata.score": {"$lte": 2.5}})"));
    EXPECT_FALSE(eval(R"({"metadata.score": {"$lt": 2.5}})"));
    // Byte order: "free" > "f", "free" < "g", "Z" < "a".
    EXPECT_TRUE(eval(R"({"metadata.plan": {"$gt": "f"}})"));
    EXPECT_TRUE(eval(R"({"metadata.plan": {"$lt": "g"}})"));
    // A number against a string, or a boolean, is never ordered: false both ways.
    EXPECT_FALSE(eval(R"({"metadata.n": {"$gt": "1"}})"));
    EXPECT_FALSE(eval(R"({"metadata.n": {"$lt": "9"}})"));
    EXPECT_FALSE(eval(R"({"metadata.beta": {"$gte": false}})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$lt": 5}})"));
}

TEST(EngineConditions, MembershipAndExistence)
{
    EXPECT_TRUE(eval(R"({"metadata.plan": {"$in": ["pro", "free"]}})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$in": ["pro"]}})"));
    EXPECT_FALSE(eval(R"({"metadata.n": {"$in": ["3"]}})"));
    EXPECT_TRUE(eval(R"({"metadata.n": {"$in": [3.0]}})"));
    EXPECT_TRUE(eval(R"({"metadata.plan": {"$nin": ["pro"]}})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$nin": ["free"]}})"));
    EXPECT_TRUE(eval(R"({"metadata.plan": {"$exists": true}})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$exists": false}})"));
    EXPECT_TRUE(eval(R"({"metadata.nothing": {"$exists": true}})")); // null is present
}

TEST(EngineConditions, AMissingFieldMatchesOnlyNegations)
{
    EXPECT_FALSE(eval(R"({"metadata.absent": {"$eq": null}})"));
    EXPECT_FALSE(eval(R"({"metadata.absent": {"$eq": "x"}})"));
    EXPECT_FALSE(eval(R"({"metadata.absent": "x"})"));
    EXPECT_FALSE(eval(R"({"metadata.absent": {"$gt": 0}})"));
    EXPECT_FALSE(eval(R"({"metadata.absent": {"$lte": 0}})"));
    EXPECT_FALSE(eval(R"({"metadata.absent": {"$in": ["x"]}})"));
    EXPECT_FALSE(eval(R"({"metadata.absent": {"$regex": ".*"}})"));
    EXPECT_FALSE(eval(R"({"metadata.absent": {"$exists": true}})"));
    EXPECT_TRUE(eval(R"({"metadata.absent": {"$ne": "x"}})"));
    EXPECT_TRUE(eval(R"({"metadata.absent": {"$nin": ["x"]}})"));
    EXPECT_TRUE(eval(R"({"metadata.absent": {"$not": {"$eq": "x"}}})"));
    EXPECT_TRUE(eval(R"({"metadata.absent": {"$exists": false}})"));
}

TEST(EngineConditions, RegexIsEcmaScriptAndMatchesPartially)
{
    EXPECT_TRUE(eval(R"({"body.messages.0.content": {"$regex": "translate"}})"));
    EXPECT_FALSE(eval(R"({"body.messages.0.content": {"$regex": "^translate"}})"));
    EXPECT_TRUE(eval(R"({"body.messages.0.content": {"$regex": "^please", "$options": "i"}})"));
    EXPECT_TRUE(eval(R"({"metadata.plan": {"$regex": "^(free|trial)$"}})"));
    EXPECT_FALSE(eval(R"({"metadata.n": {"$regex": "3"}})"));              // a number is not text
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$regex": "("}})"));           // invalid pattern: false
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$not": {"$regex": "("}}})")); // and $not cannot turn it true
}

TEST(EngineConditions, LogicalOperators)
{
    EXPECT_TRUE(eval(R"({"metadata.plan": "free", "metadata.n": {"$gte": 3}})")); // implicit AND
    EXPECT_FALSE(eval(R"({"metadata.plan": "free", "metadata.n": {"$gt": 3}})"));
    EXPECT_TRUE(eval(R"({"$and": [{"metadata.plan": "free"}, {"metadata.beta": true}]})"));
    EXPECT_FALSE(eval(R"({"$and": [{"metadata.plan": "free"}, {"metadata.beta": false}]})"));
    EXPECT_TRUE(eval(R"({"$or": [{"metadata.plan": "pro"}, {"metadata.beta": true}]})"));
    EXPECT_FALSE(eval(R"({"$or": [{"metadata.plan": "pro"}, {"metadata.beta": false}]})"));
    EXPECT_TRUE(eval(R"({"$not": {"metadata.plan": "pro"}})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$not": {"$in": ["free", "pro"]}}})"));
    EXPECT_TRUE(eval(R"({"metadata.n": {"$gt": 1, "$lt": 5}})")); // several operators: AND
    EXPECT_FALSE(eval(R"({"metadata.n": {"$gt": 1, "$lt": 3}})"));
    EXPECT_FALSE(eval(R"({"$or": []})"));
    EXPECT_TRUE(eval(R"({})"));
}

TEST(EngineConditions, NamespacesAndPaths)
{
    EXPECT_TRUE(eval(R"({"headers.x-region": "eu"})"));
    EXPECT_TRUE(eval(R"({"headers.X-REGION": "eu"})"));     // header names are compared lower-cased
    EXPECT_TRUE(eval(R"({"metadata.team.name": "core"})")); // the rest of a metadata path is one key
    EXPECT_TRUE(eval(R"({"body.model": "gpt"})"));
    EXPECT_TRUE(eval(R"({"body.messages.0.role": "user"})"));
    EXPECT_TRUE(eval(R"({"body.tags.1": "b"})"));
    EXPECT_FALSE(eval(R"({"body.tags.2": {"$exists": true}})"));
    EXPECT_TRUE(eval(R"({"body.tags.2": {"$exists": false}})"));
    EXPECT_TRUE(eval(R"({"body.max_tokens": {"$lte": 100}})"));
    EXPECT_FALSE(eval(R"({"body.messages.x.role": {"$exists": true}})"));
    EXPECT_FALSE(eval(R"({"body.messages.01.role": {"$exists": true}})")); // "01" is no index
}

TEST(EngineConditions, UnknownNamespacesAndOperatorsAreFalseEvenUnderNegation)
{
    EXPECT_FALSE(eval(R"({"plan": "free"})"));
    EXPECT_FALSE(eval(R"({"user.plan": {"$ne": "x"}})"));
    EXPECT_FALSE(eval(R"({"user.plan": {"$exists": false}})"));
    EXPECT_FALSE(eval(R"({"metadata": {"$exists": true}})")); // a namespace without a key
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$like": "free"}})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$not": {"$like": "free"}}})"));
    EXPECT_FALSE(eval(R"({"$nor": [{"metadata.plan": "pro"}]})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$in": "free"}})")); // $in needs a list
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$nin": "pro"}})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$exists": 1}})"));
    EXPECT_FALSE(eval(R"({"metadata.plan": {"$eq": "free", "other": 1}})")); // operators mixed with keys
    // An unknown clause spoils an AND but not an OR.
    EXPECT_FALSE(eval(R"({"$and": [{"metadata.plan": "free"}, {"x.y": 1}]})"));
    EXPECT_TRUE(eval(R"({"$or": [{"x.y": 1}, {"metadata.plan": "free"}]})"));
    EXPECT_FALSE(eval(R"("free")"));
}

TEST(EngineConditions, ObjectsCompareRegardlessOfKeyOrder)
{
    const auto ctx = context(R"({"body": {"o": {"a": 1, "b": [1, 2]}}})");
    EXPECT_TRUE(ConditionEvaluator::matches(json(R"({"body.o": {"b": [1, 2.0], "a": 1}})"), ctx));
    EXPECT_FALSE(ConditionEvaluator::matches(json(R"({"body.o": {"b": [2, 1], "a": 1}})"), ctx));
}

TEST(EngineConditions, DeepNestingIsFalseNotACrash)
{
    std::string deep = R"({"metadata.plan": "free"})";
    for (int i = 0; i < 100; ++i) {
        deep = R"({"$not": )" + deep + "}";
    }
    EXPECT_FALSE(eval(deep));
}

TEST(EngineConditions, ALongSubjectIsMatchedOnItsFirstBytes)
{
    rd::RequestContext ctx;
    ctx.body["text"] = std::string(200000, 'a') + "needle";
    EXPECT_TRUE(ConditionEvaluator::matches(json(R"({"body.text": {"$regex": "a+"}})"), ctx));
    EXPECT_FALSE(ConditionEvaluator::matches(json(R"({"body.text": {"$regex": "needle"}})"), ctx));
}

TEST(EngineConditions, ExplainNamesClauseOutcomeAndValue)
{
    EXPECT_EQ(ConditionEvaluator::explain(json(R"({"metadata.plan": {"$eq": "pro"}})"), sample()),
              R"(metadata.plan $eq "pro" is false (value "free"))");
    EXPECT_EQ(ConditionEvaluator::explain(json(R"({"metadata.absent": {"$ne": 1}})"), sample()),
              R"(metadata.absent $ne 1 is true (field missing))");
    EXPECT_NE(ConditionEvaluator::explain(json(R"({"plan": "free"})"), sample()).find("no known namespace"),
              std::string::npos);
}

TEST(EngineRequestContext, ReadsKeysLowerCasesHeadersAndRefusesTypos)
{
    const auto ctx = context(R"({"headers": {"X-Foo": "1"}, "tokens_in": 10, "tokens_out": 5})");
    EXPECT_TRUE(ctx.headers.contains("x-foo"));
    EXPECT_EQ(ctx.tokensIn, 10);
    EXPECT_EQ(ctx.tokensOut, 5);
    EXPECT_EQ(rd::RequestContext().tokensIn, 500);
    EXPECT_FALSE(rd::RequestContext::fromJson(json(R"({"metdata": {}})")));
    EXPECT_FALSE(rd::RequestContext::fromJson(json(R"({"metadata": []})")));
    EXPECT_FALSE(rd::RequestContext::fromJson(json(R"({"tokens_in": -1})")));
    EXPECT_TRUE(rd::RequestContext::fromJson(json(R"({"weight": 2})"), {"weight"}));
}

TEST(EngineRequestContext, MetadataLimitsAreCloudflares)
{
    auto ctx = context(R"({"metadata": {"a": 1, "b": "x", "c": true, "d": 2.5, "e": "y"}})");
    EXPECT_EQ(ctx.metadataProblem(), "");
    ctx.metadata["f"] = 1;
    EXPECT_NE(ctx.metadataProblem().find("at most 5"), std::string::npos);
    ctx = context(R"({"metadata": {"a": {"b": 1}}})");
    EXPECT_NE(ctx.metadataProblem().find("only strings, numbers and booleans"), std::string::npos);
}

} // namespace
