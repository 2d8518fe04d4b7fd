#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace rd {

// Where a view goes to show cards: a zoom and the scene point for the viewport's centre. Pure geometry, so
// Fit to View and the zoom a route opens with follow one set of rules: a margin in scene units and in
// screen pixels, room left for the minimap in its corner, and a floor at which card text stays legible.
class ViewFit
{
public:
    struct Placement
    {
        qreal zoom = 1;
        QPointF centre;
    };

    // `viewport` in logical pixels; `minimap` the overview's box in viewport coordinates, null when hidden.
    ViewFit(QSizeF viewport, QRectF minimap, qreal minZoom, qreal maxZoom);

    // All of `cards` in view, as large as allowed, `sceneMargin` around them; beside the minimap when centring
    // would put a card under it.
    Placement whole(const QRectF &cards, qreal sceneMargin = kSceneMargin) const;
    // whole() when cards still show their text there (canvas::kLodShape and up: the compact face keeps it at a
    // legible size), with a tighter margin if that is what it takes; otherwise that zoom, showing the route from
    // `start` (the start card, at the left; null: the route's top-left corner).
    Placement readable(const QRectF &cards, const QRectF &start) const;

    static constexpr qreal kSceneMargin = 60;
    static constexpr qreal kPixelMargin = 8;

private:
    qreal zoomFor(const QRectF &area, const QRectF &room) const;
    // The largest part of the viewport the minimap leaves free: left of it or above it.
    QRectF besideMinimap() const;

    QSizeF m_viewport;
    QRectF m_minimap;
    qreal m_minZoom;
    qreal m_maxZoom;
};

} // namespace rd
