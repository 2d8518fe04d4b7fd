#include "widgets/canvas/SceneOverview.h"

#include "app/StatusColors.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/OverviewRaster.h"

#include <QPainter>

namespace rd {

using namespace canvas;

void SceneOverview::build(const Cards &cards) const
{
    // Gathered once per change of the route or the selection, in drawing order (fallbacks under plain wires,
    // selected ones on top; cards over wires), so a frame only maps and rasterises.
    Shapes overview;
    std::vector<std::pair<QLineF, QRgb>> fallback;
    std::vector<std::pair<QLineF, QRgb>> selected;
    const QRgb selection = StatusColors::mark(StatusColors::Role::Selection).rgb();
    const QRgb error = StatusColors::mark(StatusColors::Role::Error).rgb();
    const QRgb warning = StatusColors::mark(StatusColors::Role::Warning).rgb();
    for (const auto &[id, item] : cards) {
        const QRectF card = item->cardRect().translated(item->pos());
        for (EdgeItem *edge : item->outgoing()) {
            const QLineF line(edge->startPoint(), edge->endPoint());
            if (edge->isSelected()) {
                selected.emplace_back(line, selection);
            } else if (edge->isFallback()) {
                fallback.emplace_back(line, kFarFallbackWire.rgb());
            } else {
                overview.wires.emplace_back(line, kWire.rgb());
            }
        }
        overview.cards.emplace_back(card, item->color().rgb());
        if (item->isSelected()) {
            overview.selectedCards.push_back(card);
        }
        if (item->errorCount() + item->warningCount() > 0) {
            overview.badges.emplace_back(card.topRight(), item->errorCount() > 0 ? error : warning);
        }
    }
    overview.wires.insert(overview.wires.begin(), fallback.begin(), fallback.end());
    overview.wires.insert(overview.wires.end(), selected.begin(), selected.end());
    m_shapes = std::move(overview);
}

void SceneOverview::draw(QPainter *painter, const QRectF &exposed, const QColor &background, const Cards &cards) const
{
    if (!m_shapes) {
        build(cards);
    }
    const QTransform toDevice = painter->worldTransform();
    const QRect deviceArea = toDevice.mapRect(exposed).toAlignedRect().intersected(
        QRect(0, 0, painter->device()->width(), painter->device()->height()));
    if (deviceArea.isEmpty()) {
        return;
    }
    OverviewRaster raster(deviceArea, painter->device()->devicePixelRatioF(), background);
    const QRgb selection = StatusColors::mark(StatusColors::Role::Selection).rgb();
    const QRectF visible(deviceArea);
    for (const auto &[sceneLine, color] : m_shapes->wires) {
        const QLineF line = toDevice.map(sceneLine);
        if (QRectF(line.p1(), line.p2()).normalized().adjusted(-1, -1, 1, 1).intersects(visible)) {
            raster.drawLine(line, color);
        }
    }
    // A selection ring of 3 px and badges of 6 px, whatever the zoom: both must read on screen.
    for (const QRectF &card : m_shapes->selectedCards) {
        raster.fillRect(toDevice.mapRect(card).adjusted(-3, -3, 3, 3), selection);
    }
    for (const auto &[card, color] : m_shapes->cards) {
        const QRectF shown = toDevice.mapRect(card);
        if (shown.intersects(visible)) {
            raster.fillRect(shown, color);
        }
    }
    for (const auto &[corner, color] : m_shapes->badges) {
        const QPointF at = toDevice.map(corner);
        raster.fillRect(QRectF(at.x() - 3, at.y() - 3, 6, 6), color);
    }
    painter->save();
    painter->resetTransform();
    raster.paint(painter);
    painter->restore();
}

} // namespace rd
