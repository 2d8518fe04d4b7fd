// Building a route on the canvas: where new cards land (palette + Enter, paste, duplicate), what quick-add
// offers, and doing it all from the keyboard (Tab through the cards, arrows along the wires, C to connect).
// Real widgets on the offscreen platform; keys go to the view, every check reads the document or the pixels.
#include "app/RouteDocument.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/ElementPalette.h"
#include "widgets/canvas/QuickAddPopup.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QTest>
#include <QUndoStack>
#include <QVBoxLayout>

#include <memory>

using namespace rd;

namespace {

Route loadDemoRoute()
{
    QFile file(QStringLiteral(RD_DEMO_ROUTE));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read the demo route");
    }
    auto decoded = RouteCodec::decodeRoute(Json::parse(file.readAll().toStdString()));
    if (!decoded) {
        qFatal("cannot decode the demo route");
    }
    return std::move(*decoded.value);
}

// Four cards a row, 320 apart, rows 300 apart: start, plan_check, free_rate_limit, llama_8b / paid_split,
// gpt4o_mini, claude_haiku, gemini_flash / end.
RouteDocument::Positions gridPositions(const Route &route)
{
    RouteDocument::Positions positions;
    for (std::size_t i = 0; i < route.size(); ++i) {
        positions[route.elements()[i].id] = QPointF(static_cast<qreal>(i % 4) * 320, static_cast<qreal>(i / 4) * 300);
    }
    return positions;
}

std::string json(const RouteDocument &doc)
{
    return RouteCodec::encodeRoute(doc.route()).dump();
}

// The focus ring's colour, as the operator sees it (dark amber); antialiased edges come close.
bool isRingColour(QColor c)
{
    return std::abs(c.red() - 0xB5) < 40 && std::abs(c.green() - 0x47) < 40 && std::abs(c.blue() - 0x08) < 40;
}

} // namespace

class TestCanvasBuilding : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void paletteEnterLandsInFreeSpaceNearCentre();
    void pasteLandsInFreeSpaceNearCentre();
    void duplicateLandsInFreeSpace();
    void quickAddOnCanvasOffersNoSecondStart();
    void quickAddFromOutputOffersWhatConnectsFirst();
    void tabFocusesCardsWithARing();
    void focusRingShowsFarOut();
    void arrowsFollowWires();
    void arrowsNudgeWithoutFocusedCard();
    void connectByKeyboardToExistingElement();
    void connectByKeyboardToNewElement();
    void contextMenuConnectsOutput();

private:
    QPoint viewPoint(QPointF scenePos) const { return m_view->mapFromScene(scenePos); }
    QRectF cardRect(const std::string &id) const;
    QRectF visibleRect() const { return m_view->mapToScene(m_view->viewport()->rect()).boundingRect(); }
    // The new card lies on no other card, wholly in view, and not far from the middle of it.
    void checkFreeAndNearCentre(const std::string &id, qreal maxDistance);
    std::string selectedOne() const;
    int ringPixels(const std::string &id) const;

    std::unique_ptr<QWidget> m_window;
    RouteDocument *m_doc = nullptr;
    RouteScene *m_scene = nullptr;
    RouteView *m_view = nullptr;
    std::string m_original;
};

void TestCanvasBuilding::init()
{
    m_window = std::make_unique<QWidget>();
    m_window->resize(1600, 1000);
    const Route route = loadDemoRoute();
    m_doc = new RouteDocument(route, gridPositions(route), m_window.get());
    m_scene = new RouteScene(m_doc, m_window.get());
    m_view = new RouteView(m_scene, m_window.get());
    auto *layout = new QVBoxLayout(m_window.get());
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_view->resetZoom();
    m_view->centerOn(m_scene->elementsBoundingRect().center());
    m_view->setFocus();
    QTRY_VERIFY(m_view->hasFocus());
    m_original = json(*m_doc);
}

void TestCanvasBuilding::cleanup()
{
    m_window.reset();
}

QRectF TestCanvasBuilding::cardRect(const std::string &id) const
{
    const ElementItem *item = m_scene->elementItem(id);
    Q_ASSERT(item);
    return item->cardRect().translated(item->pos());
}

void TestCanvasBuilding::checkFreeAndNearCentre(const std::string &id, qreal maxDistance)
{
    const QRectF card = cardRect(id);
    for (const Element &other : m_doc->route().elements()) {
        if (other.id != id) {
            QVERIFY2(!card.intersects(cardRect(other.id)),
                     qPrintable(QStringLiteral("%1 lands on %2")
                                    .arg(QString::fromStdString(id), QString::fromStdString(other.id))));
        }
    }
    const QRectF visible = visibleRect();
    QVERIFY2(visible.contains(card), qPrintable(QStringLiteral("%1 is out of view").arg(QString::fromStdString(id))));
    QVERIFY(QLineF(card.center(), visible.center()).length() <= maxDistance);
}

std::string TestCanvasBuilding::selectedOne() const
{
    const std::vector<std::string> selected = m_scene->selectedElementIds();
    return selected.size() == 1 ? selected.front() : std::string();
}

int TestCanvasBuilding::ringPixels(const std::string &id) const
{
    // Along the band just outside the card's top edge, where the focus ring is drawn (the selection ring sits
    // closer, in blue).
    const QImage frame = m_view->viewport()->grab().toImage();
    const QRectF card = cardRect(id);
    int n = 0;
    for (qreal x = card.left() + 20; x < card.right() - 20; x += 1) {
        for (qreal dy = 4; dy <= 8; dy += 1) {
            const QPoint p = viewPoint(QPointF(x, card.top() - dy));
            if (frame.rect().contains(p) && isRingColour(frame.pixelColor(p))) {
                ++n;
                break;
            }
        }
    }
    return n;
}

void TestCanvasBuilding::paletteEnterLandsInFreeSpaceNearCentre()
{
    ElementPalette palette;
    connect(&palette, &ElementPalette::elementTypeActivated, m_view, &RouteView::addElementAtCenter);
    palette.show();
    QVERIFY(QTest::qWaitForWindowExposed(&palette));
    for (ElementType type : {ElementType::Model, ElementType::Model, ElementType::Rate, ElementType::Conditional}) {
        palette.setCurrentItem(palette.itemFor(type));
        const std::size_t before = m_doc->route().size();
        QTest::keyClick(&palette, Qt::Key_Return);
        QCOMPARE(m_doc->route().size(), before + 1);
        const std::string id = selectedOne();
        QVERIFY(!id.empty());
        QCOMPARE(m_doc->route().find(id)->type, type);
        checkFreeAndNearCentre(id, 500);
        QCOMPARE(m_doc->position(id).value(), canvas::snapToGrid(m_doc->position(id).value()));
        // There is room in view off the wires too: the new card hides none.
        const QRectF card = cardRect(id);
        for (QGraphicsItem *item : m_scene->items()) {
            if (item->type() == EdgeItem::Type) {
                const QPainterPath &wire = static_cast<EdgeItem *>(item)->path();
                for (int i = 0; i <= 100; ++i) {
                    QVERIFY2(!card.contains(wire.pointAtPercent(i / 100.0)),
                             qPrintable(QStringLiteral("%1 hides a wire").arg(QString::fromStdString(id))));
                }
            }
        }
    }
}

void TestCanvasBuilding::pasteLandsInFreeSpaceNearCentre()
{
    // One card, then a wired pair: each paste lands in the open, the pair keeps its arrangement.
    m_scene->selectElements({"gemini_flash"});
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    for (int i = 0; i < 3; ++i) {
        QTest::keyClick(m_view, Qt::Key_V, Qt::ControlModifier);
        const std::string id = selectedOne();
        QVERIFY(!id.empty() && id != "gemini_flash");
        checkFreeAndNearCentre(id, 600);
    }
    m_scene->selectElements({"paid_split", "gpt4o_mini"});
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_V, Qt::ControlModifier);
    const std::vector<std::string> pasted = m_scene->selectedElementIds();
    QCOMPARE(pasted.size(), std::size_t(2));
    checkFreeAndNearCentre(pasted[0], 700);
    checkFreeAndNearCentre(pasted[1], 700);
    QCOMPARE(m_doc->position(pasted[1]).value() - m_doc->position(pasted[0]).value(),
             m_doc->position("gpt4o_mini").value() - m_doc->position("paid_split").value());
}

void TestCanvasBuilding::duplicateLandsInFreeSpace()
{
    // Beside its original when that is in view; copies of copies stay in view, on no other card.
    m_scene->selectElements({"claude_haiku"});
    for (int i = 0; i < 4; ++i) {
        const QRectF original = cardRect(selectedOne());
        QTest::keyClick(m_view, Qt::Key_D, Qt::ControlModifier);
        const std::string id = selectedOne();
        QVERIFY(!id.empty() && id != "claude_haiku");
        QCOMPARE(m_doc->route().find(id)->type, ElementType::Model);
        checkFreeAndNearCentre(id, 1000);
        if (i == 0) {
            QVERIFY(QLineF(cardRect(id).center(), original.center()).length() < 2 * canvas::kNodeWidth);
        }
    }
    // Out of view, the copy comes to the middle of the view.
    m_scene->selectElements({"start"});
    m_view->centerOn(QPointF(3000, 3000));
    QTest::keyClick(m_view, Qt::Key_D, Qt::ControlModifier);
    checkFreeAndNearCentre(selectedOne(), 300);
}

void TestCanvasBuilding::quickAddOnCanvasOffersNoSecondStart()
{
    QuickAddPopup *popup = m_view->quickAddPopup();
    // Double-click on empty canvas (below the last row).
    const QPoint empty = viewPoint(QPointF(400, 700));
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, empty);
    QTRY_VERIFY(popup->isVisible());
    std::vector<ElementType> listed = popup->listedTypes();
    QVERIFY(std::find(listed.begin(), listed.end(), ElementType::Start) == listed.end());
    QCOMPARE(listed.size(), std::size_t(5));
    QTest::keyClick(popup->searchField(), Qt::Key_Escape);
    QTRY_VERIFY(!popup->isVisible());

    // A route without a start is offered one, first.
    m_doc->removeElements({"start"});
    m_view->openQuickAdd(empty);
    QTRY_VERIFY(popup->isVisible());
    listed = popup->listedTypes();
    QCOMPARE(listed.size(), std::size_t(6));
    QCOMPARE(listed.front(), ElementType::Start);
    QTest::keyClick(popup->searchField(), Qt::Key_Escape);
}

void TestCanvasBuilding::quickAddFromOutputOffersWhatConnectsFirst()
{
    QuickAddPopup *popup = m_view->quickAddPopup();
    const auto dragFrom = [this](const std::string &id, const std::string &output) {
        const ElementItem *item = m_scene->elementItem(id);
        const QPoint from =
            viewPoint(item->mapToScene(item->outputPortPos(*item->outputIndex(output)) - QPointF(2, 0)));
        const QPoint to = viewPoint(QPointF(500, 760));
        QWidget *vp = m_view->viewport();
        QTest::mousePress(vp, Qt::LeftButton, {}, from);
        QTest::mouseMove(vp, (from + to) / 2);
        QTest::mouseMove(vp, to);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
    };
    // A model's fallback usually goes to another model; its success to the end; a start to a decision.
    const std::vector<std::tuple<std::string, std::string, ElementType>> cases{
        {"gpt4o_mini", "fallback", ElementType::Model},
        {"gemini_flash", "success", ElementType::End},
        {"start", "next", ElementType::Conditional},
    };
    for (const auto &[id, output, first] : cases) {
        dragFrom(id, output);
        QTRY_VERIFY(popup->isVisible());
        const std::vector<ElementType> listed = popup->listedTypes();
        QVERIFY(!listed.empty());
        QCOMPARE(listed.front(), first);
        // Everything offered can take the wire.
        QVERIFY(std::find(listed.begin(), listed.end(), ElementType::Start) == listed.end());
        // Enter takes the first: it is created and wired, in one undo step.
        const int steps = m_doc->undoStack()->index();
        QTest::keyClick(popup->searchField(), Qt::Key_Return);
        QTRY_VERIFY(!popup->isVisible());
        const std::string target = m_doc->route().find(id)->output(output)->target;
        QCOMPARE(m_doc->route().find(target)->type, first);
        QCOMPARE(m_doc->undoStack()->index(), steps + 1);
        m_doc->undoStack()->undo();
        QCOMPARE(json(*m_doc), m_original);
    }
}

void TestCanvasBuilding::tabFocusesCardsWithARing()
{
    QVERIFY(m_scene->selectedElementIds().empty());
    QCOMPARE(ringPixels("start"), 0);
    // Tab order: left to right, then top to bottom.
    QTest::keyClick(m_view, Qt::Key_Tab);
    QCOMPARE(selectedOne(), std::string("start"));
    QVERIFY(m_view->hasFocus());
    QTRY_VERIFY2(ringPixels("start") > 40, qPrintable(QString::number(ringPixels("start"))));
    QTest::keyClick(m_view, Qt::Key_Tab);
    QCOMPARE(selectedOne(), std::string("paid_split"));
    QCOMPARE(ringPixels("start"), 0);
    QTRY_VERIFY(ringPixels("paid_split") > 40);
    QTest::keyClick(m_view, Qt::Key_Tab);
    QCOMPARE(selectedOne(), std::string("end"));
    QTest::keyClick(m_view, Qt::Key_Tab);
    QCOMPARE(selectedOne(), std::string("plan_check"));
    QTest::keyClick(m_view, Qt::Key_Backtab, Qt::ShiftModifier);
    QCOMPARE(selectedOne(), std::string("end"));

    // The ring is not the selection: a card selected with the mouse has none, and Esc takes it away.
    QTest::keyClick(m_view, Qt::Key_Escape);
    QTRY_COMPARE(ringPixels("end"), 0);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, viewPoint(cardRect("llama_8b").center() + QPointF(0, 0)));
    QCOMPARE(selectedOne(), std::string("llama_8b"));
    QCOMPARE(ringPixels("llama_8b"), 0);
}

void TestCanvasBuilding::focusRingShowsFarOut()
{
    // Zoomed out past the overview threshold the route is drawn in one batch, not card by card: the ring
    // must still show.
    m_view->setZoom(canvas::kLodOverview / 2, m_view->viewport()->rect().center());
    m_view->centerOn(m_scene->elementsBoundingRect().center());
    const auto ringInFrame = [this] {
        const QImage frame = m_view->viewport()->grab().toImage();
        int n = 0;
        for (int y = 0; y < frame.height(); ++y) {
            for (int x = 0; x < frame.width(); ++x) {
                n += isRingColour(frame.pixelColor(x, y)) ? 1 : 0;
            }
        }
        return n;
    };
    QCOMPARE(ringInFrame(), 0);
    QTest::keyClick(m_view, Qt::Key_Tab);
    QCOMPARE(selectedOne(), std::string("start"));
    QTRY_VERIFY(ringInFrame() > 20);
}

void TestCanvasBuilding::arrowsFollowWires()
{
    QTest::keyClick(m_view, Qt::Key_Tab);
    QCOMPARE(selectedOne(), std::string("start"));
    const auto press = [this](Qt::Key key, const char *expected) {
        QTest::keyClick(m_view, key);
        if (selectedOne() != expected) {
            qWarning("key %d: expected %s, focused %s", static_cast<int>(key), expected, selectedOne().c_str());
            return false;
        }
        return true;
    };
    QVERIFY(press(Qt::Key_Right, "plan_check"));      // start › next
    QVERIFY(press(Qt::Key_Right, "free_rate_limit")); // plan_check › true
    QVERIFY(press(Qt::Key_Down, "paid_split"));       // plan_check's other output
    QVERIFY(press(Qt::Key_Down, "end"));              // no further sibling: the nearest card below
    QVERIFY(press(Qt::Key_Up, "paid_split"));
    QVERIFY(press(Qt::Key_Right, "gpt4o_mini"));  // paid_split › 60%
    QVERIFY(press(Qt::Key_Down, "claude_haiku")); // paid_split › 40%
    QVERIFY(press(Qt::Key_Up, "gpt4o_mini"));
    QVERIFY(press(Qt::Key_Left, "paid_split")); // back where it came from
    QVERIFY(press(Qt::Key_Left, "plan_check"));
    QVERIFY(press(Qt::Key_Left, "start"));
    QVERIFY(press(Qt::Key_Left, "start")); // nothing leads into start
    // Following wires moves nothing.
    QCOMPARE(json(*m_doc), m_original);
    QCOMPARE(m_doc->undoStack()->count(), 0);
}

void TestCanvasBuilding::arrowsNudgeWithoutFocusedCard()
{
    // Clicked (not tabbed to): arrows nudge as before; with a focused card Alt+arrow nudges.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, viewPoint(cardRect("end").center()));
    QCOMPARE(selectedOne(), std::string("end"));
    const QPointF before = m_doc->position("end").value();
    QTest::keyClick(m_view, Qt::Key_Right);
    QCOMPARE(m_doc->position("end").value(), before + QPointF(canvas::kGrid, 0));
    QTest::keyClick(m_view, Qt::Key_Tab); // focuses the selected card
    QCOMPARE(selectedOne(), std::string("end"));
    QTest::keyClick(m_view, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(m_doc->position("end").value(), before + QPointF(canvas::kGrid, canvas::kGrid));
    QCOMPARE(selectedOne(), std::string("end"));
}

void TestCanvasBuilding::connectByKeyboardToExistingElement()
{
    // Remove llama_8b's wires, then connect its fallback to gemini_flash with keys only.
    m_doc->disconnectOutput("llama_8b", "success");
    m_doc->disconnectOutput("llama_8b", "fallback");
    const std::string disconnected = json(*m_doc);
    for (int i = 0; i < 8 && selectedOne() != "llama_8b"; ++i) {
        QTest::keyClick(m_view, Qt::Key_Tab);
    }
    QCOMPARE(selectedOne(), std::string("llama_8b"));
    QuickAddPopup *popup = m_view->quickAddPopup();
    QTest::keyClick(m_view, Qt::Key_C);
    QTRY_VERIFY(popup->isVisible());
    // For a model's success the end comes first: what such an output usually leads to.
    QVERIFY(popup->list()->item(0)->text().startsWith(QStringLiteral("end")));
    // It starts at the first unwired output; Tab moves to the next one.
    QTest::keyClick(popup->searchField(), Qt::Key_Tab);
    QTest::keyClicks(popup->searchField(), QStringLiteral("gemini"));
    const int steps = m_doc->undoStack()->count();
    QTest::keyClick(popup->searchField(), Qt::Key_Return);
    QTRY_VERIFY(!popup->isVisible());
    QVERIFY(m_doc->route().find("llama_8b")->output("fallback"));
    QCOMPARE(m_doc->route().find("llama_8b")->output("fallback")->target, std::string("gemini_flash"));
    QVERIFY(m_doc->route().find("llama_8b")->output("success") == nullptr);
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    QVERIFY(m_scene->edgeItem("llama_8b", "fallback"));
    // The focus stays on the source: C again offers its remaining free output first.
    QCOMPARE(selectedOne(), std::string("llama_8b"));
    QTest::keyClick(m_view, Qt::Key_C);
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClicks(popup->searchField(), QStringLiteral("end"));
    QTest::keyClick(popup->searchField(), Qt::Key_Return);
    QTRY_VERIFY(!popup->isVisible());
    QCOMPARE(m_doc->route().find("llama_8b")->output("success")->target, std::string("end"));
    m_doc->undoStack()->undo();
    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), disconnected);
}

void TestCanvasBuilding::connectByKeyboardToNewElement()
{
    m_doc->disconnectOutput("gemini_flash", "fallback");
    const std::string before = json(*m_doc);
    for (int i = 0; i < 9 && selectedOne() != "gemini_flash"; ++i) {
        QTest::keyClick(m_view, Qt::Key_Tab);
    }
    QCOMPARE(selectedOne(), std::string("gemini_flash"));
    QuickAddPopup *popup = m_view->quickAddPopup();
    QTest::keyClick(m_view, Qt::Key_C);
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClicks(popup->searchField(), QStringLiteral("new mod"));
    QCOMPARE(popup->listedTypes(), std::vector<ElementType>{ElementType::Model});
    const int steps = m_doc->undoStack()->count();
    QTest::keyClick(popup->searchField(), Qt::Key_Return);
    QTRY_VERIFY(!popup->isVisible());
    const std::string added = m_doc->route().find("gemini_flash")->output("fallback")->target;
    QVERIFY(added != "end");
    QCOMPARE(m_doc->route().find(added)->type, ElementType::Model);
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    // The new card is in the open, and has the focus to carry on from.
    checkFreeAndNearCentre(added, 2000);
    QCOMPARE(selectedOne(), added);
    QTRY_VERIFY(ringPixels(added) > 40);
    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), before);
}

void TestCanvasBuilding::contextMenuConnectsOutput()
{
    QTest::keyClick(m_view, Qt::Key_Tab);
    QTest::keyClick(m_view, Qt::Key_Right); // plan_check
    QCOMPARE(selectedOne(), std::string("plan_check"));
    QTest::keyClick(m_view, Qt::Key_F10, Qt::ShiftModifier);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = m_view->findChild<QMenu *>(QStringLiteral("cardContextMenu"))) && menu->isVisible());
    auto *connectMenu = menu->findChild<QMenu *>(QStringLiteral("connectOutputMenu"));
    QVERIFY(connectMenu);
    const QList<QAction *> outputs = connectMenu->actions();
    QCOMPARE(outputs.size(), 2);
    QVERIFY(outputs[1]->text().startsWith(QStringLiteral("false")));
    // Down to "Connect Output", Right into it, Down to the second output, Enter.
    QTest::keyClick(menu, Qt::Key_Down);
    QTest::keyClick(menu, Qt::Key_Right);
    QTRY_VERIFY(connectMenu->isVisible());
    QTest::keyClick(connectMenu, Qt::Key_Down);
    QCOMPARE(connectMenu->activeAction(), outputs[1]);
    QTest::keyClick(connectMenu, Qt::Key_Return);
    QuickAddPopup *popup = m_view->quickAddPopup();
    QTRY_VERIFY(popup->isVisible());
    QTest::keyClicks(popup->searchField(), QStringLiteral("gemini"));
    QTest::keyClick(popup->searchField(), Qt::Key_Return);
    QTRY_VERIFY(!popup->isVisible());
    QCOMPARE(m_doc->route().find("plan_check")->output("false")->target, std::string("gemini_flash"));
    QCOMPARE(m_doc->route().find("plan_check")->output("true")->target, std::string("free_rate_limit"));
    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), m_original);
}

QTEST_MAIN(TestCanvasBuilding)
#include "tst_canvasbuilding.moc"
