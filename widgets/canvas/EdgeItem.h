#pragma once

#include "widgets/canvas/FlowOverlay.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QStaticText>

#include <memory>
#include <optional>
#include <string>

namespace rd {

class ElementItem;

// A wire from one card's output port to another card's input port: a horizontal-tangent cubic curve.
// The path is cached and rebuilt only by adjust(), which the scene calls when one of the two cards moves or
// changes; shape() (for hit-testing and selection) is stroked lazily once per geometry change.
//
// A wire is an item for selection and hit-testing, but it does not paint itself (ItemHasNoContents): the scene
// draws every wire into the views' cached background (RouteScene::drawWires), so a frame that only repaints or
// scrolls copies wires instead of stroking thousands of them again. When a wire changes it tells the scene
// which part of the canvas it may have drawn on, before and after (band()), and only that part is redrawn.
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    EdgeItem(ElementItem *source, std::string output, ElementItem *target, bool fallback);
    ~EdgeItem() override;

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
    // Called only while the wire is live (see setLive): draw() for the exposed part.
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // A wire whose card is being moved paints itself as an item, over the background, instead of being drawn
    // into the cached background: each step of a drag then repaints it and the cards it crosses, not every wire
    // under the band it sweeps. The scene makes the wires of moving cards live and settles them back into the
    // background once the moves stop (RouteScene::onElementMoved).
    void setLive(bool live);
    bool isLive() const { return m_live; }

    // Draws the wire as it looks at zoom `lod`, only the stretches that cross one of `areas` (scene
    // coordinates; `hull` bounds them all): a long fallback wire into the end element crosses every view of a
    // large route, and stroking all of it costs its whole length.
    void draw(QPainter *painter, const std::vector<QRectF> &areas, const QRectF &hull, qreal lod) const;
    // Rectangles (scene coordinates) covering every pixel the wire may draw at any zoom the background is
    // used at: along the curve, along the straight line far zoom levels draw, and the flow label.
    std::vector<QRectF> band() const;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    ElementItem *m_source;
    ElementItem *m_target;
    std::string m_output;
    bool m_fallback;
    QPointF m_from;
    QPointF m_to;
    QPainterPath m_path;
    mutable std::optional<QPointF> m_middle;
    QRectF m_bounds;
    mutable std::optional<QPainterPath> m_shape;
    // The curve flattened finely enough for any zoom, with the length along it at each point: distanceTo, and
    // paint, which strokes only the stretches that cross what is being repainted (a long fallback wire into
    // the end element crosses every view of a large route, and stroking all of it costs its whole length).
    mutable std::optional<QPolygonF> m_polyline;
    const QPolygonF &polyline() const;
    void strokeVisible(QPainter *painter, const std::vector<QRectF> &areas, const QRectF &hull, qreal lod) const;

    // Tells the scene the canvas under band() must be drawn again.
    void invalidateBand() const;
    std::optional<FlowOverlay::Wire> m_flow;
    bool m_dimmed = false;
    // Only while the wire carries a labelled flow: a QStaticText allocates even empty, and there are 10,000 wires.
    std::unique_ptr<QStaticText> m_flowText;
    mutable std::vector<qreal> m_lengths; // along m_polyline, from its start
    bool m_live = false;
    qreal m_pad = 0; // around the curve, in scene units: half the widest pen it may be drawn with, and more
    void updateBounds();
    void paintFlow(QPainter *painter, const std::vector<QRectF> &areas, const QRectF &hull, qreal lod) const;
};

} // namespace rd
