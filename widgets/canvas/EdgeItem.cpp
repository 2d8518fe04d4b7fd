#include "widgets/canvas/EdgeItem.h"

#include "app/StatusColors.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/ElementItem.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace rd {

namespace {

struct EdgeStyle
{
    QPen normal{canvas::kWire, 2, Qt::SolidLine, Qt::RoundCap};
    // Fallbacks are thin dashed hairlines: secondary paths read as such, and a 1 px cosmetic dashed pen takes
    // Qt's fast cosmetic stroker, where a 2 px dash costs twice a solid wire (measured in bench_canvas).
    QPen fallback{canvas::kFallback, 1.0, Qt::CustomDashLine, Qt::FlatCap};
    QPen selected{StatusColors::mark(StatusColors::Role::Selection), 3.5, Qt::SolidLine, Qt::RoundCap};
    QPen farNormal{canvas::kWire, 0};
    QPen farFallback{canvas::kFarFallbackWire, 0};
    QPen farSelected{StatusColors::mark(StatusColors::Role::Selection), 0};

    EdgeStyle()
    {
        fallback.setCosmetic(true);
        fallback.setDashPattern({5, 4});
    }
};

const EdgeStyle &edgeStyle()
{
    static const EdgeStyle style;
    return style;
}

// The shape Qt hit-tests (rubber band, itemAt): the drawn stroke. Clicks are picked by the view within a
// tolerance in screen pixels; 2 units stay inside that tolerance even at the largest zoom.
constexpr qreal kShapeWidth = 2;

qreal distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const qreal length2 = QPointF::dotProduct(ab, ab);
    const qreal t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    return QLineF(p, a + t * ab).length();
}

} // namespace

EdgeItem::EdgeItem(ElementItem *source, std::string output, ElementItem *target, bool fallback)
    : m_source(source), m_target(target), m_output(std::move(output)), m_fallback(fallback)
{
    setFlag(ItemIsSelectable);
    setZValue(-1); // under the cards: a wire never hides a port or a label
    adjust();
}

QPainterPath EdgeItem::curve(QPointF from, QPointF to)
{
    // Tangents leave the output to the right and enter the input from the left; a wire going backwards gets
    // longer tangents so it loops round instead of cutting through the cards.
    const qreal dx = to.x() - from.x();
    const qreal reach =
        dx >= 0 ? std::clamp(dx * 0.5, 40.0, 200.0) : std::clamp(std::hypot(dx, to.y() - from.y()) * 0.15, 50.0, 120.0);
    QPainterPath path(from);
    path.cubicTo(from + QPointF(reach, 0), to - QPointF(reach, 0), to);
    return path;
}

void EdgeItem::adjust()
{
    const std::optional<int> index = m_source->outputIndex(m_output);
    const QPointF from = m_source->mapToScene(index ? m_source->outputPortPos(*index) : QPointF(canvas::kNodeWidth, 0));
    const QPointF to = m_target->mapToScene(m_target->inputPortPos());
    if (from == m_from && to == m_to && !m_path.isEmpty()) {
        return;
    }
    prepareGeometryChange();
    m_from = from;
    m_to = to;
    m_path = curve(from, to);
    m_bounds = m_path.controlPointRect().adjusted(-6, -6, 6, 6);
    m_shape.reset();
    m_polyline.reset();
}

qreal EdgeItem::distanceTo(QPointF scenePos, bool straight) const
{
    if (straight) {
        return distanceToSegment(scenePos, m_from, m_to);
    }
    if (!m_polyline) {
        const QList<QPolygonF> parts = m_path.toSubpathPolygons();
        m_polyline = parts.isEmpty() ? QPolygonF({m_from, m_to}) : parts.front();
    }
    qreal best = QLineF(scenePos, m_from).length();
    for (qsizetype i = 1; i < m_polyline->size(); ++i) {
        best = std::min(best, distanceToSegment(scenePos, m_polyline->at(i - 1), m_polyline->at(i)));
    }
    return best;
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    if (!m_shape) {
        QPainterPathStroker stroker;
        stroker.setWidth(kShapeWidth);
        stroker.setCapStyle(Qt::RoundCap);
        m_shape = stroker.createStroke(m_path);
    }
    return *m_shape;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const EdgeStyle &st = edgeStyle();
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setBrush(Qt::NoBrush);
    if (lod < canvas::kLodShape) {
        // Far out the curve's shape is invisible; a hairline without antialiasing costs a fraction.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(isSelected() ? st.farSelected : (m_fallback ? st.farFallback : st.farNormal));
        painter->drawLine(m_from, m_to);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(isSelected() ? st.selected : (m_fallback ? st.fallback : st.normal));
    painter->drawPath(m_path);
}

} // namespace rd
