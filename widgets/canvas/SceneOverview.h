#pragma once

#include <QColor>
#include <QLineF>
#include <QRectF>
#include <QRgb>

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

class QPainter;

namespace rd {

class ElementItem;

// The whole route rasterised in one pass, for views zoomed out past canvas::kLodOverview and the minimap: flat
// cards by type colour, hairline wires, selection and badges (see RouteScene::drawOverview). The shapes are
// gathered once per change of the route, its findings or the selection (reset()), so a frame only maps and
// rasterises them.
class SceneOverview
{
public:
    using Cards = std::unordered_map<std::string, ElementItem *>;

    void reset() { m_shapes.reset(); }
    void draw(QPainter *painter, const QRectF &exposed, const QColor &background, const Cards &cards) const;

private:
    struct Shapes
    {
        std::vector<std::pair<QLineF, QRgb>> wires; // in drawing order
        std::vector<std::pair<QRectF, QRgb>> cards;
        std::vector<QRectF> selectedCards;
        std::vector<std::pair<QPointF, QRgb>> badges; // at the card's top-right corner
    };
    void build(const Cards &cards) const;
    mutable std::optional<Shapes> m_shapes;
};

} // namespace rd
