#include "widgets/canvas/EdgeItem.h"

#include "app/StatusColors.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/FlowTagItem.h"

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

constexpr qreal kFlowLabelHeight = 16;
constexpr qreal kFlowLabelPadding = 7;

QFont flowLabelFont()
{
    QFont f;
    f.setPixelSize(10);
    f.setBold(true);
    return f;
}

// A wire carrying every request is 10 units wide; one carrying none stays a hairline-like 1.5, so a branch that
// took nothing still shows where it goes.
qreal flowWidth(double share)
{
    return 1.5 + 8.5 * std::clamp(share, 0.0, 1.0);
}

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
    m_middle = m_path.pointAtPercent(0.5); // where the flow label goes: once per move, not once per paint
    updateBounds();
    m_shape.reset();
    m_polyline.reset();
}

void EdgeItem::updateBounds()
{
    // Flow widths and labels keep their size on screen when zoomed out: the bounds hold their largest.
    const qreal pad =
        m_flow ? flowWidth(std::max(m_flow->share, 0.3)) * canvas::keepScreenSize(canvas::kLodShape) / 2 + 2 : 6;
    m_bounds = m_path.controlPointRect().adjusted(-pad, -pad, pad, pad) | flowLabelRect(canvas::kLodShape);
}

void EdgeItem::setFlow(std::optional<FlowOverlay::Wire> flow, bool dimmed)
{
    if (!flow && !m_flow && dimmed == m_dimmed) {
        return;
    }
    prepareGeometryChange();
    m_flow = std::move(flow);
    m_dimmed = dimmed;
    m_flowText = QStaticText(m_flow ? m_flow->label : QString());
    m_flowText.setTextFormat(Qt::PlainText);
    m_flowText.prepare(QTransform(), flowLabelFont());
    updateBounds();
    update();
}

QRectF EdgeItem::flowLabelRect(qreal lod) const
{
    if (!m_flow || m_flow->label.isEmpty()) {
        return {};
    }
    const qreal scale = FlowTagItem::chipScale(lod);
    const qreal width = (m_flowText.size().width() + 2 * kFlowLabelPadding) * scale;
    const qreal height = kFlowLabelHeight * scale;
    return {m_middle.x() - width / 2, m_middle.y() - height / 2, width, height};
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
    if (m_dimmed) {
        painter->setOpacity(FlowOverlay::kDimmedOpacity);
    }
    if (m_flow && !isSelected()) {
        paintFlow(painter, lod);
        return;
    }
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

void EdgeItem::paintFlow(QPainter *painter, qreal lod) const
{
    const QColor color = FlowOverlay::color();
    const bool widened = m_flow->share >= 0;
    QColor ink = m_flow->lit || widened ? color : canvas::kWire;
    if (widened && !m_flow->lit && m_flow->share <= 0) {
        ink = canvas::kFallback; // a branch nothing took: where it goes, no more
    }
    const qreal width = (widened ? flowWidth(m_flow->share) : (m_flow->lit ? 4 : 2)) * canvas::keepScreenSize(lod);
    painter->setRenderHint(QPainter::Antialiasing, lod >= canvas::kLodShape);
    QPen pen(ink, width, Qt::SolidLine, Qt::RoundCap);
    if (m_fallback && !m_flow->lit && !widened) {
        pen.setStyle(Qt::DashLine);
    }
    painter->setPen(pen);
    if (lod < canvas::kLodShape) {
        painter->drawLine(m_from, m_to);
        return;
    }
    painter->drawPath(m_path);
    const QRectF label = flowLabelRect(lod);
    if (label.isNull()) {
        return;
    }
    // Drawn at its design size and scaled, so the text grows when zoomed out like the chips on the cards.
    const qreal scale = FlowTagItem::chipScale(lod);
    painter->save();
    painter->translate(label.topLeft());
    painter->scale(scale, scale);
    const QRectF chip(0, 0, label.width() / scale, kFlowLabelHeight);
    painter->setPen(QPen(color, 1));
    painter->setBrush(Qt::white);
    painter->drawRoundedRect(chip, kFlowLabelHeight / 2, kFlowLabelHeight / 2);
    painter->setFont(flowLabelFont());
    painter->setPen(color.darker(130));
    painter->drawStaticText(QPointF(kFlowLabelPadding, (kFlowLabelHeight - m_flowText.size().height()) / 2),
                            m_flowText);
    painter->restore();
}

} // namespace rd
