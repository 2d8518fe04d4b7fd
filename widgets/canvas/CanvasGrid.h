#pragma once

#include <QImage>
#include <QRectF>

class QPainter;

namespace rd {

// The canvas's paper: its colour and a grid of dots every grid step, larger ones every five; coarser as the view
// zooms out, none when even the coarse dots would be closer than 10 px (a grey haze that costs more than it
// tells). One major cell of dots is rendered per zoom and the background is a single textured fill, instead of
// thousands of antialiased points (35 ms -> under 1 ms per 1080p frame).
class CanvasGrid
{
public:
    // Paints `rect` (scene coordinates) as seen at `zoom`.
    void paint(QPainter *painter, const QRectF &rect, qreal zoom);

private:
    void renderTile(qreal zoom, qreal step);

    QImage m_tile;
    qreal m_tileZoom = 0;
    qreal m_tileStep = 0;
};

} // namespace rd
