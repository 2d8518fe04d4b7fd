#include "model/JsonText.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace rd;

namespace {

DecodeIssue errorOf(std::string_view text, const JsonTextLimits &limits = {})
{
    auto parsed = JsonText::parse(text, limits);
    EXPECT_FALSE(parsed);
    return parsed.error.value_or(DecodeIssue{});
}

std::string tempFile(const std::string &name, const std::string &content)
{
    const auto path = std::filesystem::temp_directory_path() / ("rd-jsontext-" + name);
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

} // namespace

TEST(JsonText, SyntaxErrorsCarryLineAndColumn)
{
    const DecodeIssue e = errorOf("{\n  \"a\": 1,\n  \"b\": tru\n}");
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.column, 11u);
    EXPECT_NE(e.toString().find("line 3, column 11: syntax error"), std::string::npos) << e.toString();
}

TEST(JsonText, TruncatedInput)
{
    const DecodeIssue e = errorOf(R"({"elements": [{"id": "a", "type": "sta)");
    EXPECT_EQ(e.line, 1u);
    EXPECT_GT(e.column, 30u);
    EXPECT_NE(e.message.find("missing closing quote"), std::string::npos) << e.message;
    EXPECT_NE(errorOf(R"({"elements": [)").message.find("end of input"), std::string::npos);
}

TEST(JsonText, EmptyInput)
{
    EXPECT_EQ(errorOf("").message, "the input is empty; expected JSON");
    EXPECT_EQ(errorOf(" \n\t ").message, "the input is empty; expected JSON");
}

TEST(JsonText, DeepNestingIsRefusedWithItsPosition)
{
    const std::string deep(100000, '[');
    const DecodeIssue e = errorOf(deep);
    EXPECT_EQ(e.line, 1u);
    EXPECT_EQ(e.column, 257u);
    EXPECT_NE(e.message.find("nested more than 256 levels"), std::string::npos);
    // Brackets inside strings are text, not nesting.
    EXPECT_TRUE(JsonText::parse("\"" + deep + "\""));
    // The limit is the limit: exactly 256 levels parse.
    EXPECT_TRUE(JsonText::parse(std::string(256, '[') + std::string(256, ']')));
}

TEST(JsonText, OversizedInputIsRefusedBeforeParsing)
{
    const DecodeIssue e = errorOf(std::string(2048, ' ') + "[]", JsonTextLimits{1024, 256});
    EXPECT_NE(e.message.find("larger than"), std::string::npos) << e.message;
}

TEST(JsonText, InvalidUtf8IsAnErrorNotACrash)
{
    const DecodeIssue e = errorOf("{\"name\": \"caf\xC3\x28\"}");
    EXPECT_EQ(e.line, 1u);
    EXPECT_NE(e.message.find("UTF-8"), std::string::npos) << e.message;
}

TEST(JsonText, BinaryGarbage)
{
    std::string garbage;
    for (int i = 0; i < 4096; ++i) {
        garbage.push_back(static_cast<char>((i * 7919) & 0xFF));
    }
    EXPECT_FALSE(JsonText::parse(garbage));
}

TEST(JsonText, FormatIsStableAndNeverThrowsOnBadUtf8)
{
    Json j = Json::object();
    j["b"] = 1;
    j["a"] = std::string("bad \xFF byte");
    const std::string out = JsonText::format(j);
    EXPECT_EQ(out.substr(0, 12), "{\n  \"b\": 1,\n");
    EXPECT_EQ(out.back(), '\n');
    EXPECT_EQ(JsonText::compact(Json::parse(R"({"x": [1, 2]})")), R"({"x":[1,2]})");
}

TEST(JsonText, ReadFileReportsMissingDirectoryAndOversized)
{
    EXPECT_NE(JsonText::readFile("/nonexistent/route.json").error->message.find("no such file"), std::string::npos);
    EXPECT_NE(JsonText::readFile(std::filesystem::temp_directory_path().string()).error->message.find("directory"),
              std::string::npos);
    const std::string big = tempFile("big.json", std::string(4096, ' ') + "[]");
    auto parsed = JsonText::readFile(big, JsonTextLimits{1024, 256});
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error->message.find("larger than"), std::string::npos);
    std::filesystem::remove(big);

    const std::string ok = tempFile("ok.json", R"({"elements": []})");
    EXPECT_TRUE(JsonText::readFile(ok));
    std::filesystem::remove(ok);
}

// The fast parser and nlohmann's must agree on everything both accept, down to number kinds and key order.
TEST(JsonText, FastPathAgreesWithReferenceParser)
{
    const char *texts[] = {
        R"({"b": 1, "a": [1, 2.0, -3, 1e3, 18446744073709551615, 9223372036854775807], "c": {"x": null}})",
        R"({"dup": 1, "other": true, "dup": 2})",
        R"(["caf\u00e9", "\ud83d\ude00", "tab\there", "", "\\\"quoted\\\""])",
        "\xEF\xBB\xBF{\"bom\": 1}",
        R"(  [ ]  )",
        R"(0.1)",
        R"({"deep": [[[[[[[[[[{"k": "v"}]]]]]]]]]]})",
    };
    for (const char *text : texts) {
        auto ours = JsonText::parse(text);
        ASSERT_TRUE(ours) << text << ": " << ours.error->toString();
        EXPECT_EQ(ours.value->dump(), Json::parse(text).dump()) << text;
    }
}
