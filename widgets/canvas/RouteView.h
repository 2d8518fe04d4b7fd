#pragma once

#include "app/RouteDocument.h"
#include "model/ElementType.h"
#include "widgets/canvas/CanvasActions.h"
#include "widgets/canvas/CanvasEdits.h"
#include "widgets/canvas/CanvasGrid.h"
#include "widgets/canvas/CanvasWiring.h"
#include "widgets/canvas/CanvasZoom.h"

#include <QGraphicsView>
#include <QImage>
#include <QPointer>

#include <string>

class QAction;

namespace rd {

class CardFocus;
class EdgeItem;
class ElementItem;
class QuickAddPopup;
class RouteMinimap;
class RouteScene;

// The canvas: zoom (wheel around the cursor, Ctrl+= / Ctrl+- / Ctrl+0), pan (middle button or Space+drag),
// fit (F, Shift+F), rubber-band selection, wiring by dragging from an output port and the quick-add popup
// (CanvasWiring), dropping palette types, clipboard and deletion (CanvasEdits). Every change goes to the scene's
// RouteDocument.
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
    QList<QAction *> editActions() const { return m_actions->edit(); }
    // Zoom In, Zoom Out, Actual Size, Fit to View, Fit to Selection, Show Minimap.
    QList<QAction *> viewActions() const { return m_actions->view(); }
    QAction *deleteAction() const { return m_actions->deleteAction(); }
    QAction *copyAction() const { return m_actions->copyAction(); }
    QAction *cutAction() const { return m_actions->cutAction(); }
    QAction *pasteAction() const { return m_actions->pasteAction(); }
    QAction *duplicateAction() const { return m_actions->duplicateAction(); }
    QAction *selectAllAction() const { return m_actions->selectAllAction(); }
    QAction *connectAction() const { return m_actions->connectAction(); }
    CardFocus *cardFocus() const { return m_cardFocus; }
    QAction *fitToViewAction() const { return m_actions->fitToViewAction(); }
    QAction *fitToSelectionAction() const { return m_actions->fitToSelectionAction(); }
    QAction *minimapAction() const { return m_actions->minimapAction(); }

    qreal zoom() const { return m_zoom->zoom(); }
    // Zooms about `viewAnchor` (viewport coordinates), keeping the scene point under it in place.
    void setZoom(qreal zoom, QPoint viewAnchor) { m_zoom->setZoom(zoom, viewAnchor); }
    static constexpr qreal kMinZoom = 0.02;
    static constexpr qreal kMaxZoom = 3.0;
    // A click this close to a wire (in logical screen pixels, at any zoom) picks it, unless a card is there.
    static constexpr qreal kWirePickPixels = 6;
    // The wire nearest to `viewPos` within kWirePickPixels, as drawn at the current zoom; null when none is.
    EdgeItem *edgeNear(QPoint viewPos) const;
    // The card under `viewPos`, or null.
    ElementItem *elementAt(QPoint viewPos) const;
    QRectF visibleSceneRect() const;

    QuickAddPopup *quickAddPopup() const { return m_quickAdd; }
    RouteMinimap *minimap() const { return m_minimap; }
    bool isWiring() const { return m_wiring->isWiring(); }

    // Shows without editing: no drag, delete, cut, paste, wiring, quick add or palette drops. Selection,
    // copy, zoom and fit still work. Also makes the scene read-only.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    // The slots are the helpers' (CanvasZoom, CanvasEdits, CanvasWiring): the view is what windows, menus and
    // tests hold.
public slots:
    void zoomIn() { m_zoom->zoomIn(); }
    void zoomOut() { m_zoom->zoomOut(); }
    void resetZoom() { m_zoom->resetZoom(); }
    void fitToView() { m_zoom->fitToView(); }
    // How a route opens: fitted whole when its cards still show text that way (compact faces from
    // canvas::kLodShape up, their text at least canvas::kLegibleTextPixels logical pixels); a larger route opens
    // at canvas::kLodShape where it begins (its start element, else its top-left), and Fit to View shows it all.
    void fitForReading() { m_zoom->fitForReading(); }
    void fitToSelection() { m_zoom->fitToSelection(); }
    void deleteSelection() { m_edits->deleteSelection(); }
    void copySelection() { m_edits->copySelection(); }
    void cutSelection() { m_edits->cutSelection(); }
    void paste() { m_edits->paste(); }
    void duplicateSelection() { m_edits->duplicateSelection(); }
    void selectAll() { m_edits->selectAll(); }
    // Opens the connect picker for the focused (or the only selected) card's first unwired output.
    void connectOutput();
    // Adds an element of `type` in the middle of what is visible (the palette's double-click).
    void addElementAtCenter(ElementType type) { m_edits->addElementAtCenter(type); }
    // Opens the quick-add popup at a viewport point; a chosen type is created there.
    void openQuickAdd(QPoint viewPos) { m_wiring->openQuickAdd(viewPos); }
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
    void onSceneDestroyed();
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
    CanvasWiring *m_wiring = nullptr;
    CanvasEdits *m_edits = nullptr;
    CanvasZoom *m_zoom = nullptr;
    CanvasActions *m_actions = nullptr;
    bool m_spaceHeld = false;
    bool m_readOnly = false;
    bool m_panning = false;
    bool m_itemInteraction = false; // a card or wire drag started by the left button
    QPoint m_panLast;
    CardFocus *m_cardFocus = nullptr;
    CanvasGrid m_grid;
    // The last whole-viewport overview raster and the transform it was made for: a repaint with nothing changed
    // (an expose, a tooltip, the minimap's frame moving) copies it instead of rasterising 15,000 shapes again.
    QImage m_overviewFrame;
    QTransform m_overviewTransform;
};

} // namespace rd
