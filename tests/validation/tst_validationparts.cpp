// The parts validation is built from, each on its own: the graph it walks, the words its messages use and
// the checks of each element type. Validator's own tests (tst_validator.cpp) cover them working together.
#include "model/ElementChecks.h"
#include "model/ElementTypes.h"
#include "model/FindingText.h"
#include "model/RouteGraph.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace rd {
namespace {

Element element(ElementType type, std::string id, std::vector<std::pair<std::string, std::string>> outputs = {})
{
    Element e = Element::make(type, std::move(id));
    for (auto &[name, target] : outputs) {
        e.setOutput(name, target);
    }
    return e;
}

//   0 start -> 1 m1; m1.success -> 5 end, m1.fallback -> 2 m2; m2.success -> m1 (a loop), m2.fallback -> ghost
//   3 orphan -> end (not reachable); 4 a second "m1" (a repeated id); end's own output leads nowhere
std::vector<Element> sample()
{
    return {element(ElementType::Start, "start", {{"next", "m1"}}),
            element(ElementType::Model, "m1", {{"success", "end"}, {"fallback", "m2"}, {"typo", "orphan"}}),
            element(ElementType::Model, "m2", {{"success", "m1"}, {"fallback", "ghost"}}),
            element(ElementType::Model, "orphan", {{"success", "end"}}),
            element(ElementType::Model, "m1", {}),
            element(ElementType::End, "end", {{"back", "start"}})};
}

TEST(RouteGraph, IndexesReachabilityAndLoops)
{
    const std::vector<Element> elements = sample();
    const RouteGraph graph(elements);
    EXPECT_EQ(graph.size(), 6u);
    EXPECT_EQ(graph.firstStart(), 0u);
    EXPECT_TRUE(graph.hasEnd());
    EXPECT_EQ(graph.duplicateOf(4), 1u);
    EXPECT_EQ(graph.duplicateOf(1), RouteGraph::kNone);

    EXPECT_EQ(graph.outputTarget(1, 1), 2u);                // m1.fallback -> m2
    EXPECT_EQ(graph.outputTarget(2, 1), RouteGraph::kNone); // m2.fallback -> ghost
    // Only the outputs a request can take are wires: not m1's "typo", not anything of the end.
    EXPECT_EQ(graph.edgeBegin(2) - graph.edgeBegin(1), 2u);
    EXPECT_EQ(graph.edgeBegin(6) - graph.edgeBegin(5), 0u);
    EXPECT_EQ(graph.edgeTarget(graph.edgeBegin(1)), 5u);
    EXPECT_EQ(graph.edgeOutput(graph.edgeBegin(1) + 1), 1u);

    EXPECT_TRUE(graph.reachable(2));
    EXPECT_FALSE(graph.reachable(3)); // only m1's typo points at it
    EXPECT_FALSE(graph.reachable(4));
    EXPECT_TRUE(graph.canReachEnd(2));
    EXPECT_FALSE(graph.canReachEnd(4));

    EXPECT_EQ(graph.component(1), graph.component(2));
    EXPECT_EQ(graph.componentSize(graph.component(1)), 2u);
    EXPECT_EQ(graph.componentFirst(graph.component(2)), 1u);
    EXPECT_EQ(graph.componentSize(graph.component(0)), 1u);
}

TEST(RouteGraph, WithoutStartOrEnd)
{
    const std::vector<Element> elements{element(ElementType::Model, "m", {{"success", "m"}})};
    const RouteGraph graph(elements);
    EXPECT_EQ(graph.firstStart(), RouteGraph::kNone);
    EXPECT_FALSE(graph.hasEnd());
    EXPECT_FALSE(graph.reachable(0));
    EXPECT_FALSE(graph.canReachEnd(0));
    EXPECT_EQ(graph.edgeTarget(graph.edgeBegin(0)), 0u); // a self-loop is an edge
}

TEST(FindingText, NamesElementsOutputsAndChoices)
{
    Element model = Element::make(ElementType::Model, "m1");
    EXPECT_EQ(FindingText::subject(model, 0, true), "Model element 'm1'");
    EXPECT_EQ(FindingText::subject(model, 0, false), "model element 'm1'");
    model.id.clear();
    EXPECT_EQ(FindingText::reference(model, 3), "#4 (no id)");
    Element unknown;
    unknown.id = "u";
    EXPECT_EQ(FindingText::subject(unknown, 0, true), "Element 'u'");

    const std::string_view names[] = {"a", "b", "c"};
    EXPECT_EQ(FindingText::listOutputs(names), "\"a\", \"b\" and \"c\"");
    EXPECT_EQ(FindingText::listOutputs(std::span(names, 1)), "\"a\"");
    EXPECT_EQ(FindingText::knownTypes(), "start, conditional, percentage, rate, model or end");
    EXPECT_EQ(FindingText::listChoices(ElementTypes::of(ElementType::Rate).property("limitType")->choices),
              "\"count\" (a rate limit) or \"cost\" (a budget)");
    EXPECT_EQ(FindingText::withArticle("object"), "an object");
    EXPECT_EQ(FindingText::withArticle("string"), "a string");
    EXPECT_EQ(FindingText::withArticle("null"), "null");
    EXPECT_EQ(FindingText::inQuotes("x", '\''), "'x'");
    EXPECT_EQ(FindingText::capitalized("élan"), "élan"); // only ASCII letters change
}

TEST(FindingText, ConnectHintsComeFromThePorts)
{
    for (ElementType type : kKnownElementTypes) {
        for (const OutputPort &port : ElementTypes::of(type).ports) {
            EXPECT_EQ(FindingText::connectHint(type, port.name), port.connectHint);
        }
    }
    EXPECT_EQ(FindingText::connectHint(ElementType::Percentage, "30%"),
              ElementTypes::of(ElementType::Percentage).outputHint);
    EXPECT_EQ(FindingText::connectHint(ElementType::Unknown, "x"), "connect it to the element that should come next");
}

TEST(ElementChecks, ChecksOnlyWhatTheTypeHas)
{
    std::vector<Element> elements{element(ElementType::Start, "s"), Element::make(ElementType::Rate, "r"),
                                  element(ElementType::Percentage, "p", {{"30%", ""}, {"else", ""}, {"x", ""}})};
    std::vector<Finding> findings;
    ElementChecks checks(elements, findings);

    checks.checkType(0);
    EXPECT_TRUE(findings.empty());

    checks.checkType(1); // a new rate has an empty key and neither limit nor window
    std::vector<std::string> codes;
    for (const Finding &f : findings) {
        codes.push_back(f.code);
        EXPECT_EQ(f.elementId, "r");
    }
    EXPECT_EQ(codes, (std::vector<std::string>{"rate.key", "rate.limit", "rate.window"}));

    findings.clear();
    checks.checkType(2);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].code, "percentage.total");
    checks.checkOutput(2, 0);
    EXPECT_EQ(findings.size(), 1u); // a good share
    checks.checkOutput(2, 1);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[1].code, "percentage.else");
    EXPECT_NE(findings[1].message.find("e.g. \"70%\""), std::string::npos) << findings[1].message;
    checks.checkOutput(2, 2);
    ASSERT_EQ(findings.size(), 3u);
    EXPECT_EQ(findings[2].code, "percentage.bad-share");
    EXPECT_EQ(findings[2].output, "x");

    checks.checkOutput(1, 0); // no output of a fixed-port type says anything here
    EXPECT_EQ(findings.size(), 3u);
}

} // namespace
} // namespace rd
