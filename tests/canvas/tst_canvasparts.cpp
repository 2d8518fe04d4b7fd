// The parts RouteView is made of, each on its own: the dotted paper (CanvasGrid) and zoom and fit (CanvasZoom).
// What the view does with wires, edits and actions is driven through real input in tst_routecanvas,
// tst_canvasbuilding and tst_canvaslifetime.
#include "app/RouteDocument.h"
#include "support/RouteGenerator.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasGrid.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/CanvasZoom.h"
#include "widgets/canvas/FreeSpot.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace rd;

namespace {

QImage paintGrid(CanvasGrid &grid, qreal zoom, QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    QPainter painter(&image);
    painter.scale(zoom, zoom);
    grid.paint(&painter, QRectF(QPointF(0, 0), QSizeF(size) / zoom), zoom);
    return image;
}

// Thirty cards in rows of ten, in an 800 x 600 view on screen.
struct Canvas
{
    RouteDocument doc{test::makeSyntheticRoute(30)};
    RouteScene scene{&doc};
    RouteView view{&scene};

    Canvas()
    {
        view.resize(800, 600);
        view.show();
    }
};

bool isPaper(QRgb pixel)
{
    return (pixel | 0xFF000000u) == canvas::kCanvasBackground.rgb();
}

} // namespace

class TestCanvasParts : public QObject
{
    Q_OBJECT

private slots:
    void aLargeGroupGoesWhereItFitsWithoutTheRingSearch()
    {
        // 100 cards (a large paste) against a block of 60 occupied ones. Wanted on the block: right of every card,
        // level with the wanted spot, on nothing; wanted on empty canvas: exactly there.
        std::vector<QRectF> occupied;
        for (int i = 0; i < 60; ++i) {
            occupied.emplace_back((i % 10) * 300, (i / 10) * 200, 220, 120);
        }
        const FreeSpot spot(occupied, canvas::kGrid);
        std::vector<QRectF> group;
        for (int i = 0; i < 100; ++i) {
            group.emplace_back((i % 10) * 300, (i / 10) * 200, 220, 120);
        }
        const QRectF visible(-500, -500, 4000, 3000);
        const QPointF onTheBlock = spot.nearest(group, QPointF(600, 400), visible);
        QVERIFY(spot.isFree(group, onTheBlock));
        QVERIFY2(onTheBlock.x() >= 9 * 300 + 220, qPrintable(QString::number(onTheBlock.x())));
        QCOMPARE(onTheBlock.y(), 400.0);
        const QPointF empty(20000, 20000);
        QCOMPARE(spot.nearest(group, empty, visible), empty);
    }

    void gridDotsSitOnTheGrid()
    {
        CanvasGrid grid;
        // At 100% a dot every 20 units, a larger one every 100; paper between them.
        const QImage image = paintGrid(grid, 1.0, QSize(240, 240));
        QVERIFY(isPaper(image.pixel(10, 10)));
        QVERIFY(isPaper(image.pixel(50, 30)));
        for (const QPoint at : {QPoint(0, 0), QPoint(100, 100), QPoint(200, 0), QPoint(20, 0), QPoint(40, 60)}) {
            QVERIFY2(qGray(image.pixel(at)) < qGray(canvas::kCanvasBackground.rgb()),
                     qPrintable(QStringLiteral("no dot at %1,%2").arg(at.x()).arg(at.y())));
        }
        // A major dot is larger than a minor one.
        const auto ink = [&image](QPoint centre) {
            int n = 0;
            for (int dx = -3; dx <= 3; ++dx) {
                for (int dy = -3; dy <= 3; ++dy) {
                    n += image.rect().contains(centre + QPoint(dx, dy)) &&
                         !isPaper(image.pixel(centre + QPoint(dx, dy)));
                }
            }
            return n;
        };
        QVERIFY(ink(QPoint(100, 100)) > ink(QPoint(120, 120)));
    }

    void gridThinsOutAndStops()
    {
        CanvasGrid grid;
        // At 30% dots 20 units apart would be 6 px: the grid steps up to 100 units (30 px).
        const QImage coarse = paintGrid(grid, 0.3, QSize(200, 200));
        QVERIFY(!isPaper(coarse.pixel(30, 30)));
        QVERIFY(isPaper(coarse.pixel(6, 15)));
        // Far out even the coarse dots would be haze: paper only.
        const QImage far = paintGrid(grid, 0.01, QSize(200, 200));
        for (int y = 0; y < far.height(); y += 7) {
            for (int x = 0; x < far.width(); x += 7) {
                QVERIFY(isPaper(far.pixel(x, y)));
            }
        }
    }

    void zoomClampsAndTellsTheView()
    {
        Canvas canvas;
        RouteView &view = canvas.view;
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy zoomed(&view, &RouteView::zoomChanged);
        QSignalSpy visible(&view, &RouteView::visibleAreaChanged);
        view.setZoom(100, QPoint(10, 10));
        QCOMPARE(view.zoom(), RouteView::kMaxZoom);
        QCOMPARE(zoomed.size(), 1);
        QCOMPARE(zoomed.front().front().toReal(), RouteView::kMaxZoom);
        QVERIFY(visible.size() >= 1);
        view.setZoom(RouteView::kMaxZoom, QPoint(10, 10));
        QCOMPARE(zoomed.size(), 1); // no change, no signal
        view.zoomOut();
        QCOMPARE(view.zoom(), RouteView::kMaxZoom / 1.25);
    }

    // A route opened fitted stays fitted while the view is resized, until the user zooms or scrolls.
    void fitIsFollowedUntilTheUserMoves()
    {
        Canvas canvas;
        RouteView &view = canvas.view;
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *zoom = view.findChild<CanvasZoom *>();
        QVERIFY(zoom != nullptr);

        view.fitForReading();
        QVERIFY(zoom->followsFit());
        const qreal fitted = view.zoom();
        view.resize(1200, 900);
        QVERIFY(zoom->followsFit());
        QVERIFY(view.zoom() > fitted); // fitted again, to the larger view

        view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() + 40);
        QVERIFY(!zoom->followsFit());

        view.fitForReading();
        view.zoomIn();
        QVERIFY(!zoom->followsFit());
        const qreal zoomed = view.zoom();
        view.resize(800, 600);
        QCOMPARE(view.zoom(), zoomed);
    }
};

QTEST_MAIN(TestCanvasParts)
#include "tst_canvasparts.moc"
