#include "widgets/canvas/CanvasWiring.h"

#include "app/StatusColors.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/QuickAddPopup.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QGraphicsPathItem>

#include <algorithm>

namespace rd {

using namespace canvas;

CanvasWiring::CanvasWiring(RouteView *view) : QObject(view), m_view(view)
{
    connect(view->quickAddPopup(), &QuickAddPopup::typeChosen, this, &CanvasWiring::addPending);
    connect(view->quickAddPopup(), &QuickAddPopup::cancelled, this, [this] { m_pendingAdd.reset(); });
}

bool CanvasWiring::begin(QPoint viewPos)
{
    RouteScene *scene = m_view->routeScene();
    ElementItem *item = m_view->elementAt(viewPos);
    if (m_wire || m_view->isReadOnly() || scene == nullptr || item == nullptr) {
        return false;
    }
    const std::optional<int> port = item->outputAt(item->mapFromScene(m_view->mapToScene(viewPos)));
    if (!port) {
        return false;
    }
    const ElementItem::Port &p = item->ports().at(static_cast<std::size_t>(*port));
    Wire wire{item->elementId(), p.name, item->mapToScene(item->outputPortPos(*port)), nullptr};
    wire.item = new QGraphicsPathItem;
    wire.item->setPen(QPen(StatusColors::mark(StatusColors::Role::Selection), 2.5, Qt::DashLine, Qt::RoundCap));
    wire.item->setZValue(10);
    wire.item->setPath(EdgeItem::curve(wire.start, wire.start));
    scene->addItem(wire.item);
    // Rewiring: the old wire fades while the new one is being drawn.
    if (EdgeItem *old = scene->edgeItem(wire.from, wire.output)) {
        old->setOpacity(0.3);
    }
    m_wire = std::move(wire);
    return true;
}

void CanvasWiring::moveTo(QPoint viewPos)
{
    if (m_wire) {
        m_wire->item->setPath(EdgeItem::curve(m_wire->start, m_view->mapToScene(viewPos)));
    }
}

void CanvasWiring::cancel()
{
    if (!m_wire) {
        return;
    }
    RouteScene *scene = m_view->routeScene();
    if (EdgeItem *old = scene ? scene->edgeItem(m_wire->from, m_wire->output) : nullptr) {
        old->setOpacity(1.0);
    }
    delete m_wire->item;
    m_wire.reset();
}

void CanvasWiring::forget()
{
    // QGraphicsScene has deleted every item left in it, the wire being dragged included: it is not deleted again.
    if (m_wire) {
        m_wire->item = nullptr;
        m_wire.reset();
    }
    m_pendingAdd.reset();
}

void CanvasWiring::finish(QPoint viewPos)
{
    if (!m_wire) {
        return;
    }
    const std::string from = m_wire->from;
    const std::string output = m_wire->output;
    cancel();
    RouteDocument *document = m_view->document();
    if (document == nullptr) {
        return; // the route went while the wire was being drawn
    }
    if (ElementItem *target = m_view->elementAt(viewPos)) {
        // Anywhere on a card counts as its input; the source itself and start (no input) refuse the wire.
        if (target->elementId() != from && target->hasInput()) {
            document->connectOutput(from, output, target->elementId());
        }
        return;
    }
    m_pendingAdd = PendingAdd{m_view->mapToScene(viewPos), RouteDocument::OutputRef{from, output}};
    const ElementItem *source = m_view->routeScene()->elementItem(from);
    m_view->quickAddPopup()->popup(
        m_view->viewport()->mapToGlobal(viewPos),
        QuickAddPopup::offeredTypes(true, source ? source->elementType() : ElementType::Unknown, output));
}

void CanvasWiring::openQuickAdd(QPoint viewPos)
{
    const RouteDocument *document = m_view->document();
    if (m_view->isReadOnly() || document == nullptr) {
        return;
    }
    m_pendingAdd = PendingAdd{m_view->mapToScene(viewPos), std::nullopt};
    const auto &elements = document->route().elements();
    const bool hasStart =
        std::any_of(elements.begin(), elements.end(), [](const Element &e) { return e.type == ElementType::Start; });
    m_view->quickAddPopup()->popup(m_view->viewport()->mapToGlobal(viewPos), QuickAddPopup::offeredTypes(hasStart));
}

void CanvasWiring::addPending(ElementType type)
{
    RouteDocument *document = m_view->document();
    if (!m_pendingAdd || m_view->isReadOnly() || document == nullptr) {
        return;
    }
    const PendingAdd pending = *m_pendingAdd;
    m_pendingAdd.reset();
    // The new card's input port lands where the wire was dropped.
    const QPointF anchor =
        type == ElementType::Start ? QPointF(kNodeWidth / 2, kHeaderHeight / 2) : ElementItem::inputPortOffset();
    const std::string id = document->addElement(type, snapToGrid(pending.scenePos - anchor), pending.connectFrom);
    m_view->routeScene()->selectElements({id});
    m_view->setFocus(Qt::OtherFocusReason);
}

} // namespace rd
