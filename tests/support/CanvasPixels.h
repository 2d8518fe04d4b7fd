#pragma once

#include "widgets/canvas/FlowOverlay.h"
#include "widgets/canvas/RouteScene.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <QWidget>

#include <cstdlib>

namespace rd::test {

// How many pixels of the scene, rendered with nothing selected, are the overlay's violet: what a person sees of a
// trace, a simulation or the traffic drawn on the route.
inline int overlayPixels(RouteScene *scene)
{
    scene->clearSelection();
    const QRectF area = scene->elementsBoundingRect().adjusted(-60, -60, 60, 60);
    QImage image(area.size().toSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    scene->render(&painter, QRectF(QPointF(0, 0), area.size()), area);
    painter.end();
    const QColor violet = FlowOverlay::color();
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QColor c(line[x]);
            if (std::abs(c.red() - violet.red()) < 24 && std::abs(c.green() - violet.green()) < 24 &&
                std::abs(c.blue() - violet.blue()) < 24) {
                ++count;
            }
        }
    }
    return count;
}

// Saves what `widget` shows as `name` under $RD_SCREENSHOT_DIR, when set.
inline void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QTest::qWait(150); // queued fits and repaints land first: the picture is what a person would see
        QDir().mkpath(dir);
        widget->grab().save(QDir(dir).filePath(name));
    }
}

} // namespace rd::test
