#include "widgets/canvas/ViewFit.h"

#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/RouteMinimap.h"

#include <algorithm>

namespace rd {

ViewFit::ViewFit(QSizeF viewport, QRectF minimap, qreal minZoom, qreal maxZoom)
    : m_viewport(viewport), m_minimap(minimap), m_minZoom(minZoom), m_maxZoom(maxZoom)
{}

qreal ViewFit::zoomFor(const QRectF &area, const QRectF &room) const
{
    // Screen pixels of room too: far out, the margin in scene units shrinks to nothing.
    const qreal z =
        std::min((room.width() - 2 * kPixelMargin) / area.width(), (room.height() - 2 * kPixelMargin) / area.height());
    return std::clamp(z, m_minZoom, m_maxZoom);
}

QRectF ViewFit::besideMinimap() const
{
    const QRectF all(QPointF(0, 0), m_viewport);
    const QRectF left(all.topLeft(), QPointF(m_minimap.left() - RouteMinimap::kMargin, all.bottom()));
    const QRectF above(all.topLeft(), QPointF(all.right(), m_minimap.top() - RouteMinimap::kMargin));
    return left.width() * left.height() >= above.width() * above.height() ? left : above;
}

ViewFit::Placement ViewFit::whole(const QRectF &cards, qreal sceneMargin) const
{
    const QRectF area = cards.adjusted(-sceneMargin, -sceneMargin, sceneMargin, sceneMargin);
    const QRectF all(QPointF(0, 0), m_viewport);
    QRectF room = all;
    qreal z = zoomFor(area, room);
    if (!m_minimap.isNull()) {
        const QRectF shown(room.center() - QPointF(cards.width(), cards.height()) * z / 2, cards.size() * z);
        if (shown.intersects(m_minimap.adjusted(-2, -2, 2, 2))) {
            room = besideMinimap();
            z = zoomFor(area, room);
        }
    }
    // The scene point at the viewport's centre that puts the cards' centre at the room's.
    return {z, area.center() + (all.center() - room.center()) / z};
}

ViewFit::Placement ViewFit::readable(const QRectF &cards, const QRectF &start) const
{
    // Down to kLodShape cards show their compact face, whose title and summary are sized in screen pixels:
    // the whole route is seen and read. Seen whole matters more than the margin around it: without the margin
    // (a few screen pixels remain) a route a little too wide still opens whole.
    for (const qreal margin : {kSceneMargin, qreal(0)}) {
        const Placement fitted = whole(cards, margin);
        if (fitted.zoom >= canvas::kLodShape) {
            return fitted;
        }
    }
    // Seen whole, this route would be coloured blocks without text. It opens at the least zoom that still
    // shows text, where a person starts reading it; the minimap and Fit to View show the rest.
    const qreal z = canvas::kLodShape;
    const QSizeF visible = m_viewport / z;
    const QRectF area = cards.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin);
    const QPointF anchor = start.isNull()
                               ? area.topLeft()
                               : QPointF(start.left() - kSceneMargin, start.center().y() - visible.height() / 2);
    // Within the route: no empty canvas on a side where cards remain to be seen.
    const auto within = [](qreal v, qreal low, qreal span, qreal shown) {
        return span <= shown ? low + (span - shown) / 2 : std::clamp(v, low, low + span - shown);
    };
    const QPointF topLeft(within(anchor.x(), area.left(), area.width(), visible.width()),
                          within(anchor.y(), area.top(), area.height(), visible.height()));
    return {z, topLeft + QPointF(visible.width(), visible.height()) / 2};
}

} // namespace rd
