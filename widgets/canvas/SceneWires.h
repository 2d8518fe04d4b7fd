#pragma once

#include <QRectF>

#include <string>
#include <unordered_map>
#include <vector>

class QGraphicsScene;
class QPainter;

namespace rd {

class ElementItem;

// Every wire of a scene drawn into its views' cached background, and the redraws that keeps right: a wire
// that changes passes the rectangles it may have drawn on (EdgeItem::band), and only those are redrawn. Many
// changes before the next paint (a rebuild, a mass delete) become one redraw of everything instead of a
// region of thousands of rectangles. See RouteScene::drawWires.
class SceneWires
{
public:
    using Cards = std::unordered_map<std::string, ElementItem *>;

    explicit SceneWires(QGraphicsScene *scene);

    void invalidate(const std::vector<QRectF> &band);
    bool allDirty() const { return m_allDirty; }
    void draw(QPainter *painter, const QRectF &exposed, qreal lod, const Cards &cards) const;

private:
    QGraphicsScene *m_scene;
    // Wire rectangles invalidated since wires were last painted; past a limit the whole background goes at once.
    mutable std::size_t m_rects = 0;
    mutable bool m_allDirty = false;
};

} // namespace rd
