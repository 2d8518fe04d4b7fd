#pragma once

#include <QColor>
#include <QImage>
#include <QLineF>
#include <QRect>
#include <QRgb>

class QPainter;

namespace rd {

// A large route far out, drawn straight into an image and put on screen in one blit: thousands of one-pixel
// wires and small flat cards. QPainter spends some 20 ns a pixel on hairlines through its generic span
// machinery and a path per rectangle under a scaling transform; a route fanning a thousand wires into one end
// element is over a million pixels of them, which alone cost more than a frame.
class OverviewRaster
{
public:
    // A raster over `area` (logical pixels of the target) at `devicePixelRatio`: transparent, or opaque in
    // `background` when that is valid (then painting it copies instead of blending).
    OverviewRaster(const QRect &area, qreal devicePixelRatio, const QColor &background = QColor());

    // `line` in the target's logical coordinates; clipped to the layer. `color` is drawn opaque.
    void drawLine(const QLineF &line, QRgb color);
    // `rect` in the target's logical coordinates, filled opaque; at least one pixel, so nothing vanishes.
    void fillRect(const QRectF &rect, QRgb color);
    // Composites the layer onto `painter`, whose transform must be the identity of its device.
    void paint(QPainter *painter) const;
    const QImage &image() const { return m_image; }

private:
    bool clip(double &x0, double &y0, double &x1, double &y1) const;

    QRect m_area;
    qreal m_ratio;
    bool m_opaque;
    QImage m_image;
};

} // namespace rd
