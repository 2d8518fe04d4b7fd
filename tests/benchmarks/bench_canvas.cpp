// The canvas at 100, 1,000 and 5,000 elements: how long the scene takes to build, and how long a full
// 1920x1080 frame takes to render at fit-to-view and at 100%. Also compares the scene's item index methods
// (NoIndex, BspTreeIndex) on what the editor does: build, drag a card, hit-test a click.
// Prints medians; run from a Release build with QT_QPA_PLATFORM=offscreen. Targets: build of 5,000 < 300 ms,
// a fit-to-view frame of 5,000 < 16 ms.
//
//   bench_canvas [--sizes 100,1000,5000] [--frames 10]
#include "app/RouteDocument.h"
#include "tests/support/RouteGenerator.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace rd;

namespace {

double medianMs(int runs, const std::function<void()> &work)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

RouteDocument::Positions gridPositions(const Route &route)
{
    const auto columns = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(route.size()) * 1.8)));
    RouteDocument::Positions positions;
    for (std::size_t i = 0; i < route.size(); ++i) {
        positions[route.elements()[i].id] =
            QPointF(static_cast<qreal>(i % columns) * 300, static_cast<qreal>(i / columns) * 200);
    }
    return positions;
}

void benchSize(std::size_t size, int frames)
{
    const Route route = test::makeSyntheticRoute(size);
    RouteDocument doc(route, gridPositions(route));
    std::printf("== %zu elements\n", route.size());

    // Construction only: tearing the scene down is not part of opening a route.
    std::vector<std::unique_ptr<RouteScene>> built;
    const double build = medianMs(3, [&] { built.push_back(std::make_unique<RouteScene>(&doc)); });
    built.clear();
    std::printf("scene build (NoIndex)            %9.2f ms\n", build);

    RouteScene scene(&doc);
    std::printf("  items: %zu cards, %zu wires\n", scene.elementCount(), scene.edgeCount());

    // Index methods: the cost of the first query after building (BSP builds its tree lazily), one drag step
    // of one card (moveElements + edges), and a click's hit test.
    const std::string &moved = route.elements()[route.size() / 2].id;
    const QPointF home = doc.position(moved).value();
    for (const auto method : {QGraphicsScene::NoIndex, QGraphicsScene::BspTreeIndex}) {
        const char *name = method == QGraphicsScene::NoIndex ? "NoIndex" : "BSP";
        const double first = medianMs(1, [&] {
            scene.setItemIndexMethod(method);
            scene.items(QPointF(home + QPointF(10, 10)));
        });
        int step = 0;
        const double drag = medianMs(51, [&] {
            ++step;
            doc.moveElements({{moved, home + QPointF(20.0 * (step % 7), 20.0 * (step % 5))}});
            scene.items(QPointF(home)); // the next paint or hover queries the index
        });
        const double hit = medianMs(51, [&] { scene.items(QPointF(home + QPointF(15, 15))); });
        std::printf("%-8s switch+first query %8.2f ms, drag step %7.3f ms, hit test %7.3f ms\n", name, first, drag,
                    hit);
    }
    scene.setItemIndexMethod(QGraphicsScene::NoIndex);

    RouteView view(&scene);
    view.resize(1920, 1080);
    view.show();
    QCoreApplication::processEvents();
    QImage frame(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    // A frame as the screen gets it: the viewport's paint event, through whatever path the view takes at that
    // zoom (batched overview far out, items close up).
    const auto paintFrame = [&] {
        view.viewport()->render(&frame);
    };
    // QGraphicsView::render, which always paints item by item: what Export Image costs.
    const auto renderItems = [&] {
        QPainter painter(&frame);
        view.render(&painter);
    };

    view.fitToView();
    paintFrame(); // warm caches (glyphs, static texts, the grid tile)
    std::printf("frame at fit-to-view (zoom %.3f)  %9.2f ms\n", view.zoom(), medianMs(frames, paintFrame));
    const auto overviewOnly = [&] {
        QPainter painter(&frame);
        painter.setWorldTransform(view.viewportTransform());
        scene.drawOverview(&painter, view.mapToScene(view.viewport()->rect()).boundingRect());
    };
    std::printf("  of which the batched overview    %9.2f ms\n", medianMs(frames, overviewOnly));
    renderItems();
    std::printf("  item-by-item render, same view  %9.2f ms\n", medianMs(frames, renderItems));
    view.resetZoom();
    view.centerOn(scene.elementsBoundingRect().center());
    // Zoomed out to half size cards show their compact face; while zooming, every frame repaints each card's
    // cache at the new scale, the cost a wheel step has.
    view.setZoom(0.5, view.viewport()->rect().center());
    paintFrame();
    std::printf("frame at 50%%                     %9.2f ms\n", medianMs(frames, paintFrame));
    int notch = 0;
    const auto zoomingFrame = [&] {
        view.setZoom(++notch % 2 == 0 ? 0.5 : 0.55, view.viewport()->rect().center());
        paintFrame();
    };
    std::printf("  zooming at 50%% (caches redrawn) %9.2f ms\n", medianMs(frames, zoomingFrame));
    view.resetZoom();
    paintFrame();
    std::printf("frame at 100%%                    %9.2f ms\n", medianMs(frames, paintFrame));
    // Wires are drawn into the view's cached background (EdgeItem): a repaint copies them, a scroll draws the
    // strip it uncovers, and a zoom step (or the first frame) draws every wire in view again.
    int pan = 0;
    const auto panningFrame = [&] {
        QScrollBar *bar = view.horizontalScrollBar();
        bar->setValue(bar->value() + (++pan % 2 == 0 ? 40 : -40));
        paintFrame();
    };
    std::printf("  panning at 100%% (40 px a frame)  %9.2f ms\n", medianMs(frames, panningFrame));
    const auto uncachedFrame = [&] {
        view.resetCachedContent();
        paintFrame();
    };
    std::printf("  background redrawn (zoom step)  %9.2f ms\n", medianMs(frames, uncachedFrame));
    // Where the 100% frame goes: the same frame without the wires, then without the cards as well (background,
    // item traversal), so each part's share can be read off.
    {
        std::vector<QGraphicsItem *> wires;
        std::vector<QGraphicsItem *> cards;
        for (QGraphicsItem *item : scene.items()) {
            (item->type() == ElementItem::Type ? cards : wires).push_back(item);
        }
        for (QGraphicsItem *item : wires) {
            item->setVisible(false);
        }
        paintFrame();
        std::printf("  of which cards + background      %9.2f ms (wires hidden)\n", medianMs(frames, paintFrame));
        for (QGraphicsItem *item : cards) {
            item->setVisible(false);
        }
        paintFrame();
        std::printf("  of which background              %9.2f ms (everything hidden)\n", medianMs(frames, paintFrame));
        for (QGraphicsItem *item : cards) {
            item->setVisible(true);
        }
        for (QGraphicsItem *item : wires) {
            item->setVisible(true);
        }
    }
    // The same frame with the BSP index: only the visible items are visited instead of all of them.
    scene.setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    paintFrame();
    std::printf("  same with the BSP index         %9.2f ms\n", medianMs(frames, paintFrame));
    scene.setItemIndexMethod(QGraphicsScene::NoIndex);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    std::vector<std::size_t> sizes{100, 1000, 5000};
    int frames = 10;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--sizes")) {
            sizes.clear();
            for (const QString &s : args[i + 1].split(QLatin1Char(','))) {
                sizes.push_back(s.toULongLong());
            }
        } else if (args[i] == QLatin1String("--frames")) {
            frames = std::max(1, args[i + 1].toInt());
        }
    }
    for (std::size_t size : sizes) {
        benchSize(size, frames);
    }
    return 0;
}
