#include "widgets/canvas/EdgeItem.h"

#include "app/StatusColors.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/FlowTagItem.h"
#include "widgets/canvas/RouteScene.h"

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

// Liang-Barsky: the part of a..b inside `rect`, as fractions t0..t1 along it; false when none of it is.
bool clipSegment(QPointF a, QPointF b, const QRectF &rect, qreal &t0, qreal &t1)
{
    t0 = 0;
    t1 = 1;
    const QPointF d = b - a;
    const auto clip = [&](qreal p, qreal q) {
        if (qFuzzyIsNull(p)) {
            return q >= 0;
        }
        const qreal r = q / p;
        if (p < 0) {
            t0 = std::max(t0, r);
        } else {
            t1 = std::min(t1, r);
        }
        return t0 <= t1;
    };
    return clip(-d.x(), a.x() - rect.left()) && clip(d.x(), rect.right() - a.x()) && clip(-d.y(), a.y() - rect.top()) &&
           clip(d.y(), rect.bottom() - a.y());
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
    setFlag(ItemHasNoContents); // drawn by the scene into the views' background: see draw()
    setZValue(-1);              // under the cards: a wire never hides a port or a label
    adjust();
}

EdgeItem::~EdgeItem()
{
    invalidateBand(); // QGraphicsItem's destructor leaves the scene without calling itemChange here
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
    invalidateBand(); // where it was
    prepareGeometryChange();
    m_from = from;
    m_to = to;
    m_path = curve(from, to);
    m_middle.reset();
    updateBounds();
    m_shape.reset();
    m_polyline.reset();
    invalidateBand(); // where it is now
}

void EdgeItem::updateBounds()
{
    // Flow widths and labels keep their size on screen when zoomed out: the bounds hold their largest.
    // Without a flow: the selected pen's half width and its antialiasing, or a far hairline's pixel (with its
    // antialiasing) at the farthest zoom the background draws wires at.
    m_pad = m_flow ? flowWidth(std::max(m_flow->share, 0.3)) * canvas::keepScreenSize(canvas::kLodShape) / 2 + 2
                   : std::max<qreal>(6, 2 / canvas::kLodOverview);
    m_bounds = m_path.controlPointRect().adjusted(-m_pad, -m_pad, m_pad, m_pad) | flowLabelRect(canvas::kLodShape);
}

void EdgeItem::setFlow(std::optional<FlowOverlay::Wire> flow, bool dimmed)
{
    if (!flow && !m_flow && dimmed == m_dimmed) {
        return;
    }
    invalidateBand();
    prepareGeometryChange();
    m_flow = std::move(flow);
    m_dimmed = dimmed;
    if (m_flow && !m_flow->label.isEmpty()) {
        m_flowText = std::make_unique<QStaticText>(m_flow->label);
        m_flowText->setTextFormat(Qt::PlainText);
        m_flowText->prepare(QTransform(), flowLabelFont());
    } else {
        m_flowText.reset();
    }
    updateBounds();
    invalidateBand();
}

QRectF EdgeItem::flowLabelRect(qreal lod) const
{
    if (!m_flowText) {
        return {};
    }
    const qreal scale = FlowTagItem::chipScale(lod);
    const qreal width = (m_flowText->size().width() + 2 * kFlowLabelPadding) * scale;
    const qreal height = kFlowLabelHeight * scale;
    // Where the flow label goes: measured along the curve once per move, and only for a wire that has a label
    // (pointAtPercent measures the whole curve: for 10,000 wires it was a third of building the scene).
    if (!m_middle) {
        m_middle = m_path.pointAtPercent(0.5);
    }
    return {m_middle->x() - width / 2, m_middle->y() - height / 2, width, height};
}

const QPolygonF &EdgeItem::polyline() const
{
    if (!m_polyline) {
        // Flattened at four times the scene's scale: at the largest zoom (3) a chord stays within about 0.4 px
        // of the curve, so the stroked polyline looks like the curve itself.
        constexpr qreal kFine = 4;
        const QList<QPolygonF> parts = m_path.toSubpathPolygons(QTransform::fromScale(kFine, kFine));
        QPolygonF line = parts.isEmpty() ? QPolygonF({m_from * kFine, m_to * kFine}) : parts.front();
        for (QPointF &p : line) {
            p /= kFine;
        }
        m_lengths.assign(static_cast<std::size_t>(line.size()), 0);
        for (qsizetype i = 1; i < line.size(); ++i) {
            m_lengths[static_cast<std::size_t>(i)] =
                m_lengths[static_cast<std::size_t>(i - 1)] + QLineF(line[i - 1], line[i]).length();
        }
        m_polyline = std::move(line);
    }
    return *m_polyline;
}

qreal EdgeItem::distanceTo(QPointF scenePos, bool straight) const
{
    if (straight) {
        return distanceToSegment(scenePos, m_from, m_to);
    }
    const QPolygonF &line = polyline();
    qreal best = QLineF(scenePos, m_from).length();
    for (qsizetype i = 1; i < line.size(); ++i) {
        best = std::min(best, distanceToSegment(scenePos, line.at(i - 1), line.at(i)));
    }
    return best;
}

void EdgeItem::strokeVisible(QPainter *painter, const std::vector<QRectF> &areas, const QRectF &hull, qreal lod) const
{
    const QPolygonF &line = polyline();
    QPen pen = painter->pen();
    // Half the pen, in scene units, plus a pixel: a segment just outside still shows its antialiased edge.
    const qreal margin = (pen.isCosmetic() ? pen.widthF() / lod : pen.widthF()) / 2 + 1 / lod;
    const QRectF outer = hull.adjusted(-margin, -margin, margin, margin);
    const bool dashed = pen.style() != Qt::SolidLine;
    if (dashed && pen.isCosmetic()) {
        // Dashes are laid here, along the curve from the wire's start, and stroked as solid pieces: Qt's cosmetic
        // stroker starts its pattern where a line enters the clip, so a band or strip redrawn on its own would
        // not line up with the dashes around it.
        const QList<qreal> pattern = pen.dashPattern();
        const qreal on = (pattern.value(0, 5) * pen.widthF()) / lod;
        const qreal period = on + (pattern.value(1, 4) * pen.widthF()) / lod;
        std::vector<QLineF> dashes;
        for (qsizetype i = 1; i < line.size(); ++i) {
            const QPointF a = line[i - 1];
            const QPointF b = line[i];
            if (std::max(a.x(), b.x()) < outer.left() || std::min(a.x(), b.x()) > outer.right() ||
                std::max(a.y(), b.y()) < outer.top() || std::min(a.y(), b.y()) > outer.bottom()) {
                continue;
            }
            const qreal from = m_lengths[static_cast<std::size_t>(i - 1)];
            const qreal to = m_lengths[static_cast<std::size_t>(i)];
            qreal t0 = 0;
            qreal t1 = 1;
            if (to <= from || !clipSegment(a, b, outer, t0, t1)) {
                continue;
            }
            // Only the dashes of the part that shows: a segment of a long wire may be thousands of dashes long.
            const qreal shownFrom = from + (to - from) * t0;
            const qreal shownTo = from + (to - from) * t1;
            for (qreal dash = std::floor(shownFrom / period) * period; dash < shownTo; dash += period) {
                const qreal start = std::max(dash, from);
                const qreal end = std::min(dash + on, to);
                if (end > start) {
                    dashes.emplace_back(a + (b - a) * ((start - from) / (to - from)),
                                        a + (b - a) * ((end - from) / (to - from)));
                }
            }
        }
        pen.setStyle(Qt::SolidLine);
        painter->setPen(pen);
        painter->drawLines(dashes.data(), static_cast<int>(dashes.size()));
        return;
    }
    // A dash pattern is laid from where a polyline starts: each stretch starts it where it would be along the
    // whole wire, so dashes stay put while the view scrolls. Offsets count in pen widths (device pixels times
    // the width for a cosmetic pen).
    const qreal unit = std::max<qreal>(pen.widthF(), pen.isCosmetic() ? 1 : 0.01);
    // Segments are cut to what can show before they are stroked: Qt's raster engine strokes a wide antialiased
    // line thousands of pixels long in milliseconds even when a 40 px strip of it is on screen (measured: 14 ms
    // for one such line, 6 us once it is cut), and the flattened curve of a long wire has segments that long.
    QPolygonF stretch;
    qreal stretchStart = 0;
    const auto flush = [&] {
        if (stretch.size() >= 2) {
            if (dashed) {
                pen.setDashOffset((pen.isCosmetic() ? stretchStart * lod : stretchStart) / unit);
                painter->setPen(pen);
            }
            painter->drawPolyline(stretch);
        }
        stretch.clear();
    };
    for (qsizetype i = 1; i < line.size(); ++i) {
        const QPointF a = line[i - 1];
        const QPointF b = line[i];
        if (std::max(a.x(), b.x()) < outer.left() || std::min(a.x(), b.x()) > outer.right() ||
            std::max(a.y(), b.y()) < outer.top() || std::min(a.y(), b.y()) > outer.bottom()) {
            flush();
            continue;
        }
        qreal t0 = 0;
        qreal t1 = 1;
        if (!clipSegment(a, b, outer, t0, t1)) {
            flush();
            continue;
        }
        const QPointF d = b - a;
        const QPointF from = a + d * t0;
        const QPointF to = a + d * t1;
        if (areas.size() > 1) {
            const QRectF box = QRectF(from, to).normalized().adjusted(-margin, -margin, margin, margin);
            if (std::none_of(areas.begin(), areas.end(), [&](const QRectF &r) { return r.intersects(box); })) {
                flush();
                continue;
            }
        }
        if (stretch.isEmpty() || t0 > 0) {
            flush();
            stretch << from;
            stretchStart = m_lengths[static_cast<std::size_t>(i - 1)] + QLineF(a, from).length();
        }
        stretch << to;
        if (t1 < 1) {
            flush();
        }
    }
    flush();
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
    const QRectF exposed = option->exposedRect;
    draw(painter, {exposed}, exposed, option->levelOfDetailFromTransform(painter->worldTransform()));
}

void EdgeItem::setLive(bool live)
{
    if (live == m_live) {
        return;
    }
    // Out of the background before painting as an item; back into it after: the band is redrawn either way.
    m_live = live;
    setFlag(ItemHasNoContents, !live);
    setFlag(ItemUsesExtendedStyleOption, live); // paint() strokes only the exposed part
    if (auto *routeScene = qobject_cast<RouteScene *>(scene())) {
        routeScene->invalidateWires(band());
    }
    update();
}

void EdgeItem::draw(QPainter *painter, const std::vector<QRectF> &areas, const QRectF &hull, qreal lod) const
{
    const EdgeStyle &st = edgeStyle();
    painter->setBrush(Qt::NoBrush);
    painter->setOpacity(opacity() * (m_dimmed ? FlowOverlay::kDimmedOpacity : 1.0));
    if (m_flow && !isSelected()) {
        paintFlow(painter, areas, hull, lod);
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
    strokeVisible(painter, areas, hull, lod);
}

std::vector<QRectF> EdgeItem::band() const
{
    std::vector<QRectF> rects;
    if (m_path.isEmpty()) {
        return rects;
    }
    const auto padded = [this](QPointF a, QPointF b) {
        return QRectF(QPointF(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
                      QPointF(std::max(a.x(), b.x()), std::max(a.y(), b.y())))
            .adjusted(-m_pad, -m_pad, m_pad, m_pad);
    };
    // The curve in about a dozen stretches, each the box of its points: a long diagonal wire then dirties a
    // band along itself instead of the whole rectangle it spans.
    const QPolygonF &line = polyline();
    const qsizetype step = std::max<qsizetype>(1, (line.size() + 10) / 12);
    for (qsizetype i = 0; i + 1 < line.size(); i += step) {
        const qsizetype last = std::min(i + step, line.size() - 1);
        QPointF low = line[i];
        QPointF high = line[i];
        for (qsizetype j = i + 1; j <= last; ++j) {
            low = QPointF(std::min(low.x(), line[j].x()), std::min(low.y(), line[j].y()));
            high = QPointF(std::max(high.x(), line[j].x()), std::max(high.y(), line[j].y()));
        }
        rects.push_back(padded(low, high));
    }
    // The straight line drawn below canvas::kLodShape.
    constexpr int kStraightParts = 8;
    for (int k = 0; k < kStraightParts; ++k) {
        rects.push_back(
            padded(m_from + (m_to - m_from) * k / kStraightParts, m_from + (m_to - m_from) * (k + 1) / kStraightParts));
    }
    if (const QRectF label = flowLabelRect(canvas::kLodShape); !label.isNull()) {
        rects.push_back(label.adjusted(-2, -2, 2, 2));
    }
    return rects;
}

void EdgeItem::invalidateBand() const
{
    if (m_live) {
        return; // not in the background: Qt repaints an item where it was and where it goes
    }
    auto *routeScene = qobject_cast<RouteScene *>(scene());
    if (routeScene != nullptr && !routeScene->wiresAllDirty()) {
        routeScene->invalidateWires(band());
    }
}

QVariant EdgeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    switch (change) {
    case ItemSelectedHasChanged:
    case ItemOpacityHasChanged:
    case ItemVisibleHasChanged:
    case ItemSceneHasChanged:
        invalidateBand();
        break;
    case ItemSceneChange:
        invalidateBand(); // leaving a scene: where it was drawn
        break;
    default:
        break;
    }
    return QGraphicsItem::itemChange(change, value);
}

void EdgeItem::paintFlow(QPainter *painter, const std::vector<QRectF> &areas, const QRectF &hull, qreal lod) const
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
    strokeVisible(painter, areas, hull, lod);
    const QRectF label = flowLabelRect(lod);
    if (!label.isNull() && !label.intersects(hull)) {
        return;
    }
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
    painter->drawStaticText(QPointF(kFlowLabelPadding, (kFlowLabelHeight - m_flowText->size().height()) / 2),
                            *m_flowText);
    painter->restore();
}

} // namespace rd
