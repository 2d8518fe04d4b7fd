#include "widgets/canvas/CanvasGrid.h"

#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasMetrics.h"

#include <QPainter>
#include <QtMath>

#include <algorithm>

namespace rd {

using namespace canvas;

void CanvasGrid::paint(QPainter *painter, const QRectF &rect, qreal zoom)
{
    painter->fillRect(rect, kCanvasBackground);
    qreal step = kGrid;
    while (step * zoom < 10) {
        step *= 5;
    }
    if (step > kGrid * 25) {
        return;
    }
    if (m_tile.isNull() || m_tileZoom != zoom || m_tileStep != step) {
        renderTile(zoom, step);
    }
    const qreal major = step * 5;
    QBrush brush(m_tile);
    // The tile is `side` pixels for `major` scene units: scale it back so the dots stay on the scene's grid.
    brush.setTransform(QTransform::fromScale(major / m_tile.width(), major / m_tile.height()));
    painter->fillRect(rect, brush);
}

void CanvasGrid::renderTile(qreal zoom, qreal step)
{
    const qreal major = step * 5;
    const int side = std::max(1, qRound(major * zoom));
    const qreal px = side / 5.0; // one minor step in tile pixels
    m_tile = QImage(side, side, QImage::Format_ARGB32_Premultiplied);
    m_tile.fill(Qt::transparent);
    QPainter tile(&m_tile);
    tile.setRenderHint(QPainter::Antialiasing, true);
    tile.setPen(Qt::NoPen);
    // Dots sit on the tile's corners, so each is drawn on all four to survive the wrap-around.
    const auto dot = [&tile, side](qreal x, qreal y, qreal r) {
        for (const qreal dx : {0.0, qreal(side)}) {
            for (const qreal dy : {0.0, qreal(side)}) {
                if ((x == 0 || dx == 0) && (y == 0 || dy == 0)) {
                    tile.drawEllipse(QPointF(x + dx, y + dy), r, r);
                }
            }
        }
    };
    tile.setBrush(kGridDot);
    for (int i = 0; i < 5; ++i) {
        for (int j = 0; j < 5; ++j) {
            if (i != 0 || j != 0) {
                dot(i * px, j * px, 0.9);
            }
        }
    }
    tile.setBrush(kGridDotMajor);
    dot(0, 0, 1.4);
    m_tileZoom = zoom;
    m_tileStep = step;
}

} // namespace rd
