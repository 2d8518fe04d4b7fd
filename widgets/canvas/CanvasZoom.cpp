#include "widgets/canvas/CanvasZoom.h"

#include "app/RouteDocument.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteMinimap.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace rd {

namespace {

constexpr qreal kZoomStep = 1.25;
constexpr qreal kMaxFitZoom = 1.0; // fitting a three-card route should not blow it up to 300%

} // namespace

CanvasZoom::CanvasZoom(RouteView *view) : QObject(view), m_view(view)
{}

qreal CanvasZoom::zoom() const
{
    return m_view->transform().m11();
}

void CanvasZoom::setZoom(qreal zoom, QPoint viewAnchor)
{
    m_followFit = false;
    zoom = std::clamp(zoom, RouteView::kMinZoom, RouteView::kMaxZoom);
    if (qFuzzyCompare(zoom, this->zoom())) {
        return;
    }
    const QPointF sceneAnchor = m_view->mapToScene(viewAnchor);
    m_view->setTransform(QTransform::fromScale(zoom, zoom));
    const QPointF drift = m_view->mapFromScene(sceneAnchor) - QPointF(viewAnchor);
    m_view->horizontalScrollBar()->setValue(m_view->horizontalScrollBar()->value() + qRound(drift.x()));
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->value() + qRound(drift.y()));
    emit zoomed(zoom);
}

void CanvasZoom::zoomIn()
{
    setZoom(zoom() * kZoomStep, m_view->viewport()->rect().center());
}

void CanvasZoom::zoomOut()
{
    setZoom(zoom() / kZoomStep, m_view->viewport()->rect().center());
}

void CanvasZoom::resetZoom()
{
    setZoom(1.0, m_view->viewport()->rect().center());
}

ViewFit CanvasZoom::viewFit() const
{
    QRectF minimap;
    const RouteMinimap *map = m_view->minimap();
    if (map != nullptr && map->isVisibleTo(m_view)) {
        minimap = QRectF(map->geometry()).translated(-QPointF(m_view->viewport()->pos()));
    }
    return ViewFit(QSizeF(m_view->viewport()->size()), minimap, RouteView::kMinZoom, kMaxFitZoom);
}

void CanvasZoom::applyFit(const ViewFit::Placement &placement)
{
    m_followFit = false;
    m_fitting = true;
    m_view->setTransform(QTransform::fromScale(placement.zoom, placement.zoom));
    m_view->centerOn(placement.centre);
    m_fitting = false;
    emit zoomed(zoom());
}

void CanvasZoom::fitRect(const QRectF &rect)
{
    if (!rect.isNull()) {
        applyFit(viewFit().whole(rect));
    }
}

void CanvasZoom::fitToView()
{
    if (const RouteScene *scene = m_view->routeScene()) {
        fitRect(scene->elementsBoundingRect());
    }
}

void CanvasZoom::fitForReading()
{
    const RouteDocument *doc = m_view->document();
    const RouteScene *scene = m_view->routeScene();
    const QRectF cards = doc != nullptr ? scene->elementsBoundingRect() : QRectF();
    if (cards.isNull()) {
        return;
    }
    QRectF start;
    for (const Element &element : doc->route().elements()) {
        if (element.type == ElementType::Start) {
            if (const ElementItem *item = scene->elementItem(element.id)) {
                start = item->cardRect().translated(item->pos());
            }
            break;
        }
    }
    applyFit(viewFit().readable(cards, start));
    m_followFit = true;
}

void CanvasZoom::fitToSelection()
{
    const RouteScene *scene = m_view->routeScene();
    if (scene == nullptr) {
        return;
    }
    QRectF bounds;
    for (const std::string &id : scene->selectedElementIds()) {
        if (const ElementItem *item = scene->elementItem(id)) {
            bounds |= item->cardRect().translated(item->pos());
        }
    }
    fitRect(bounds);
}

void CanvasZoom::wheel(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const int steps = delta.y() != 0 ? delta.y() : delta.x();
    if (steps == 0) {
        event->ignore();
        return;
    }
    setZoom(zoom() * std::pow(2.0, steps / 480.0), event->position().toPoint());
    event->accept();
}

void CanvasZoom::viewScrolled()
{
    if (!m_fitting) {
        m_followFit = false; // scrolled by the user (scroll bars, panning, the minimap)
    }
}

} // namespace rd
