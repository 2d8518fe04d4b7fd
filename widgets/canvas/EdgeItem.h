#pragma once

#include "widgets/canvas/FlowOverlay.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QStaticText>

#include <optional>
#include <string>

namespace rd {

class ElementItem;

// A wire from one card's output port to another card's input port: a horizontal-tangent cubic curve.
// The path is cached and rebuilt only by adjust(), which the scene calls when one of the two cards moves or
// changes; shape() (for hit-testing and selection) is stroked lazily once per geometry change.
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    EdgeItem(ElementItem *source, std::string output, ElementItem *target, bool fallback);

    int type() const override { return Type; }
    ElementItem *source() const { return m_source; }
    ElementItem *target() const { return m_target; }
    const std::string &output() const { return m_output; }
    bool isFallback() const { return m_fallback; }
    const QPainterPath &path() const { return m_path; }
    // The wire's ends in scene coordinates: an output port and an input port.
    QPointF startPoint() const { return m_from; }
    QPointF endPoint() const { return m_to; }

    // Recomputes the curve from the ports' current scene positions.
    void adjust();

    // The curve between two scene points, shared with the wire that follows the mouse while connecting.
    static QPainterPath curve(QPointF from, QPointF to);

    // How far `scenePos` is from the wire as drawn, in scene units: from the curve, or, when `straight`, from
    // the straight line that far-out levels of detail draw instead (canvas::kLodShape).
    qreal distanceTo(QPointF scenePos, bool straight) const;

    // Its part of a flow overlay: lit (on a traced path), widened by its share of simulated traffic, labelled at
    // its middle; or faded when the overlay dims what it does not list. nullopt with `dimmed` false: as normal.
    void setFlow(std::optional<FlowOverlay::Wire> flow, bool dimmed);
    const std::optional<FlowOverlay::Wire> &flow() const { return m_flow; }
    bool isDimmed() const { return m_dimmed; }
    // Where the flow label is drawn at a zoom (level of detail), in scene coordinates (null without a label).
    QRectF flowLabelRect(qreal lod = 1) const;

    QRectF boundingRect() const override;
    // The stroke itself, about as wide as drawn: the view picks wires within a tolerance in screen pixels
    // (RouteView::edgeNear), which a shape in scene units could not give at every zoom.
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    ElementItem *m_source;
    ElementItem *m_target;
    std::string m_output;
    bool m_fallback;
    QPointF m_from;
    QPointF m_to;
    QPainterPath m_path;
    QPointF m_middle;
    QRectF m_bounds;
    mutable std::optional<QPainterPath> m_shape;
    mutable std::optional<QPolygonF> m_polyline; // the curve flattened, for distanceTo
    std::optional<FlowOverlay::Wire> m_flow;
    bool m_dimmed = false;
    QStaticText m_flowText;
    void updateBounds();
    void paintFlow(QPainter *painter, qreal lod) const;
};

} // namespace rd
