#include "widgets/canvas/CanvasEdits.h"

#include "app/RouteDocument.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/FreeSpot.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

#include <string>
#include <vector>

namespace rd {

using namespace canvas;

CanvasEdits::CanvasEdits(RouteView *view) : QObject(view), m_view(view)
{}

bool CanvasEdits::editable() const
{
    return !m_view->isReadOnly() && m_view->document() != nullptr;
}

void CanvasEdits::deleteSelection()
{
    if (!editable()) {
        return;
    }
    // Elements and wires go in one document call, so that one Ctrl+Z brings the whole selection back.
    const RouteScene *scene = m_view->routeScene();
    std::vector<RouteDocument::OutputRef> wires;
    for (const EdgeItem *edge : scene->selectedEdges()) {
        wires.push_back({edge->source()->elementId(), edge->output()});
    }
    m_view->document()->removeSelection(scene->selectedElementIds(), wires);
}

void CanvasEdits::copySelection()
{
    RouteDocument *document = m_view->document();
    if (document == nullptr) {
        return;
    }
    const std::vector<std::string> ids = m_view->routeScene()->selectedElementIds();
    if (ids.empty()) {
        return;
    }
    auto *mime = new QMimeData;
    mime->setData(RouteDocument::clipboardMimeType(), document->copy(ids));
    QGuiApplication::clipboard()->setMimeData(mime);
}

void CanvasEdits::cutSelection()
{
    if (!editable()) {
        return;
    }
    const std::vector<std::string> ids = m_view->routeScene()->selectedElementIds();
    if (ids.empty()) {
        return;
    }
    copySelection();
    m_view->document()->removeElements(ids);
}

void CanvasEdits::pasteData(const QByteArray &data, QPointF wantedCenter)
{
    if (!editable()) {
        return;
    }
    std::vector<Element> elements;
    RouteDocument::Positions positions;
    if (!RouteDocument::parseClipboard(data, elements, positions) || elements.empty()) {
        return;
    }
    // The copied cards keep their arrangement and go, as a group, to the free spot nearest the wanted one.
    std::vector<QRectF> shape;
    QRectF bounds;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const QPointF pos = positions.try_emplace(elements[i].id, RouteScene::fallbackPosition(i)).first->second;
        const ElementItem card(elements[i]);
        shape.push_back(card.cardRect().translated(pos));
        bounds |= shape.back();
    }
    for (QRectF &part : shape) {
        part.translate(-bounds.topLeft());
    }
    RouteScene *scene = m_view->routeScene();
    const QPointF wanted = wantedCenter - QPointF(bounds.width() / 2, bounds.height() / 2);
    const QPointF origin = FreeSpot::forScene(*scene).nearest(shape, wanted, m_view->visibleSceneRect());
    const std::vector<std::string> ids = m_view->document()->paste(elements, positions, origin - bounds.topLeft());
    scene->selectElements(ids);
    m_view->ensureVisible(QRectF(origin, bounds.size()), 20, 20);
}

void CanvasEdits::paste()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (mime == nullptr || !mime->hasFormat(RouteDocument::clipboardMimeType())) {
        return;
    }
    pasteData(mime->data(RouteDocument::clipboardMimeType()), m_view->mapToScene(m_view->viewport()->rect().center()));
}

void CanvasEdits::duplicateSelection()
{
    RouteDocument *document = m_view->document();
    if (document == nullptr) {
        return;
    }
    const RouteScene *scene = m_view->routeScene();
    const std::vector<std::string> ids = scene->selectedElementIds();
    if (ids.empty()) {
        return;
    }
    // Beside the original when it is in view (the copy is wanted next to it), else in the middle of the view.
    QRectF bounds;
    for (const std::string &id : ids) {
        if (const ElementItem *item = scene->elementItem(id)) {
            bounds |= item->cardRect().translated(item->pos());
        }
    }
    const QRectF visible = m_view->visibleSceneRect();
    const QPointF wanted = visible.intersects(bounds) ? bounds.center() + QPointF(bounds.width() + 2 * kGrid, 0)
                                                      : m_view->mapToScene(m_view->viewport()->rect().center());
    pasteData(document->copy(ids), wanted);
}

void CanvasEdits::selectAll()
{
    const RouteDocument *document = m_view->document();
    if (document == nullptr) {
        return;
    }
    std::vector<std::string> ids;
    ids.reserve(document->route().size());
    for (const Element &element : document->route().elements()) {
        ids.push_back(element.id);
    }
    m_view->routeScene()->selectElements(ids);
}

void CanvasEdits::nudge(QPointF offset)
{
    if (!editable()) {
        return;
    }
    const RouteScene *scene = m_view->routeScene();
    RouteDocument::Positions positions;
    for (const std::string &id : scene->selectedElementIds()) {
        if (const ElementItem *item = scene->elementItem(id)) {
            positions.emplace(id, item->pos() + offset);
        }
    }
    if (!positions.empty()) {
        m_view->document()->moveElements(positions);
    }
}

void CanvasEdits::addElementAtCenter(ElementType type)
{
    if (!editable()) {
        return;
    }
    RouteScene *scene = m_view->routeScene();
    const ElementItem shape(RouteDocument::makeElement(type, "new"));
    const QRectF card = shape.cardRect();
    const QPointF wanted = m_view->mapToScene(m_view->viewport()->rect().center()) - card.center();
    const QPointF pos = FreeSpot::forScene(*scene).nearest({card}, wanted, m_view->visibleSceneRect());
    const std::string id = m_view->document()->addElement(type, pos, std::nullopt);
    scene->selectElements({id});
    m_view->ensureVisible(scene->elementItem(id)->sceneBoundingRect(), 20, 20);
    m_view->setFocus(Qt::OtherFocusReason);
}

void CanvasEdits::addElementAt(ElementType type, QPointF scenePos)
{
    if (!editable()) {
        return;
    }
    const std::string id = m_view->document()->addElement(
        type, snapToGrid(scenePos - QPointF(kNodeWidth / 2, kHeaderHeight / 2)), std::nullopt);
    m_view->routeScene()->selectElements({id});
    m_view->setFocus(Qt::OtherFocusReason);
}

} // namespace rd
