#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/Validator.h"
#include "model/routectl/RouteCtl.h"
#include "tests/routectl/RoutectlRun.h"
#include "tests/support/RouteGenerator.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

// Suite names start with "routectl" so that `ctest -R routectl` selects them with the process-level tests.

namespace {

namespace fs = std::filesystem;
using rd::routectl::kExitBadInput;
using rd::routectl::kExitFindings;
using rd::routectl::kExitOk;
using rd::test::contains;
using rd::test::Outcome;
using rd::test::readText;
using rd::test::routectl;
using rd::test::TempDir;

std::string fixture(const std::string &name)
{
    return std::string(RD_FIXTURES_DIR) + "/routectl/" + name;
}

rd::Decoded<rd::RouteFileContent> decodeRoutes(const std::string &text)
{
    const rd::Decoded<rd::Json> json = rd::JsonText::parse(text);
    if (!json) {
        return rd::Decoded<rd::RouteFileContent>::failure(*json.error);
    }
    return rd::RouteCodec::decodeDocument(*json.value);
}

// nlohmann::json, not the ordered flavour: "equal JSON" means equal values, whatever the key order.
nlohmann::json parsed(const std::string &text)
{
    return nlohmann::json::parse(text);
}

// ---------------------------------------------------------------------------------------------------------
// Command line

TEST(routectl_cli, helpPrintsUsageAndSucceeds)
{
    for (const char *flag : {"--help", "-h"}) {
        const Outcome o = routectl({flag});
        EXPECT_EQ(o.code, kExitOk) << flag;
        EXPECT_TRUE(contains(o.out, "usage: routectl validate FILE...")) << o.out;
        EXPECT_TRUE(o.err.empty());
    }
    const Outcome o = routectl({"validate", "--help"});
    EXPECT_EQ(o.code, kExitOk);
    EXPECT_TRUE(contains(o.out, "usage:"));
}

TEST(routectl_cli, versionPrintsTheProjectVersion)
{
    const Outcome o = routectl({"--version"});
    EXPECT_EQ(o.code, kExitOk);
    EXPECT_EQ(o.out.rfind("routectl ", 0), 0u) << o.out;
    EXPECT_NE(o.out.find_first_of("0123456789"), std::string::npos);
}

TEST(routectl_cli, misuseExitsTwoWithUsageOnStderr)
{
    const std::vector<std::vector<std::string>> misuses{
        {},                                                                   // nothing at all
        {"frobnicate"},                                                       // unknown command
        {"validate"},                                                         // no file
        {"format"},                                                           // no file
        {"format", fixture("clean_route.json"), fixture("clean_route.json")}, // format takes one
        {"validate", "--strict", fixture("clean_route.json")},                // unknown option
    };
    for (const auto &args : misuses) {
        const Outcome o = routectl(args);
        EXPECT_EQ(o.code, kExitBadInput) << ::testing::PrintToString(args);
        EXPECT_TRUE(contains(o.err, "usage:")) << o.err;
        EXPECT_TRUE(o.out.empty()) << o.out;
    }
    EXPECT_TRUE(contains(routectl({"frobnicate"}).err, "unknown command 'frobnicate'"));
    EXPECT_TRUE(contains(routectl({"validate", "--strict", "x"}).err, "unknown option '--strict'"));
}

TEST(routectl_cli, doubleDashEndsOptions)
{
    // After "--", "--strict" is a file name (here a missing file), not an unknown option.
    const Outcome o = routectl({"validate", "--", "--strict"});
    EXPECT_EQ(o.code, kExitBadInput);
    EXPECT_TRUE(contains(o.err, "--strict: error: cannot open --strict")) << o.err;
    EXPECT_FALSE(contains(o.err, "usage:")) << o.err;
}

// ---------------------------------------------------------------------------------------------------------
// validate

TEST(routectl_validate, cleanFileExitsZeroWithSummary)
{
    const Outcome o = routectl({"validate", fixture("clean_route.json")});
    EXPECT_EQ(o.code, kExitOk) << o.out << o.err;
    EXPECT_EQ(o.out, "1 file: 0 errors, 0 warnings\n");
    EXPECT_TRUE(o.err.empty());
}

TEST(routectl_validate, everyFileFormIsAccepted)
{
    const Outcome o = routectl(
        {"validate", fixture("clean_elements.json"), fixture("clean_route.json"), fixture("clean_response.json")});
    EXPECT_EQ(o.code, kExitOk) << o.out << o.err;
    EXPECT_EQ(o.out, "3 files: 0 errors, 0 warnings\n");
}

TEST(routectl_validate, errorsExitOneWithOneLinePerFinding)
{
    const std::string file = fixture("errors.json");
    const Outcome o = routectl({"validate", file});
    EXPECT_EQ(o.code, kExitFindings);
    EXPECT_EQ(o.out, file + ": error model.provider m1: Model element 'm1' has no provider; set the provider, "
                            "e.g. \"openai\".\n1 file: 1 error, 0 warnings\n");
    EXPECT_TRUE(o.err.empty()) << o.err;
}

TEST(routectl_validate, findingOnAnOutputNamesElementDotOutput)
{
    TempDir dir;
    const std::string file =
        dir.write("dangling.json", R"([{"id": "start", "type": "start", "outputs": {"next": {"elementId": "nowhere"}}},
                                      {"id": "end", "type": "end", "outputs": {}}])");
    const Outcome o = routectl({"validate", file});
    EXPECT_EQ(o.code, kExitFindings);
    EXPECT_TRUE(contains(o.out, file + ": error output.unknown-target start.next: ")) << o.out;
}

TEST(routectl_validate, routeLevelFindingHasDashForElement)
{
    TempDir dir;
    const std::string file = dir.write("no_end.json", R"([{"id": "s", "type": "start", "outputs": {}}])");
    const Outcome o = routectl({"validate", file});
    EXPECT_EQ(o.code, kExitFindings);
    EXPECT_TRUE(contains(o.out, file + ": error end.missing -: ")) << o.out;
}

TEST(routectl_validate, warningsOnlyExitZero)
{
    const std::string file = fixture("warnings_only.json");
    const Outcome o = routectl({"validate", file});
    EXPECT_EQ(o.code, kExitOk) << o.out;
    EXPECT_TRUE(contains(o.out, file + ": warning conditional.always-true plan_check: ")) << o.out;
    EXPECT_TRUE(contains(o.out, file + ": warning element.unreachable old_model: ")) << o.out;
    EXPECT_TRUE(contains(o.out, "1 file: 0 errors, 2 warnings\n")) << o.out;
}

TEST(routectl_validate, routeListPrefixesElementsWithRouteName)
{
    const std::string file = fixture("list_two_routes.json");
    const Outcome o = routectl({"validate", file});
    EXPECT_EQ(o.code, kExitFindings);
    EXPECT_TRUE(contains(o.out, file + ": error model.provider sales-bot/gpt4o_mini: ")) << o.out;
    EXPECT_FALSE(contains(o.out, "support-bot/")) << o.out;
    EXPECT_TRUE(contains(o.out, "1 file: 1 error, 0 warnings\n")) << o.out;
}

TEST(routectl_validate, legacySpellingsAreTranslatedWithWarnings)
{
    const std::string file = fixture("legacy.json");
    const Outcome o = routectl({"validate", file});
    EXPECT_EQ(o.code, kExitOk) << o.out << o.err;
    for (const char *path : {"$.elements[1].properties.condition", "$.elements[2].type",
                             "$.elements[2].properties.interval", "$.elements[4].outputs.else"}) {
        EXPECT_TRUE(contains(o.out, file + ": warning import.legacy " + path + ": legacy ")) << path << "\n" << o.out;
    }
    EXPECT_TRUE(contains(o.out, "1 file: 0 errors, 4 warnings\n")) << o.out;
}

TEST(routectl_validate, otherDecodeAdjustmentsAreNotCalledLegacy)
{
    TempDir dir;
    const std::string file =
        dir.write("no_outputs.json", R"([{"id": "start", "type": "start", "outputs": {"next": {"elementId": "end"}}},
                                                             {"id": "end", "type": "end"}])");
    const Outcome o = routectl({"validate", file});
    EXPECT_EQ(o.code, kExitOk) << o.out;
    EXPECT_TRUE(contains(o.out, file + ": warning import.adjusted $[1]: ")) << o.out;
    EXPECT_FALSE(contains(o.out, "import.legacy")) << o.out;
}

TEST(routectl_validate, stdinIsReadForDash)
{
    const std::string text = readText(fixture("errors.json"));
    const Outcome o = routectl({"validate", "-"}, text);
    EXPECT_EQ(o.code, kExitFindings);
    EXPECT_TRUE(contains(o.out, "<stdin>: error model.provider m1: ")) << o.out;
}

TEST(routectl_validate, badInputOutranksFindings)
{
    const Outcome o =
        routectl({"validate", fixture("errors.json"), fixture("does_not_exist.json"), fixture("clean_route.json")});
    EXPECT_EQ(o.code, kExitBadInput);
    EXPECT_TRUE(contains(o.out, "3 files: 1 error, 0 warnings, 1 unreadable\n")) << o.out;
    EXPECT_TRUE(contains(o.err, fixture("does_not_exist.json") + ": error: ")) << o.err;
}

// ---------------------------------------------------------------------------------------------------------
// Bad input: exit 2, a message on stderr that says where, and never a crash or a hang.

struct BadInput
{
    const char *file;
    std::vector<std::string> expected; // substrings of stderr
};

void PrintTo(const BadInput &bad, std::ostream *os)
{
    *os << bad.file;
}

class routectl_bad_input : public ::testing::TestWithParam<BadInput>
{};

TEST_P(routectl_bad_input, exitsTwoWithAPositionedMessage)
{
    const BadInput &bad = GetParam();
    const std::string file = fixture(bad.file);
    for (const char *command : {"validate", "format"}) {
        const Outcome o = routectl({command, file});
        EXPECT_EQ(o.code, kExitBadInput) << command << " " << bad.file;
        EXPECT_EQ(o.err.rfind(file + ": error: ", 0), 0u) << o.err;
        for (const std::string &e : bad.expected) {
            EXPECT_TRUE(contains(o.err, e)) << command << " " << bad.file << ": expected \"" << e << "\" in\n" << o.err;
        }
        if (std::string(command) == "format") {
            EXPECT_TRUE(o.out.empty()) << "format must not print half a document";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    fixtures, routectl_bad_input,
    ::testing::Values(BadInput{"malformed.json", {"line 3, column 12: ", "syntax error"}},
                      BadInput{"truncated.json", {"line 24, column 12: ", "unexpected end of input"}},
                      BadInput{"elements_string.json", {"$.elements: ", "expected an array of elements, got a string"}},
                      BadInput{"id_number.json", {"$[1].id: ", "expected a string, got a number"}},
                      BadInput{"limit_string.json", {"$[1].properties.limit: ", "expected a number, got a string"}},
                      BadInput{"empty.json", {"empty"}}, BadInput{"does_not_exist.json", {"no such file"}},
                      BadInput{"garbage.bin", {"line 1, column 1: "}},
                      BadInput{"bad_utf8.json", {"line 1, column ", "UTF-8"}}),
    [](const auto &info) {
        std::string name = info.param.file;
        for (char &c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c))) {
                c = '_';
            }
        }
        return name;
    });

TEST(routectl_big_input, fiftyMegabyteFileIsRefusedQuickly)
{
    TempDir dir;
    std::string huge;
    huge.reserve(50u * 1024 * 1024 + 16);
    huge += '[';
    while (huge.size() < 50u * 1024 * 1024) {
        huge += "1234567,";
    }
    huge += "0]";
    const std::string file = dir.write("huge.json", huge);

    const auto begin = std::chrono::steady_clock::now();
    const Outcome o = routectl({"validate", file});
    const auto elapsed = std::chrono::steady_clock::now() - begin;
    EXPECT_EQ(o.code, kExitBadInput);
    EXPECT_TRUE(contains(o.err, file + ": error: the file is 50.0 MB")) << o.err;
    EXPECT_TRUE(contains(o.err, "not accepted")) << o.err;
    // The size is checked before a byte is read; a second leaves room for a loaded CI machine.
    EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(routectl_big_input, fiftyMegabyteStdinIsRefused)
{
    const std::string huge = "\"" + std::string(50u * 1024 * 1024, 'x') + "\"";
    const Outcome o = routectl({"validate", "-"}, huge);
    EXPECT_EQ(o.code, kExitBadInput);
    EXPECT_TRUE(contains(o.err, "<stdin>: error: the input is larger than 16 MB")) << o.err;
}

TEST(routectl_big_input, hundredThousandLevelsOfNestingAreRefused)
{
    TempDir dir;
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const std::string file = dir.write("deep.json", deep);
    for (const char *command : {"validate", "format"}) {
        const Outcome o = routectl({command, file});
        EXPECT_EQ(o.code, kExitBadInput) << command;
        EXPECT_TRUE(contains(o.err, file + ": error: line 1, column 257: JSON is nested more than 256 levels"))
            << o.err;
    }
    // Unbalanced and on stdin too: the check must not depend on the closing brackets.
    const Outcome o = routectl({"validate", "-"}, std::string(100000, '['));
    EXPECT_EQ(o.code, kExitBadInput);
    EXPECT_TRUE(contains(o.err, "nested")) << o.err;
}

TEST(routectl_big_input, tenThousandElementRouteIsAccepted)
{
    TempDir dir;
    const rd::Route route = rd::test::makeSyntheticRoute(10000, 7);
    const std::string file = dir.write("big_route.json", rd::JsonText::format(rd::RouteCodec::encodeRoute(route)));
    const Outcome o = routectl({"validate", file});
    EXPECT_EQ(o.code, kExitOk) << o.err << o.out.substr(0, 2000);
    EXPECT_EQ(o.out, "1 file: 0 errors, 0 warnings\n");
}

// ---------------------------------------------------------------------------------------------------------
// format

TEST(routectl_format, legacyOutputHasOnlyTheLiveSpelling)
{
    const std::string file = fixture("legacy.json");
    const Outcome o = routectl({"format", file});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    EXPECT_TRUE(contains(o.err, file + ": warning import.legacy $.elements[2].type: ")) << o.err;

    const nlohmann::json doc = parsed(o.out);
    const auto &elements = doc.at("elements");
    const auto &conditional = elements.at(1);
    EXPECT_TRUE(conditional.at("properties").contains("conditions"));
    EXPECT_FALSE(conditional.at("properties").contains("condition"));
    const auto &rate = elements.at(2);
    EXPECT_EQ(rate.at("type"), "rate");
    EXPECT_EQ(rate.at("properties").at("window"), 3600);
    EXPECT_FALSE(rate.at("properties").contains("interval"));
    const auto &split = elements.at(4);
    EXPECT_FALSE(split.at("outputs").contains("else"));
    EXPECT_EQ(split.at("outputs").at("40%").at("elementId"), "claude_haiku");

    for (const char *legacy : {"\"rate_limit\"", "\"interval\"", "\"condition\"", "\"else\"", "\"technique\""}) {
        EXPECT_FALSE(contains(o.out, legacy)) << legacy;
    }
    // The translated file is a clean route: nothing left to warn about.
    const rd::Decoded<rd::Json> json = rd::JsonText::parse(o.out);
    ASSERT_TRUE(json);
    const auto redecoded = rd::RouteCodec::decodeDocument(*json.value);
    ASSERT_TRUE(redecoded);
    EXPECT_TRUE(redecoded.warnings.empty());
    EXPECT_TRUE(rd::Validator::validate(redecoded.value->routes.front()).empty());
}

TEST(routectl_format, keepsABareArrayOrARouteObject)
{
    const nlohmann::json elements = parsed(routectl({"format", fixture("clean_elements.json")}).out);
    EXPECT_TRUE(elements.is_array());
    const nlohmann::json route = parsed(routectl({"format", fixture("clean_route.json")}).out);
    EXPECT_EQ(route.at("name"), "support-bot");
    EXPECT_EQ(route.at("elements").size(), 9u);
}

TEST(routectl_format, apiResponsesFormatToTheSameRoutes)
{
    TempDir dir;
    for (const char *name : {"clean_response.json", "list_two_routes.json"}) {
        const Outcome first = routectl({"format", fixture(name)});
        ASSERT_EQ(first.code, kExitOk) << name << first.err;
        const auto before = decodeRoutes(readText(fixture(name)));
        const auto after = decodeRoutes(first.out);
        ASSERT_TRUE(after.value) << name << ": `format` wrote a document it cannot read back: "
                                 << (after.error ? after.error->toString() : "") << "\n"
                                 << first.out.substr(0, 300);
        EXPECT_EQ(before.value->routes, after.value->routes) << name;
    }
}

TEST(routectl_format, isIdempotentAndPreservesTheJson)
{
    TempDir dir;
    for (const char *name : {"clean_elements.json", "clean_route.json", "clean_response.json", "list_two_routes.json",
                             "warnings_only.json", "errors.json", "legacy.json"}) {
        const Outcome first = routectl({"format", fixture(name)});
        ASSERT_EQ(first.code, kExitOk) << name << first.err;
        const std::string again = dir.write(std::string("again_") + name, first.out);
        const Outcome second = routectl({"format", again});
        EXPECT_EQ(second.code, kExitOk) << name << ": " << second.err;
        EXPECT_TRUE(first.out == second.out) << name << ": a second `format` changed the output";
        EXPECT_TRUE(second.err.empty()) << name << ": formatted output still has legacy spellings\n" << second.err;

        // Legacy spellings are meant to change; API envelopes are unwrapped to the routes they carry.
        const std::string n(name);
        if (n != "legacy.json" && n != "clean_response.json" && n != "list_two_routes.json") {
            EXPECT_EQ(parsed(readText(fixture(name))), parsed(first.out)) << name;
        }
    }
}

TEST(routectl_format, syntheticRouteRoundTrips)
{
    TempDir dir;
    const rd::Route route = rd::test::makeSyntheticRoute(500, 3);
    const std::string text = rd::JsonText::format(rd::RouteCodec::encodeRoute(route));
    const std::string file = dir.write("synthetic.json", text);
    const Outcome o = routectl({"format", file});
    ASSERT_EQ(o.code, kExitOk) << o.err;
    EXPECT_EQ(o.out, text);
}

TEST(routectl_format, readsStdin)
{
    const std::string text = readText(fixture("clean_route.json"));
    const Outcome o = routectl({"format", "-"}, text);
    ASSERT_EQ(o.code, kExitOk) << o.err;
    EXPECT_EQ(parsed(o.out), parsed(text));
}

// What `format` writes, `format` and `validate` read back as the same routes (issue 10, item 3). The files
// are the three that broke it: an empty list, a route with an empty `type`, a 9-element route with a `type`.

struct Reformatted
{
    Outcome first;      // format FILE
    std::string path;   // where its output was saved
    Outcome second;     // format of that output
    Outcome validation; // validate of that output
};

Reformatted formatTwice(const TempDir &dir, const std::string &name)
{
    Reformatted r;
    r.first = routectl({"format", fixture(name)});
    r.path = dir.write("formatted_" + name, r.first.out);
    r.second = routectl({"format", r.path});
    r.validation = routectl({"validate", r.path});
    return r;
}

TEST(routectl_format, emptyRouteListStaysAnEmptyList)
{
    TempDir dir;
    const Reformatted r = formatTwice(dir, "list_empty.json");
    ASSERT_EQ(r.first.code, kExitOk) << r.first.err;
    EXPECT_EQ(r.first.out, "{\n  \"routes\": []\n}\n");
    EXPECT_EQ(r.second.code, kExitOk) << r.second.err;
    EXPECT_EQ(r.second.out, r.first.out);
    const auto reread = decodeRoutes(r.first.out);
    ASSERT_TRUE(reread.value);
    EXPECT_EQ(reread.value->form, rd::RouteFileContent::Form::RouteList);
    EXPECT_TRUE(reread.value->routes.empty()) << "an empty list must not read back as one empty route";
    EXPECT_EQ(r.validation.code, kExitOk);
    EXPECT_EQ(r.validation.out, "1 file: 0 errors, 0 warnings\n");
}

TEST(routectl_format, routeWithAnEmptyTypeFieldReadsBack)
{
    TempDir dir;
    const Reformatted r = formatTwice(dir, "list_route_empty_type.json");
    ASSERT_EQ(r.first.code, kExitOk) << r.first.err;
    EXPECT_EQ(parsed(r.first.out), parsed(R"({"routes": [{"elements": [], "type": ""}]})"));
    // Used to exit 2: the output read as an element without an id.
    EXPECT_EQ(r.second.code, kExitOk) << r.second.err;
    EXPECT_EQ(r.second.out, r.first.out);
    const Outcome original = routectl({"validate", fixture("list_route_empty_type.json")});
    EXPECT_EQ(r.validation.code, original.code) << r.validation.err;
    EXPECT_EQ(r.validation.out.substr(r.validation.out.find("1 file")),
              original.out.substr(original.out.find("1 file")));
}

TEST(routectl_format, nineElementRouteWithATypeFieldKeepsItsElements)
{
    TempDir dir;
    const Reformatted r = formatTwice(dir, "list_route_with_type.json");
    ASSERT_EQ(r.first.code, kExitOk) << r.first.err;
    const nlohmann::json out = parsed(r.first.out);
    ASSERT_EQ(out.at("routes").size(), 1u);
    EXPECT_EQ(out.at("routes").at(0).at("type"), "chat");
    EXPECT_EQ(out.at("routes").at(0).at("elements").size(), 9u);
    EXPECT_EQ(r.second.code, kExitOk) << r.second.err;
    EXPECT_EQ(r.second.out, r.first.out);
    const auto before = decodeRoutes(readText(fixture("list_route_with_type.json")));
    const auto after = decodeRoutes(r.first.out);
    ASSERT_TRUE(after.value) << after.error->toString();
    ASSERT_EQ(after.value->routes.size(), 1u);
    EXPECT_EQ(after.value->routes[0].size(), 9u) << "used to read back as one element";
    EXPECT_EQ(before.value->routes, after.value->routes);
    // It was clean and still is: not "no start element, unknown type chat".
    EXPECT_EQ(r.validation.code, kExitOk) << r.validation.out;
    EXPECT_EQ(r.validation.out, "1 file: 0 errors, 0 warnings\n");
}

TEST(routectl_format, everyListFixtureIsWrittenAsAnObjectThatReadsBack)
{
    TempDir dir;
    for (const char *name :
         {"list_empty.json", "list_route_empty_type.json", "list_route_with_type.json", "list_two_routes.json"}) {
        const Reformatted r = formatTwice(dir, name);
        ASSERT_EQ(r.first.code, kExitOk) << name << r.first.err;
        EXPECT_TRUE(parsed(r.first.out).contains("routes")) << name;
        EXPECT_EQ(r.second.out, r.first.out) << name;
        const auto before = decodeRoutes(readText(fixture(name)));
        const auto after = decodeRoutes(r.first.out);
        ASSERT_TRUE(after.value) << name;
        EXPECT_EQ(before.value->routes, after.value->routes) << name;
    }
}

TEST(routectl_format, anOlderFormatsAmbiguousListIsRefusedWithTheWayOut)
{
    // What an older `format` wrote for list_route_with_type.json: it read back as a 1-element route. It may
    // equally be one element with an `elements` field, so it is refused, saying how to write either.
    const std::string file = fixture("old_format_list_with_type.json");
    for (const char *command : {"validate", "format"}) {
        const Outcome o = routectl({command, file});
        EXPECT_EQ(o.code, kExitBadInput) << command;
        EXPECT_TRUE(contains(o.err, file + ": error: $: this array reads both as one route's elements and as a "
                                           "list of routes"))
            << o.err;
        EXPECT_TRUE(
            contains(o.err, R"(write one route as {"elements": [...]} or a list of routes as {"routes": [...]})"))
            << o.err;
    }
    EXPECT_TRUE(routectl({"format", file}).out.empty());
}

TEST(routectl_format, refusesToWriteWhatItCouldNotReadBack)
{
    // A list read from a bare array at the nesting limit gains a level as {"routes": [...]}.
    TempDir dir;
    const std::string file = dir.write("deep_list.json", R"([{"elements": [], "x": )" + std::string(254, '[') +
                                                             std::string(254, ']') + "}]");
    ASSERT_EQ(routectl({"validate", file}).code, kExitFindings); // it reads: no start, no end
    const Outcome o = routectl({"format", file});
    EXPECT_EQ(o.code, kExitBadInput);
    EXPECT_EQ(o.err, file + ": error: cannot format: written out, it would be nested 257 levels deep, more than "
                            "the 256 that route files may have\n");
    EXPECT_TRUE(o.out.empty());
}

TEST(routectl_format, legacyElseNeverLosesAShare)
{
    // 40% + "20%" + "20.0%" + else: the remainder is 20%, spelt both ways already. It used to become a second
    // "20.0%", merged with the first when written: 100% became 80% and a model lost its traffic.
    TempDir dir;
    const Reformatted r = formatTwice(dir, "legacy_else_clash.json");
    ASSERT_EQ(r.first.code, kExitOk) << r.first.err;
    EXPECT_TRUE(contains(r.first.err, "translated to a \"20.00%\" share")) << r.first.err;
    const nlohmann::json outputs = parsed(r.first.out).at("elements").at(1).at("outputs");
    EXPECT_EQ(outputs, parsed(R"({"40%": {"elementId": "m40"}, "20%": {"elementId": "m20a"},
                                  "20.0%": {"elementId": "m20b"}, "20.00%": {"elementId": "m_rest"}})"));
    // The translated route is clean: four shares totalling 100%, every model reachable.
    EXPECT_EQ(r.validation.code, kExitOk) << r.validation.out;
    EXPECT_EQ(r.validation.out, "1 file: 0 errors, 0 warnings\n");
    EXPECT_EQ(r.second.out, r.first.out);
}

TEST(routectl_cli, helpNamesEveryAcceptedShape)
{
    const std::string help = routectl({"--help"}).out;
    for (const char *shape :
         {"[ {element}, ... ]", R"({"elements": [...], ...})", R"({"result": {...}})", R"({"route": {...}})",
          R"({"routes": [...]})", R"({"result": [...]})", R"({"data": {"routes": [...]}})", "[ {route}, ... ]"}) {
        EXPECT_TRUE(contains(help, shape)) << shape << "\n" << help;
    }
}

// ---------------------------------------------------------------------------------------------------------
// The generator that benchmarks and size tests rely on.

TEST(routectl_generator, syntheticRoutesAreValidAndExactlySized)
{
    for (std::size_t n : {10u, 11u, 12u, 13u, 17u, 18u, 19u, 100u, 1000u, 10000u}) {
        const rd::Route route = rd::test::makeSyntheticRoute(n, static_cast<std::uint32_t>(n));
        EXPECT_EQ(route.size(), n);
        const auto findings = rd::Validator::validate(route);
        EXPECT_TRUE(findings.empty()) << n << ": "
                                      << (findings.empty() ? ""
                                                           : findings.front().code + " " + findings.front().elementId +
                                                                 ": " + findings.front().message);
        std::set<rd::ElementType> types;
        for (const rd::Element &e : route.elements()) {
            types.insert(e.type);
        }
        EXPECT_EQ(types.size(), rd::kKnownElementTypes.size()) << n;
    }
}

TEST(routectl_generator, smallRoutesStayValid)
{
    for (std::size_t n = 0; n < 10; ++n) {
        const rd::Route route = rd::test::makeSyntheticRoute(n);
        EXPECT_TRUE(rd::Validator::validate(route).empty()) << n;
    }
}

TEST(routectl_generator, deterministicPerSeed)
{
    EXPECT_EQ(rd::test::makeSyntheticRoute(300, 5), rd::test::makeSyntheticRoute(300, 5));
    EXPECT_FALSE(rd::test::makeSyntheticRoute(300, 5) == rd::test::makeSyntheticRoute(300, 6));
}

TEST(routectl_generator, demoRouteIsValid)
{
    const rd::Route demo = rd::test::makeDemoRoute();
    EXPECT_TRUE(rd::Validator::validate(demo).empty());
    ASSERT_NE(demo.find("plan_check"), nullptr);
    EXPECT_EQ(*demo.find("plan_check")->conditional.conditions,
              rd::Json::parse(R"({"metadata.plan": {"$eq": "free"}})"));
    ASSERT_NE(demo.find("free_limit"), nullptr);
    EXPECT_EQ(demo.find("free_limit")->rate.limit, rd::Number::fromInteger(100));
    ASSERT_NE(demo.find("split"), nullptr);
    EXPECT_EQ(demo.find("split")->outputs.size(), 2u);
}

} // namespace
