#include "widgets/canvas/FreeSpot.h"

#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteScene.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rd {

using namespace canvas;

namespace {

// Cards are a few hundred units across: a cell this size holds a handful, so a test touches few rectangles.
constexpr qreal kCell = 256;
// 400 rings of grid steps reach 8,000 scene units in every direction: well past any screenful at a readable
// zoom, and few enough (about 640,000 points at worst) that even a packed 3,000-card route answers at once.
constexpr int kMaxRings = 400;
constexpr std::size_t kMaxWireSamplesEdges = 2000;
// Above this many cards a group is placed without searching (see nearest).
constexpr std::size_t kManyParts = 64;

} // namespace

FreeSpot::FreeSpot(std::vector<QRectF> occupied, qreal gap, std::vector<QPointF> wires)
    : m_occupied(std::move(occupied))
{
    for (std::size_t i = 0; i < m_occupied.size(); ++i) {
        m_occupied[i].adjust(-gap, -gap, gap, gap);
        m_bounds |= m_occupied[i];
        forCells(m_occupied[i], [this, i](std::int64_t key) { m_cells[key].push_back(i); });
    }
    for (const QPointF &p : wires) {
        forCells(QRectF(p, QSizeF(0, 0)), [this, p](std::int64_t key) { m_wireCells[key].push_back(p); });
    }
}

FreeSpot FreeSpot::forScene(const RouteScene &scene)
{
    std::vector<QRectF> cards;
    cards.reserve(scene.elementCount());
    for (QGraphicsItem *item : scene.items()) {
        if (item->type() == ElementItem::Type) {
            const auto *card = static_cast<const ElementItem *>(item);
            cards.push_back(card->cardRect().translated(card->pos()));
        }
    }
    // Wires are sampled every few dozen units; past a few thousand the first pass would cost more than it is
    // worth on a route that dense, and cards only keep off cards.
    std::vector<QPointF> wires;
    if (scene.edgeCount() <= kMaxWireSamplesEdges) {
        for (QGraphicsItem *item : scene.items()) {
            if (item->type() == EdgeItem::Type) {
                const QPainterPath &path = static_cast<const EdgeItem *>(item)->path();
                const int samples = std::clamp(static_cast<int>(path.length() / (kGrid * 2)), 2, 200);
                for (int i = 0; i <= samples; ++i) {
                    wires.push_back(path.pointAtPercent(static_cast<qreal>(i) / samples));
                }
            }
        }
    }
    return FreeSpot(std::move(cards), kGrid, std::move(wires));
}

std::int64_t FreeSpot::cellKey(int x, int y)
{
    return (static_cast<std::int64_t>(x) << 32) ^ static_cast<std::uint32_t>(y);
}

template<typename F> void FreeSpot::forCells(const QRectF &rect, F &&f) const
{
    const int x0 = static_cast<int>(std::floor(rect.left() / kCell));
    const int x1 = static_cast<int>(std::floor(rect.right() / kCell));
    const int y0 = static_cast<int>(std::floor(rect.top() / kCell));
    const int y1 = static_cast<int>(std::floor(rect.bottom() / kCell));
    for (int x = x0; x <= x1; ++x) {
        for (int y = y0; y <= y1; ++y) {
            f(cellKey(x, y));
        }
    }
}

bool FreeSpot::isFree(const std::vector<QRectF> &shape, QPointF origin, bool offWires) const
{
    for (const QRectF &part : shape) {
        const QRectF placed = part.translated(origin);
        if (offWires) {
            bool crossed = false;
            const QRectF around = placed.adjusted(-kGrid / 2, -kGrid / 2, kGrid / 2, kGrid / 2);
            forCells(around, [&](std::int64_t key) {
                if (const auto it = m_wireCells.find(key); !crossed && it != m_wireCells.end()) {
                    crossed = std::any_of(it->second.begin(), it->second.end(),
                                          [&around](QPointF p) { return around.contains(p); });
                }
            });
            if (crossed) {
                return false;
            }
        }
        if (!placed.intersects(m_bounds)) {
            continue;
        }
        bool hit = false;
        forCells(placed, [&](std::int64_t key) {
            if (hit) {
                return;
            }
            if (const auto it = m_cells.find(key); it != m_cells.end()) {
                for (const std::size_t i : it->second) {
                    if (m_occupied[i].intersects(placed)) {
                        hit = true;
                        return;
                    }
                }
            }
        });
        if (hit) {
            return false;
        }
    }
    return true;
}

QPointF FreeSpot::nearest(const std::vector<QRectF> &shape, QPointF wantedOrigin, const QRectF &visible) const
{
    const QPointF center = snapToGrid(wantedOrigin);
    if (shape.size() > kManyParts) {
        // Hundreds of cards (a large paste): the ring search tests every card at every point it tries, a third
        // of a second for 1,000 cards in a route of 1,000. The group goes where it was wanted when its whole
        // extent is free there, else right of every card, level with that spot.
        QRectF extent;
        for (const QRectF &part : shape) {
            extent |= part;
        }
        if (isFree({extent}, center, false)) {
            return center;
        }
        return snapToGrid(QPointF(m_bounds.right() - extent.left() + kGrid, center.y()));
    }
    if (!m_wireCells.empty()) {
        if (const std::optional<QPointF> clear = search(shape, center, visible, true)) {
            return *clear;
        }
    }
    if (const std::optional<QPointF> free = search(shape, center, visible, false)) {
        return *free;
    }
    // Right of every card, level with the wanted spot: nothing can be there.
    QRectF extent;
    for (const QRectF &part : shape) {
        extent |= part;
    }
    return snapToGrid(QPointF(m_bounds.right() - extent.left() + kGrid, center.y()));
}

std::optional<QPointF> FreeSpot::search(const std::vector<QRectF> &shape, QPointF center, const QRectF &visible,
                                        bool offWires) const
{
    QRectF extent;
    for (const QRectF &part : shape) {
        extent |= part;
    }
    const auto inside = [&](QPointF origin) {
        return visible.contains(extent.translated(origin));
    };
    // Rings stop counting as "still on screen" once they are wider than the visible area in both directions.
    const int visibleRings = static_cast<int>(std::ceil(std::max(visible.width(), visible.height()) / kGrid)) + 1;
    // Keeping off wires is only worth it on screen: off it, any spot free of cards will do.
    const int rings = offWires ? std::min(visibleRings, kMaxRings) : kMaxRings;

    std::optional<QPointF> outside; // the nearest free point off screen, kept while on-screen rings remain
    for (int ring = 0; ring <= rings; ++ring) {
        std::optional<QPointF> best;
        qreal bestDistance = std::numeric_limits<qreal>::max();
        const auto consider = [&](int dx, int dy) {
            const QPointF origin = center + QPointF(dx * kGrid, dy * kGrid);
            const qreal distance = std::hypot(qreal(dx), qreal(dy));
            if (distance < bestDistance && inside(origin) && isFree(shape, origin, offWires)) {
                best = origin;
                bestDistance = distance;
            } else if (!offWires && !outside && !inside(origin) && isFree(shape, origin)) {
                outside = origin;
            }
        };
        if (ring == 0) {
            consider(0, 0);
        }
        for (int i = -ring; i < ring; ++i) {
            consider(i, -ring);
            consider(ring, i);
            consider(-i, ring);
            consider(-ring, -i);
        }
        if (best) {
            return best;
        }
        if (outside && ring >= visibleRings) {
            return outside;
        }
    }
    return outside;
}

} // namespace rd
