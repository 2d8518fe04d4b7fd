#include "widgets/canvas/RouteScene.h"

#include "app/RouteDocument.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/DiffGhostItem.h"
#include "widgets/canvas/DiffHaloItem.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/FlowOverlayLayer.h"
#include "widgets/canvas/SceneItems.h"

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <unordered_set>

namespace rd {

using namespace canvas;

RouteScene::RouteScene(RouteDocument *document, QObject *parent) : QGraphicsScene(parent), m_document(document)
{
    // The overview's geometry is rebuilt on the next far-out frame after anything it shows changed.
    const auto invalidate = [this] {
        m_overview.reset();
        emit overviewChanged();
    };
    connect(this, &QGraphicsScene::selectionChanged, this, invalidate);
    // NoIndex, measured with bench_canvas (RelWithDebInfo, 2 busy cores, 5,000 elements and 10,286 wires): a drag
    // step (move one card and its edges, then one index query) costs 1.2 ms against 4.4 ms with BspTreeIndex,
    // which re-sorts every moved item; a click's hit test 1.2 ms against 4.2 ms; the first query after
    // building 7 ms against 16 ms. Without an index every query walks all items, but that stays near a
    // millisecond at 5,000 cards and happens once per click or drag step.
    setItemIndexMethod(NoIndex);
    m_settleWires = new QTimer(this);
    m_settleWires->setSingleShot(true);
    m_settleWires->setInterval(300); // longer than the pause between two steps of a slow drag
    connect(m_settleWires, &QTimer::timeout, this, &RouteScene::settleWires);
    setSceneRect(-kSceneExtent / 2, -kSceneExtent / 2, kSceneExtent, kSceneExtent);

    if (document != nullptr) {
        connect(document, &RouteDocument::changed, this, invalidate);
        connect(document, &RouteDocument::findingsChanged, this, invalidate);
        connect(document, &RouteDocument::documentReset, this, invalidate);
        connect(document, &RouteDocument::documentReset, this, &RouteScene::rebuild);
        connect(document, &RouteDocument::elementAdded, this, &RouteScene::onElementAdded);
        connect(document, &RouteDocument::elementRemoved, this, &RouteScene::onElementRemoved);
        connect(document, &RouteDocument::elementChanged, this, &RouteScene::onElementChanged);
        connect(document, &RouteDocument::elementRenamed, this, &RouteScene::onElementRenamed);
        connect(document, &RouteDocument::elementMoved, this, &RouteScene::onElementMoved);
        connect(document, &RouteDocument::bulkChangeStarted, this, &RouteScene::onBulkChangeStarted);
        connect(document, &RouteDocument::bulkChangeFinished, this, &RouteScene::onBulkChangeFinished);
        connect(document, &RouteDocument::findingsChanged, this, &RouteScene::applyFindings);
        connect(document, &QObject::destroyed, this, &RouteScene::onDocumentDestroyed);
        // New and rebuilt cards and wires take the overlay too (after documentReset's rebuild: connected later).
        connect(document, &RouteDocument::changed, this, &RouteScene::scheduleFlowOverlay);
        connect(document, &RouteDocument::documentReset, this, &RouteScene::scheduleFlowOverlay);
    }
    rebuild();
}

RouteScene::~RouteScene()
{
    // Our items go while this object is still whole: a listener told of the selection emptying may call back in
    // (selectedElementIds, elementItem). What is left (items others added) goes in ~QGraphicsScene, after this
    // class's members are gone; a signal from there would let a listener call into a half-destroyed scene, so
    // the scene falls silent first (~QObject still announces destroyed()).
    dropItems();
    blockSignals(true);
}

void RouteScene::dropItems()
{
    // While every card and wire still stands: listeners may read the selection they are told about.
    clearSelection();
    // Lookups made while items are being deleted find nothing rather than a card on its way out.
    m_items.clear();
    m_badged.clear();
    m_diffGhosts.clear();
    m_liveEdges.clear();
    m_bulkRemoved.clear(); // still in the scene: clear() below deletes them
    m_bulkDoomedEdges.clear();
    m_bulkAdded.clear();
    // Wires may go after their cards here: with the selection empty and the maps cleared, nothing can reach a
    // wire's ends during clear().
    SceneItems::clearOwn(this, [](const QGraphicsItem *item) {
        const int type = item->type();
        return type == ElementItem::Type || type == EdgeItem::Type || type == DiffGhostItem::Type;
    });
}

void RouteScene::onDocumentDestroyed()
{
    // m_document already reads null. The cards showed a route that no longer exists: a scene still showing them
    // would offer edits nothing can take.
    dropItems();
    m_overview.reset();
    emit overviewChanged();
    scheduleBoundsChanged();
}

RouteDocument *RouteScene::document() const
{
    return m_document;
}

QPointF RouteScene::fallbackPosition(std::size_t index)
{
    const auto column = static_cast<qreal>(index % kFallbackColumns);
    const auto row = static_cast<qreal>(index / kFallbackColumns);
    return {column * kFallbackColumnStep, row * kFallbackRowStep};
}

ElementItem *RouteScene::elementItem(const std::string &id) const
{
    const auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : it->second;
}

EdgeItem *RouteScene::edgeItem(const std::string &from, const std::string &output) const
{
    ElementItem *item = elementItem(from);
    if (item == nullptr) {
        return nullptr;
    }
    for (EdgeItem *edge : item->outgoing()) {
        if (edge->output() == output) {
            return edge;
        }
    }
    return nullptr;
}

std::size_t RouteScene::edgeCount() const
{
    std::size_t n = 0;
    for (const auto &entry : m_items) {
        n += entry.second->outgoing().size();
    }
    return n;
}

std::vector<std::string> RouteScene::selectedElementIds() const
{
    std::vector<std::pair<std::size_t, std::string>> found;
    const RouteDocument *document = m_document;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == ElementItem::Type) {
            const std::string &id = static_cast<ElementItem *>(item)->elementId();
            found.emplace_back(document != nullptr ? document->route().indexOf(id).value_or(0) : 0, id);
        }
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> ids;
    ids.reserve(found.size());
    for (auto &entry : found) {
        ids.push_back(std::move(entry.second));
    }
    return ids;
}

std::vector<EdgeItem *> RouteScene::selectedEdges() const
{
    std::vector<EdgeItem *> edges;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == EdgeItem::Type) {
            edges.push_back(static_cast<EdgeItem *>(item));
        }
    }
    return edges;
}

void RouteScene::selectElements(const std::vector<std::string> &ids)
{
    // One selectionChanged for the whole change, not one per card: every listener reads the whole selection,
    // so Select All on 5,000 cards would otherwise cost 5,000 times 5,000.
    std::unordered_set<QGraphicsItem *> wanted;
    wanted.reserve(ids.size());
    for (const std::string &id : ids) {
        if (ElementItem *item = elementItem(id)) {
            wanted.insert(item);
        }
    }
    if (SceneItems::selectExactly(this, wanted)) {
        emit selectionChanged();
    }
}

QRectF RouteScene::elementsBoundingRect() const
{
    QRectF bounds;
    for (const auto &entry : m_items) {
        const ElementItem *item = entry.second;
        bounds |= item->cardRect().translated(item->pos());
    }
    for (const QGraphicsItem *ghost : m_diffGhosts) {
        bounds |= ghost->sceneBoundingRect();
    }
    return bounds;
}

void RouteScene::rebuild()
{
    dropItems();
    if (!m_document) {
        scheduleBoundsChanged();
        return;
    }
    const Route &route = m_document->route();
    m_items.reserve(route.size());
    for (std::size_t i = 0; i < route.size(); ++i) {
        addElementItem(route.elements()[i].id, i);
    }
    for (const auto &entry : m_items) {
        syncOutgoing(entry.second);
    }
    applyFindings();
    applyDiffHighlights();
    scheduleBoundsChanged();
}

void RouteScene::addElementItem(const std::string &id, std::size_t index)
{
    const Element *element = m_document ? m_document->route().find(id) : nullptr;
    if (element == nullptr || m_items.contains(id)) {
        return; // a duplicate id draws once: validation reports it
    }
    auto *item = new ElementItem(*element);
    item->setPos(m_document->position(id).value_or(fallbackPosition(index)));
    addItem(item);
    m_items.emplace(id, item);
}

void RouteScene::deleteEdge(EdgeItem *edge)
{
    auto &out = edge->source()->outgoing();
    out.erase(std::remove(out.begin(), out.end(), edge), out.end());
    auto &in = edge->target()->incoming();
    in.erase(std::remove(in.begin(), in.end(), edge), in.end());
    forgetEdge(edge);
    if (m_bulk) {
        m_bulkDoomedEdges.push_back(edge); // with the rest, at the end of the change
        return;
    }
    delete edge; // also leaves the scene
}

void RouteScene::syncOutgoing(ElementItem *item)
{
    const Element *element = m_document ? m_document->route().find(item->elementId()) : nullptr;
    // The wires the element has now: a wire that still leads from the same output to the same card stays (and
    // follows its port), so an edit of one element or a mass change does not remake every wire it touches.
    std::vector<std::pair<const Output *, ElementItem *>> wanted;
    if (element != nullptr) {
        for (const Output &out : element->outputs) {
            ElementItem *target = out.target.empty() ? nullptr : elementItem(out.target);
            if (target != nullptr) { // a dangling wire has nothing to draw to; validation flags it on the card
                wanted.emplace_back(&out, target);
            }
        }
    }
    const std::vector<EdgeItem *> existing = item->outgoing();
    for (EdgeItem *edge : existing) {
        const auto match = std::find_if(wanted.begin(), wanted.end(), [edge](const auto &w) {
            return w.second == edge->target() && w.first->name == edge->output();
        });
        const bool fallback = element != nullptr && isFallbackOutput(element->type, edge->output());
        if (match == wanted.end() || fallback != edge->isFallback()) {
            deleteEdge(edge);
            continue;
        }
        wanted.erase(match);
        edge->adjust();
    }
    for (const auto &[out, target] : wanted) {
        auto *edge = new EdgeItem(item, out->name, target, isFallbackOutput(element->type, out->name));
        addItem(edge);
        item->outgoing().push_back(edge);
        target->incoming().push_back(edge);
    }
}

void RouteScene::syncIncoming(const std::string &id)
{
    if (!m_document) {
        return;
    }
    for (const IncomingRef &ref : m_document->route().incoming(id)) {
        if (ElementItem *source = elementItem(ref.source)) {
            syncOutgoing(source);
        }
    }
}

void RouteScene::removeElementItem(const std::string &id)
{
    const auto it = m_items.find(id);
    if (it == m_items.end()) {
        return;
    }
    ElementItem *item = it->second;
    m_items.erase(it);
    m_badged.erase(id);
    while (!item->outgoing().empty()) {
        deleteEdge(item->outgoing().back());
    }
    while (!item->incoming().empty()) {
        deleteEdge(item->incoming().back());
    }
    delete item;
}

void RouteScene::onElementAdded(const std::string &id)
{
    if (!m_document) {
        return;
    }
    addElementItem(id, m_document->route().indexOf(id).value_or(m_items.size()));
    if (m_bulk) {
        m_bulkAdded.push_back(id); // wired at the end, when every card of the change is there
        return;
    }
    if (ElementItem *item = elementItem(id)) {
        syncOutgoing(item);
        syncIncoming(id);
        if (m_diffMarks.contains(id)) {
            applyDiffHighlights();
        }
    }
    scheduleBoundsChanged();
}

void RouteScene::onElementRemoved(const std::string &id)
{
    if (m_bulk) {
        const auto it = m_items.find(id);
        if (it != m_items.end()) {
            m_bulkRemoved.push_back(it->second);
            m_items.erase(it);
            m_badged.erase(id);
        }
        return;
    }
    removeElementItem(id);
    scheduleBoundsChanged();
}

void RouteScene::onBulkChangeStarted()
{
    m_bulk = true;
}

void RouteScene::onBulkChangeFinished()
{
    m_bulk = false;
    // The cards that went, with every wire touching them, leave the scene together.
    std::vector<QGraphicsItem *> doomed;
    std::unordered_set<EdgeItem *> doomedEdges;
    for (ElementItem *card : m_bulkRemoved) {
        doomed.push_back(card);
        for (EdgeItem *edge : card->outgoing()) {
            doomedEdges.insert(edge);
        }
        for (EdgeItem *edge : card->incoming()) {
            doomedEdges.insert(edge);
        }
    }
    for (EdgeItem *edge : doomedEdges) {
        forgetEdge(edge);
        for (ElementItem *end : {edge->source(), edge->target()}) {
            auto &list = end == edge->source() ? end->outgoing() : end->incoming();
            list.erase(std::remove(list.begin(), list.end(), edge), list.end());
        }
        doomed.push_back(edge);
    }
    m_bulkRemoved.clear();
    doomed.insert(doomed.end(), m_bulkDoomedEdges.begin(), m_bulkDoomedEdges.end());
    m_bulkDoomedEdges.clear();
    deleteItems(std::move(doomed));

    // New cards' own wires, and the wires into them from cards that were there before (their sources were
    // told by elementChanged as a rule; one pass over the route makes sure of it without asking per card).
    if (!m_bulkAdded.empty() && m_document) {
        std::unordered_set<std::string_view> added(m_bulkAdded.begin(), m_bulkAdded.end());
        for (const std::string &id : m_bulkAdded) {
            if (ElementItem *item = elementItem(id)) {
                syncOutgoing(item);
            }
        }
        for (const Element &element : m_document->route().elements()) {
            if (added.contains(element.id)) {
                continue;
            }
            for (const Output &out : element.outputs) {
                if (added.contains(out.target)) {
                    if (ElementItem *source = elementItem(element.id)) {
                        syncOutgoing(source);
                    }
                    break;
                }
            }
        }
        const bool marked = std::any_of(m_bulkAdded.begin(), m_bulkAdded.end(),
                                        [this](const std::string &id) { return m_diffMarks.contains(id); });
        if (marked) {
            applyDiffHighlights();
        }
    }
    m_bulkAdded.clear();
    scheduleBoundsChanged();
}

void RouteScene::deleteItems(std::vector<QGraphicsItem *> doomed)
{
    if (doomed.empty()) {
        return;
    }
    // Deselected first, silently, then announced once: a selected item's removal makes the scene emit
    // selectionChanged for each.
    if (SceneItems::deselectQuietly(this, doomed)) {
        emit selectionChanged();
    }
    if (m_items.empty() && m_diffGhosts.empty()) {
        // Nothing of ours stays: clear() drops every item in one pass (see dropItems) where deleting one at a
        // time scans the scene's item lists for each.
        dropItems();
        return;
    }
    for (QGraphicsItem *item : doomed) {
        delete item;
    }
}

void RouteScene::onElementChanged(const std::string &id)
{
    ElementItem *item = elementItem(id);
    const Element *element = m_document ? m_document->route().find(id) : nullptr;
    if (item == nullptr || element == nullptr) {
        return;
    }
    item->setElement(*element);
    syncOutgoing(item);
    item->updateEdges();
}

void RouteScene::onElementRenamed(const std::string &from, const std::string &to)
{
    const auto it = m_items.find(from);
    if (it == m_items.end()) {
        return;
    }
    ElementItem *item = it->second;
    m_items.erase(it);
    if (m_badged.erase(from) > 0) {
        m_badged.insert(to);
    }
    m_items[to] = item;
    if (const Element *element = m_document ? m_document->route().find(to) : nullptr) {
        item->setElement(*element);
    }
    syncOutgoing(item);
    syncIncoming(to);
}

void RouteScene::onElementMoved(const std::string &id)
{
    ElementItem *item = elementItem(id);
    if (item == nullptr || !m_document) {
        return;
    }
    const std::optional<QPointF> pos = m_document->position(id);
    if (!pos || *pos == item->pos()) {
        return;
    }
    item->setPos(*pos);
    // Its wires paint themselves while the card moves (a drag, a nudge), so a step repaints them and not the
    // background under every band they sweep; they go back into the background once the moves pause.
    for (auto *edges : {&item->outgoing(), &item->incoming()}) {
        for (EdgeItem *edge : *edges) {
            if (m_liveEdges.insert(edge).second) {
                edge->setLive(true);
            }
        }
    }
    m_settleWires->start();
    item->updateEdges();
    scheduleBoundsChanged();
}

void RouteScene::settleWires()
{
    for (EdgeItem *edge : m_liveEdges) {
        edge->setLive(false);
    }
    m_liveEdges.clear();
}

void RouteScene::applyFindings()
{
    if (!m_document) {
        return;
    }
    std::unordered_map<std::string, std::vector<const Finding *>> byElement;
    for (const Finding &finding : m_document->findings()) {
        if (!finding.elementId.empty()) {
            byElement[finding.elementId].push_back(&finding);
        }
    }
    for (const std::string &id : m_badged) {
        if (!byElement.contains(id)) {
            if (ElementItem *item = elementItem(id)) {
                item->setFindings({});
            }
        }
    }
    m_badged.clear();
    for (const auto &[id, findings] : byElement) {
        if (ElementItem *item = elementItem(id)) {
            item->setFindings(findings);
            m_badged.insert(id);
        }
    }
}

void RouteScene::scheduleBoundsChanged()
{
    if (m_boundsChangePending) {
        return;
    }
    m_boundsChangePending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_boundsChangePending = false;
            emit elementsBoundsChanged();
        },
        Qt::QueuedConnection);
}

void RouteScene::setDiffHighlights(std::unordered_map<std::string, DiffMark> marks)
{
    m_diffMarks = std::move(marks);
    applyDiffHighlights();
}

void RouteScene::clearDiffHighlights()
{
    m_diffMarks.clear();
    applyDiffHighlights();
}

void RouteScene::setFlowOverlay(FlowOverlay overlay)
{
    m_flow = std::move(overlay);
    m_flowPending = false;
    FlowOverlayLayer::apply(m_flow, m_items);
}

void RouteScene::clearFlowOverlay()
{
    setFlowOverlay({});
}

void RouteScene::scheduleFlowOverlay()
{
    if (m_flowPending || m_flow.isEmpty()) {
        return;
    }
    m_flowPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_flowPending) {
                m_flowPending = false;
                FlowOverlayLayer::apply(m_flow, m_items);
            }
        },
        Qt::QueuedConnection);
}

void RouteScene::applyDiffHighlights()
{
    for (QGraphicsItem *ghost : m_diffGhosts) {
        delete ghost;
    }
    m_diffGhosts.clear();
    for (const auto &entry : m_items) {
        const QList<QGraphicsItem *> children = entry.second->childItems();
        for (QGraphicsItem *child : children) {
            if (child->type() == DiffHaloItem::Type) {
                delete child;
            }
        }
    }
    if (m_diffMarks.empty()) {
        scheduleBoundsChanged();
        return;
    }

    std::vector<std::string> ghosts;
    for (const auto &[id, mark] : m_diffMarks) {
        if (ElementItem *card = elementItem(id)) {
            new DiffHaloItem(card, mark);
        } else {
            ghosts.push_back(id);
        }
    }
    // Below everything else, in id order, as many to a row as the route is wide (at least three).
    std::sort(ghosts.begin(), ghosts.end());
    const QRectF cards = elementsBoundingRect();
    const QSizeF size = DiffGhostItem::size();
    const qreal stepX = size.width() + 2 * kGrid;
    const qreal stepY = size.height() + 3 * kGrid;
    const auto columns = std::max<std::size_t>(3, static_cast<std::size_t>((cards.width() + 2 * kGrid) / stepX));
    const QPointF origin = cards.isNull() ? QPointF(0, 0) : QPointF(cards.left(), cards.bottom() + 4 * kGrid);
    for (std::size_t i = 0; i < ghosts.size(); ++i) {
        auto *ghost = new DiffGhostItem(ghosts[i], m_diffMarks.at(ghosts[i]));
        ghost->setPos(origin +
                      QPointF(static_cast<qreal>(i % columns) * stepX, static_cast<qreal>(i / columns) * stepY));
        addItem(ghost);
        m_diffGhosts.push_back(ghost);
    }
    scheduleBoundsChanged();
}

void RouteScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    // A card drags itself by asking the document to move; in a read-only scene the drag never reaches it.
    QGraphicsItem *grabber = mouseGrabberItem();
    if (m_readOnly && (event->buttons() & Qt::LeftButton) && grabber != nullptr &&
        grabber->type() == ElementItem::Type) {
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void RouteScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    QGraphicsScene::drawBackground(painter, rect);
    drawWires(painter, rect, QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform()));
}

void RouteScene::drawWires(QPainter *painter, const QRectF &exposed, qreal lod) const
{
    m_wires.draw(painter, exposed, lod, m_items);
}

void RouteScene::invalidateWires(const std::vector<QRectF> &band)
{
    m_wires.invalidate(band);
}

void RouteScene::drawOverview(QPainter *painter, const QRectF &exposed, const QColor &background) const
{
    m_overview.draw(painter, exposed, background, m_items);
}

} // namespace rd
