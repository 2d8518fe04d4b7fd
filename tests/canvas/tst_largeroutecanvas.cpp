// Routes of 3,000 and 5,000 elements, seen from far out (where the view draws the batched overview) and at 100%
// (cards and wires painted one by one): every check reads the pixels that are on screen (the window's backing
// store, as the event loop left it), so a picture that was not repainted after an edit fails, however right the
// scene's items are.
#include "app/RouteDocument.h"
#include "tests/support/RouteGenerator.h"
#include "widgets/ElementTypeStyle.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteMinimap.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QScreen>
#include <QTest>
#include <QUndoStack>
#include <QVBoxLayout>

#include <memory>
#include <set>
#include <tuple>

using namespace rd;

namespace {

// Generous for a loaded machine; a picture that is never repainted fails however long the wait.
constexpr int kWait = 5000;
constexpr int kColumns = 55;
// Wide gaps: a card moved by half a step lands where no card was before.
constexpr qreal kColumnStep = 400;
constexpr qreal kRowStep = 300;

RouteDocument::Positions gridPositions(const Route &route)
{
    RouteDocument::Positions positions;
    for (std::size_t i = 0; i < route.size(); ++i) {
        positions[route.elements()[i].id] =
            QPointF(static_cast<qreal>(i % kColumns) * kColumnStep, static_cast<qreal>(i / kColumns) * kRowStep);
    }
    return positions;
}

} // namespace

class TestLargeRouteCanvas : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void massChangesRepaintTheOverview_data();
    void massChangesRepaintTheOverview();
    void massDeleteAtFullDetail();

private:
    // Opens a synthetic route of `elements` in a 1200x900 window, zoomed far out.
    void open(std::size_t elements);
    // Scene wires that are not exactly the route's (each output into an element that exists, once), listed.
    QStringList wireMismatches() const;
    // Cards in view at full detail whose header does not show their type's colour, or, for `gone`, whose
    // header place still shows a card colour; at most a few listed.
    QStringList wrongHeaders(const QImage &image, const std::vector<std::pair<QPointF, QRgb>> &shown,
                             const std::vector<QPointF> &gone) const;
    // What the window shows now: its backing store, painted only by the updates the view scheduled.
    QImage onScreen() const;
    QPoint windowPoint(QPointF scenePos) const;
    QRect canvasRect() const;
    QRect minimapRect() const;
    // Pixels of the canvas, off the minimap, that have the colour of some card type.
    int canvasCardPixels(const QImage &image) const;
    // Pixels of the minimap that have the colour of some card type, except the blue of its frame (which a
    // percentage split's card shares).
    int minimapCardPixels(const QImage &image) const;
    // Card centres (window coordinates, off the minimap) whose pixel is not their card's colour, shifted by
    // `offset` in the scene; at most a few listed.
    QStringList wrongCentres(const QImage &image, QPointF offset = {}) const;
    // Centres the cards had before a move by `offset`, off the minimap, that still show a card colour.
    int leftBehind(const QImage &image, const std::vector<QPointF> &before) const;

    std::unique_ptr<QWidget> m_window;
    RouteDocument *m_doc = nullptr;
    RouteScene *m_scene = nullptr;
    RouteView *m_view = nullptr;
    std::set<QRgb> m_cardColors;
};

void TestLargeRouteCanvas::init()
{
    for (const ElementType type : {ElementType::Start, ElementType::Conditional, ElementType::Percentage,
                                   ElementType::Rate, ElementType::Model, ElementType::End, ElementType::Unknown}) {
        m_cardColors.insert(ElementTypeStyle::color(type).rgb());
    }
}

void TestLargeRouteCanvas::open(std::size_t elements)
{
    m_window = std::make_unique<QWidget>();
    m_window->resize(1200, 900);
    const Route route = test::makeSyntheticRoute(elements);
    QVERIFY(route.size() >= elements);
    m_doc = new RouteDocument(route, gridPositions(route), m_window.get());
    m_scene = new RouteScene(m_doc, m_window.get());
    m_view = new RouteView(m_scene, m_window.get());
    auto *layout = new QVBoxLayout(m_window.get());
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    // Far out from the first frame, as a large route file opens: no card is ever painted on its own, so only the
    // overview can show what changed.
    m_view->setZoom(RouteView::kMinZoom, QPoint());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_view->setFocus();
}

void TestLargeRouteCanvas::cleanup()
{
    // The view and the scene go before the document they show (as RouteEditorPage does).
    delete m_view;
    delete m_scene;
    m_view = nullptr;
    m_scene = nullptr;
    m_doc = nullptr;
    m_window.reset();
}

QStringList TestLargeRouteCanvas::wireMismatches() const
{
    QStringList wrong;
    std::multiset<std::tuple<std::string, std::string, std::string>> expected;
    for (const Element &element : m_doc->route().elements()) {
        for (const Output &out : element.outputs) {
            if (!out.target.empty() && m_doc->route().contains(out.target)) {
                expected.emplace(element.id, out.name, out.target);
            }
        }
    }
    std::size_t drawn = 0;
    for (const QGraphicsItem *item : m_scene->items()) {
        if (item->type() != EdgeItem::Type) {
            continue;
        }
        ++drawn;
        const auto *edge = static_cast<const EdgeItem *>(item);
        const auto it = expected.find({edge->source()->elementId(), edge->output(), edge->target()->elementId()});
        if (it == expected.end()) {
            if (wrong.size() < 5) {
                wrong << QStringLiteral("stray wire %1.%2")
                             .arg(QString::fromStdString(edge->source()->elementId()),
                                  QString::fromStdString(edge->output()));
            }
            continue;
        }
        expected.erase(it);
        if (m_scene->elementItem(edge->source()->elementId()) != edge->source() ||
            m_scene->elementItem(edge->target()->elementId()) != edge->target()) {
            wrong << QStringLiteral("a wire of %1 ends at a card the scene no longer has")
                         .arg(QString::fromStdString(edge->source()->elementId()));
        }
    }
    if (!expected.empty()) {
        wrong << QStringLiteral("%1 wires missing (%2 drawn)").arg(expected.size()).arg(drawn);
    }
    return wrong;
}

QStringList TestLargeRouteCanvas::wrongHeaders(const QImage &image, const std::vector<std::pair<QPointF, QRgb>> &shown,
                                               const std::vector<QPointF> &gone) const
{
    QStringList wrong;
    const QRect canvas = canvasRect().adjusted(2, 2, -2, -2);
    const QRect minimap = minimapRect().adjusted(-4, -4, 4, 4);
    int checked = 0;
    for (const auto &[at, colour] : shown) {
        const QPoint p = windowPoint(at);
        if (!canvas.contains(p) || minimap.contains(p)) {
            continue;
        }
        ++checked;
        if ((image.pixel(p) | 0xFF000000u) != colour && wrong.size() < 5) {
            wrong << QStringLiteral("no header at %1,%2").arg(p.x()).arg(p.y());
        }
    }
    for (const QPointF &at : gone) {
        const QPoint p = windowPoint(at);
        if (canvas.contains(p) && !minimap.contains(p) && m_cardColors.count(image.pixel(p) | 0xFF000000u) > 0 &&
            wrong.size() < 5) {
            wrong << QStringLiteral("a deleted card still shows at %1,%2").arg(p.x()).arg(p.y());
        }
    }
    if (!shown.empty() && checked < 2) {
        wrong << QStringLiteral("only %1 cards in view").arg(checked);
    }
    return wrong;
}

QImage TestLargeRouteCanvas::onScreen() const
{
    return m_window->screen()->grabWindow(m_window->winId()).toImage();
}

QPoint TestLargeRouteCanvas::windowPoint(QPointF scenePos) const
{
    return m_view->viewport()->mapTo(m_window.get(), m_view->mapFromScene(scenePos));
}

QRect TestLargeRouteCanvas::canvasRect() const
{
    return QRect(m_view->viewport()->mapTo(m_window.get(), QPoint()), m_view->viewport()->size());
}

QRect TestLargeRouteCanvas::minimapRect() const
{
    const RouteMinimap *minimap = m_view->minimap();
    return QRect(minimap->mapTo(m_window.get(), QPoint()), minimap->size());
}

int TestLargeRouteCanvas::canvasCardPixels(const QImage &image) const
{
    int n = 0;
    const QRect area = canvasRect().intersected(image.rect());
    const QRect minimap = minimapRect();
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (!minimap.contains(x, y)) {
                n += m_cardColors.count(image.pixel(x, y) | 0xFF000000u) > 0 ? 1 : 0;
            }
        }
    }
    return n;
}

int TestLargeRouteCanvas::minimapCardPixels(const QImage &image) const
{
    int n = 0;
    const QRect area = minimapRect().intersected(image.rect());
    const QRgb frame = ElementTypeStyle::color(ElementType::Percentage).rgb();
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QRgb pixel = image.pixel(x, y) | 0xFF000000u;
            n += pixel != frame && m_cardColors.count(pixel) > 0 ? 1 : 0;
        }
    }
    return n;
}

QStringList TestLargeRouteCanvas::wrongCentres(const QImage &image, QPointF offset) const
{
    QStringList wrong;
    int checked = 0;
    const QRect canvas = canvasRect();
    const QRect minimap = minimapRect().adjusted(-2, -2, 2, 2);
    for (const Element &element : m_doc->route().elements()) {
        const QPointF topLeft = m_doc->position(element.id).value() + offset;
        const ElementItem *item = m_scene->elementItem(element.id);
        const QPointF centre = topLeft + (item ? item->cardRect().center() : QPointF(canvas::kNodeWidth / 2, 40));
        const QPoint at = windowPoint(centre);
        if (!canvas.contains(at) || minimap.contains(at)) {
            continue;
        }
        ++checked;
        const QRgb expected = ElementTypeStyle::color(element.type).rgb();
        if ((image.pixel(at) | 0xFF000000u) != expected && wrong.size() < 5) {
            wrong << QStringLiteral("%1 at %2,%3").arg(QString::fromStdString(element.id)).arg(at.x()).arg(at.y());
        }
    }
    if (checked < 2000) {
        wrong << QStringLiteral("only %1 cards in view").arg(checked);
    }
    return wrong;
}

int TestLargeRouteCanvas::leftBehind(const QImage &image, const std::vector<QPointF> &before) const
{
    int n = 0;
    const QRect canvas = canvasRect();
    const QRect minimap = minimapRect().adjusted(-2, -2, 2, 2);
    for (const QPointF &centre : before) {
        const QPoint at = windowPoint(centre);
        if (canvas.contains(at) && !minimap.contains(at)) {
            n += m_cardColors.count(image.pixel(at) | 0xFF000000u) > 0 ? 1 : 0;
        }
    }
    return n;
}

void TestLargeRouteCanvas::massChangesRepaintTheOverview_data()
{
    QTest::addColumn<int>("elements");
    QTest::newRow("3,000 elements") << 3001;
    QTest::newRow("5,000 elements") << 5001;
}

void TestLargeRouteCanvas::massChangesRepaintTheOverview()
{
    QFETCH(int, elements);
    open(static_cast<std::size_t>(elements));
    // Far out, the whole route in view: the overview draws every card in its type's colour.
    QTest::keyClick(m_view, Qt::Key_F);
    QVERIFY2(m_view->zoom() < canvas::kLodOverview, qPrintable(QString::number(m_view->zoom())));
    QTRY_VERIFY_WITH_TIMEOUT(wrongCentres(onScreen()).isEmpty(), kWait);
    QVERIFY(minimapCardPixels(onScreen()) > 0);

    // Select all, copy, delete: every card leaves the screen, the minimap included.
    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_scene->selectedElementIds().size(), m_doc->route().size());
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_Delete);
    QCOMPARE(m_doc->route().size(), std::size_t(0));
    QCOMPARE(m_scene->items().size(), 0);
    QVERIFY(m_scene->selectedItems().isEmpty());
    QTRY_VERIFY2_WITH_TIMEOUT(canvasCardPixels(onScreen()) == 0,
                              "the canvas still shows cards after deleting every element", kWait);
    QTRY_VERIFY2_WITH_TIMEOUT(minimapCardPixels(onScreen()) == 0,
                              "the minimap still shows cards after deleting every element", kWait);

    // Undo brings every card back, with no wheel step or other nudge.
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->route().size(), std::size_t(elements));
    QCOMPARE(m_scene->elementCount(), std::size_t(elements));
    QVERIFY2(wireMismatches().isEmpty(), qPrintable(wireMismatches().join(", ")));
    QTRY_VERIFY2_WITH_TIMEOUT(wrongCentres(onScreen()).isEmpty(), qPrintable(wrongCentres(onScreen()).join(", ")),
                              kWait);
    QTRY_VERIFY_WITH_TIMEOUT(minimapCardPixels(onScreen()) > 0, kWait);

    // A mass move (every card, by the keyboard): cards show where they went, and nothing stays where they were.
    std::vector<QPointF> before;
    for (const Element &element : m_doc->route().elements()) {
        before.push_back(m_doc->position(element.id).value() + m_scene->elementItem(element.id)->cardRect().center());
    }
    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(m_view, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(m_view, Qt::Key_Escape); // no selection rings near the old places
    const QPointF moved(2 * canvas::kGrid * canvas::kCoarseNudgeSteps, 0);
    QCOMPARE(moved.x(), kColumnStep / 2);
    QTRY_VERIFY2_WITH_TIMEOUT(wrongCentres(onScreen()).isEmpty(), qPrintable(wrongCentres(onScreen()).join(", ")),
                              kWait);
    QTRY_COMPARE_WITH_TIMEOUT(leftBehind(onScreen(), before), 0, kWait);

    // Delete again, then paste the copy taken before: the pasted cards appear (one paste step off the originals).
    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(m_view, Qt::Key_Delete);
    QCOMPARE(m_doc->route().size(), std::size_t(0));
    QTRY_COMPARE_WITH_TIMEOUT(canvasCardPixels(onScreen()), 0, kWait);
    QTest::keyClick(m_view, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(m_doc->route().size(), std::size_t(elements));
    QVERIFY2(wireMismatches().isEmpty(), qPrintable(wireMismatches().join(", ")));
    QTRY_VERIFY2_WITH_TIMEOUT(wrongCentres(onScreen()).isEmpty(), qPrintable(wrongCentres(onScreen()).join(", ")),
                              kWait);
}

void TestLargeRouteCanvas::massDeleteAtFullDetail()
{
    // At 100%, in the middle of 5,000 cards, with the cards painted one by one: a block of 2,000 is deleted
    // (the rest stays, with wires into the deleted block from outside it), then the delete is undone.
    open(5001);
    const auto &elements = m_doc->route().elements();
    const std::size_t middle = elements.size() / 2;
    m_view->resetZoom();
    m_view->centerOn(m_doc->position(elements[middle].id).value() + QPointF(canvas::kNodeWidth / 2, 60));
    // A point in each card's header, below the rounded corner and left of the type's name.
    const auto headerPoint = [this](const std::string &id) {
        return m_doc->position(id).value() + QPointF(6, canvas::kHeaderHeight - 4);
    };
    std::vector<std::pair<QPointF, QRgb>> all;
    for (const Element &element : elements) {
        all.emplace_back(headerPoint(element.id), ElementTypeStyle::color(element.type).rgb());
    }
    QTRY_VERIFY2_WITH_TIMEOUT(wrongHeaders(onScreen(), all, {}).isEmpty(),
                              qPrintable(wrongHeaders(onScreen(), all, {}).join(", ")), kWait);

    // Every other card of the 2,000 around the middle row: deleted cards sit between kept ones in view.
    std::vector<std::string> doomed;
    std::vector<std::pair<QPointF, QRgb>> kept;
    std::vector<QPointF> gone;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const bool inBlock = i + 2000 >= middle && i < middle + 2000 && i % 2 == 0;
        if (inBlock) {
            doomed.push_back(elements[i].id);
            gone.push_back(headerPoint(elements[i].id));
        } else {
            kept.emplace_back(headerPoint(elements[i].id), ElementTypeStyle::color(elements[i].type).rgb());
        }
    }
    QCOMPARE(doomed.size(), std::size_t(2000));
    m_scene->selectElements(doomed);
    QCOMPARE(m_scene->selectedElementIds().size(), doomed.size());
    QTest::keyClick(m_view, Qt::Key_Delete);
    QCOMPARE(m_doc->route().size(), std::size_t(3001));
    QCOMPARE(m_scene->elementCount(), std::size_t(3001));
    QVERIFY(m_scene->selectedItems().isEmpty());
    QVERIFY2(wireMismatches().isEmpty(), qPrintable(wireMismatches().join(", ")));
    QTRY_VERIFY2_WITH_TIMEOUT(wrongHeaders(onScreen(), kept, gone).isEmpty(),
                              qPrintable(wrongHeaders(onScreen(), kept, gone).join(", ")), kWait);

    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->route().size(), std::size_t(5001));
    QCOMPARE(m_scene->elementCount(), std::size_t(5001));
    QVERIFY2(wireMismatches().isEmpty(), qPrintable(wireMismatches().join(", ")));
    QTRY_VERIFY2_WITH_TIMEOUT(wrongHeaders(onScreen(), all, {}).isEmpty(),
                              qPrintable(wrongHeaders(onScreen(), all, {}).join(", ")), kWait);
    // And redo takes them away again, as the first delete did.
    m_doc->undoStack()->redo();
    QVERIFY2(wireMismatches().isEmpty(), qPrintable(wireMismatches().join(", ")));
    QTRY_VERIFY2_WITH_TIMEOUT(wrongHeaders(onScreen(), kept, gone).isEmpty(),
                              qPrintable(wrongHeaders(onScreen(), kept, gone).join(", ")), kWait);
}

QTEST_MAIN(TestLargeRouteCanvas)
#include "tst_largeroutecanvas.moc"
