#include "DocumentTestUtil.h"
#include "model/Validator.h"
#include "support/RouteGenerator.h"

#include <QSignalSpy>
#include <QUndoStack>

#include <algorithm>
#include <functional>
#include <gtest/gtest.h>
#include <random>

using namespace rd;
using namespace rd::test;

namespace {

RouteDocument::Positions gridPositions(const Route &route)
{
    RouteDocument::Positions positions;
    double x = 0;
    for (const Element &e : route.elements()) {
        positions[e.id] = QPointF(x, x / 2);
        x += 260;
    }
    return positions;
}

bool hasFinding(const RouteDocument &doc, const std::string &code, const std::string &element,
                const std::string &output = {})
{
    return std::any_of(doc.findings().begin(), doc.findings().end(), [&](const Finding &f) {
        return f.code == code && f.elementId == element && (output.empty() || f.output == output);
    });
}

// Runs `edit`, then checks that undo gives back exactly the state before and redo exactly the state after.
void expectExactUndoRedo(RouteDocument &doc, const std::function<void()> &edit, int expectedCommands = 1)
{
    const DocumentState before = stateOf(doc);
    const int count = doc.undoStack()->count();
    edit();
    const DocumentState after = stateOf(doc);
    ASSERT_EQ(doc.undoStack()->count(), count + expectedCommands);
    ASSERT_NE(before, after);
    for (int i = 0; i < expectedCommands; ++i) {
        doc.undoStack()->undo();
    }
    EXPECT_EQ(stateOf(doc), before);
    for (int i = 0; i < expectedCommands; ++i) {
        doc.undoStack()->redo();
    }
    EXPECT_EQ(stateOf(doc), after);
}

class RouteDocumentTest : public ::testing::Test
{
protected:
    RouteDocumentTest() : doc(makeDemoRoute(), gridPositions(makeDemoRoute())) {}
    RouteDocument doc;
};

} // namespace

TEST_F(RouteDocumentTest, StartsCleanWithFindings)
{
    EXPECT_TRUE(doc.isClean());
    EXPECT_EQ(doc.undoStack()->count(), 0);
    EXPECT_EQ(doc.findings(), Validator::validate(doc.route()));
}

TEST_F(RouteDocumentTest, AddElementUndoRedo)
{
    std::string id;
    expectExactUndoRedo(doc, [&] { id = doc.addElement(ElementType::Model, QPointF(10, 20)); });
    EXPECT_EQ(id, "model");
    ASSERT_TRUE(doc.route().contains("model"));
    EXPECT_EQ(*doc.position("model"), QPointF(10, 20));
    EXPECT_EQ(doc.addElement(ElementType::Model, QPointF()), "model_2");
}

TEST_F(RouteDocumentTest, AddPercentageHasOneUnwiredBranch)
{
    const std::string id = doc.addElement(ElementType::Percentage, QPointF());
    const Element *e = doc.route().find(id);
    ASSERT_TRUE(e);
    ASSERT_EQ(e->outputs.size(), 1u);
    EXPECT_EQ(e->outputs[0].name, "100%");
    EXPECT_TRUE(e->outputs[0].target.empty());
    EXPECT_TRUE(hasFinding(doc, "output.missing", id, "100%"));
}

TEST_F(RouteDocumentTest, AddElementConnectedFromOutputIsOneStep)
{
    doc.disconnectOutput("gemini_backup", "fallback");
    std::string id;
    expectExactUndoRedo(doc, [&] {
        id = doc.addElement(ElementType::End, QPointF(5, 5), RouteDocument::OutputRef{"gemini_backup", "fallback"});
    });
    EXPECT_EQ(doc.route().find("gemini_backup")->output("fallback")->target, id);
}

TEST_F(RouteDocumentTest, RemoveElementsUndoRedo)
{
    expectExactUndoRedo(doc, [&] { doc.removeElements({"split", "gpt4o_mini", "end"}); });
    EXPECT_FALSE(doc.route().contains("end"));
    EXPECT_FALSE(doc.position("end"));
    // Unknown and repeated ids are ignored; nothing at all pushes nothing.
    doc.removeElements({"nope"});
    EXPECT_EQ(doc.undoStack()->count(), 1);
}

TEST_F(RouteDocumentTest, RemoveEverythingUndo)
{
    std::vector<std::string> ids;
    for (const Element &e : doc.route().elements()) {
        ids.push_back(e.id);
    }
    std::reverse(ids.begin(), ids.end());
    expectExactUndoRedo(doc, [&] { doc.removeElements(ids); });
    EXPECT_TRUE(doc.route().empty());
}

TEST_F(RouteDocumentTest, RemoveSelectionOfElementsAndWiresIsOneStep)
{
    const std::string json = RouteCodec::encodeRoute(doc.route()).dump();
    // Two wires of one source, two of others; wires into or out of a removed element go with it and are not
    // counted; an unknown or repeated wire is ignored.
    const std::vector<RouteDocument::OutputRef> wires{
        {"plan_check", "true"},       {"plan_check", "false"},   {"free_limit", "fallback"},
        {"split", "50.0%"},           {"gpt4o_mini", "success"}, {"split", "50%"},
        {"claude_haiku", "fallback"}, {"plan_check", "true"},    {"start", "nope"}};
    expectExactUndoRedo(doc, [&] { doc.removeSelection({"gpt4o_mini", "llama_free", "gemini_backup"}, wires); });
    EXPECT_EQ(doc.undoStack()->undoText(), QStringLiteral("Delete 3 elements and 4 wires"));
    EXPECT_FALSE(doc.route().contains("gpt4o_mini"));
    EXPECT_FALSE(doc.route().find("plan_check")->output("true"));
    EXPECT_FALSE(doc.route().find("plan_check")->output("false"));
    EXPECT_FALSE(doc.route().find("free_limit")->output("fallback"));
    // A percentage branch keeps its share when unwired.
    ASSERT_TRUE(doc.route().find("split")->output("50.0%"));
    EXPECT_TRUE(doc.route().find("split")->output("50.0%")->target.empty());

    doc.undoStack()->undo();
    EXPECT_EQ(RouteCodec::encodeRoute(doc.route()).dump(), json);
}

TEST_F(RouteDocumentTest, RemoveSelectionNamesWhatItDeletes)
{
    doc.removeSelection({"llama_free"}, {{"start", "next"}});
    EXPECT_EQ(doc.undoStack()->undoText(), QStringLiteral("Delete 'llama_free' and 1 wire"));
    doc.removeSelection({}, {{"gpt4o_mini", "success"}});
    EXPECT_EQ(doc.undoStack()->undoText(), QStringLiteral("Disconnect 'gpt4o_mini' success"));
    doc.removeSelection({}, {{"gpt4o_mini", "fallback"}, {"claude_haiku", "success"}});
    EXPECT_EQ(doc.undoStack()->undoText(), QStringLiteral("Disconnect 2 wires"));
    doc.removeSelection({"end", "gemini_backup"}, {});
    EXPECT_EQ(doc.undoStack()->undoText(), QStringLiteral("Delete 2 elements"));
    EXPECT_EQ(doc.undoStack()->count(), 4);
    // Only wires that are no longer there: nothing to do, nothing pushed.
    doc.removeSelection({}, {{"start", "next"}, {"gpt4o_mini", "success"}});
    EXPECT_EQ(doc.undoStack()->count(), 4);
}

TEST_F(RouteDocumentTest, RemoveSelectionWithDuplicateIdsUndoesExactly)
{
    std::vector<Element> elements = doc.route().elements();
    Element copy = *doc.route().find("gpt4o_mini");
    copy.setOutput("success", "gemini_backup");
    elements.push_back(copy);
    doc.reset(Route(elements), doc.positions());
    expectExactUndoRedo(doc, [&] { doc.removeSelection({"gpt4o_mini"}, {{"split", "50.0%"}, {"start", "next"}}); });
    EXPECT_EQ(doc.undoStack()->undoText(), QStringLiteral("Delete 'gpt4o_mini' and 2 wires"));
}

TEST_F(RouteDocumentTest, ConnectDisconnectUndoRedo)
{
    expectExactUndoRedo(doc, [&] { doc.connectOutput("gpt4o_mini", "fallback", "end"); });
    expectExactUndoRedo(doc, [&] { doc.disconnectOutput("plan_check", "true"); });
    // Rewiring to the same target or wiring to nothing is not an edit.
    const int count = doc.undoStack()->count();
    doc.connectOutput("start", "next", "plan_check");
    doc.connectOutput("start", "next", "missing");
    doc.disconnectOutput("start", "nope");
    EXPECT_EQ(doc.undoStack()->count(), count);
}

TEST_F(RouteDocumentTest, DisconnectKeepsPercentageShare)
{
    expectExactUndoRedo(doc, [&] { doc.disconnectOutput("split", "50%"); });
    const Output *share = doc.route().find("split")->output("50%");
    ASSERT_TRUE(share);
    EXPECT_TRUE(share->target.empty());
}

TEST_F(RouteDocumentTest, FindingsFollowEdits)
{
    QSignalSpy findings(&doc, &RouteDocument::findingsChanged);
    QSignalSpy changed(&doc, &RouteDocument::changed);
    EXPECT_FALSE(hasFinding(doc, "output.missing", "plan_check", "true"));
    doc.disconnectOutput("plan_check", "true");
    EXPECT_TRUE(hasFinding(doc, "output.missing", "plan_check", "true"));
    EXPECT_EQ(findings.count(), 1);
    EXPECT_EQ(changed.count(), 1);
    doc.undoStack()->undo();
    EXPECT_FALSE(hasFinding(doc, "output.missing", "plan_check", "true"));
    EXPECT_EQ(doc.findings(), Validator::validate(doc.route()));
    EXPECT_EQ(findings.count(), 2);
    // A move cannot change findings and does not revalidate.
    doc.moveElements({{"start", QPointF(1, 1)}});
    EXPECT_EQ(findings.count(), 2);
    EXPECT_EQ(changed.count(), 3);
}

TEST_F(RouteDocumentTest, SignalOrderSpecificThenFindingsThenChanged)
{
    std::vector<std::string> order;
    QObject::connect(&doc, &RouteDocument::elementChanged, [&](const std::string &id) { order.push_back("c:" + id); });
    QObject::connect(&doc, &RouteDocument::findingsChanged, [&] { order.push_back("findings"); });
    QObject::connect(&doc, &RouteDocument::changed, [&] { order.push_back("changed"); });
    doc.disconnectOutput("plan_check", "true");
    EXPECT_EQ(order, (std::vector<std::string>{"c:plan_check", "findings", "changed"}));
}

TEST_F(RouteDocumentTest, MovesMergeForTheSameSet)
{
    const DocumentState before = stateOf(doc);
    doc.moveElements({{"start", QPointF(1, 1)}, {"end", QPointF(2, 2)}});
    doc.moveElements({{"start", QPointF(3, 3)}, {"end", QPointF(4, 4)}});
    doc.moveElements({{"start", QPointF(5, 5)}, {"end", QPointF(6, 6)}});
    EXPECT_EQ(doc.undoStack()->count(), 1);
    const DocumentState moved = stateOf(doc);
    doc.moveElements({{"start", QPointF(7, 7)}});
    EXPECT_EQ(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    EXPECT_EQ(stateOf(doc), moved);
    doc.undoStack()->undo();
    EXPECT_EQ(stateOf(doc), before);
}

TEST_F(RouteDocumentTest, MoveDoesNotMergeAcrossCleanState)
{
    doc.moveElements({{"start", QPointF(1, 1)}});
    doc.setClean();
    doc.moveElements({{"start", QPointF(2, 2)}});
    EXPECT_EQ(doc.undoStack()->count(), 2);
    EXPECT_FALSE(doc.isClean());
    doc.undoStack()->undo();
    EXPECT_TRUE(doc.isClean());
}

TEST_F(RouteDocumentTest, MoveElementWithoutPositionUndoesToNone)
{
    RouteDocument bare(makeDemoRoute());
    expectExactUndoRedo(bare, [&] { bare.moveElements({{"start", QPointF(1, 1)}}); });
    bare.undoStack()->undo();
    EXPECT_FALSE(bare.position("start"));
}

TEST_F(RouteDocumentTest, UpdateElementMergesByKey)
{
    const DocumentState before = stateOf(doc);
    Element e = *doc.route().find("gpt4o_mini");
    for (int t : {1, 12, 120, 1200}) {
        e.model.timeout = Number::fromInteger(t);
        doc.updateElement(e, QStringLiteral("Change timeout"), QStringLiteral("timeout"));
    }
    EXPECT_EQ(doc.undoStack()->count(), 1);
    EXPECT_EQ(doc.route().find("gpt4o_mini")->model.timeout, Number::fromInteger(1200));
    e.model.retries = Number::fromInteger(5);
    doc.updateElement(e, QStringLiteral("Change retries"), QStringLiteral("retries"));
    EXPECT_EQ(doc.undoStack()->count(), 2);
    Element other = *doc.route().find("claude_haiku");
    other.model.retries = Number::fromInteger(7);
    doc.updateElement(other, QStringLiteral("Change retries"), QStringLiteral("retries"));
    EXPECT_EQ(doc.undoStack()->count(), 3);
    // Without a key nothing merges.
    other.model.retries = Number::fromInteger(8);
    doc.updateElement(other, QStringLiteral("Change retries"));
    other.model.retries = Number::fromInteger(9);
    doc.updateElement(other, QStringLiteral("Change retries"));
    EXPECT_EQ(doc.undoStack()->count(), 5);
    while (doc.undoStack()->canUndo()) {
        doc.undoStack()->undo();
    }
    EXPECT_EQ(stateOf(doc), before);
    EXPECT_EQ(doc.undoStack()->text(0), QStringLiteral("Change timeout"));
}

TEST_F(RouteDocumentTest, UpdateElementBackToOriginalLeavesNothingToUndo)
{
    Element e = *doc.route().find("gpt4o_mini");
    const Element original = e;
    e.model.timeout = Number::fromInteger(1);
    doc.updateElement(e, QStringLiteral("t"), QStringLiteral("timeout"));
    doc.updateElement(original, QStringLiteral("t"), QStringLiteral("timeout"));
    EXPECT_EQ(doc.undoStack()->count(), 0);
    EXPECT_EQ(*doc.route().find("gpt4o_mini"), original);
}

TEST_F(RouteDocumentTest, RenameUpdatesReferencesAndPositions)
{
    const QPointF pos = *doc.position("end");
    QSignalSpy renamed(&doc, &RouteDocument::elementRenamed);
    expectExactUndoRedo(doc, [&] { EXPECT_TRUE(doc.renameElement("end", "finish")); });
    EXPECT_EQ(renamed.count(), 3); // redo, undo, redo
    EXPECT_FALSE(doc.route().contains("end"));
    EXPECT_EQ(doc.route().find("gemini_backup")->output("success")->target, "finish");
    EXPECT_EQ(*doc.position("finish"), pos);
    EXPECT_FALSE(doc.position("end"));
    EXPECT_FALSE(doc.renameElement("finish", "start"));
    EXPECT_FALSE(doc.renameElement("finish", ""));
    EXPECT_FALSE(doc.renameElement("nope", "x"));
}

TEST_F(RouteDocumentTest, RenameOntoAStaleReferenceUndoesExactly)
{
    // gpt4o_mini's fallback names "backup", which does not exist yet.
    Element gpt = *doc.route().find("gpt4o_mini");
    gpt.setOutput("fallback", "backup");
    doc.updateElement(gpt, QStringLiteral("stale"));
    expectExactUndoRedo(doc, [&] { doc.renameElement("gemini_backup", "backup"); });
}

TEST_F(RouteDocumentTest, AddOntoAStaleReferenceUndoesExactly)
{
    doc.addElement(ElementType::Model, QPointF());
    Element gpt = *doc.route().find("gpt4o_mini");
    gpt.setOutput("fallback", "model_2"); // stale: model_2 is the next fresh id
    doc.updateElement(gpt, QStringLiteral("stale"));
    expectExactUndoRedo(doc, [&] { EXPECT_EQ(doc.addElement(ElementType::Model, QPointF()), "model_2"); });
}

TEST_F(RouteDocumentTest, DuplicateIdsRemoveAndRenameUndoExactly)
{
    std::vector<Element> elements = makeDemoRoute().elements();
    Element twin = Element::make(ElementType::End, "end");
    elements.push_back(twin);
    RouteDocument dup{Route(elements)};
    expectExactUndoRedo(dup, [&] { dup.removeElements({"end"}); });
    expectExactUndoRedo(dup, [&] { EXPECT_TRUE(dup.renameElement("end", "end_1")); });
}

TEST_F(RouteDocumentTest, PercentageBranches)
{
    expectExactUndoRedo(doc, [&] { EXPECT_TRUE(doc.addBranch("split", "10%", "end")); });
    expectExactUndoRedo(doc, [&] { EXPECT_TRUE(doc.addBranch("split", "5%")); });
    expectExactUndoRedo(doc, [&] { EXPECT_TRUE(doc.changeBranchShare("split", "50%", "40%")); });
    expectExactUndoRedo(doc, [&] { EXPECT_TRUE(doc.removeBranch("split", "50.0%")); });
    const std::vector<Output> &outputs = doc.route().find("split")->outputs;
    ASSERT_EQ(outputs.size(), 3u);
    EXPECT_EQ(outputs[0].name, "40%"); // a changed share keeps its place and target
    EXPECT_EQ(outputs[0].target, "gpt4o_mini");
    EXPECT_FALSE(doc.addBranch("split", "40%"));
    EXPECT_FALSE(doc.addBranch("split", "1%", "missing"));
    EXPECT_FALSE(doc.addBranch("gpt4o_mini", "1%"));
    EXPECT_FALSE(doc.changeBranchShare("split", "40%", "10%"));
    EXPECT_FALSE(doc.removeBranch("split", "77%"));
}

TEST_F(RouteDocumentTest, SetPositionsIsOneStepAndDoesNotMerge)
{
    RouteDocument::Positions all = gridPositions(doc.route());
    for (auto &[id, pos] : all) {
        pos += QPointF(1000, 0);
    }
    expectExactUndoRedo(doc, [&] { doc.setPositions(all, QStringLiteral("Auto-layout")); });
    doc.moveElements(all);
    EXPECT_EQ(doc.undoStack()->count(), 1); // same positions: nothing to do
    EXPECT_EQ(doc.undoStack()->text(0), QStringLiteral("Auto-layout"));
}

TEST_F(RouteDocumentTest, PasteRemapsIdsAndDropsOutsideWires)
{
    const QByteArray data = doc.copy({"split", "gpt4o_mini", "claude_haiku"});
    std::vector<Element> elements;
    RouteDocument::Positions positions;
    ASSERT_TRUE(RouteDocument::parseClipboard(data, elements, positions));
    ASSERT_EQ(elements.size(), 3u);

    std::vector<std::string> ids;
    expectExactUndoRedo(doc, [&] { ids = doc.paste(elements, positions, QPointF(40, 40)); });
    EXPECT_EQ(ids, (std::vector<std::string>{"split_2", "gpt4o_mini_2", "claude_haiku_2"}));
    const Element *split = doc.route().find("split_2");
    ASSERT_TRUE(split);
    EXPECT_EQ(split->output("50%")->target, "gpt4o_mini_2");
    EXPECT_EQ(split->output("50.0%")->target, "claude_haiku_2");
    const Element *gpt = doc.route().find("gpt4o_mini_2");
    EXPECT_FALSE(gpt->output("success")); // led to "end", outside the pasted set
    EXPECT_FALSE(gpt->output("fallback"));
    EXPECT_EQ(*doc.position("gpt4o_mini_2"), *doc.position("gpt4o_mini") + QPointF(40, 40));

    // Pasting again keeps the base name.
    const std::vector<std::string> again = doc.paste(elements, positions, QPointF());
    EXPECT_EQ(again.front(), "split_3");
}

TEST_F(RouteDocumentTest, PasteIntoAnotherRouteKeepsFreeIds)
{
    std::vector<Element> elements;
    RouteDocument::Positions positions;
    ASSERT_TRUE(RouteDocument::parseClipboard(doc.copy({"gpt4o_mini", "end"}), elements, positions));
    RouteDocument other;
    const std::vector<std::string> ids = other.paste(elements, positions, QPointF());
    EXPECT_EQ(ids, (std::vector<std::string>{"gpt4o_mini", "end"}));
    EXPECT_EQ(other.route().find("gpt4o_mini")->output("success")->target, "end");
    EXPECT_FALSE(other.route().find("gpt4o_mini")->output("fallback"));
}

TEST_F(RouteDocumentTest, ClipboardRoundTrip)
{
    const QByteArray data = doc.copy({"plan_check", "free_limit", "nope"});
    std::vector<Element> elements;
    RouteDocument::Positions positions;
    ASSERT_TRUE(RouteDocument::parseClipboard(data, elements, positions));
    ASSERT_EQ(elements.size(), 2u);
    EXPECT_EQ(elements[0], *doc.route().find("plan_check"));
    EXPECT_EQ(elements[1], *doc.route().find("free_limit"));
    EXPECT_EQ(exactPositions(positions), exactPositions({{"plan_check", *doc.position("plan_check")},
                                                         {"free_limit", *doc.position("free_limit")}}));
    EXPECT_EQ(RouteDocument::clipboardMimeType(), QStringLiteral("application/x-route-designer-elements+json"));
}

TEST_F(RouteDocumentTest, ClipboardRejectsGarbage)
{
    const char *garbage[] = {
        "",
        "not json",
        "[]",
        "{}",
        "{\"elements\": 3}",
        "{\"elements\": [1, 2]}",
        "{\"elements\": [], \"positions\": []}",
        "{\"elements\": [], \"positions\": {\"a\": [1]}}",
        "{\"elements\": [], \"positions\": {\"a\": [\"x\", 2]}}",
        "{\"elements\": [{\"id\": 5}]}",
        "{\"elements\": [",
        "\xff\xfe{",
    };
    for (const char *text : garbage) {
        std::vector<Element> elements{Element::make(ElementType::End, "keep")};
        RouteDocument::Positions positions{{"keep", QPointF(1, 2)}};
        EXPECT_FALSE(RouteDocument::parseClipboard(QByteArray(text), elements, positions)) << text;
        EXPECT_EQ(elements.size(), 1u) << text; // untouched on failure
        EXPECT_EQ(positions.size(), 1u) << text;
    }
    std::vector<Element> elements;
    RouteDocument::Positions positions;
    EXPECT_TRUE(RouteDocument::parseClipboard(QByteArray("{\"elements\": []}"), elements, positions));
}

TEST_F(RouteDocumentTest, ResetClearsHistory)
{
    doc.addElement(ElementType::End, QPointF());
    QSignalSpy reset(&doc, &RouteDocument::documentReset);
    QSignalSpy changed(&doc, &RouteDocument::changed);
    doc.reset(Route(), {});
    EXPECT_EQ(reset.count(), 1);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(doc.undoStack()->count(), 0);
    EXPECT_TRUE(doc.route().empty());
    EXPECT_EQ(doc.findings(), Validator::validate(Route()));
}

TEST_F(RouteDocumentTest, CleanState)
{
    doc.addElement(ElementType::End, QPointF());
    EXPECT_FALSE(doc.isClean());
    doc.setClean();
    EXPECT_TRUE(doc.isClean());
    doc.undoStack()->undo();
    EXPECT_FALSE(doc.isClean());
    doc.undoStack()->redo();
    EXPECT_TRUE(doc.isClean());
}

namespace {

// One random edit of any kind. Ids, outputs and targets are drawn from what is there (and sometimes not).
void randomEdit(RouteDocument &doc, std::mt19937 &rng)
{
    const auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    const auto &elements = doc.route().elements();
    const auto randomId = [&]() -> std::string {
        return elements.empty() || pick(20) == 0 ? std::string("ghost") : elements[pick(elements.size())].id;
    };
    const auto randomOutput = [&](const std::string &id) -> std::string {
        const Element *e = doc.route().find(id);
        if (!e) {
            return "next";
        }
        const auto required = requiredOutputs(e->type);
        if (!required.empty() && pick(2) == 0) {
            return std::string(required[pick(required.size())]);
        }
        return e->outputs.empty() ? std::string("next") : e->outputs[pick(e->outputs.size())].name;
    };
    const double x = static_cast<double>(pick(2000));
    const double y = static_cast<double>(pick(2000));

    switch (pick(12)) {
    case 0: {
        const ElementType type = kKnownElementTypes[pick(kKnownElementTypes.size())];
        std::optional<RouteDocument::OutputRef> from;
        if (pick(2) == 0) {
            const std::string id = randomId();
            from = RouteDocument::OutputRef{id, randomOutput(id)};
        }
        doc.addElement(type, QPointF(x, y), from);
        break;
    }
    case 1: {
        std::vector<std::string> ids;
        for (std::size_t i = 0, n = 1 + pick(3); i < n; ++i) {
            ids.push_back(randomId());
        }
        doc.removeElements(ids);
        break;
    }
    case 2:
    case 3: {
        const std::string from = randomId();
        doc.connectOutput(from, randomOutput(from), randomId());
        break;
    }
    case 4: {
        const std::string from = randomId();
        doc.disconnectOutput(from, randomOutput(from));
        break;
    }
    case 5: {
        RouteDocument::Positions moved;
        for (std::size_t i = 0, n = 1 + pick(2); i < n; ++i) {
            moved[randomId()] = QPointF(x + static_cast<double>(i), y);
        }
        doc.moveElements(moved);
        doc.moveElements(moved); // a drag: same set again
        break;
    }
    case 6: {
        const Element *e = doc.route().find(randomId());
        if (e) {
            Element edited = *e;
            edited.model.timeout = Number::fromInteger(static_cast<std::int64_t>(pick(100000)));
            edited.extra["note"] = static_cast<int>(pick(3));
            doc.updateElement(edited, QStringLiteral("edit"), pick(2) ? QStringLiteral("timeout") : QString());
        }
        break;
    }
    case 7:
        doc.renameElement(randomId(), pick(3) == 0 ? randomId() : "renamed_" + std::to_string(pick(1000)));
        break;
    case 8: {
        const std::string id = randomId();
        doc.addBranch(id, std::to_string(pick(100)) + "%", pick(2) ? randomId() : std::string());
        break;
    }
    case 9: {
        const std::string id = randomId();
        const std::string out = randomOutput(id);
        if (pick(2)) {
            doc.removeBranch(id, out);
        } else {
            doc.changeBranchShare(id, out, std::to_string(pick(100)) + ".5%");
        }
        break;
    }
    case 10: {
        std::vector<Element> clip;
        RouteDocument::Positions positions;
        if (RouteDocument::parseClipboard(doc.copy({randomId(), randomId(), randomId()}), clip, positions)) {
            doc.paste(clip, positions, QPointF(20, 20));
        }
        break;
    }
    case 11:
        doc.setPositions({{randomId(), QPointF(y, x)}}, QStringLiteral("layout"));
        break;
    }
}

} // namespace

TEST(RouteDocumentRandom, LongSequenceUndoesAndRedoesExactly)
{
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        std::mt19937 rng(seed);
        // A route with a stale reference and a duplicate id, to exercise the exact-undo corner cases.
        std::vector<Element> elements = makeSyntheticRoute(40, seed).elements();
        elements.push_back(Element::make(ElementType::End, elements.back().id));
        Element stale = Element::make(ElementType::Start, "entry");
        stale.setOutput("next", "model_2");
        elements.push_back(stale);
        RouteDocument doc{Route(elements)};

        std::vector<DocumentState> states{stateOf(doc)}; // states[i]: after i commands
        for (int step = 0; step < 400; ++step) {
            randomEdit(doc, rng);
            const auto index = static_cast<std::size_t>(doc.undoStack()->index());
            states.resize(index + 1);
            states[index] = stateOf(doc);
            ASSERT_EQ(doc.findings(), Validator::validate(doc.route())) << "seed " << seed << " step " << step;
        }
        const int count = doc.undoStack()->count();
        ASSERT_GT(count, 100);
        for (int i = count; i > 0; --i) {
            doc.undoStack()->undo();
            ASSERT_EQ(stateOf(doc), states[static_cast<std::size_t>(i - 1)]) << "seed " << seed << " undo to " << i - 1;
        }
        for (int i = 1; i <= count; ++i) {
            doc.undoStack()->redo();
            ASSERT_EQ(stateOf(doc), states[static_cast<std::size_t>(i)]) << "seed " << seed << " redo to " << i;
        }
        EXPECT_EQ(doc.findings(), Validator::validate(doc.route()));
    }
}
