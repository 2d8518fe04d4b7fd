// A route of 3,000+ elements seen from far out, where the view draws the batched overview: every check reads
// the pixels that are on screen (the window's backing store, as the event loop left it), so a picture that
// was not repainted after an edit fails, however right the scene's items are.
#include "app/RouteDocument.h"
#include "tests/support/RouteGenerator.h"
#include "widgets/ElementTypeStyle.h"
#include "widgets/canvas/CanvasMetrics.h"
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

using namespace rd;

namespace {

constexpr std::size_t kElements = 3001;
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
    void massChangesRepaintTheOverview();

private:
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
    m_window = std::make_unique<QWidget>();
    m_window->resize(1200, 900);
    const Route route = test::makeSyntheticRoute(kElements);
    QVERIFY(route.size() >= 3000);
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
    m_window.reset();
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

void TestLargeRouteCanvas::massChangesRepaintTheOverview()
{
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
    QTRY_VERIFY2_WITH_TIMEOUT(canvasCardPixels(onScreen()) == 0,
                              "the canvas still shows cards after deleting every element", kWait);
    QTRY_VERIFY2_WITH_TIMEOUT(minimapCardPixels(onScreen()) == 0,
                              "the minimap still shows cards after deleting every element", kWait);

    // Undo brings every card back, with no wheel step or other nudge.
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->route().size() >= 3000);
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
    QVERIFY(m_doc->route().size() >= 3000);
    QTRY_VERIFY2_WITH_TIMEOUT(wrongCentres(onScreen()).isEmpty(), qPrintable(wrongCentres(onScreen()).join(", ")),
                              kWait);
}

QTEST_MAIN(TestLargeRouteCanvas)
#include "tst_largeroutecanvas.moc"
