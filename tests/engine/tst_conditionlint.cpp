#include "EngineTestSupport.h"
#include "model/Validator.h"

#include <gtest/gtest.h>
#include <set>

namespace {

// The warning codes validation gives a conditional with these conditions.
std::set<std::string> codes(const std::string &conditions)
{
    const rd::Route r = rd::test::route(
        R"({"elements": [{"id": "start", "type": "start", "outputs": {"next": {"elementId": "c"}}},
           {"id": "c", "type": "conditional", "properties": {"conditions": )" +
        conditions + R"(}, "outputs": {"true": {"elementId": "end"}, "false": {"elementId": "end"}}},
           {"id": "end", "type": "end", "outputs": {}}]})");
    std::set<std::string> out;
    for (const rd::Finding &f : rd::Validator::validate(r)) {
        if (f.code.rfind("conditional.", 0) == 0) {
            EXPECT_EQ(f.severity, rd::Severity::Warning) << f.code;
            EXPECT_EQ(f.elementId, "c");
            out.insert(f.code);
        }
    }
    return out;
}

using Codes = std::set<std::string>;

TEST(EngineConditionLint, TheDocumentedFormIsClean)
{
    EXPECT_EQ(codes(R"({"metadata.plan": {"$eq": "free"}})"), Codes{});
    EXPECT_EQ(codes(R"({"headers.x-tier": {"$eq": "gold"}})"), Codes{});
    EXPECT_EQ(codes(R"({"body.model": {"$eq": "gpt"}})"), Codes{});
}

TEST(EngineConditionLint, AssumedOperatorsAndForms)
{
    EXPECT_EQ(codes(R"({"metadata.n": {"$gt": 3}})"), Codes{"conditional.assumed-operator"});
    EXPECT_EQ(codes(R"({"metadata.plan": "free"})"), Codes{"conditional.assumed-form"});
    EXPECT_EQ(codes(R"({"metadata.a": {"$eq": 1}, "metadata.b": {"$eq": 2}})"), Codes{"conditional.assumed-form"});
    EXPECT_EQ(codes(R"({"$or": [{"metadata.a": {"$eq": 1}}, {"metadata.b": {"$in": [2]}}]})"),
              (Codes{"conditional.assumed-form", "conditional.assumed-operator"}));
    EXPECT_EQ(codes(R"({"metadata.s": {"$regex": "^a", "$options": "i"}})"), Codes{"conditional.assumed-operator"});
}

TEST(EngineConditionLint, ClausesThatAreAlwaysFalse)
{
    EXPECT_TRUE(codes(R"({"plan": {"$eq": "free"}})").count("conditional.unknown-namespace"));
    EXPECT_TRUE(codes(R"({"metadata.plan": {"$like": "free"}})").count("conditional.unknown-operator"));
    EXPECT_TRUE(codes(R"({"$nor": [{"metadata.plan": {"$eq": "x"}}]})").count("conditional.unknown-operator"));
    EXPECT_TRUE(codes(R"({"metadata.plan": {"$in": "free"}})").count("conditional.bad-operand"));
    EXPECT_TRUE(codes(R"({"metadata.plan": {"$exists": "yes"}})").count("conditional.bad-operand"));
    EXPECT_TRUE(codes(R"({"$and": []})").count("conditional.bad-operand"));
    EXPECT_TRUE(codes(R"({"metadata.plan": {"$regex": "(a"}})").count("conditional.bad-regex"));
    EXPECT_TRUE(codes(R"({"metadata.plan": {"$regex": "(a)\\1"}})").count("conditional.bad-regex"));
    EXPECT_TRUE(codes(R"({"metadata.plan": {"$regex": "a", "$options": "x"}})").count("conditional.bad-operand"));
}

TEST(EngineConditionLint, MessagesSayWhatToDo)
{
    const rd::Route r = rd::test::route(
        R"({"elements": [{"id": "start", "type": "start", "outputs": {"next": {"elementId": "c"}}},
           {"id": "c", "type": "conditional", "properties": {"conditions": {"user.plan": {"$gt": 1}}},
            "outputs": {"true": {"elementId": "end"}, "false": {"elementId": "end"}}},
           {"id": "end", "type": "end", "outputs": {}}]})");
    bool namespaceSeen = false;
    for (const rd::Finding &f : rd::Validator::validate(r)) {
        if (f.code == "conditional.unknown-namespace") {
            namespaceSeen = true;
            EXPECT_NE(f.message.find("\"user.plan\""), std::string::npos) << f.message;
            EXPECT_NE(f.message.find("metadata."), std::string::npos) << f.message;
        }
    }
    EXPECT_TRUE(namespaceSeen);
}

} // namespace
