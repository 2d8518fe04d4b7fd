// Wires are drawn into the view's cached background, not painted one by one (EdgeItem): every check here reads
// what the view shows after an edit and compares it with a picture drawn from scratch, so a wire left behind in
// the cache, or one missing from it, fails.
#include "app/RouteDocument.h"
#include "support/RouteGenerator.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QImage>
#include <QScrollBar>
#include <QTest>
#include <QUndoStack>

#include <cmath>

using namespace rd;

namespace {

RouteDocument::Positions gridPositions(const Route &route)
{
    RouteDocument::Positions positions;
    for (std::size_t i = 0; i < route.size(); ++i) {
        positions[route.elements()[i].id] = QPointF(static_cast<qreal>(i % 6) * 320, static_cast<qreal>(i / 6) * 220);
    }
    return positions;
}

} // namespace

class TestCanvasWires : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void cachedPictureEqualsAFreshOne();
    void wireFollowsItsCardAndSettles();

private:
    // What the viewport shows now, and what it shows when everything is drawn again from nothing.
    QImage shown() const { return m_view->viewport()->grab().toImage(); }
    QImage redrawn() const
    {
        m_view->resetCachedContent();
        return shown();
    }
    // Pixels that differ by more than antialiasing could explain.
    static int differing(const QImage &a, const QImage &b);
    // Whether the view shows a plain wire's ink within a pixel of `scenePos`.
    bool wireInkAt(const QImage &image, QPointF scenePos) const;
    // A plain (not fallback) wire whose middle is in view and on no card.
    EdgeItem *openWire() const;

    RouteDocument *m_doc = nullptr;
    RouteScene *m_scene = nullptr;
    RouteView *m_view = nullptr;
};

void TestCanvasWires::init()
{
    const Route route = test::makeSyntheticRoute(36);
    m_doc = new RouteDocument(route, gridPositions(route));
    m_scene = new RouteScene(m_doc);
    m_view = new RouteView(m_scene);
    m_view->resize(1100, 760);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->resetZoom();
    m_view->centerOn(QPointF(800, 300));
    QTest::qWait(50);
}

void TestCanvasWires::cleanup()
{
    delete m_view;
    delete m_scene;
    delete m_doc;
}

int TestCanvasWires::differing(const QImage &a, const QImage &b)
{
    if (a.size() != b.size()) {
        return a.width() * a.height();
    }
    int n = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QColor p = a.pixelColor(x, y);
            const QColor q = b.pixelColor(x, y);
            n += std::abs(p.red() - q.red()) > 48 || std::abs(p.green() - q.green()) > 48 ||
                         std::abs(p.blue() - q.blue()) > 48
                     ? 1
                     : 0;
        }
    }
    return n;
}

bool TestCanvasWires::wireInkAt(const QImage &image, QPointF scenePos) const
{
    const QPoint at = m_view->mapFromScene(scenePos);
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            const QColor c = image.pixelColor(at + QPoint(dx, dy));
            if (std::abs(c.red() - canvas::kWire.red()) < 30 && std::abs(c.green() - canvas::kWire.green()) < 30 &&
                std::abs(c.blue() - canvas::kWire.blue()) < 30) {
                return true;
            }
        }
    }
    return false;
}

EdgeItem *TestCanvasWires::openWire() const
{
    const QRectF visible = m_view->visibleSceneRect().adjusted(40, 40, -40, -40);
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->type() != EdgeItem::Type) {
            continue;
        }
        auto *edge = static_cast<EdgeItem *>(item);
        const QPointF middle = edge->path().pointAtPercent(0.5);
        if (edge->isFallback() || !visible.contains(middle)) {
            continue;
        }
        const QList<QGraphicsItem *> under = m_scene->items(QRectF(middle - QPointF(12, 12), QSizeF(24, 24)));
        if (std::none_of(under.begin(), under.end(), [](QGraphicsItem *i) { return i->type() == ElementItem::Type; })) {
            return edge;
        }
    }
    return nullptr;
}

void TestCanvasWires::cachedPictureEqualsAFreshOne()
{
    // Edits of every kind, each followed by a look: what the cache holds equals a picture drawn from scratch.
    const auto same = [this](const char *after) {
        QTest::qWait(30); // the event loop paints what the edit invalidated
        const QImage cached = shown();
        const QImage fresh = redrawn();
        const int n = differing(cached, fresh);
        if (const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR"); !dir.isEmpty() && n >= 40) {
            cached.save(dir + QStringLiteral("/wires-cached-%1.png").arg(QString::fromLatin1(after).replace(' ', '-')));
            fresh.save(dir + QStringLiteral("/wires-fresh-%1.png").arg(QString::fromLatin1(after).replace(' ', '-')));
        }
        QVERIFY2(n < 40, qPrintable(QStringLiteral("%1: %2 pixels differ from a fresh picture").arg(after).arg(n)));
    };
    same("opening");
    const auto &elements = m_doc->route().elements();
    const std::string moved = elements[8].id;
    m_doc->moveElements({{moved, m_doc->position(moved).value() + QPointF(140, 90)}});
    same("moving a card");
    QTest::qWait(400); // its wires settle back into the background
    same("the wires settling");
    EdgeItem *wire = openWire();
    QVERIFY(wire != nullptr);
    wire->setSelected(true);
    same("selecting a wire");
    m_scene->clearSelection();
    same("deselecting it");
    m_doc->removeElements({elements[9].id, elements[10].id});
    same("deleting two cards");
    m_doc->undoStack()->undo();
    same("undoing that");
    QScrollBar *bar = m_view->horizontalScrollBar();
    bar->setValue(bar->value() + 37);
    same("scrolling");
    m_view->setZoom(0.6, m_view->viewport()->rect().center());
    same("zooming out");
    m_view->resetZoom();
    same("zooming back");
}

void TestCanvasWires::wireFollowsItsCardAndSettles()
{
    EdgeItem *wire = openWire();
    QVERIFY(wire != nullptr);
    const QPointF before = wire->path().pointAtPercent(0.5);
    QVERIFY(wireInkAt(shown(), before));
    const std::string target = wire->target()->elementId();
    // Down or up by a card's row, whichever keeps the wire's middle in view.
    const qreal dy = m_view->mapFromScene(before).y() < m_view->viewport()->height() / 2 ? 160 : -160;
    m_doc->moveElements({{target, m_doc->position(target).value() + QPointF(0, dy)}});
    QVERIFY(wire->isLive()); // paints itself while its card moves
    const QPointF after = wire->path().pointAtPercent(0.5);
    QVERIFY(m_view->viewport()->rect().contains(m_view->mapFromScene(after)));
    QTRY_VERIFY(wireInkAt(shown(), after));
    QTRY_VERIFY(!wireInkAt(shown(), before));
    QTRY_VERIFY_WITH_TIMEOUT(!wire->isLive(), 2000); // back in the background once the moves stop
    QTest::qWait(30);
    QVERIFY(wireInkAt(shown(), after));
    QVERIFY(!wireInkAt(shown(), before));
    // Deleting the card takes the wire off the picture.
    m_doc->removeElements({target});
    QTRY_VERIFY(!wireInkAt(shown(), after));
}

QTEST_MAIN(TestCanvasWires)
#include "tst_canvaswires.moc"
