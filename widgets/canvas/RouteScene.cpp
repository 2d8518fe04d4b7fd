#include "widgets/canvas/RouteScene.h"

#include "app/RouteDocument.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"

#include <algorithm>

namespace rd {

using namespace canvas;

RouteScene::RouteScene(RouteDocument *document, QObject *parent) : QGraphicsScene(parent), m_document(document)
{
    // NoIndex, measured with bench_canvas (RelWithDebInfo, 2 busy cores, 5,000 elements and 10,286 wires): a drag
    // step (move one card and its edges, then one index query) costs 1.2 ms against 4.4 ms with BspTreeIndex,
    // which re-sorts every moved item; a click's hit test 1.2 ms against 4.2 ms; the first query after
    // building 7 ms against 16 ms. Without an index every query walks all items, but that stays near a
    // millisecond at 5,000 cards and happens once per click or drag step.
    setItemIndexMethod(NoIndex);
    setSceneRect(-kSceneExtent / 2, -kSceneExtent / 2, kSceneExtent, kSceneExtent);

    connect(document, &RouteDocument::documentReset, this, &RouteScene::rebuild);
    connect(document, &RouteDocument::elementAdded, this, &RouteScene::onElementAdded);
    connect(document, &RouteDocument::elementRemoved, this, &RouteScene::onElementRemoved);
    connect(document, &RouteDocument::elementChanged, this, &RouteScene::onElementChanged);
    connect(document, &RouteDocument::elementRenamed, this, &RouteScene::onElementRenamed);
    connect(document, &RouteDocument::elementMoved, this, &RouteScene::onElementMoved);
    connect(document, &RouteDocument::findingsChanged, this, &RouteScene::applyFindings);
    rebuild();
}

RouteScene::~RouteScene()
{
    // Items go before the maps that point at them would dangle.
    m_items.clear();
    clear();
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
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == ElementItem::Type) {
            const std::string &id = static_cast<ElementItem *>(item)->elementId();
            found.emplace_back(m_document->route().indexOf(id).value_or(0), id);
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
    clearSelection();
    for (const std::string &id : ids) {
        if (ElementItem *item = elementItem(id)) {
            item->setSelected(true);
        }
    }
}

QRectF RouteScene::elementsBoundingRect() const
{
    QRectF bounds;
    for (const auto &entry : m_items) {
        const ElementItem *item = entry.second;
        bounds |= item->cardRect().translated(item->pos());
    }
    return bounds;
}

void RouteScene::rebuild()
{
    m_items.clear();
    m_badged.clear();
    clear();
    const Route &route = m_document->route();
    m_items.reserve(route.size());
    for (std::size_t i = 0; i < route.size(); ++i) {
        addElementItem(route.elements()[i].id, i);
    }
    for (const auto &entry : m_items) {
        syncOutgoing(entry.second);
    }
    applyFindings();
    scheduleBoundsChanged();
}

void RouteScene::addElementItem(const std::string &id, std::size_t index)
{
    const Element *element = m_document->route().find(id);
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
    delete edge; // also leaves the scene
}

void RouteScene::syncOutgoing(ElementItem *item)
{
    while (!item->outgoing().empty()) {
        deleteEdge(item->outgoing().back());
    }
    const Element *element = m_document->route().find(item->elementId());
    if (element == nullptr) {
        return;
    }
    for (const Output &out : element->outputs) {
        ElementItem *target = out.target.empty() ? nullptr : elementItem(out.target);
        if (target == nullptr) {
            continue; // a dangling wire has nothing to draw to; validation flags it on the card
        }
        auto *edge = new EdgeItem(item, out.name, target, isFallbackOutput(element->type, out.name));
        addItem(edge);
        item->outgoing().push_back(edge);
        target->incoming().push_back(edge);
    }
}

void RouteScene::syncIncoming(const std::string &id)
{
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
    addElementItem(id, m_document->route().indexOf(id).value_or(m_items.size()));
    if (ElementItem *item = elementItem(id)) {
        syncOutgoing(item);
        syncIncoming(id);
    }
    scheduleBoundsChanged();
}

void RouteScene::onElementRemoved(const std::string &id)
{
    removeElementItem(id);
    scheduleBoundsChanged();
}

void RouteScene::onElementChanged(const std::string &id)
{
    ElementItem *item = elementItem(id);
    const Element *element = m_document->route().find(id);
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
    if (const Element *element = m_document->route().find(to)) {
        item->setElement(*element);
    }
    syncOutgoing(item);
    syncIncoming(to);
}

void RouteScene::onElementMoved(const std::string &id)
{
    ElementItem *item = elementItem(id);
    if (item == nullptr) {
        return;
    }
    const std::optional<QPointF> pos = m_document->position(id);
    if (!pos || *pos == item->pos()) {
        return;
    }
    item->setPos(*pos);
    item->updateEdges();
    scheduleBoundsChanged();
}

void RouteScene::applyFindings()
{
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

} // namespace rd
