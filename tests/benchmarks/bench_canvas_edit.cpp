// Mass edits on a large route as a person makes them in the editor: the whole RouteEditorPage (canvas, palette,
// inspector, problems, minimap) at 1920x1080 offscreen, so every listener of the selection and of the document
// pays its share. Each figure runs the action the menu runs, then the event loop until it is idle (posted events,
// queued signals, the repaint): the time until the window answers again.
//
//   select all; delete all; undo that; paste 1,000 copied cards (and undo the paste: not timed)
//   one drag step with 1 card and with 50 selected cards at 100%: followed by a full frame of the canvas, and
//   followed by the event loop (what the window repaints: the canvas's changed part and the minimap)
//
// Prints medians; run from a Release build (see BENCHMARKS.md).
//
//   bench_canvas_edit [--sizes 1000,5000] [--runs 5]
//   bench_canvas_edit --write N FILE    writes the synthetic route of N elements (positions included) to FILE,
//                                       for opening it in the app (/usr/bin/time -v route-designer FILE)
#include "app/RouteDocument.h"
#include "tests/support/RouteGenerator.h"
#include "ui/RouteEditorPage.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QStandardPaths>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

using namespace rd;

namespace {

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

// Until nothing is left to do: what a person waits for before the window takes the next key.
void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
}

double timedMs(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    settle();
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

void benchSize(std::size_t size, int runs)
{
    const Route route = test::makeSyntheticRoute(size);
    QElapsedTimer opened;
    opened.start();
    RouteEditorPage page(route, gridPositions(route), QString(), {});
    page.resize(1920, 1080);
    page.show();
    settle();
    std::printf("== %zu elements (page opened and shown in %.0f ms)\n", route.size(),
                static_cast<double>(opened.nsecsElapsed()) / 1e6);
    RouteView *view = page.view();
    RouteScene *scene = page.scene();
    RouteDocument *doc = page.document();

    std::vector<double> selectAll, deleteAll, undoDelete, paste;
    for (int run = 0; run < runs; ++run) {
        view->resetZoom();
        view->centerOn(scene->elementsBoundingRect().center());
        settle();
        selectAll.push_back(timedMs([&] { view->selectAllAction()->trigger(); }));
        if (scene->selectedElementIds().size() != route.size()) {
            std::fprintf(stderr, "select all selected %zu\n", scene->selectedElementIds().size());
        }
        deleteAll.push_back(timedMs([&] { view->deleteAction()->trigger(); }));
        if (doc->route().size() != 0) {
            std::fprintf(stderr, "delete all left %zu\n", doc->route().size());
        }
        undoDelete.push_back(timedMs([&] { doc->undoStack()->undo(); }));
        if (doc->route().size() != route.size()) {
            std::fprintf(stderr, "undo restored %zu\n", doc->route().size());
        }
        // 1,000 cards copied (the first thousand in route order), pasted as new ones beside them.
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < std::min<std::size_t>(1000, route.size()); ++i) {
            ids.push_back(route.elements()[i].id);
        }
        scene->selectElements(ids);
        view->copyAction()->trigger();
        settle();
        paste.push_back(timedMs([&] { view->pasteAction()->trigger(); }));
        if (doc->route().size() != route.size() + ids.size()) {
            std::fprintf(stderr, "paste made %zu\n", doc->route().size() - route.size());
        }
        doc->undoStack()->undo();
        scene->selectElements({});
        settle();
    }
    std::printf("select all                        %9.2f ms\n", median(selectAll));
    std::printf("delete all                        %9.2f ms\n", median(deleteAll));
    std::printf("undo the delete                   %9.2f ms\n", median(undoDelete));
    std::printf("paste 1,000 copied cards          %9.2f ms\n", median(paste));

    // Dragging: one step of the document move a drag makes (absolute positions, snapped), then the frame the
    // viewport paints for it at 100%, centred on the moved card.
    QImage frame(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    for (const std::size_t count : {std::size_t(1), std::size_t(50)}) {
        const std::size_t first = route.size() / 2;
        RouteDocument::Positions start;
        std::vector<std::string> moved;
        for (std::size_t i = first; i < std::min(route.size(), first + count); ++i) {
            const std::string &id = route.elements()[i].id;
            start[id] = doc->position(id).value();
            moved.push_back(id);
        }
        scene->selectElements(moved);
        view->resetZoom();
        view->centerOn(start.at(moved.front()));
        settle();
        std::vector<double> frames;
        std::vector<double> window;
        for (int step = 1; step <= 41; ++step) {
            RouteDocument::Positions to;
            for (const auto &[id, p] : start) {
                to[id] = p + QPointF(20.0 * (step % 7), 20.0 * (step % 5));
            }
            QElapsedTimer timer;
            timer.start();
            doc->moveElements(to);
            view->viewport()->render(&frame);
            frames.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        for (int step = 1; step <= 41; ++step) {
            RouteDocument::Positions to;
            for (const auto &[id, p] : start) {
                to[id] = p + QPointF(20.0 * (step % 5), 20.0 * (step % 7));
            }
            window.push_back(timedMs([&] { doc->moveElements(to); }));
        }
        doc->moveElements(start);
        scene->selectElements({});
        settle();
        std::printf("drag step + full frame, %2zu card(s) %7.2f ms\n", count, median(frames));
        std::printf("  window answers (what it repaints) %7.2f ms\n", median(window));
    }
}

int writeRoute(std::size_t size, const QString &path)
{
    const Route route = test::makeSyntheticRoute(size);
    RouteEditorPage page(route, gridPositions(route), QString(), {});
    QString error;
    if (!page.save(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("wrote %zu elements to %s\n", route.size(), qPrintable(path));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    // The page reads and writes settings (panel sizes): never the user's own.
    QStandardPaths::setTestModeEnabled(true);
    std::vector<std::size_t> sizes{1000, 5000};
    int runs = 5;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--write") && i + 2 < args.size()) {
            return writeRoute(args[i + 1].toULongLong(), args[i + 2]);
        }
        if (args[i] == QLatin1String("--sizes")) {
            sizes.clear();
            for (const QString &s : args[i + 1].split(QLatin1Char(','))) {
                sizes.push_back(s.toULongLong());
            }
        } else if (args[i] == QLatin1String("--runs")) {
            runs = std::max(1, args[i + 1].toInt());
        }
    }
    for (std::size_t size : sizes) {
        benchSize(size, runs);
    }
    return 0;
}
