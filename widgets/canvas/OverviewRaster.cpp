#include "widgets/canvas/OverviewRaster.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace rd {

OverviewRaster::OverviewRaster(const QRect &area, qreal devicePixelRatio, const QColor &background)
    : m_area(area), m_ratio(devicePixelRatio), m_opaque(background.isValid()),
      m_image(area.size() * devicePixelRatio, QImage::Format_ARGB32_Premultiplied)
{
    m_image.setDevicePixelRatio(devicePixelRatio);
    m_image.fill(m_opaque ? QColor(background.rgb()) : QColor(Qt::transparent));
}

// Liang–Barsky against the image's pixel rectangle: a wire from far off screen is cut to what shows before
// a single pixel is stepped.
bool OverviewRaster::clip(double &x0, double &y0, double &x1, double &y1) const
{
    const double maxX = m_image.width() - 1;
    const double maxY = m_image.height() - 1;
    const double dx = x1 - x0;
    const double dy = y1 - y0;
    double t0 = 0;
    double t1 = 1;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {x0, maxX - x0, y0, maxY - y0};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) {
                return false;
            }
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0) {
            t0 = std::max(t0, t);
        } else {
            t1 = std::min(t1, t);
        }
        if (t0 > t1) {
            return false;
        }
    }
    x1 = x0 + t1 * dx;
    y1 = y0 + t1 * dy;
    x0 = x0 + t0 * dx;
    y0 = y0 + t0 * dy;
    return true;
}

void OverviewRaster::drawLine(const QLineF &line, QRgb color)
{
    if (m_image.isNull()) {
        return;
    }
    double x0 = (line.x1() - m_area.x()) * m_ratio;
    double y0 = (line.y1() - m_area.y()) * m_ratio;
    double x1 = (line.x2() - m_area.x()) * m_ratio;
    double y1 = (line.y2() - m_area.y()) * m_ratio;
    if (!clip(x0, y0, x1, y1)) {
        return;
    }
    int ix0 = static_cast<int>(std::lround(x0));
    int iy0 = static_cast<int>(std::lround(y0));
    const int ix1 = static_cast<int>(std::lround(x1));
    const int iy1 = static_cast<int>(std::lround(y1));
    const int stepX = ix0 < ix1 ? 1 : -1;
    const int stepY = iy0 < iy1 ? 1 : -1;
    const int spanX = std::abs(ix1 - ix0);
    const int spanY = -std::abs(iy1 - iy0);
    const qsizetype stride = m_image.bytesPerLine() / static_cast<qsizetype>(sizeof(QRgb));
    auto *pixels = reinterpret_cast<QRgb *>(m_image.bits());
    const QRgb opaque = color | 0xFF000000u;
    // Bresenham: clipping above keeps every step inside the image.
    for (int error = spanX + spanY;;) {
        pixels[iy0 * stride + ix0] = opaque;
        if (ix0 == ix1 && iy0 == iy1) {
            break;
        }
        const int twice = 2 * error;
        if (twice >= spanY) {
            error += spanY;
            ix0 += stepX;
        }
        if (twice <= spanX) {
            error += spanX;
            iy0 += stepY;
        }
    }
}

void OverviewRaster::fillRect(const QRectF &rect, QRgb color)
{
    const QRectF pixels((rect.x() - m_area.x()) * m_ratio, (rect.y() - m_area.y()) * m_ratio, rect.width() * m_ratio,
                        rect.height() * m_ratio);
    const int left = std::max(0, static_cast<int>(std::floor(pixels.left())));
    const int top = std::max(0, static_cast<int>(std::floor(pixels.top())));
    const int right = std::min(m_image.width(), std::max(left + 1, static_cast<int>(std::ceil(pixels.right()))));
    const int bottom = std::min(m_image.height(), std::max(top + 1, static_cast<int>(std::ceil(pixels.bottom()))));
    const QRgb opaque = color | 0xFF000000u;
    for (int y = top; y < bottom; ++y) {
        auto *row = reinterpret_cast<QRgb *>(m_image.scanLine(y));
        std::fill(row + left, row + right, opaque);
    }
}

void OverviewRaster::paint(QPainter *painter) const
{
    if (m_opaque) {
        painter->setCompositionMode(QPainter::CompositionMode_Source);
    }
    painter->drawImage(m_area.topLeft(), m_image);
    painter->setCompositionMode(QPainter::CompositionMode_SourceOver);
}

} // namespace rd
