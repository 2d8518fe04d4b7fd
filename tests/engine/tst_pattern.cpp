#include "model/engine/Pattern.h"

#include <gtest/gtest.h>

namespace {

using rd::Pattern;

bool matches(const std::string &pattern, const std::string &text, Pattern::Options options = {})
{
    std::string error;
    const auto p = Pattern::compile(pattern, options, error);
    EXPECT_TRUE(p) << pattern << ": " << error;
    return p && p->search(text);
}

std::string refused(const std::string &pattern)
{
    std::string error;
    EXPECT_FALSE(Pattern::compile(pattern, {}, error)) << pattern;
    return error;
}

TEST(EnginePattern, LiteralsSearchAnywhere)
{
    EXPECT_TRUE(matches("translate", "please translate this"));
    EXPECT_FALSE(matches("translate", "please Translate this"));
    EXPECT_TRUE(matches("translate", "please Translate this", {.ignoreCase = true}));
    EXPECT_TRUE(matches("", "anything"));
    EXPECT_TRUE(matches("a.c", "xxabcxx"));
    EXPECT_FALSE(matches("a.c", "a\nc"));
    EXPECT_TRUE(matches("a.c", "a\nc", {.dotAll = true}));
}

TEST(EnginePattern, AnchorsAndBoundaries)
{
    EXPECT_TRUE(matches("^free$", "free"));
    EXPECT_FALSE(matches("^free$", "free trial"));
    EXPECT_FALSE(matches("^b", "a\nb"));
    EXPECT_TRUE(matches("^b", "a\nb", {.multiline = true}));
    EXPECT_TRUE(matches("\\bcat\\b", "a cat sat"));
    EXPECT_FALSE(matches("\\bcat\\b", "concatenate"));
    EXPECT_TRUE(matches("\\Bcat\\B", "concatenate"));
}

TEST(EnginePattern, ClassesAndEscapes)
{
    EXPECT_TRUE(matches("^[a-c]+$", "abcab"));
    EXPECT_FALSE(matches("^[a-c]+$", "abcd"));
    EXPECT_TRUE(matches("^[^0-9]+$", "abc"));
    EXPECT_TRUE(matches("^\\d{3}-\\d{4}$", "555-1234"));
    EXPECT_FALSE(matches("^\\d{3}-\\d{4}$", "55-1234"));
    EXPECT_TRUE(matches("^\\w+\\s\\w+$", "hello world"));
    EXPECT_TRUE(matches("^[\\d.]+$", "3.14"));
    EXPECT_TRUE(matches("a\\.b", "a.b"));
    EXPECT_FALSE(matches("a\\.b", "axb"));
    EXPECT_TRUE(matches("^\\x41\\u00e9$", "A\xc3\xa9"));
    EXPECT_TRUE(matches("[A-Z]", "abc", {.ignoreCase = true}));
    EXPECT_FALSE(matches("[]", "abc"));
    EXPECT_TRUE(matches("a{,2}", "a{,2}")); // not a quantifier: literal braces
}

TEST(EnginePattern, GroupsAlternationAndRepetition)
{
    EXPECT_TRUE(matches("^(free|trial)$", "trial"));
    EXPECT_FALSE(matches("^(free|trial)$", "pro"));
    EXPECT_TRUE(matches("^(?:ab)+$", "ababab"));
    EXPECT_FALSE(matches("^(?:ab)+$", "ababa"));
    EXPECT_TRUE(matches("^a{2,3}$", "aaa"));
    EXPECT_FALSE(matches("^a{2,3}$", "aaaa"));
    EXPECT_TRUE(matches("^a{2,}$", "aaaaaa"));
    EXPECT_TRUE(matches("^colou?r$", "color"));
    EXPECT_TRUE(matches("^a*?b$", "aaab"));
    EXPECT_TRUE(matches("^(?<name>x)y$", "xy"));
    EXPECT_TRUE(matches("^(a|)+$", "aaa")); // a loop whose body can be empty still ends
}

TEST(EnginePattern, RefusesWhatNeedsBacktrackingOrIsBroken)
{
    EXPECT_NE(refused("(a)\\1").find("back-references"), std::string::npos);
    EXPECT_NE(refused("a(?=b)").find("look-ahead"), std::string::npos);
    EXPECT_NE(refused("(?<!a)b").find("look-ahead"), std::string::npos);
    EXPECT_NE(refused("(").find("closing ')'"), std::string::npos);
    EXPECT_NE(refused(")").find("unmatched"), std::string::npos);
    EXPECT_NE(refused("[a-").find("closing ']'"), std::string::npos);
    EXPECT_NE(refused("*a").find("nothing to repeat"), std::string::npos);
    EXPECT_NE(refused("^*").find("nothing to repeat"), std::string::npos);
    EXPECT_NE(refused("[z-a]").find("backwards"), std::string::npos);
    EXPECT_NE(refused("a{3,1}").find("below its minimum"), std::string::npos);
    EXPECT_NE(refused("(a{1000}){1000}").find("too complex"), std::string::npos);
    EXPECT_NE(refused("a\\").find("backslash"), std::string::npos);
    EXPECT_NE(refused(std::string(200, '(')).find("nested"), std::string::npos);
}

TEST(EnginePattern, OptionsLetters)
{
    Pattern::Options options;
    std::string error;
    EXPECT_TRUE(Pattern::parseOptions("ims", options, error));
    EXPECT_TRUE(options.ignoreCase && options.multiline && options.dotAll);
    EXPECT_FALSE(Pattern::parseOptions("x", options, error));
    EXPECT_NE(error.find("\"x\""), std::string::npos);
}

// The patterns that make a backtracking engine take exponential time, on a text long enough to overflow
// std::regex's recursion. A backtracking engine would not finish the first in a day; ctest's timeout is the
// judge, not a clock in the test.
TEST(EnginePattern, PathologicalPatternsRunInLinearTime)
{
    const std::string as(100000, 'a');
    EXPECT_FALSE(matches("(a*)*c", as));
    EXPECT_FALSE(matches("(a|aa)+$b", as));
    EXPECT_TRUE(matches("(a|b)*a$", as));
    EXPECT_FALSE(matches("^(\\w+\\s?)*$", as + "!"));
}

} // namespace
