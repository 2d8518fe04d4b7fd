#pragma once

#include "widgets/canvas/DiffMark.h"
#include "widgets/canvas/FlowOverlay.h"
#include "widgets/canvas/SceneOverview.h"
#include "widgets/canvas/SceneWires.h"

#include <QGraphicsScene>
#include <QLineF>
#include <QPointer>
#include <QRgb>

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

class QPainter;
class QTimer;

namespace rd {

class EdgeItem;
class ElementItem;
class RouteDocument;

// The route drawn: one ElementItem per element (keyed by id) and one EdgeItem per wired output, kept in
// step with the document through its signals, one element at a time. The scene never edits the route;
// items and views call the document, and the change comes back here as a signal.
//
// The scene does not own its document, and either may go first. When the document is destroyed the scene
// drops every card and wire it drew and from then on stays empty: document() is null, and nothing here reads
// the route again (the selection, the overview and every slot work without it).
class RouteScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit RouteScene(RouteDocument *document, QObject *parent = nullptr);
    ~RouteScene() override;

    // Null once the document has been destroyed (or when the scene was made without one): callers that edit
    // through it check.
    RouteDocument *document() const;

    ElementItem *elementItem(const std::string &id) const;
    EdgeItem *edgeItem(const std::string &from, const std::string &output) const;
    std::size_t elementCount() const { return m_items.size(); }
    std::size_t edgeCount() const;

    // Selected elements in route order (deterministic for copy and delete).
    std::vector<std::string> selectedElementIds() const;
    std::vector<EdgeItem *> selectedEdges() const;
    // Selects exactly these elements.
    void selectElements(const std::vector<std::string> &ids);
    // The cards' extent (not the fixed sceneRect); null when the route is empty.
    QRectF elementsBoundingRect() const;

    // The whole route rasterised in one pass, for views zoomed out past canvas::kLodOverview: flat cards by
    // type colour, hairline wires, selection and badges. Only what intersects `exposed` is drawn. With a valid
    // `background` the pass is opaque and replaces the view's background (one copy instead of a blend).
    void drawOverview(QPainter *painter, const QRectF &exposed, const QColor &background = QColor()) const;

    // Every wire that crosses `exposed` (and the painter's clip, when it has one), as drawn at zoom `lod`:
    // views draw them into their cached background (RouteView::drawBackground), scene renders (Export Image)
    // through drawBackground. Fallback and plain wires first, selected ones on top.
    void drawWires(QPainter *painter, const QRectF &exposed, qreal lod) const;
    // A wire changed where it may have drawn (EdgeItem::band): the views' backgrounds are redrawn there. Many
    // changes before the next paint (a rebuild, a mass delete) become one redraw of everything.
    void invalidateWires(const std::vector<QRectF> &band);
    // True while every view's whole background is to be redrawn anyway: a wire need not work out its band.
    bool wiresAllDirty() const { return m_wires.allDirty(); }

    // Where an element without a stored position is drawn: a simple grid by its index in the route.
    static QPointF fallbackPosition(std::size_t index);

    // Marks added and changed elements with a ring on their card; ids without a card (removed ones) become
    // ghost cards in a row below the route. Replaces earlier marks; they survive document resets.
    void setDiffHighlights(std::unordered_map<std::string, DiffMark> marks);
    void clearDiffHighlights();
    const std::unordered_map<std::string, DiffMark> &diffHighlights() const { return m_diffMarks; }

    // A trace's path or a simulation's traffic drawn over the route (FlowOverlay). It stays through edits and
    // resets, applied again to cards and wires as they come, until replaced or cleared.
    void setFlowOverlay(FlowOverlay overlay);
    void clearFlowOverlay();
    const FlowOverlay &flowOverlay() const { return m_flow; }

    // Cards cannot be dragged; RouteView::setReadOnly refuses every other edit.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }

signals:
    // Cards were added, removed or moved: the minimap refits on this (coalesced to once per event loop turn).
    void elementsBoundsChanged();
    // What drawOverview draws changed (route, findings, selection). Views that paint the overview repaint on
    // this: Qt's own item updates do not reach them, since it only repaints where an item was last painted
    // item by item, and in overview no item is.
    void overviewChanged();

protected:
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    // The scene's own background (a render of the scene, Export Image), with the wires drawn on it.
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void rebuild();
    // Deletes this scene's own cards, wires and ghost cards, leaving items others added (a view's wire being
    // dragged) alone. The selection empties first, in one selectionChanged, while every card and wire stands:
    // a listener never sees a selected wire whose card is gone.
    void dropItems();
    void onDocumentDestroyed();
    void addElementItem(const std::string &id, std::size_t index);
    void removeElementItem(const std::string &id);
    void syncOutgoing(ElementItem *item);
    void syncIncoming(const std::string &id);
    void deleteEdge(EdgeItem *edge);
    void applyFindings();
    void scheduleBoundsChanged();
    void applyDiffHighlights();
    // Coalesced to once per event loop turn: an edit emits several signals.
    void scheduleFlowOverlay();

    void onElementAdded(const std::string &id);
    void onElementRemoved(const std::string &id);
    // RouteDocument::BulkChange: cards come and go at once, their wires are made once at the end, and the cards
    // and wires that went are deleted together (with one selectionChanged), not one by one.
    void onBulkChangeStarted();
    void onBulkChangeFinished();
    // Deletes cards and wires of this scene. Selected ones are deselected first with one selectionChanged;
    // when nothing of ours is left the scene's clear() takes them all in one pass.
    void deleteItems(std::vector<QGraphicsItem *> doomed);
    void onElementChanged(const std::string &id);
    void onElementRenamed(const std::string &from, const std::string &to);
    void onElementMoved(const std::string &id);

    QPointer<RouteDocument> m_document;
    std::unordered_map<std::string, ElementItem *> m_items;
    std::unordered_set<std::string> m_badged;
    bool m_boundsChangePending = false;
    std::unordered_map<std::string, DiffMark> m_diffMarks;
    std::vector<QGraphicsItem *> m_diffGhosts;
    bool m_readOnly = false;
    FlowOverlay m_flow;
    bool m_flowPending = false;
    SceneOverview m_overview;
    bool m_bulk = false;
    std::vector<std::string> m_bulkAdded;
    std::vector<ElementItem *> m_bulkRemoved;       // out of m_items already, still in the scene
    std::vector<QGraphicsItem *> m_bulkDoomedEdges; // unlinked from their cards, deleted at the end
    SceneWires m_wires{this};
    // Wires of cards moved lately: live (EdgeItem::setLive) until the moves stop for a moment.
    std::unordered_set<EdgeItem *> m_liveEdges;
    QTimer *m_settleWires = nullptr;
    void settleWires();
    void forgetEdge(EdgeItem *edge) { m_liveEdges.erase(edge); }
};

} // namespace rd
