#include "widgets/canvas/SceneWires.h"

#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"

#include <QGraphicsScene>
#include <QPainter>

namespace rd {

SceneWires::SceneWires(QGraphicsScene *scene) : m_scene(scene)
{}

void SceneWires::invalidate(const std::vector<QRectF> &band)
{
    if (m_allDirty || band.empty()) {
        return; // everything is to be redrawn already
    }
    // Each rectangle joins every view's exposed region; a region of thousands of rectangles costs more to
    // build than redrawing the whole background once.
    constexpr std::size_t kMostRects = 256;
    m_rects += band.size();
    if (m_rects > kMostRects) {
        m_allDirty = true;
        m_scene->invalidate(m_scene->sceneRect(), QGraphicsScene::BackgroundLayer);
        return;
    }
    for (const QRectF &rect : band) {
        m_scene->invalidate(rect, QGraphicsScene::BackgroundLayer);
    }
}

void SceneWires::draw(QPainter *painter, const QRectF &exposed, qreal lod, const Cards &cards) const
{
    // A paint of wires happens: later changes must invalidate again.
    m_rects = 0;
    m_allDirty = false;
    // The parts to draw: the painter's clip (a background cache redraws only what changed), in scene
    // coordinates, else the whole exposed rectangle.
    std::vector<QRectF> areas;
    if (painter->hasClipping()) {
        painter->save();
        painter->resetTransform();
        const QRegion clip = painter->clipRegion();
        painter->restore();
        if (clip.rectCount() <= 64) {
            const QTransform toScene = painter->worldTransform().inverted();
            for (const QRect &r : clip) {
                const QRectF area = toScene.mapRect(QRectF(r)).intersected(exposed);
                if (!area.isEmpty()) {
                    areas.push_back(area);
                }
            }
        }
    }
    if (areas.empty()) {
        areas.push_back(exposed);
    }
    QRectF hull;
    for (const QRectF &area : areas) {
        hull |= area;
    }
    painter->save();
    std::vector<const EdgeItem *> selected;
    for (const int pass : {0, 1}) {
        for (const auto &[id, card] : cards) {
            for (const EdgeItem *edge : card->outgoing()) {
                if (edge->isLive() || !edge->isVisible() || !edge->boundingRect().intersects(hull)) {
                    continue;
                }
                // Fallbacks under plain wires, as the overview draws them; selected ones last, on top.
                if (edge->isSelected()) {
                    if (pass == 1) {
                        selected.push_back(edge);
                    }
                } else if (edge->isFallback() == (pass == 0)) {
                    edge->draw(painter, areas, hull, lod);
                }
            }
        }
    }
    for (const EdgeItem *edge : selected) {
        edge->draw(painter, areas, hull, lod);
    }
    painter->restore();
}

} // namespace rd
