#include "model/Route.h"
#include "model/RouteCodec.h"
#include "support/Fixtures.h"
#include "support/RouteGenerator.h"

#include <gtest/gtest.h>
#include <set>

using namespace rd;

namespace {

Route chain()
{
    Route r;
    r.addElement(Element::make(ElementType::Start, "start"));
    Element m = Element::make(ElementType::Model, "m");
    m.model.provider = "openai";
    m.model.model = "gpt-4o";
    r.addElement(m);
    r.addElement(Element::make(ElementType::End, "end"));
    EXPECT_TRUE(r.connect("start", "next", "m"));
    EXPECT_TRUE(r.connect("m", "success", "end"));
    EXPECT_TRUE(r.connect("m", "fallback", "end"));
    return r;
}

Route allTypes()
{
    auto decoded = RouteCodec::decodeRoute(test::readFixture("routes/all-types.json"));
    EXPECT_TRUE(decoded) << (decoded.error ? decoded.error->toString() : "");
    return *decoded.value;
}

} // namespace

TEST(Route, LookupById)
{
    Route r = chain();
    ASSERT_NE(r.find("m"), nullptr);
    EXPECT_EQ(r.find("m")->type, ElementType::Model);
    EXPECT_EQ(r.find("nope"), nullptr);
    EXPECT_EQ(r.indexOf("end"), 2u);
    EXPECT_TRUE(r.contains("start"));
}

TEST(Route, AddRefusesEmptyAndDuplicateIds)
{
    Route r = chain();
    EXPECT_FALSE(r.addElement(Element::make(ElementType::End, "end")));
    EXPECT_FALSE(r.addElement(Element::make(ElementType::End, "")));
    EXPECT_TRUE(r.addElement(Element::make(ElementType::End, "end2"), 0));
    EXPECT_EQ(r.indexOf("end2"), 0u);
    EXPECT_EQ(r.indexOf("start"), 1u); // index follows the insert
}

TEST(Route, ConnectRewiresAndChecksBothEnds)
{
    Route r = chain();
    EXPECT_FALSE(r.connect("start", "next", "ghost"));
    EXPECT_FALSE(r.connect("ghost", "next", "m"));
    EXPECT_FALSE(r.connect("start", "", "m"));
    EXPECT_TRUE(r.connect("start", "next", "end"));
    EXPECT_EQ(r.find("start")->output("next")->target, "end");
    EXPECT_EQ(r.find("start")->outputs.size(), 1u); // rewired, not duplicated
}

TEST(Route, Disconnect)
{
    Route r = chain();
    EXPECT_TRUE(r.disconnect("m", "fallback"));
    EXPECT_EQ(r.find("m")->output("fallback"), nullptr);
    EXPECT_FALSE(r.disconnect("m", "fallback"));
    EXPECT_FALSE(r.disconnect("ghost", "next"));
}

TEST(Route, EdgesListEveryWireAndMarkFallbacks)
{
    Route r = chain();
    const auto edges = r.edges();
    ASSERT_EQ(edges.size(), 3u);
    EXPECT_EQ(edges[0], (Edge{"start", "next", "m", false}));
    EXPECT_EQ(edges[1], (Edge{"m", "success", "end", false}));
    EXPECT_EQ(edges[2], (Edge{"m", "fallback", "end", true}));
}

TEST(Route, RemoveTakesIncomingWiresAndRestoreIsExact)
{
    const Route original = allTypes();
    Route r = original;
    auto removed = r.removeElement("claude");
    ASSERT_TRUE(removed);
    EXPECT_FALSE(r.contains("claude"));
    EXPECT_EQ(removed->incoming.size(), 2u); // split's 30% and gpt's fallback
    for (const Edge &e : r.edges()) {
        EXPECT_NE(e.to, "claude");
    }
    ASSERT_TRUE(r.restoreElement(*removed));
    EXPECT_EQ(r, original);
    EXPECT_EQ(RouteCodec::encodeRoute(r).dump(), RouteCodec::encodeRoute(original).dump());
}

TEST(Route, RemoveEveryElementThenRestoreInReverseGivesTheOriginal)
{
    const Route original = allTypes();
    Route r = original;
    std::vector<RemovedElement> undo;
    while (!r.empty()) {
        undo.push_back(*r.removeElement(r.elements()[r.size() / 2].id));
    }
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) {
        ASSERT_TRUE(r.restoreElement(*it));
    }
    EXPECT_EQ(r, original);
}

// The bulk removal a select-all delete makes ends where removing the same ids one at a time ends, whatever
// their order and whichever wires run among them and into the rest, and its restore gives the original back.
TEST(Route, RemoveManyEqualsOneAtATimeAndRestoresExactly)
{
    const Route original = test::makeSyntheticRoute(120, 7);
    const std::vector<std::vector<std::size_t>> picks = {
        {5, 6, 7, 40, 41, 99}, {119, 3, 60, 2, 1}, {0}, {}, {10, 10, 11}};
    for (const auto &indices : picks) {
        std::vector<std::string> ids;
        for (std::size_t i : indices) {
            ids.push_back(original.elements()[i].id);
        }
        ids.push_back("not-there");
        Route bulk = original;
        Route single = original;
        const RemovedElements removed = bulk.removeElements(ids);
        for (const std::string &id : ids) {
            single.removeElement(id);
        }
        EXPECT_EQ(bulk, single);
        std::set<std::string> distinct(ids.begin(), ids.end());
        EXPECT_EQ(removed.elements.size(), distinct.size() - 1); // "not-there" is not removed
        ASSERT_TRUE(bulk.restoreElements(removed));
        EXPECT_EQ(bulk, original);
        EXPECT_EQ(RouteCodec::encodeRoute(bulk).dump(), RouteCodec::encodeRoute(original).dump());
    }
    // Everything at once.
    Route all = original;
    std::vector<std::string> every;
    for (const Element &e : original.elements()) {
        every.push_back(e.id);
    }
    const RemovedElements removed = all.removeElements(every);
    EXPECT_TRUE(all.empty());
    EXPECT_TRUE(removed.incoming.empty()); // no element stayed to hold a wire into the removed ones
    ASSERT_TRUE(all.restoreElements(removed));
    EXPECT_EQ(all, original);
}

TEST(Route, RemoveManyLeavesDuplicatedIdsAndRestoreRefusesATakenId)
{
    Route r(std::vector<Element>{Element::make(ElementType::Start, "s"), Element::make(ElementType::End, "e"),
                                 Element::make(ElementType::End, "e"), Element::make(ElementType::End, "x")});
    EXPECT_TRUE(r.hasDuplicateIds());
    r.find("s")->setOutput("next", "x");
    const RemovedElements removed = r.removeElements({"e", "x"});
    ASSERT_EQ(removed.elements.size(), 1u); // "e" names two elements: left alone, as removeElement would not undo it
    EXPECT_EQ(removed.elements.front().second.id, "x");
    EXPECT_EQ(r.size(), 3u);
    EXPECT_FALSE(r.find("s")->output("next"));
    r.addElement(Element::make(ElementType::End, "x"));
    const Route before = r;
    EXPECT_FALSE(r.restoreElements(removed));
    EXPECT_EQ(r, before);
}

TEST(Route, RemoveKeepsWiresWhenADuplicateIdRemains)
{
    Route r(std::vector<Element>{Element::make(ElementType::Start, "s"), Element::make(ElementType::End, "e"),
                                 Element::make(ElementType::End, "e")});
    r.find("s")->setOutput("next", "e");
    auto removed = r.removeElement("e");
    ASSERT_TRUE(removed);
    EXPECT_TRUE(removed->incoming.empty());
    EXPECT_EQ(r.find("s")->output("next")->target, "e");
}

TEST(Route, RenameUpdatesEveryReference)
{
    Route r = allTypes();
    ASSERT_TRUE(r.renameElement("end", "finish"));
    EXPECT_FALSE(r.contains("end"));
    ASSERT_TRUE(r.contains("finish"));
    for (const Edge &e : r.edges()) {
        EXPECT_NE(e.to, "end");
    }
    EXPECT_EQ(r.incoming("finish").size(), 6u);
    EXPECT_FALSE(r.renameElement("finish", "start")); // taken
    EXPECT_FALSE(r.renameElement("finish", ""));
    EXPECT_FALSE(r.renameElement("ghost", "x"));
}

TEST(Route, RenameOutputKeepsPlaceAndTarget)
{
    Route r = allTypes();
    ASSERT_TRUE(r.renameOutput("split", "70%", "60%"));
    const Element *split = r.find("split");
    EXPECT_EQ(split->outputs[0].name, "60%");
    EXPECT_EQ(split->outputs[0].target, "gpt");
    EXPECT_FALSE(r.renameOutput("split", "60%", "30%")); // would collide
    EXPECT_FALSE(r.renameOutput("split", "99%", "1%"));
}

TEST(Route, FreshIdsAreUnique)
{
    Route r = chain();
    EXPECT_EQ(r.freshId(ElementType::Model), "model");
    r.addElement(Element::make(ElementType::Model, r.freshId(ElementType::Model)));
    EXPECT_EQ(r.freshId(ElementType::Model), "model_2");
    r.addElement(Element::make(ElementType::Model, "model_2"));
    EXPECT_EQ(r.freshId("model"), "model_3");
    EXPECT_EQ(r.freshId("m"), "m_2");
    EXPECT_EQ(r.freshId(""), "element");
}

TEST(Route, ReplaceElement)
{
    Route r = chain();
    Element m = *r.find("m");
    m.model.retries = Number::fromInteger(3);
    EXPECT_TRUE(r.replaceElement(m));
    EXPECT_EQ(r.find("m")->model.retries, Number::fromInteger(3));
    EXPECT_FALSE(r.replaceElement(Element::make(ElementType::End, "ghost")));
}

TEST(Element, Summaries)
{
    Route r = allTypes();
    EXPECT_EQ(r.find("llama")->summary(), "@cf/meta/llama-3.1-8b-instruct (workers-ai)");
    EXPECT_EQ(r.find("budget")->summary(), "100 requests per 1 h");
    EXPECT_EQ(r.find("split")->summary(), "70% / 30%");
    Element cond = Element::make(ElementType::Conditional, "c");
    cond.conditional.conditions = Json::parse(R"({"metadata.plan": {"$eq": "free"}})");
    EXPECT_EQ(cond.summary(), "metadata.plan $eq \"free\"");
    Element cost = Element::make(ElementType::Rate, "r");
    cost.rate.limit = Number::fromDouble(2.5);
    cost.rate.limitType = "cost";
    cost.rate.window = Number::fromInteger(86400);
    EXPECT_EQ(cost.summary(), "$2.5 per 1 d");
}

TEST(Element, MakeCreatesWhatTheTypeNeeds)
{
    const Element m = Element::make(ElementType::Model, "m");
    EXPECT_TRUE(m.hasProperties);
    EXPECT_EQ(m.model.timeout, Number::fromInteger(30000));
    const Json json = RouteCodec::encodeElement(Element::make(ElementType::End, "e"));
    EXPECT_EQ(json.dump(), R"({"id":"e","type":"end","outputs":{}})");
}
