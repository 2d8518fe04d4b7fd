#pragma once

#include "app/RouteDocument.h"
#include "model/ElementType.h"
#include "widgets/canvas/ViewFit.h"

#include <QGraphicsView>
#include <QImage>
#include <QPointer>

#include <optional>
#include <string>

class QAction;
class QGraphicsPathItem;

namespace rd {

class CardFocus;
class EdgeItem;
class ElementItem;
class QuickAddPopup;
class RouteMinimap;
class RouteScene;

// The canvas: zoom (wheel around the cursor, Ctrl+= / Ctrl+- / Ctrl+0), pan (middle button or Space+drag),
// fit (F, Shift+F), rubber-band selection, wiring by dragging from an output port, the quick-add popup,
// dropping palette types, clipboard and deletion. Every change goes to the scene's RouteDocument.
//
// Keyboard: Tab and Shift+Tab give the cards keyboard focus (a focus ring, see CardFocus), arrows then follow
// the wires and C connects the focused card's output to another element; without a focused card the arrows
// nudge the selection by one grid step (20 px). Alt+arrows always nudge by a step, Shift+arrows by five;
// Delete removes the selected elements (or disconnects selected wires); Esc cancels a wire being dragged,
// else ends keyboard focus and clears the selection; the Menu key or Shift+F10 opens the card's menu.
//
// The window puts editActions() in its Edit menu and viewActions() in its View menu; their shortcuts are
// WidgetWithChildrenShortcut, so they fire while the canvas has focus and leave other widgets' keys alone.
// Undo/redo are the document's: RouteDocument::undoStack()->createUndoAction(...).
//
// The view owns neither its scene nor the document. Either may be destroyed while the view lives: the view then
// shows an empty canvas, its edit actions are disabled and do nothing, and routeScene() or document() is null.
class RouteView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit RouteView(RouteScene *scene, QWidget *parent = nullptr);
    ~RouteView() override;

    // Null once the scene has been destroyed.
    RouteScene *routeScene() const;
    // Null once the scene or its document has been destroyed.
    RouteDocument *document() const;

    // Delete, Cut, Copy, Paste, Duplicate, Select All, Connect Output.
    QList<QAction *> editActions() const;
    // Zoom In, Zoom Out, Actual Size, Fit to View, Fit to Selection, Show Minimap.
    QList<QAction *> viewActions() const;
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *copyAction() const { return m_copyAction; }
    QAction *cutAction() const { return m_cutAction; }
    QAction *pasteAction() const { return m_pasteAction; }
    QAction *duplicateAction() const { return m_duplicateAction; }
    QAction *selectAllAction() const { return m_selectAllAction; }
    QAction *connectAction() const { return m_connectAction; }
    CardFocus *cardFocus() const { return m_cardFocus; }
    QAction *fitToViewAction() const { return m_fitAction; }
    QAction *fitToSelectionAction() const { return m_fitSelectionAction; }
    QAction *minimapAction() const { return m_minimapAction; }

    qreal zoom() const;
    // Zooms about `viewAnchor` (viewport coordinates), keeping the scene point under it in place.
    void setZoom(qreal zoom, QPoint viewAnchor);
    static constexpr qreal kMinZoom = 0.02;
    static constexpr qreal kMaxZoom = 3.0;
    // A click this close to a wire (in logical screen pixels, at any zoom) picks it, unless a card is there.
    static constexpr qreal kWirePickPixels = 6;
    // The wire nearest to `viewPos` within kWirePickPixels, as drawn at the current zoom; null when none is.
    EdgeItem *edgeNear(QPoint viewPos) const;

    QuickAddPopup *quickAddPopup() const { return m_quickAdd; }
    RouteMinimap *minimap() const { return m_minimap; }
    bool isWiring() const { return m_wire.has_value(); }

    // Shows without editing: no drag, delete, cut, paste, wiring, quick add or palette drops. Selection,
    // copy, zoom and fit still work. Also makes the scene read-only.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToView();
    // How a route opens: fitted whole when its cards still show text that way (compact faces from
    // canvas::kLodShape up, their text at least canvas::kLegibleTextPixels logical pixels); a larger route opens
    // at canvas::kLodShape where it begins (its start element, else its top-left), and Fit to View shows it all.
    void fitForReading();
    void fitToSelection();
    void deleteSelection();
    void copySelection();
    void cutSelection();
    void paste();
    void duplicateSelection();
    void selectAll();
    // Opens the connect picker for the focused (or the only selected) card's first unwired output.
    void connectOutput();
    // Adds an element of `type` in the middle of what is visible (the palette's double-click).
    void addElementAtCenter(ElementType type);
    // Opens the quick-add popup at a viewport point; a chosen type is created there.
    void openQuickAdd(QPoint viewPos);
    void cancelWire();

signals:
    // The visible part of the scene changed (scroll, zoom, resize): the minimap repaints its frame.
    void visibleAreaChanged();
    void zoomChanged(qreal zoom);
    void readOnlyChanged(bool readOnly);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool focusNextPrevChild(bool next) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

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

    QAction *makeAction(const QString &text, const QKeySequence &shortcut, void (RouteView::*slot)());
    // Actions that need a selection (or a document) are disabled without one, so menus show what applies.
    void updateActions();
    void onSceneDestroyed();
    ElementItem *elementAt(QPoint viewPos) const;
    void finishWire(QPoint viewPos);
    void addPending(ElementType type);
    // Pastes the copied cards as a group, centred as near `wantedCenter` as free space allows.
    void pasteData(const QByteArray &data, QPointF wantedCenter);
    QRectF visibleSceneRect() const;
    void nudge(QPointF offset);
    void fitRect(const QRectF &rect);
    ViewFit viewFit() const;
    void applyFit(const ViewFit::Placement &placement);
    void placeMinimap();
    void setPanning(bool panning, QPoint at = {});
    // Far out the route is drawn batched by the scene (RouteScene::drawOverview) rather than item by item;
    // while a card or wire is being dragged, items paint themselves so the drag shows exactly as it will land.
    bool overviewActive() const;
    // A palette drag is this view's to accept (or, read-only, to refuse): true when it handled the event.
    bool takePaletteDrag(QDragMoveEvent *event) const;
    void updatePaintMode();

    QPointer<RouteScene> m_scene;
    QuickAddPopup *m_quickAdd;
    RouteMinimap *m_minimap;
    std::optional<Wire> m_wire;
    std::optional<PendingAdd> m_pendingAdd;
    bool m_spaceHeld = false;
    bool m_readOnly = false;
    bool m_panning = false;
    // Opened fitted (fitForReading) and not zoomed or scrolled since: a resize of the canvas (a window resized,
    // the inspector widening for a card's fields) fits again rather than cutting the route off at an edge.
    bool m_followFit = false;
    bool m_fitting = false;         // scrolls made by a fit or a resize are not the user's
    bool m_itemInteraction = false; // a card or wire drag started by the left button
    QPoint m_panLast;
    CardFocus *m_cardFocus = nullptr;
    // One major grid cell of dots, rendered for the current zoom: the background is a single textured fill
    // instead of thousands of antialiased points (35 ms -> under 1 ms per 1080p frame).
    QImage m_gridTile;
    qreal m_gridTileZoom = 0;
    qreal m_gridTileStep = 0;

    QAction *m_deleteAction;
    QAction *m_cutAction;
    QAction *m_copyAction;
    QAction *m_pasteAction;
    QAction *m_duplicateAction;
    QAction *m_selectAllAction;
    QAction *m_connectAction;
    QAction *m_zoomInAction;
    QAction *m_zoomOutAction;
    QAction *m_resetZoomAction;
    QAction *m_fitAction;
    QAction *m_fitSelectionAction;
    QAction *m_minimapAction;
};

} // namespace rd
