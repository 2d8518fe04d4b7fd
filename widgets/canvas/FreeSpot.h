#pragma once

#include <QPointF>
#include <QRectF>

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace rd {

class RouteScene;

// Where new cards go so they land on nothing: the grid point nearest a wanted spot at which a group of card
// rectangles, each kept `gap` away from every card already there, overlaps none of them.
//
// The search walks square rings of grid points outwards from the wanted spot and takes the nearest free point
// of the first ring that has one, preferring points whose cards lie wholly inside `visible` (the operator
// should see what was added); past a bounded number of rings it gives up on nearness and goes right of
// everything, which is always free. A first pass also keeps off the wires (points sampled along them), so a
// new card does not hide one; only when no such spot is in view does a card go over a wire.
class FreeSpot
{
public:
    FreeSpot(std::vector<QRectF> occupied, qreal gap, std::vector<QPointF> wires = {});
    // The cards of `scene`, kept a grid step apart.
    static FreeSpot forScene(const RouteScene &scene);

    // `shape`: the cards to place relative to their group's origin. Returns the origin to use.
    QPointF nearest(const std::vector<QRectF> &shape, QPointF wantedOrigin, const QRectF &visible) const;
    bool isFree(const std::vector<QRectF> &shape, QPointF origin, bool offWires = false) const;

private:
    static std::int64_t cellKey(int x, int y);
    template<typename F> void forCells(const QRectF &rect, F &&f) const;
    std::optional<QPointF> search(const std::vector<QRectF> &shape, QPointF center, const QRectF &visible,
                                  bool offWires) const;

    std::vector<QRectF> m_occupied; // grown by the gap
    std::unordered_map<std::int64_t, std::vector<std::size_t>> m_cells;
    QRectF m_bounds;
    std::unordered_map<std::int64_t, std::vector<QPointF>> m_wireCells;
};

} // namespace rd
