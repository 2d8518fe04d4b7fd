// The canvas through its real widgets on the offscreen platform: mouse and keys go to the view's viewport
// at the points where the cards are drawn, and every check reads the document back.
#include "app/RouteDocument.h"
#include "app/Translations.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "widgets/ElementTypeStyle.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/ElementPalette.h"
#include "widgets/canvas/OverviewRaster.h"
#include "widgets/canvas/QuickAddPopup.h"
#include "widgets/canvas/RouteMinimap.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QMimeData>
#include <QScrollBar>
#include <QTest>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtMath>

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
    std::optional<Route> route;
    if (decoded) {
        route = std::move(*decoded.value);
    }
    if (!route) {
        qFatal("cannot decode the demo route");
    }
    return *route;
}

// Four cards a row, far enough apart that the wires have room and empty canvas lies between the rows.
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

} // namespace

class TestRouteCanvas : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void sceneMirrorsDocument();
    void paletteDropCreatesElement();
    void paletteDoubleClickAddsAtCenter();
    void dragFromOutputWiresToNode();
    void dragFromWiredOutputRewires();
    void wireDroppedOnEmptyCanvasQuickAddsModel();
    void escapeCancelsWire();
    void deleteSelectionThenUndoRedo();
    void deleteSelectedWireDisconnects();
    void deleteElementsAndWiresIsOneUndoStep();
    void copyPasteRemapsIds();
    void duplicateSelection();
    void badgesFollowFindings();
    void zoomAndFitChangeTransform();
    void draggingCardMovesItAndItsEdges();
    void arrowKeysNudgeByGrid();
    void rubberBandSelects();
    void farZoomPaintsBatchedOverview();
    void overviewRasterClipsAndFills();
    void minimapMovesMainView();
    void minimapScalesWithTheView();
    void quickAddFilters();
    void fitLeavesTheMinimapClear();
    void wiresArePickedWithinSixPixels_data();
    void wiresArePickedWithinSixPixels();
    void screenshot();

private:
    QPoint viewPoint(QPointF scenePos) const { return m_view->mapFromScene(scenePos); }
    QPoint cardPoint(const std::string &id) const;
    QPoint portPoint(const std::string &id, const std::string &output) const;
    QPoint emptyPoint() const;
    void dragOnViewport(QPoint from, QPoint to);
    void click(QPoint at);

    std::unique_ptr<QWidget> m_window;
    RouteDocument *m_doc = nullptr;
    RouteScene *m_scene = nullptr;
    RouteView *m_view = nullptr;
    std::string m_original;
};

void TestRouteCanvas::initTestCase()
{
    QVERIFY(Translations::install()); // undo texts with their English plurals, as main() installs them
}

void TestRouteCanvas::init()
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
    m_original = json(*m_doc);
}

void TestRouteCanvas::cleanup()
{
    m_window.reset();
}

QPoint TestRouteCanvas::cardPoint(const std::string &id) const
{
    const ElementItem *item = m_scene->elementItem(id);
    Q_ASSERT(item);
    // The summary line: inside the card, away from the ports.
    return viewPoint(item->mapToScene(QPointF(canvas::kNodeWidth / 2, canvas::kHeaderHeight + 10)));
}

QPoint TestRouteCanvas::portPoint(const std::string &id, const std::string &output) const
{
    const ElementItem *item = m_scene->elementItem(id);
    Q_ASSERT(item);
    const std::optional<int> index = item->outputIndex(output);
    Q_ASSERT(index);
    return viewPoint(item->mapToScene(item->outputPortPos(*index) - QPointF(2, 0)));
}

QPoint TestRouteCanvas::emptyPoint() const
{
    // Below the last row of cards: canvas with nothing on it.
    const QRectF cards = m_scene->elementsBoundingRect();
    return viewPoint(QPointF(cards.left() + 40, cards.bottom() + 60));
}

void TestRouteCanvas::dragOnViewport(QPoint from, QPoint to)
{
    QWidget *vp = m_view->viewport();
    QTest::mousePress(vp, Qt::LeftButton, {}, from);
    QTest::mouseMove(vp, from + (to - from) / 2);
    QTest::mouseMove(vp, to);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
}

void TestRouteCanvas::click(QPoint at)
{
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, at);
}

void TestRouteCanvas::sceneMirrorsDocument()
{
    QCOMPARE(m_scene->elementCount(), m_doc->route().size());
    std::size_t wired = 0;
    for (const Edge &edge : m_doc->route().edges()) {
        wired += m_doc->route().contains(edge.to) ? 1 : 0;
    }
    QCOMPARE(m_scene->edgeCount(), wired);
    const ElementItem *start = m_scene->elementItem("start");
    QVERIFY(start);
    QVERIFY(!start->hasInput());
    QCOMPARE(start->pos(), m_doc->position("start").value());
    const ElementItem *split = m_scene->elementItem("paid_split");
    QVERIFY(split);
    QCOMPARE(split->ports().size(), std::size_t(2));
    QCOMPARE(split->ports()[0].name, std::string("60%"));
    const EdgeItem *fallback = m_scene->edgeItem("llama_8b", "fallback");
    QVERIFY(fallback && fallback->isFallback());
    QVERIFY(!m_scene->edgeItem("start", "next")->isFallback());
}

void TestRouteCanvas::paletteDropCreatesElement()
{
    ElementPalette palette;
    const QListWidgetItem *item = palette.itemFor(ElementType::Rate);
    QVERIFY(item);
    // The palette's own drag payload, as its QDrag would carry it.
    std::unique_ptr<QMimeData> mime(palette.model()->mimeData({palette.model()->index(palette.row(item), 0)}));
    QVERIFY(mime && mime->hasFormat(ElementPalette::mimeType()));

    const QPoint at = emptyPoint();
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(m_view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(m_view->viewport(), &move);
    QVERIFY(move.isAccepted());
    const std::size_t before = m_doc->route().size();
    QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(m_view->viewport(), &drop);

    QCOMPARE(m_doc->route().size(), before + 1);
    const std::vector<std::string> selected = m_scene->selectedElementIds();
    QCOMPARE(selected.size(), std::size_t(1));
    const Element *added = m_doc->route().find(selected.front());
    QVERIFY(added && added->type == ElementType::Rate);
    const QPointF pos = m_doc->position(added->id).value();
    QCOMPARE(pos, canvas::snapToGrid(pos));
    // The dropped card lies under the drop point.
    QVERIFY(m_scene->elementItem(added->id)->sceneBoundingRect().contains(m_view->mapToScene(at)));
}

void TestRouteCanvas::paletteDoubleClickAddsAtCenter()
{
    ElementPalette palette;
    connect(&palette, &ElementPalette::elementTypeActivated, m_view, &RouteView::addElementAtCenter);
    palette.show();
    QVERIFY(QTest::qWaitForWindowExposed(&palette));
    const QRect rect = palette.visualItemRect(palette.itemFor(ElementType::End));
    const std::size_t before = m_doc->route().size();
    // A real double-click: press and release, then the double-click event the window system sends.
    QTest::mouseClick(palette.viewport(), Qt::LeftButton, {}, rect.center());
    QMouseEvent dbl(QEvent::MouseButtonDblClick, rect.center(), palette.viewport()->mapToGlobal(rect.center()),
                    Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(palette.viewport(), &dbl);
    QTest::mouseRelease(palette.viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(m_doc->route().size(), before + 1);
    const std::vector<std::string> selected = m_scene->selectedElementIds();
    QCOMPARE(selected.size(), std::size_t(1));
    QCOMPARE(m_doc->route().find(selected.front())->type, ElementType::End);
    const QPointF center = m_view->mapToScene(m_view->viewport()->rect().center());
    // Near the middle of the view, in the nearest free space (tst_canvasbuilding checks it lands on no card).
    QVERIFY(QLineF(m_scene->elementItem(selected.front())->sceneBoundingRect().center(), center).length() < 400);

    // Enter on the palette activates too.
    palette.setCurrentItem(palette.itemFor(ElementType::Model));
    QTest::keyClick(&palette, Qt::Key_Return);
    QCOMPARE(m_doc->route().size(), before + 2);
}

void TestRouteCanvas::dragFromOutputWiresToNode()
{
    const std::string id = m_doc->addElement(ElementType::Model, QPointF(320, 600)); // a free slot in the grid
    QVERIFY(m_scene->elementItem(id));
    QVERIFY(!m_scene->edgeItem(id, "success"));

    dragOnViewport(portPoint(id, "success"), cardPoint("end"));
    QVERIFY(m_doc->route().find(id)->output("success"));
    QCOMPARE(m_doc->route().find(id)->output("success")->target, std::string("end"));
    const EdgeItem *edge = m_scene->edgeItem(id, "success");
    QVERIFY(edge);
    QCOMPARE(edge->target(), m_scene->elementItem("end"));
    QVERIFY(m_scene->elementItem(id)->ports()[0].wired);
    QVERIFY(!m_view->isWiring());
}

void TestRouteCanvas::dragFromWiredOutputRewires()
{
    const std::size_t edges = m_scene->edgeCount();
    dragOnViewport(portPoint("start", "next"), cardPoint("paid_split"));
    QCOMPARE(m_doc->route().find("start")->output("next")->target, std::string("paid_split"));
    QCOMPARE(m_scene->edgeCount(), edges);
    QCOMPARE(m_scene->edgeItem("start", "next")->target(), m_scene->elementItem("paid_split"));
    QCOMPARE(m_scene->edgeItem("start", "next")->opacity(), 1.0);
    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), m_original);
}

void TestRouteCanvas::wireDroppedOnEmptyCanvasQuickAddsModel()
{
    const std::size_t before = m_doc->route().size();
    const QPoint drop = emptyPoint();
    dragOnViewport(portPoint("gpt4o_mini", "fallback"), drop);
    QuickAddPopup *popup = m_view->quickAddPopup();
    QTRY_VERIFY(popup->isVisible());
    const std::vector<ElementType> listed = popup->listedTypes();
    QCOMPARE(listed.size(), std::size_t(5));
    QVERIFY(std::find(listed.begin(), listed.end(), ElementType::Start) == listed.end());

    QTest::keyClicks(popup->searchField(), QStringLiteral("model"));
    QCOMPARE(popup->listedTypes(), std::vector<ElementType>{ElementType::Model});
    QTest::keyClick(popup->searchField(), Qt::Key_Return);
    QVERIFY(!popup->isVisible());

    QCOMPARE(m_doc->route().size(), before + 1);
    const std::string target = m_doc->route().find("gpt4o_mini")->output("fallback")->target;
    const Element *added = m_doc->route().find(target);
    QVERIFY(added && added->type == ElementType::Model);
    QVERIFY(m_scene->edgeItem("gpt4o_mini", "fallback"));
    QCOMPARE(m_scene->edgeItem("gpt4o_mini", "fallback")->target(), m_scene->elementItem(target));
    // The new card's input port sits at the drop point (to the grid).
    const QPointF input = m_scene->elementItem(target)->mapToScene(m_scene->elementItem(target)->inputPortPos());
    QVERIFY(QLineF(input, m_view->mapToScene(drop)).length() <= canvas::kGrid);
    // One undo removes the element and the wire together.
    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), m_original);
}

void TestRouteCanvas::escapeCancelsWire()
{
    QWidget *vp = m_view->viewport();
    const QPoint from = portPoint("start", "next");
    QTest::mousePress(vp, Qt::LeftButton, {}, from);
    QTest::mouseMove(vp, cardPoint("end"));
    QVERIFY(m_view->isWiring());
    QTest::keyClick(m_view, Qt::Key_Escape);
    QVERIFY(!m_view->isWiring());
    QTest::mouseRelease(vp, Qt::LeftButton, {}, cardPoint("end"));
    QCOMPARE(json(*m_doc), m_original);
    QVERIFY(!m_view->quickAddPopup()->isVisible());
}

void TestRouteCanvas::deleteSelectionThenUndoRedo()
{
    click(cardPoint("llama_8b"));
    QCOMPARE(m_scene->selectedElementIds(), std::vector<std::string>{"llama_8b"});
    QTest::keyClick(m_view, Qt::Key_Delete);
    QVERIFY(!m_doc->route().contains("llama_8b"));
    QVERIFY(!m_scene->elementItem("llama_8b"));
    QVERIFY(!m_scene->edgeItem("free_rate_limit", "success"));
    const std::string deleted = json(*m_doc);

    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), m_original);
    QVERIFY(m_scene->elementItem("llama_8b"));
    QCOMPARE(m_scene->edgeItem("free_rate_limit", "success")->target(), m_scene->elementItem("llama_8b"));
    QVERIFY(m_scene->edgeItem("llama_8b", "fallback"));
    m_doc->undoStack()->redo();
    QCOMPARE(json(*m_doc), deleted);
    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), m_original);
}

void TestRouteCanvas::deleteSelectedWireDisconnects()
{
    EdgeItem *edge = m_scene->edgeItem("start", "next");
    QVERIFY(edge);
    // Click the middle of the curve.
    const QPointF mid = edge->path().pointAtPercent(0.5);
    click(viewPoint(mid));
    QVERIFY(edge->isSelected());
    QTest::keyClick(m_view, Qt::Key_Delete);
    QVERIFY(!m_scene->edgeItem("start", "next"));
    QVERIFY(m_doc->route().contains("plan_check"));
    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), m_original);
    QVERIFY(m_scene->edgeItem("start", "next"));
}

void TestRouteCanvas::deleteElementsAndWiresIsOneUndoStep()
{
    for (const char *id : {"llama_8b", "gpt4o_mini", "claude_haiku"}) {
        m_scene->elementItem(id)->setSelected(true);
    }
    // Wires between elements that stay: disconnected on their own.
    m_scene->edgeItem("start", "next")->setSelected(true);
    m_scene->edgeItem("plan_check", "true")->setSelected(true);
    const int before = m_doc->undoStack()->count();

    QTest::keyClick(m_view, Qt::Key_Delete);
    QCOMPARE(m_doc->undoStack()->count(), before + 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Delete 3 elements and 2 wires"));
    QVERIFY(!m_doc->route().contains("gpt4o_mini"));
    QVERIFY(!m_scene->edgeItem("start", "next"));
    QVERIFY(!m_scene->edgeItem("plan_check", "true"));
    const std::string deleted = json(*m_doc);

    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), m_original);
    QVERIFY(m_scene->edgeItem("start", "next"));
    QVERIFY(m_scene->edgeItem("plan_check", "true"));
    QVERIFY(m_scene->elementItem("claude_haiku"));
    m_doc->undoStack()->redo();
    QCOMPARE(json(*m_doc), deleted);
}

void TestRouteCanvas::copyPasteRemapsIds()
{
    m_scene->selectElements({"paid_split", "gpt4o_mini"});
    const std::size_t before = m_doc->route().size();
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(m_doc->route().size(), before + 2);
    const std::vector<std::string> pasted = m_scene->selectedElementIds();
    QCOMPARE(pasted.size(), std::size_t(2));
    for (const std::string &id : pasted) {
        QVERIFY(id != "paid_split" && id != "gpt4o_mini");
        QVERIFY(m_scene->elementItem(id));
    }
    const Element *split = m_doc->route().find(pasted[0]);
    QCOMPARE(split->type, ElementType::Percentage);
    // The wire inside the copied set follows the new ids; the one leaving it is dropped.
    QCOMPARE(split->output("60%")->target, pasted[1]);
    QVERIFY(m_scene->edgeItem(pasted[0], "60%"));
    // The pair keeps its arrangement (where it lands is tst_canvasbuilding's concern).
    QCOMPARE(m_doc->position(pasted[1]).value() - m_doc->position(pasted[0]).value(),
             m_doc->position("gpt4o_mini").value() - m_doc->position("paid_split").value());
    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), m_original);
}

void TestRouteCanvas::duplicateSelection()
{
    click(cardPoint("end"));
    QTest::keyClick(m_view, Qt::Key_D, Qt::ControlModifier);
    const std::vector<std::string> selected = m_scene->selectedElementIds();
    QCOMPARE(selected.size(), std::size_t(1));
    QVERIFY(selected.front() != "end");
    QCOMPARE(m_doc->route().find(selected.front())->type, ElementType::End);
}

void TestRouteCanvas::badgesFollowFindings()
{
    const ElementItem *start = m_scene->elementItem("start");
    QCOMPARE(start->errorCount() + start->warningCount(), 0);
    m_doc->disconnectOutput("start", "next");
    QVERIFY(start->errorCount() > 0);
    QVERIFY(start->toolTip().contains(QStringLiteral("•")));
    m_doc->undoStack()->undo();
    QCOMPARE(start->errorCount() + start->warningCount(), 0);
    QVERIFY(!start->toolTip().contains(QStringLiteral("•")));
}

void TestRouteCanvas::zoomAndFitChangeTransform()
{
    QCOMPARE(m_view->zoom(), 1.0);
    const QPoint at = cardPoint("plan_check");
    const QPointF sceneAt = m_view->mapToScene(at);
    QWheelEvent wheel(at, m_view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_view->viewport(), &wheel);
    QVERIFY(m_view->zoom() > 1.1);
    // Zoom keeps the point under the cursor in place.
    QVERIFY(QLineF(m_view->mapFromScene(sceneAt), at).length() <= 2);

    QTest::keyClick(m_view, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(m_view->zoom(), 1.0);
    QTest::keyClick(m_view, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(m_view->zoom() > 1.0);
    QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(m_view->zoom() < 1.0);

    m_view->resetZoom();
    m_view->centerOn(QPointF(5000, 5000));
    QTest::keyClick(m_view, Qt::Key_F);
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(m_scene->elementsBoundingRect()));

    m_scene->selectElements({"end"});
    QTest::keyClick(m_view, Qt::Key_F, Qt::ShiftModifier);
    const QRectF around = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QVERIFY(around.contains(m_scene->elementItem("end")->sceneBoundingRect().center()));
    QVERIFY(!around.contains(m_scene->elementItem("start")->pos()));
}

void TestRouteCanvas::draggingCardMovesItAndItsEdges()
{
    const QPointF before = m_doc->position("plan_check").value();
    const int commands = m_doc->undoStack()->count();
    const QPoint from = cardPoint("plan_check");
    QWidget *vp = m_view->viewport();
    QTest::mousePress(vp, Qt::LeftButton, {}, from);
    for (int step = 1; step <= 5; ++step) {
        QTest::mouseMove(vp, from + QPoint(step * 21, step * 9));
    }
    QTest::mouseRelease(vp, Qt::LeftButton, {}, from + QPoint(105, 45));

    const QPointF after = m_doc->position("plan_check").value();
    QCOMPARE(after, canvas::snapToGrid(before + QPointF(105, 45)));
    QCOMPARE(m_scene->elementItem("plan_check")->pos(), after);
    QCOMPARE(m_doc->undoStack()->count(), commands + 1); // the whole drag is one undo step

    const ElementItem *card = m_scene->elementItem("plan_check");
    const EdgeItem *in = m_scene->edgeItem("start", "next");
    const EdgeItem *out = m_scene->edgeItem("plan_check", "true");
    QCOMPARE(in->path().currentPosition(), card->mapToScene(card->inputPortPos()));
    QCOMPARE(out->path().elementAt(0), card->mapToScene(card->outputPortPos(0)));
    m_doc->undoStack()->undo();
    QCOMPARE(json(*m_doc), m_original);
    QCOMPARE(in->path().currentPosition(), card->mapToScene(card->inputPortPos()));
    QCOMPARE(card->pos(), before);
}

void TestRouteCanvas::arrowKeysNudgeByGrid()
{
    click(cardPoint("end"));
    const QPointF before = m_doc->position("end").value();
    QTest::keyClick(m_view, Qt::Key_Right);
    QCOMPARE(m_doc->position("end").value(), before + QPointF(canvas::kGrid, 0));
    QTest::keyClick(m_view, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(m_doc->position("end").value(),
             before + QPointF(canvas::kGrid, canvas::kGrid * canvas::kCoarseNudgeSteps));
}

void TestRouteCanvas::farZoomPaintsBatchedOverview()
{
    // Below kLodOverview the view paints the route itself in batches; what it shows and what a click or a
    // rubber band selects must still be the scene's items.
    m_view->setZoom(canvas::kLodOverview / 2, m_view->viewport()->rect().center());
    m_view->centerOn(m_scene->elementsBoundingRect().center());
    const ElementItem *start = m_scene->elementItem("start");
    const QRectF card = start->cardRect().translated(start->pos());
    const QColor startColor = ElementTypeStyle::color(ElementType::Start);

    QImage frame = m_view->viewport()->grab().toImage();
    QCOMPARE(frame.pixelColor(viewPoint(card.center())).rgb(), startColor.rgb());
    const QPoint outside = viewPoint(card.topLeft()) - QPoint(2, 2);
    QVERIFY(frame.pixelColor(outside).rgb() != QColor(0x1A, 0x73, 0xE8).rgb());

    // A rubber band dragged around the card at this zoom selects it, and the selection ring is drawn.
    dragOnViewport(viewPoint(card.topLeft()) - QPoint(6, 6), viewPoint(card.bottomRight()) + QPoint(6, 6));
    QCOMPARE(m_scene->selectedElementIds(), std::vector<std::string>{"start"});
    frame = m_view->viewport()->grab().toImage();
    QCOMPARE(frame.pixelColor(outside).rgb(), QColor(0x1A, 0x73, 0xE8).rgb());

    // The overview follows edits: a moved card is drawn where it now is, and nothing is left where it was.
    const QPointF shift(0, 700);
    m_doc->moveElements({{"start", start->pos() + shift}});
    frame = m_view->viewport()->grab().toImage();
    QCOMPARE(frame.pixelColor(viewPoint(card.center() + shift)).rgb(), startColor.rgb());
    QVERIFY(frame.pixelColor(viewPoint(card.center())).rgb() != startColor.rgb());
}

void TestRouteCanvas::overviewRasterClipsAndFills()
{
    // A raster over logical (100,50)-(199,149) at 2x: 200x200 pixels.
    OverviewRaster raster(QRect(100, 50, 100, 100), 2.0);
    const QImage &image = raster.image();
    QCOMPARE(image.size(), QSize(200, 200));
    const QRgb blue = qRgb(0, 0, 255);
    const auto count = [&image](QRgb color) {
        int n = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                n += image.pixel(x, y) == color ? 1 : 0;
            }
        }
        return n;
    };
    // Entirely outside: nothing drawn, no write out of bounds.
    raster.drawLine(QLineF(-5000, -5000, -10, 40), blue);
    raster.drawLine(QLineF(300, 0, 400, 500), blue);
    QCOMPARE(count(blue), 0);
    // From far off screen across it horizontally: clipped to exactly the image's width.
    raster.drawLine(QLineF(-100000, 100, 100000, 100), blue);
    QCOMPARE(count(blue), 200);
    QCOMPARE(image.pixel(0, 100), blue);
    QCOMPARE(image.pixel(199, 100), blue);
    // A rect smaller than a pixel still shows; one hanging over the edge is cut.
    const QRgb red = qRgb(255, 0, 0);
    raster.fillRect(QRectF(120.1, 60.1, 0.1, 0.1), red);
    QCOMPARE(count(red), 1);
    raster.fillRect(QRectF(190, 140, 50, 50), red);
    QCOMPARE(count(red), 1 + 20 * 20);
}

void TestRouteCanvas::rubberBandSelects()
{
    const ElementItem *a = m_scene->elementItem("start");
    const ElementItem *b = m_scene->elementItem("plan_check");
    const QRectF both = a->sceneBoundingRect() | b->sceneBoundingRect();
    dragOnViewport(viewPoint(both.topLeft() - QPointF(30, 30)), viewPoint(b->sceneBoundingRect().center()));
    const std::vector<std::string> selected = m_scene->selectedElementIds();
    QVERIFY(std::find(selected.begin(), selected.end(), "start") != selected.end());
    QVERIFY(std::find(selected.begin(), selected.end(), "plan_check") != selected.end());
}

void TestRouteCanvas::minimapMovesMainView()
{
    RouteMinimap *minimap = m_view->minimap();
    QVERIFY(minimap->isVisible());
    QVERIFY(m_view->viewport()->geometry().contains(minimap->geometry()));
    QCoreApplication::processEvents();
    const QPointF target = m_scene->elementItem("end")->sceneBoundingRect().center();
    QTest::mouseClick(minimap->viewport(), Qt::LeftButton, {}, minimap->mapFromScene(target));
    const QPointF center = m_view->mapToScene(m_view->viewport()->rect().center());
    QVERIFY2(QLineF(center, target).length() < 30, qPrintable(QStringLiteral("%1,%2").arg(center.x()).arg(center.y())));
    m_view->minimapAction()->toggle();
    QVERIFY(!minimap->isVisible());
}

void TestRouteCanvas::minimapScalesWithTheView()
{
    RouteMinimap *minimap = m_view->minimap();
    const auto checkPlacement = [this, minimap](QSize windowSize) {
        m_window->resize(windowSize);
        QTRY_COMPARE(m_view->viewport()->size(), windowSize);
        const QRect area = m_view->viewport()->geometry();
        QVERIFY(minimap->isVisible());
        const QRect box = minimap->geometry();
        QVERIFY2(box.width() <= area.width() * 0.22 && box.height() <= area.height() * 0.25,
                 qPrintable(QStringLiteral("%1x%2 in %3x%4")
                                .arg(box.width())
                                .arg(box.height())
                                .arg(area.width())
                                .arg(area.height())));
        QVERIFY(box.width() >= 90 && box.height() >= 64);
        // Anchored to the bottom-right corner.
        QCOMPARE(area.right() - box.right(), RouteMinimap::kMargin);
        QCOMPARE(area.bottom() - box.bottom(), RouteMinimap::kMargin);
    };
    checkPlacement(QSize(640, 420));
    checkPlacement(QSize(440, 310));
    checkPlacement(QSize(1600, 1000));
    const QSize large = minimap->size();
    checkPlacement(QSize(2560, 1440));
    // A large screen does not make it any larger.
    QCOMPARE(minimap->size(), large);

    // Too small a view: no overview at all, and it comes back when there is room again.
    m_window->resize(400, 280);
    QTRY_COMPARE(m_view->viewport()->size(), QSize(400, 280));
    QVERIFY(!minimap->isVisible());
    checkPlacement(QSize(900, 600));

    // The user's choice wins over the room.
    m_view->minimapAction()->setChecked(false);
    m_window->resize(1200, 800);
    QTRY_COMPARE(m_view->viewport()->size(), QSize(1200, 800));
    QVERIFY(!minimap->isVisible());
    m_view->minimapAction()->setChecked(true);
    QVERIFY(minimap->isVisible());
    m_window->resize(400, 280);
    QTRY_COMPARE(m_view->viewport()->size(), QSize(400, 280));
    QVERIFY(!minimap->isVisible());
    QVERIFY(m_view->minimapAction()->isChecked());
}

void TestRouteCanvas::quickAddFilters()
{
    m_view->openQuickAdd(emptyPoint());
    QuickAddPopup *popup = m_view->quickAddPopup();
    QVERIFY(popup->isVisible());
    QCOMPARE(popup->listedTypes().size(), std::size_t(5)); // every type but a second start
    QTest::keyClicks(popup->searchField(), QStringLiteral("limit"));
    QCOMPARE(popup->listedTypes(), std::vector<ElementType>{ElementType::Rate});
    QTest::keyClick(popup->searchField(), Qt::Key_Escape);
    QVERIFY(!popup->isVisible());
    QCOMPARE(json(*m_doc), m_original);
}

void TestRouteCanvas::fitLeavesTheMinimapClear()
{
    // Three cards a row, three rows: there is a card in every corner of the route, the bottom-right one
    // included, where the minimap floats.
    RouteDocument::Positions positions;
    const Route &route = m_doc->route();
    for (std::size_t i = 0; i < route.size(); ++i) {
        positions[route.elements()[i].id] = QPointF(static_cast<qreal>(i % 3) * 320, static_cast<qreal>(i / 3) * 260);
    }
    m_doc->setPositions(positions, QStringLiteral("grid"));
    RouteMinimap *minimap = m_view->minimap();
    for (const QSize size : {QSize(1600, 1000), QSize(1280, 720), QSize(900, 600), QSize(700, 700), QSize(1400, 500)}) {
        m_window->resize(size);
        QTRY_COMPARE(m_view->viewport()->size(), size);
        QVERIFY(minimap->isVisible());
        QTest::keyClick(m_view, Qt::Key_F);
        const QRect box = minimap->geometry().translated(-m_view->viewport()->pos());
        for (const Element &element : route.elements()) {
            const ElementItem *item = m_scene->elementItem(element.id);
            const QRect card = m_view->mapFromScene(item->cardRect().translated(item->pos())).boundingRect();
            QVERIFY2(m_view->viewport()->rect().contains(card), qPrintable(QString::fromStdString(element.id)));
            QVERIFY2(!card.intersects(box), qPrintable(QStringLiteral("%1 under the minimap in %2x%3")
                                                           .arg(QString::fromStdString(element.id))
                                                           .arg(size.width())
                                                           .arg(size.height())));
        }
    }
}

void TestRouteCanvas::wiresArePickedWithinSixPixels_data()
{
    QTest::addColumn<qreal>("zoom");
    QTest::newRow("0.25 (straight wires)") << 0.25;
    QTest::newRow("0.5") << 0.5;
    QTest::newRow("1") << 1.0;
    QTest::newRow("2") << 2.0;
}

void TestRouteCanvas::wiresArePickedWithinSixPixels()
{
    QFETCH(qreal, zoom);
    // start -> plan_check runs across the empty gap between the first two cards of a row.
    EdgeItem *edge = m_scene->edgeItem("start", "next");
    QVERIFY(edge);
    m_view->setZoom(zoom, m_view->viewport()->rect().center());
    const bool straight = zoom < canvas::kLodShape;
    const QPointF middle = straight ? (edge->startPoint() + edge->endPoint()) / 2 : edge->path().pointAtPercent(0.5);
    m_view->centerOn(middle);
    // Across the wire as drawn, in screen pixels.
    const QPointF along = straight ? QPointF(edge->endPoint() - edge->startPoint())
                                   : QPointF(std::cos(qDegreesToRadians(edge->path().angleAtPercent(0.5))),
                                             -std::sin(qDegreesToRadians(edge->path().angleAtPercent(0.5))));
    const QPointF normal = QPointF(-along.y(), along.x()) / std::hypot(along.x(), along.y());
    const QPointF onScreen = m_view->mapFromScene(middle);
    const auto at = [&](qreal pixels, int side) {
        return (onScreen + normal * pixels * side).toPoint();
    };
    for (const int side : {1, -1}) {
        m_scene->clearSelection();
        click(at(9, side));
        QVERIFY2(m_scene->selectedItems().isEmpty(), "9 px from the wire picked it");
        click(at(5, side));
        QCOMPARE(m_scene->selectedEdges(), std::vector<EdgeItem *>{edge});
        // Ctrl+click near it takes it out of the selection again, as for cards.
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ControlModifier, at(4, side));
        QVERIFY(m_scene->selectedItems().isEmpty());
        // Delete removes the picked wire.
        click(at(3, side));
        QCOMPARE(m_scene->selectedEdges(), std::vector<EdgeItem *>{edge});
    }
    QTest::keyClick(m_view, Qt::Key_Delete);
    const Output *next = m_doc->route().find("start")->output("next");
    QVERIFY(next == nullptr || next->target.empty());
}

// RD_SCREENSHOT_DIR=<dir> saves what the canvas looks like (the demo route, fitted, one card selected, one
// finding), for people to look at; without it this only checks that painting at every zoom runs.
void TestRouteCanvas::screenshot()
{
    m_window->resize(1280, 720);
    m_doc->disconnectOutput("claude_haiku", "fallback");
    m_scene->selectElements({"paid_split"});
    m_view->fitToView();
    QCoreApplication::processEvents();
    const QImage fitted = m_window->grab().toImage();
    QVERIFY(!fitted.isNull());
    m_view->setZoom(0.3, m_view->viewport()->rect().center());
    const QImage far = m_window->grab().toImage();
    m_view->setZoom(0.55, m_view->viewport()->rect().center());
    const QImage mid = m_window->grab().toImage();
    const QByteArray dir = qgetenv("RD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        fitted.save(QString::fromLocal8Bit(dir) + QStringLiteral("/canvas-demo.png"));
        far.save(QString::fromLocal8Bit(dir) + QStringLiteral("/canvas-demo-far.png"));
        mid.save(QString::fromLocal8Bit(dir) + QStringLiteral("/canvas-demo-mid.png"));
    }
}

QTEST_MAIN(TestRouteCanvas)
#include "tst_routecanvas.moc"
