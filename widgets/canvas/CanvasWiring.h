#pragma once

#include "app/RouteDocument.h"
#include "model/ElementType.h"

#include <QObject>
#include <QPoint>
#include <QPointF>

#include <optional>
#include <string>

class QGraphicsPathItem;

namespace rd {

class RouteView;

// Adding by gesture on one RouteView: a wire dragged from an output port (dropped on a card it connects to its
// input; dropped on empty canvas the quick-add popup offers what to create there, already connected), and a
// double-click on empty canvas (the popup offers any type). Every change goes to the view's document.
//
// It is its view's child; the scene and the document are looked up through the view on each use and may be gone.
// The view cancels a wire still being dragged when it goes (a child outlives its parent's destructor body).
class CanvasWiring : public QObject
{
    Q_OBJECT

public:
    explicit CanvasWiring(RouteView *view);

    bool isWiring() const { return m_wire.has_value(); }
    // Starts a wire when `viewPos` is on an output port of a card: true when it did.
    bool begin(QPoint viewPos);
    void moveTo(QPoint viewPos);
    // Ends the wire at `viewPos`: on a card, connects it; on empty canvas, opens the quick-add popup there.
    void finish(QPoint viewPos);
    // Drops the wire being dragged, if any; the wire it was replacing shows again.
    void cancel();
    // The scene is gone, and the wire's item with it.
    void forget();
    // Opens the quick-add popup at a viewport point; a chosen type is created there.
    void openQuickAdd(QPoint viewPos);
    // Forgets where the popup would add (read-only, or the scene gone).
    void dropPendingAdd() { m_pendingAdd.reset(); }

private:
    struct Wire
    {
        std::string from;
        std::string output;
        QPointF start;
        QGraphicsPathItem *item = nullptr;
    };
    struct PendingAdd
    {
        QPointF scenePos;
        std::optional<RouteDocument::OutputRef> connectFrom;
    };

    void addPending(ElementType type);

    RouteView *m_view;
    std::optional<Wire> m_wire;
    std::optional<PendingAdd> m_pendingAdd;
};

} // namespace rd
