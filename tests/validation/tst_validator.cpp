#include "model/Validator.h"
#include "tests/support/RouteGenerator.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rd {
namespace {

Element makeModel(std::string id)
{
    Element e = Element::make(ElementType::Model, std::move(id));
    e.model.provider = "openai";
    e.model.model = "gpt-4o-mini";
    e.model.timeout = Number::fromInteger(30000);
    e.model.retries = Number::fromInteger(1);
    return e;
}

Element makeRate(std::string id)
{
    Element e = Element::make(ElementType::Rate, std::move(id));
    e.rate.key = "metadata.user_id";
    e.rate.limit = Number::fromInteger(100);
    e.rate.limitType = "count";
    e.rate.window = Number::fromInteger(60);
    return e;
}

Element makeConditional(std::string id)
{
    Element e = Element::make(ElementType::Conditional, std::move(id));
    e.conditional.conditions = Json{{"metadata.plan", {{"$eq", "free"}}}};
    return e;
}

void add(Route &route, Element element)
{
    const std::string id = element.id;
    EXPECT_TRUE(route.addElement(std::move(element))) << "could not add " << id;
}

void wire(Route &route, std::string_view from, std::string_view output, std::string_view to)
{
    EXPECT_TRUE(route.connect(from, output, to)) << from << "." << output << " -> " << to;
}

// Every element type, every output wired, every property set: nothing to say about it.
//   start -> cond; cond.true -> split, cond.false -> limit
//   split 60% -> m1, 40% -> m2; limit.success -> m2, limit.fallback -> end
//   m1.success -> end, m1.fallback -> m2; m2.success -> end, m2.fallback -> end
Route cleanRoute()
{
    Route r;
    add(r, Element::make(ElementType::Start, "start"));
    add(r, makeConditional("cond"));
    add(r, Element::make(ElementType::Percentage, "split"));
    add(r, makeRate("limit"));
    add(r, makeModel("m1"));
    add(r, makeModel("m2"));
    add(r, Element::make(ElementType::End, "end"));
    wire(r, "start", "next", "cond");
    wire(r, "cond", "true", "split");
    wire(r, "cond", "false", "limit");
    wire(r, "split", "60%", "m1");
    wire(r, "split", "40%", "m2");
    wire(r, "limit", "success", "m2");
    wire(r, "limit", "fallback", "end");
    wire(r, "m1", "success", "end");
    wire(r, "m1", "fallback", "m2");
    wire(r, "m2", "success", "end");
    wire(r, "m2", "fallback", "end");
    return r;
}

Element &at(Route &route, std::string_view id)
{
    Element *e = route.find(id);
    EXPECT_NE(e, nullptr) << id;
    return *e;
}

std::string dump(const std::vector<Finding> &findings)
{
    std::string s;
    for (const Finding &f : findings) {
        s += "  " + std::string(severityName(f.severity)) + " " + f.code + " [" + f.elementId + "/" + f.output + "] " +
             f.message + "\n";
    }
    return s.empty() ? "  (none)\n" : s;
}

std::vector<std::string> codes(const std::vector<Finding> &findings)
{
    std::vector<std::string> result;
    for (const Finding &f : findings) {
        result.push_back(f.code);
    }
    return result;
}

std::vector<Finding> withCode(const std::vector<Finding> &findings, std::string_view code)
{
    std::vector<Finding> result;
    for (const Finding &f : findings) {
        if (f.code == code) {
            result.push_back(f);
        }
    }
    return result;
}

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

// The one finding with `code`, checked for severity, element and output, and for a message that names the
// element it is about.
Finding expectOne(const std::vector<Finding> &findings, std::string_view code, Severity severity,
                  std::string_view elementId, std::string_view output = {})
{
    const std::vector<Finding> matching = withCode(findings, code);
    EXPECT_EQ(matching.size(), 1u) << "code " << code << " in:\n" << dump(findings);
    if (matching.empty()) {
        return {};
    }
    const Finding &f = matching.front();
    EXPECT_EQ(f.severity, severity) << code;
    EXPECT_EQ(f.elementId, elementId) << code;
    EXPECT_EQ(f.output, output) << code;
    EXPECT_FALSE(f.message.empty()) << code;
    if (!elementId.empty()) {
        EXPECT_TRUE(contains(f.message, elementId)) << f.message;
    }
    return f;
}

#define EXPECT_CODES(findings, ...)                                                                                    \
    EXPECT_EQ(codes(findings), (std::vector<std::string>{__VA_ARGS__})) << dump(findings)

// --- basics ------------------------------------------------------------------------------------------------

TEST(Validator, CleanRouteHasNoFindings)
{
    const auto findings = Validator::validate(cleanRoute());
    EXPECT_TRUE(findings.empty()) << dump(findings);
    EXPECT_FALSE(Validator::hasErrors(findings));
}

TEST(Validator, SeverityNames)
{
    EXPECT_EQ(severityName(Severity::Error), "error");
    EXPECT_EQ(severityName(Severity::Warning), "warning");
}

TEST(Validator, HasErrorsCountsOnlyErrors)
{
    EXPECT_FALSE(Validator::hasErrors({}));
    EXPECT_FALSE(Validator::hasErrors({Finding{Severity::Warning, "x", "a", "", "m"}}));
    EXPECT_TRUE(Validator::hasErrors(
        {Finding{Severity::Warning, "x", "a", "", "m"}, Finding{Severity::Error, "y", "b", "", "m"}}));
}

TEST(Validator, EmptyRouteLacksStartAndEnd)
{
    const auto findings = Validator::validate(Route{});
    EXPECT_CODES(findings, "start.missing", "end.missing");
    expectOne(findings, "start.missing", Severity::Error, "");
    expectOne(findings, "end.missing", Severity::Error, "");
    EXPECT_TRUE(Validator::hasErrors(findings));
}

// --- start and identity ------------------------------------------------------------------------------------

TEST(Validator, StartMissing)
{
    Route r = cleanRoute();
    ASSERT_TRUE(r.removeElement("start"));
    const auto findings = Validator::validate(r);
    // Without a start nothing is reachable, and saying so for every element would only repeat start.missing.
    EXPECT_CODES(findings, "start.missing");
    const Finding f = expectOne(findings, "start.missing", Severity::Error, "");
    EXPECT_TRUE(contains(f.message, "start")) << f.message;
}

TEST(Validator, StartMultipleOnEachExtraStart)
{
    Route r = cleanRoute();
    add(r, Element::make(ElementType::Start, "s2"));
    add(r, Element::make(ElementType::Start, "s3"));
    wire(r, "s2", "next", "end");
    wire(r, "s3", "next", "m1");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "start.multiple", "start.multiple");
    EXPECT_EQ(findings[0].elementId, "s2");
    EXPECT_EQ(findings[1].elementId, "s3");
    EXPECT_EQ(findings[0].severity, Severity::Error);
    EXPECT_TRUE(contains(findings[0].message, "'start'")) << findings[0].message;
}

TEST(Validator, EmptyId)
{
    std::vector<Element> elements = cleanRoute().elements();
    elements.push_back(Element::make(ElementType::End, ""));
    const auto findings = Validator::validate(Route(std::move(elements)));
    EXPECT_CODES(findings, "element.empty-id");
    const Finding f = expectOne(findings, "element.empty-id", Severity::Error, "");
    EXPECT_TRUE(contains(f.message, "#8")) << f.message;
}

TEST(Validator, DuplicateIdOnEachRepeat)
{
    const Route clean = cleanRoute();
    std::vector<Element> elements = clean.elements();
    elements.push_back(*clean.find("m1"));
    elements.push_back(*clean.find("m1"));
    const auto findings = Validator::validate(Route(std::move(elements)));
    EXPECT_CODES(findings, "element.duplicate-id", "element.duplicate-id");
    for (const Finding &f : findings) {
        EXPECT_EQ(f.severity, Severity::Error);
        EXPECT_EQ(f.elementId, "m1");
        EXPECT_TRUE(contains(f.message, "#5")) << f.message; // where the first m1 is
    }
    EXPECT_TRUE(contains(findings[0].message, "#8")) << findings[0].message;
    EXPECT_TRUE(contains(findings[1].message, "#9")) << findings[1].message;
}

TEST(Validator, UnknownType)
{
    Route r = cleanRoute();
    Element legacy;
    legacy.id = "legacy";
    legacy.type = ElementType::Unknown;
    legacy.unknownTypeName = "rate_limit";
    legacy.setOutput("success", "end");
    add(r, std::move(legacy));
    wire(r, "m2", "fallback", "legacy");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "element.unknown-type");
    const Finding f = expectOne(findings, "element.unknown-type", Severity::Error, "legacy");
    EXPECT_TRUE(contains(f.message, "rate_limit")) << f.message;
}

TEST(Validator, UnknownTypeDoesNotCascadeIntoPathErrors)
{
    // We cannot tell where an unknown element leads; blaming every element before it would repeat one fault.
    Route r = cleanRoute();
    Element legacy;
    legacy.id = "legacy";
    legacy.type = ElementType::Unknown;
    legacy.unknownTypeName = "mystery";
    add(r, std::move(legacy));
    wire(r, "m2", "fallback", "legacy");
    wire(r, "m2", "success", "legacy");
    EXPECT_CODES(Validator::validate(r), "element.unknown-type");
}

// --- outputs -----------------------------------------------------------------------------------------------

TEST(Validator, RequiredOutputAbsent)
{
    Route r = cleanRoute();
    ASSERT_TRUE(r.disconnect("m1", "fallback"));
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "output.missing");
    const Finding f = expectOne(findings, "output.missing", Severity::Error, "m1", "fallback");
    EXPECT_TRUE(contains(f.message, "fallback")) << f.message;
}

TEST(Validator, RequiredOutputWithEmptyTarget)
{
    Route r = cleanRoute();
    at(r, "m1").setOutput("fallback", "");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "output.missing");
    expectOne(findings, "output.missing", Severity::Error, "m1", "fallback");
}

TEST(Validator, EveryRequiredOutputIsChecked)
{
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"start", "next"}, {"cond", "true"},   {"cond", "false"}, {"limit", "success"}, {"limit", "fallback"},
        {"m1", "success"}, {"m1", "fallback"}, {"m2", "success"}, {"m2", "fallback"},
    };
    for (const auto &[element, output] : cases) {
        SCOPED_TRACE(std::string(element) + "." + std::string(output));
        Route r = cleanRoute();
        ASSERT_TRUE(r.disconnect(element, output));
        expectOne(Validator::validate(r), "output.missing", Severity::Error, element, output);
    }
}

TEST(Validator, PercentageShareWithEmptyTarget)
{
    Route r = cleanRoute();
    at(r, "split").setOutput("40%", "");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "output.missing");
    expectOne(findings, "output.missing", Severity::Error, "split", "40%");
}

TEST(Validator, UnknownTarget)
{
    Route r = cleanRoute();
    at(r, "m1").setOutput("fallback", "ghost");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "output.unknown-target");
    const Finding f = expectOne(findings, "output.unknown-target", Severity::Error, "m1", "fallback");
    EXPECT_TRUE(contains(f.message, "ghost")) << f.message;
}

TEST(Validator, UnknownOutputName)
{
    Route r = cleanRoute();
    at(r, "m1").setOutput("next", "end");
    at(r, "cond").setOutput("else", "end");
    at(r, "start").setOutput("fallback", "end");
    at(r, "limit").setOutput("true", "end");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "output.unknown-name", "output.unknown-name", "output.unknown-name", "output.unknown-name");
    EXPECT_EQ(findings[0].elementId, "start");
    EXPECT_EQ(findings[0].output, "fallback");
    EXPECT_EQ(findings[1].elementId, "cond");
    EXPECT_EQ(findings[1].output, "else");
    EXPECT_EQ(findings[2].elementId, "limit");
    EXPECT_EQ(findings[2].output, "true");
    EXPECT_EQ(findings[3].elementId, "m1");
    EXPECT_EQ(findings[3].output, "next");
    for (const Finding &f : findings) {
        EXPECT_EQ(f.severity, Severity::Warning);
        EXPECT_TRUE(contains(f.message, f.elementId)) << f.message;
    }
}

TEST(Validator, UnknownOutputNameIsNotAPath)
{
    // The gateway ignores such an output, so what only it leads to is unreachable.
    Route r = cleanRoute();
    add(r, makeModel("m3"));
    wire(r, "m3", "success", "end");
    wire(r, "m3", "fallback", "end");
    at(r, "m1").setOutput("next", "m3");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "output.unknown-name", "element.unreachable");
    expectOne(findings, "output.unknown-name", Severity::Warning, "m1", "next");
    expectOne(findings, "element.unreachable", Severity::Warning, "m3");
}

// --- end ---------------------------------------------------------------------------------------------------

TEST(Validator, EndWithOutputs)
{
    Route r = cleanRoute();
    at(r, "end").setOutput("next", "m1"); // would be a loop if it were followed
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "end.has-outputs");
    expectOne(findings, "end.has-outputs", Severity::Warning, "end");
}

TEST(Validator, EndMissing)
{
    Route r;
    add(r, Element::make(ElementType::Start, "start"));
    add(r, makeModel("m1"));
    add(r, makeModel("m2"));
    wire(r, "start", "next", "m1");
    wire(r, "m1", "success", "m2");
    wire(r, "m1", "fallback", "m2");
    const auto findings = Validator::validate(r);
    // No path.no-end: with no end at all it would fire on every element.
    EXPECT_CODES(findings, "end.missing", "output.missing", "output.missing");
    expectOne(findings, "end.missing", Severity::Error, "");
    EXPECT_EQ(findings[1].elementId, "m2");
    EXPECT_EQ(findings[1].output, "success");
    EXPECT_EQ(findings[2].output, "fallback");
}

// --- reachability and paths --------------------------------------------------------------------------------

TEST(Validator, Unreachable)
{
    Route r = cleanRoute();
    add(r, makeModel("orphan"));
    wire(r, "orphan", "success", "end");
    wire(r, "orphan", "fallback", "m1");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "element.unreachable");
    const Finding f = expectOne(findings, "element.unreachable", Severity::Warning, "orphan");
    EXPECT_TRUE(contains(f.message, "start")) << f.message;
}

TEST(Validator, PathNoEndIntoALoop)
{
    Route r = cleanRoute();
    add(r, makeModel("loopA"));
    add(r, makeModel("loopB"));
    wire(r, "loopA", "success", "loopB");
    wire(r, "loopA", "fallback", "loopB");
    wire(r, "loopB", "success", "loopA");
    wire(r, "loopB", "fallback", "loopA");
    wire(r, "m2", "fallback", "loopA"); // m2 still reaches the end through success
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "path.no-end", "graph.cycle", "path.no-end");
    EXPECT_EQ(findings[0].elementId, "loopA");
    EXPECT_EQ(findings[0].severity, Severity::Error);
    EXPECT_EQ(findings[0].output, "");
    EXPECT_EQ(findings[2].elementId, "loopB");
    expectOne(findings, "graph.cycle", Severity::Error, "loopA", "success");
}

TEST(Validator, PathNoEndIntoAMissingTarget)
{
    Route r = cleanRoute();
    at(r, "m2").setOutput("success", "ghost");
    at(r, "m2").setOutput("fallback", "ghost");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "path.no-end", "output.unknown-target", "output.unknown-target");
    expectOne(findings, "path.no-end", Severity::Error, "m2");
}

TEST(Validator, PathNoEndOnEveryElementWithoutAWayOut)
{
    Route r;
    add(r, Element::make(ElementType::Start, "start"));
    add(r, makeModel("m1"));
    add(r, Element::make(ElementType::End, "end"));
    wire(r, "start", "next", "m1");
    at(r, "m1").setOutput("success", "ghost");
    at(r, "m1").setOutput("fallback", "ghost");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "path.no-end", "path.no-end", "output.unknown-target", "output.unknown-target",
                 "element.unreachable");
    EXPECT_EQ(findings[0].elementId, "start");
    EXPECT_EQ(findings[1].elementId, "m1");
    EXPECT_EQ(findings[4].elementId, "end");
}

// --- cycles ------------------------------------------------------------------------------------------------

TEST(Validator, CycleOfTwo)
{
    Route r = cleanRoute();
    wire(r, "m1", "success", "m2");
    wire(r, "m2", "fallback", "m1");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "graph.cycle");
    const Finding f = expectOne(findings, "graph.cycle", Severity::Error, "m1", "success");
    EXPECT_TRUE(contains(f.message, "m1 \u2192 m2 \u2192 m1")) << f.message;
}

TEST(Validator, SelfLoop)
{
    Route r = cleanRoute();
    wire(r, "m1", "fallback", "m1");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "graph.cycle");
    const Finding f = expectOne(findings, "graph.cycle", Severity::Error, "m1", "fallback");
    EXPECT_TRUE(contains(f.message, "itself")) << f.message;
}

TEST(Validator, OneFindingPerTangle)
{
    // a -> b -> c -> a with a chord b -> a: one strongly connected component, so one finding, showing the
    // shortest loop through its first element.
    Route r = cleanRoute();
    add(r, makeModel("a"));
    add(r, makeModel("b"));
    add(r, makeModel("c"));
    wire(r, "m2", "fallback", "a");
    wire(r, "a", "success", "b");
    wire(r, "a", "fallback", "end");
    wire(r, "b", "success", "c");
    wire(r, "b", "fallback", "a");
    wire(r, "c", "success", "a");
    wire(r, "c", "fallback", "end");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "graph.cycle");
    const Finding f = expectOne(findings, "graph.cycle", Severity::Error, "a", "success");
    EXPECT_TRUE(contains(f.message, "a \u2192 b \u2192 a")) << f.message;
    EXPECT_TRUE(contains(f.message, "3 elements")) << f.message;
}

TEST(Validator, SeparateLoopsEachGetAFinding)
{
    Route r = cleanRoute();
    wire(r, "m1", "fallback", "m1");
    wire(r, "m2", "fallback", "m2");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "graph.cycle", "graph.cycle");
    EXPECT_EQ(findings[0].elementId, "m1");
    EXPECT_EQ(findings[1].elementId, "m2");
}

// --- percentage --------------------------------------------------------------------------------------------

void setShares(Route &route, const std::vector<std::pair<std::string, std::string>> &shares)
{
    Element &split = at(route, "split");
    split.outputs.clear();
    for (const auto &[share, target] : shares) {
        split.outputs.push_back(Output{share, target});
    }
}

TEST(Validator, PercentageWithoutOutputs)
{
    Route r = cleanRoute();
    setShares(r, {});
    const auto findings = Validator::validate(r);
    expectOne(findings, "percentage.output-count", Severity::Error, "split");
    EXPECT_TRUE(withCode(findings, "percentage.total").empty()) << dump(findings);
}

TEST(Validator, PercentageFiveOutputsIsTheMost)
{
    Route r = cleanRoute();
    setShares(r, {{"10%", "m1"}, {"15%", "m2"}, {"20%", "m1"}, {"25%", "m2"}, {"30%", "m1"}});
    auto findings = Validator::validate(r);
    EXPECT_TRUE(findings.empty()) << dump(findings);

    setShares(r, {{"5%", "m1"}, {"10%", "m2"}, {"15%", "m1"}, {"20%", "m2"}, {"21%", "m1"}, {"29%", "m2"}});
    findings = Validator::validate(r);
    EXPECT_CODES(findings, "percentage.output-count");
    const Finding f = expectOne(findings, "percentage.output-count", Severity::Error, "split");
    EXPECT_TRUE(contains(f.message, "6")) << f.message;
}

TEST(Validator, PercentageSingleFullShareIsFine)
{
    Route r = cleanRoute();
    setShares(r, {{"100%", "m1"}});
    const auto findings = Validator::validate(r);
    EXPECT_TRUE(findings.empty()) << dump(findings);
}

TEST(Validator, PercentageBadShares)
{
    Route r = cleanRoute();
    setShares(r, {{"100%", "m1"}, {"ten", "m2"}, {"150%", "m2"}, {"-5%", "m2"}, {"50", "m2"}});
    const auto findings = Validator::validate(r);
    // The parsable share totals 100%, so only the bad keys are reported.
    EXPECT_CODES(findings, "percentage.bad-share", "percentage.bad-share", "percentage.bad-share",
                 "percentage.bad-share");
    const char *bad[] = {"ten", "150%", "-5%", "50"};
    for (std::size_t k = 0; k < findings.size(); ++k) {
        EXPECT_EQ(findings[k].severity, Severity::Error);
        EXPECT_EQ(findings[k].elementId, "split");
        EXPECT_EQ(findings[k].output, bad[k]);
        EXPECT_TRUE(contains(findings[k].message, bad[k])) << findings[k].message;
    }
}

TEST(Validator, PercentageElse)
{
    Route r = cleanRoute();
    setShares(r, {{"70%", "m1"}, {"else", "m2"}});
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "percentage.total", "percentage.else");
    const Finding f = expectOne(findings, "percentage.else", Severity::Error, "split", "else");
    EXPECT_TRUE(contains(f.message, "7001")) << f.message;
    EXPECT_TRUE(contains(f.message, "\"30%\"")) << f.message; // the share it should get
}

TEST(Validator, PercentageTotal)
{
    Route r = cleanRoute();
    setShares(r, {{"50%", "m1"}, {"40%", "m2"}});
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "percentage.total");
    const Finding f = expectOne(findings, "percentage.total", Severity::Error, "split");
    EXPECT_EQ(f.message, "Shares of 'split' add up to 90%; they must total exactly 100%.");

    setShares(r, {{"60%", "m1"}, {"50%", "m2"}});
    EXPECT_TRUE(
        contains(expectOne(Validator::validate(r), "percentage.total", Severity::Error, "split").message, "110%"));
}

TEST(Validator, PercentageTotalIsExact)
{
    Route r = cleanRoute();
    setShares(r, {{"33.3%", "m1"}, {"33.3%", "m2"}, {"33.4%", "m1"}});
    auto findings = Validator::validate(r);
    EXPECT_TRUE(findings.empty()) << dump(findings);

    // 0.1 + 0.2 is not 0.3 in binary floating point.
    setShares(r, {{"0.1%", "m1"}, {"0.2%", "m2"}, {"99.7%", "m1"}});
    findings = Validator::validate(r);
    EXPECT_TRUE(findings.empty()) << dump(findings);

    setShares(r, {{"33.33%", "m1"}, {"33.34%", "m2"}, {"33.32%", "m1"}});
    findings = Validator::validate(r);
    EXPECT_CODES(findings, "percentage.total");
    EXPECT_TRUE(contains(findings[0].message, "99.99%")) << findings[0].message;
}

TEST(Validator, PercentageZeroShare)
{
    Route r = cleanRoute();
    setShares(r, {{"0%", "m1"}, {"100%", "m2"}});
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "percentage.zero-share");
    expectOne(findings, "percentage.zero-share", Severity::Warning, "split", "0%");
}

// --- rate --------------------------------------------------------------------------------------------------

std::vector<Finding> validateWithRate(void (*edit)(RateProperties &))
{
    Route r = cleanRoute();
    edit(at(r, "limit").rate);
    return Validator::validate(r);
}

TEST(Validator, RateKey)
{
    for (auto edit : {+[](RateProperties &p) { p.key.reset(); },
                      +[](RateProperties &p) {
                          p.key = "";
                      }}) {
        const auto findings = validateWithRate(edit);
        EXPECT_CODES(findings, "rate.key");
        expectOne(findings, "rate.key", Severity::Error, "limit");
    }
}

TEST(Validator, RateLimit)
{
    for (auto edit :
         {+[](RateProperties &p) { p.limit.reset(); }, +[](RateProperties &p) { p.limit = Number::fromInteger(0); },
          +[](RateProperties &p) { p.limit = Number::fromInteger(-5); },
          +[](RateProperties &p) {
              p.limit = Number::fromDouble(0.0);
          }}) {
        const auto findings = validateWithRate(edit);
        EXPECT_CODES(findings, "rate.limit");
        expectOne(findings, "rate.limit", Severity::Error, "limit");
    }
    // A cost budget can be a fraction of a dollar.
    EXPECT_TRUE(validateWithRate(+[](RateProperties &p) {
                    p.limitType = "cost";
                    p.limit = Number::fromDouble(0.5);
                }).empty());
}

TEST(Validator, RateWindow)
{
    for (auto edit :
         {+[](RateProperties &p) { p.window.reset(); }, +[](RateProperties &p) { p.window = Number::fromInteger(0); },
          +[](RateProperties &p) {
              p.window = Number::fromInteger(-60);
          }}) {
        const auto findings = validateWithRate(edit);
        EXPECT_CODES(findings, "rate.window");
        expectOne(findings, "rate.window", Severity::Error, "limit");
    }
}

TEST(Validator, RateLimitType)
{
    auto findings = validateWithRate(+[](RateProperties &p) { p.limitType.reset(); });
    EXPECT_CODES(findings, "rate.limit-type");
    expectOne(findings, "rate.limit-type", Severity::Error, "limit");

    findings = validateWithRate(+[](RateProperties &p) { p.limitType = "tokens"; });
    EXPECT_CODES(findings, "rate.limit-type");
    EXPECT_TRUE(contains(expectOne(findings, "rate.limit-type", Severity::Error, "limit").message, "tokens"));

    EXPECT_TRUE(validateWithRate(+[](RateProperties &p) { p.limitType = "cost"; }).empty());
}

// --- model -------------------------------------------------------------------------------------------------

std::vector<Finding> validateWithModel(void (*edit)(ModelProperties &))
{
    Route r = cleanRoute();
    edit(at(r, "m1").model);
    return Validator::validate(r);
}

TEST(Validator, ModelProvider)
{
    for (auto edit : {+[](ModelProperties &p) { p.provider.reset(); },
                      +[](ModelProperties &p) {
                          p.provider = "";
                      }}) {
        const auto findings = validateWithModel(edit);
        EXPECT_CODES(findings, "model.provider");
        const Finding f = expectOne(findings, "model.provider", Severity::Error, "m1");
        EXPECT_EQ(f.message, "Model element 'm1' has no provider; set the provider, e.g. \"openai\".");
    }
}

TEST(Validator, ModelModel)
{
    for (auto edit : {+[](ModelProperties &p) { p.model.reset(); },
                      +[](ModelProperties &p) {
                          p.model = "";
                      }}) {
        const auto findings = validateWithModel(edit);
        EXPECT_CODES(findings, "model.model");
        expectOne(findings, "model.model", Severity::Error, "m1");
    }
}

TEST(Validator, ModelTimeout)
{
    for (auto edit : {+[](ModelProperties &p) { p.timeout.reset(); },
                      +[](ModelProperties &p) { p.timeout = Number::fromInteger(-1); },
                      +[](ModelProperties &p) {
                          p.timeout = Number::fromDouble(-0.5);
                      }}) {
        const auto findings = validateWithModel(edit);
        EXPECT_CODES(findings, "model.timeout");
        expectOne(findings, "model.timeout", Severity::Error, "m1");
    }
}

TEST(Validator, ModelRetries)
{
    for (auto edit : {+[](ModelProperties &p) { p.retries.reset(); },
                      +[](ModelProperties &p) { p.retries = Number::fromInteger(-1); },
                      +[](ModelProperties &p) {
                          p.retries = Number::fromDouble(1.5);
                      }}) {
        const auto findings = validateWithModel(edit);
        EXPECT_CODES(findings, "model.retries");
        expectOne(findings, "model.retries", Severity::Error, "m1");
    }
    // Whole numbers are fine however they were written; no retries at all is a choice.
    EXPECT_TRUE(validateWithModel(+[](ModelProperties &p) { p.retries = Number::fromDouble(2.0); }).empty());
    EXPECT_TRUE(validateWithModel(+[](ModelProperties &p) { p.retries = Number::fromInteger(0); }).empty());
}

TEST(Validator, ZeroTimeoutZeroRetries)
{
    const auto findings = validateWithModel(+[](ModelProperties &p) {
        p.timeout = Number::fromInteger(0);
        p.retries = Number::fromInteger(0);
    });
    EXPECT_CODES(findings, "model.timeout", "model.zero-timeout-zero-retries");
    expectOne(findings, "model.timeout", Severity::Error, "m1");
    expectOne(findings, "model.zero-timeout-zero-retries", Severity::Warning, "m1");

    const auto withRetry = validateWithModel(+[](ModelProperties &p) {
        p.timeout = Number::fromInteger(0);
        p.retries = Number::fromInteger(1);
    });
    EXPECT_CODES(withRetry, "model.timeout");
}

// --- conditional -------------------------------------------------------------------------------------------

TEST(Validator, ConditionalConditions)
{
    for (std::optional<Json> conditions : {std::optional<Json>{}, std::optional<Json>{Json::array()},
                                           std::optional<Json>{Json("metadata.plan == free")}}) {
        Route r = cleanRoute();
        at(r, "cond").conditional.conditions = conditions;
        const auto findings = Validator::validate(r);
        EXPECT_CODES(findings, "conditional.conditions");
        expectOne(findings, "conditional.conditions", Severity::Error, "cond");
    }
}

TEST(Validator, ConditionalAlwaysTrue)
{
    Route r = cleanRoute();
    at(r, "cond").conditional.conditions = Json::object();
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "conditional.always-true");
    expectOne(findings, "conditional.always-true", Severity::Warning, "cond");
}

// --- order -------------------------------------------------------------------------------------------------

TEST(Validator, FindingsAreOrderedRouteThenElementThenOutput)
{
    Route r;
    Element a = makeModel("a");
    a.model.provider = "";
    a.setOutput("success", "ghost");
    add(r, std::move(a));
    Element b = makeRate("b");
    b.rate.key.reset();
    add(r, std::move(b));
    wire(r, "b", "success", "a");
    wire(r, "b", "fallback", "a");
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "start.missing", "end.missing", "model.provider", "output.unknown-target", "output.missing",
                 "rate.key");
    EXPECT_EQ(findings[3].output, "success");
    EXPECT_EQ(findings[4].output, "fallback");
    EXPECT_EQ(findings[5].elementId, "b");
    EXPECT_EQ(Validator::validate(r), findings);
}

// --- size --------------------------------------------------------------------------------------------------

TEST(Validator, LongChainHasNoFindings)
{
    constexpr int kElements = 20'000;
    constexpr int kModels = kElements - 2;
    Route r;
    add(r, Element::make(ElementType::Start, "start"));
    for (int i = 0; i < kModels; ++i) {
        add(r, makeModel("m" + std::to_string(i)));
    }
    add(r, Element::make(ElementType::End, "end"));
    ASSERT_EQ(r.size(), static_cast<std::size_t>(kElements));
    wire(r, "start", "next", "m0");
    for (int i = 0; i < kModels; ++i) {
        const std::string id = "m" + std::to_string(i);
        wire(r, id, "success", i + 1 < kModels ? "m" + std::to_string(i + 1) : std::string("end"));
        wire(r, id, "fallback", "end");
    }
    const auto findings = Validator::validate(r);
    EXPECT_TRUE(findings.empty()) << dump(findings);
}

TEST(Validator, LongLoopIsOneFinding)
{
    constexpr int kLoop = 20'000;
    Route r;
    add(r, Element::make(ElementType::Start, "start"));
    for (int i = 0; i < kLoop; ++i) {
        add(r, makeModel("m" + std::to_string(i)));
    }
    add(r, Element::make(ElementType::End, "end"));
    wire(r, "start", "next", "m0");
    for (int i = 0; i < kLoop; ++i) {
        const std::string id = "m" + std::to_string(i);
        wire(r, id, "success", "m" + std::to_string((i + 1) % kLoop));
        wire(r, id, "fallback", "end");
    }
    const auto findings = Validator::validate(r);
    EXPECT_CODES(findings, "graph.cycle");
    const Finding f = expectOne(findings, "graph.cycle", Severity::Error, "m0", "success");
    EXPECT_TRUE(contains(f.message, "20000 elements")) << f.message;
    EXPECT_LT(f.message.size(), 400u) << "a long loop is summarised, not listed";
}

TEST(Validator, LongDeadEndChainReportsEveryElement)
{
    // The reverse walk must not recurse either.
    constexpr int kModels = 20'000;
    Route r;
    add(r, Element::make(ElementType::Start, "start"));
    for (int i = 0; i < kModels; ++i) {
        add(r, makeModel("m" + std::to_string(i)));
    }
    add(r, Element::make(ElementType::End, "end"));
    wire(r, "start", "next", "m0");
    for (int i = 0; i + 1 < kModels; ++i) {
        const std::string next = "m" + std::to_string(i + 1);
        wire(r, "m" + std::to_string(i), "success", next);
        wire(r, "m" + std::to_string(i), "fallback", next);
    }
    at(r, "m" + std::to_string(kModels - 1)).setOutput("success", "ghost");
    at(r, "m" + std::to_string(kModels - 1)).setOutput("fallback", "ghost");
    const auto findings = Validator::validate(r);
    EXPECT_EQ(withCode(findings, "path.no-end").size(), static_cast<std::size_t>(kModels + 1));
    EXPECT_EQ(withCode(findings, "element.unreachable").size(), 1u); // the end
}

TEST(Validator, GeneratedRoutesAreClean)
{
    auto findings = Validator::validate(test::makeDemoRoute());
    EXPECT_TRUE(findings.empty()) << "demo route:\n" << dump(findings);
    for (const std::size_t size : {10u, 100u, 1000u, 10000u}) {
        for (std::uint32_t seed = 1; seed <= 3; ++seed) {
            findings = Validator::validate(test::makeSyntheticRoute(size, seed));
            EXPECT_TRUE(findings.empty()) << "synthetic " << size << "/" << seed << ":\n" << dump(findings);
        }
    }
}

} // namespace
} // namespace rd
