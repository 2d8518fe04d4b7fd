#include "widgets/canvas/RouteView.h"

#include "app/StatusColors.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/CardFocus.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/ElementPalette.h"
#include "widgets/canvas/FreeSpot.h"
#include "widgets/canvas/QuickAddPopup.h"
#include "widgets/canvas/RouteMinimap.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/ViewFit.h"

#include <QAction>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QGraphicsPathItem>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMimeData>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyleHintReturnMask>
#include <QStyleOptionRubberBand>
#include <QWheelEvent>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace rd {

using namespace canvas;

namespace {

constexpr qreal kZoomStep = 1.25;
constexpr qreal kMaxFitZoom = 1.0; // fitting a three-card route should not blow it up to 300%

} // namespace

RouteView::RouteView(RouteScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent), m_scene(scene), m_quickAdd(new QuickAddPopup(this)), m_minimap(nullptr)
{
    setObjectName(QStringLiteral("RouteView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    // Zoom keeps its own anchor (see setZoom); Qt's AnchorUnderMouse only works while the pointer is inside.
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setCacheMode(QGraphicsView::CacheBackground);
    // Items set every pen, brush and hint they use, so Qt need not save and restore the painter per item.
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);

    m_deleteAction = makeAction(tr("&Delete"), QKeySequence::Delete, &RouteView::deleteSelection);
    m_deleteAction->setShortcuts({QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_Backspace)});
    m_cutAction = makeAction(tr("Cu&t"), QKeySequence::Cut, &RouteView::cutSelection);
    m_copyAction = makeAction(tr("&Copy"), QKeySequence::Copy, &RouteView::copySelection);
    m_pasteAction = makeAction(tr("&Paste"), QKeySequence::Paste, &RouteView::paste);
    m_duplicateAction =
        makeAction(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), &RouteView::duplicateSelection);
    m_selectAllAction = makeAction(tr("Select &All"), QKeySequence::SelectAll, &RouteView::selectAll);
    m_connectAction = makeAction(tr("Co&nnect Output…"), QKeySequence(Qt::Key_C), &RouteView::connectOutput);
    m_cardFocus = new CardFocus(this);
    m_zoomInAction = makeAction(tr("Zoom &In"), QKeySequence(Qt::CTRL | Qt::Key_Equal), &RouteView::zoomIn);
    m_zoomInAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(QKeySequence::ZoomIn)});
    m_zoomOutAction = makeAction(tr("Zoom &Out"), QKeySequence(Qt::CTRL | Qt::Key_Minus), &RouteView::zoomOut);
    m_resetZoomAction = makeAction(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0), &RouteView::resetZoom);
    m_fitAction = makeAction(tr("&Fit to View"), QKeySequence(Qt::Key_F), &RouteView::fitToView);
    m_fitSelectionAction =
        makeAction(tr("Fit to &Selection"), QKeySequence(Qt::SHIFT | Qt::Key_F), &RouteView::fitToSelection);

    m_minimap = new RouteMinimap(this, this);
    m_minimapAction = new QAction(tr("Show &Minimap"), this);
    m_minimapAction->setCheckable(true);
    m_minimapAction->setChecked(true);
    connect(m_minimapAction, &QAction::toggled, m_minimap, &RouteMinimap::setWanted);

    connect(this, &RouteView::zoomChanged, this, &RouteView::updatePaintMode);
    connect(m_quickAdd, &QuickAddPopup::typeChosen, this, &RouteView::addPending);
    connect(m_quickAdd, &QuickAddPopup::cancelled, this, [this] { m_pendingAdd.reset(); });
    if (scene != nullptr) {
        // A deleted, pasted or undone card changes the batched overview, but Qt only repaints where items were
        // last painted one by one: far out nothing was, so without this the old picture would stay up.
        connect(scene, &RouteScene::overviewChanged, this, [this] {
            if (overviewActive()) {
                viewport()->update();
            }
        });
        connect(scene, &QGraphicsScene::selectionChanged, this, &RouteView::updateActions);
        connect(scene, &QObject::destroyed, this, &RouteView::onSceneDestroyed);
    }
    connect(this, &RouteView::readOnlyChanged, this, &RouteView::updateActions);
    updateActions();
}

RouteView::~RouteView()
{
    cancelWire();
}

RouteScene *RouteView::routeScene() const
{
    return m_scene;
}

RouteDocument *RouteView::document() const
{
    return m_scene ? m_scene->document() : nullptr;
}

void RouteView::updateActions()
{
    // Runs once per card selected or deleted: Select All and Delete on 3,000 cards call it 3,000 times, so it
    // only looks for one selected card instead of listing them all in route order.
    const QList<QGraphicsItem *> selected = m_scene ? m_scene->selectedItems() : QList<QGraphicsItem *>();
    const bool any = !selected.isEmpty();
    const bool elements = std::any_of(selected.begin(), selected.end(),
                                      [](const QGraphicsItem *item) { return item->type() == ElementItem::Type; });
    const bool hasDocument = document() != nullptr;
    const bool editable = hasDocument && !m_readOnly;
    m_deleteAction->setEnabled(any && editable);
    m_cutAction->setEnabled(elements && editable);
    m_copyAction->setEnabled(elements && hasDocument);
    m_pasteAction->setEnabled(editable);
    m_duplicateAction->setEnabled(elements && editable);
    m_selectAllAction->setEnabled(hasDocument);
    m_fitSelectionAction->setEnabled(elements);
    m_connectAction->setEnabled(elements && editable && m_scene->selectedElementIds().size() == 1);
}

void RouteView::onSceneDestroyed()
{
    // m_scene already reads null, and QGraphicsScene has deleted every item left in it, the wire being dragged
    // included: it is forgotten here, not deleted again.
    if (m_wire) {
        m_wire->item = nullptr;
        m_wire.reset();
        if (!m_panning) {
            viewport()->unsetCursor();
        }
    }
    m_itemInteraction = false;
    m_cardFocus->clear();
    m_quickAdd->hide();
    m_pendingAdd.reset();
    updateActions();
    updatePaintMode();
    viewport()->update();
}

QAction *RouteView::makeAction(const QString &text, const QKeySequence &shortcut, void (RouteView::*slot)())
{
    auto *action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, slot);
    addAction(action);
    return action;
}

QList<QAction *> RouteView::editActions() const
{
    return {m_cutAction,    m_copyAction,      m_pasteAction,  m_duplicateAction,
            m_deleteAction, m_selectAllAction, m_connectAction};
}

QList<QAction *> RouteView::viewActions() const
{
    return {m_zoomInAction, m_zoomOutAction, m_resetZoomAction, m_fitAction, m_fitSelectionAction, m_minimapAction};
}

// --- zoom and fit

qreal RouteView::zoom() const
{
    return transform().m11();
}

void RouteView::setZoom(qreal zoom, QPoint viewAnchor)
{
    m_followFit = false;
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (qFuzzyCompare(zoom, this->zoom())) {
        return;
    }
    const QPointF sceneAnchor = mapToScene(viewAnchor);
    setTransform(QTransform::fromScale(zoom, zoom));
    const QPointF drift = mapFromScene(sceneAnchor) - QPointF(viewAnchor);
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + qRound(drift.x()));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + qRound(drift.y()));
    emit zoomChanged(zoom);
    emit visibleAreaChanged();
}

void RouteView::zoomIn()
{
    setZoom(zoom() * kZoomStep, viewport()->rect().center());
}

void RouteView::zoomOut()
{
    setZoom(zoom() / kZoomStep, viewport()->rect().center());
}

void RouteView::resetZoom()
{
    setZoom(1.0, viewport()->rect().center());
}

ViewFit RouteView::viewFit() const
{
    QRectF minimap;
    if (m_minimap != nullptr && m_minimap->isVisibleTo(this)) {
        minimap = QRectF(m_minimap->geometry()).translated(-QPointF(viewport()->pos()));
    }
    return ViewFit(QSizeF(viewport()->size()), minimap, kMinZoom, kMaxFitZoom);
}

void RouteView::applyFit(const ViewFit::Placement &placement)
{
    m_followFit = false;
    m_fitting = true;
    setTransform(QTransform::fromScale(placement.zoom, placement.zoom));
    centerOn(placement.centre);
    m_fitting = false;
    emit zoomChanged(zoom());
    emit visibleAreaChanged();
}

void RouteView::fitRect(const QRectF &rect)
{
    if (!rect.isNull()) {
        applyFit(viewFit().whole(rect));
    }
}

void RouteView::fitToView()
{
    if (!m_scene) {
        return;
    }
    fitRect(m_scene->elementsBoundingRect());
}

void RouteView::fitForReading()
{
    const RouteDocument *doc = document();
    const QRectF cards = doc != nullptr ? m_scene->elementsBoundingRect() : QRectF();
    if (cards.isNull()) {
        return;
    }
    QRectF start;
    for (const Element &element : doc->route().elements()) {
        if (element.type == ElementType::Start) {
            if (const ElementItem *item = m_scene->elementItem(element.id)) {
                start = item->cardRect().translated(item->pos());
            }
            break;
        }
    }
    applyFit(viewFit().readable(cards, start));
    m_followFit = true;
}

void RouteView::fitToSelection()
{
    if (!m_scene) {
        return;
    }
    QRectF bounds;
    for (const std::string &id : m_scene->selectedElementIds()) {
        if (const ElementItem *item = m_scene->elementItem(id)) {
            bounds |= item->cardRect().translated(item->pos());
        }
    }
    fitRect(bounds);
}

void RouteView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const int steps = delta.y() != 0 ? delta.y() : delta.x();
    if (steps == 0) {
        event->ignore();
        return;
    }
    // One wheel notch (120) zooms by 2^(1/4), about 19%; touchpads send smaller deltas and zoom smoothly.
    setZoom(zoom() * std::pow(2.0, steps / 480.0), event->position().toPoint());
    event->accept();
}

// --- mouse: panning, wiring, rubber band

ElementItem *RouteView::elementAt(QPoint viewPos) const
{
    for (QGraphicsItem *item : items(viewPos)) {
        if (item->type() == ElementItem::Type) {
            return static_cast<ElementItem *>(item);
        }
    }
    return nullptr;
}

void RouteView::setPanning(bool panning, QPoint at)
{
    m_panning = panning;
    m_panLast = at;
    if (panning) {
        viewport()->setCursor(Qt::ClosedHandCursor);
    } else if (m_spaceHeld) {
        viewport()->setCursor(Qt::OpenHandCursor);
    } else {
        viewport()->unsetCursor();
    }
}

void RouteView::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    // The mouse takes over: arrows nudge again until Tab gives a card keyboard focus.
    m_cardFocus->clear();
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        setPanning(true, pos);
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && elementAt(pos)) {
        m_itemInteraction = true;
        updatePaintMode();
    }
    if (event->button() == Qt::LeftButton && !m_wire && !m_readOnly) {
        if (ElementItem *item = elementAt(pos)) {
            if (const std::optional<int> port = item->outputAt(item->mapFromScene(mapToScene(pos)))) {
                const ElementItem::Port &p = item->ports().at(static_cast<std::size_t>(*port));
                Wire wire{item->elementId(), p.name, item->mapToScene(item->outputPortPos(*port)), nullptr};
                wire.item = new QGraphicsPathItem;
                wire.item->setPen(
                    QPen(StatusColors::mark(StatusColors::Role::Selection), 2.5, Qt::DashLine, Qt::RoundCap));
                wire.item->setZValue(10);
                wire.item->setPath(EdgeItem::curve(wire.start, wire.start));
                m_scene->addItem(wire.item);
                // Rewiring: the old wire fades while the new one is being drawn.
                if (EdgeItem *old = m_scene->edgeItem(wire.from, wire.output)) {
                    old->setOpacity(0.3);
                }
                m_wire = std::move(wire);
                viewport()->setCursor(Qt::CrossCursor);
                setFocus(Qt::MouseFocusReason);
                event->accept();
                return;
            }
        }
    }
    if (event->button() == Qt::LeftButton && !m_wire && elementAt(pos) == nullptr) {
        if (EdgeItem *edge = edgeNear(pos)) {
            // Picked here rather than by Qt: its hit test is the wire's shape in scene units, which is a
            // hairline far out and a band zoomed in. Ctrl toggles, as it does for cards.
            if (event->modifiers() & Qt::ControlModifier) {
                edge->setSelected(!edge->isSelected());
            } else {
                m_scene->clearSelection();
                edge->setSelected(true);
            }
            event->accept();
            return;
        }
    }
    QGraphicsView::mousePressEvent(event);
}

EdgeItem *RouteView::edgeNear(QPoint viewPos) const
{
    const int reach = qCeil(kWirePickPixels);
    const QRect around(viewPos - QPoint(reach, reach), QSize(2 * reach + 1, 2 * reach + 1));
    const QPointF scenePos = mapToScene(viewPos);
    // Far out a wire is drawn as a straight line (EdgeItem::paint), and that is what a person aims at.
    const bool straight = zoom() < kLodShape;
    EdgeItem *nearest = nullptr;
    qreal best = kWirePickPixels;
    for (QGraphicsItem *item : items(around, Qt::IntersectsItemBoundingRect)) {
        if (item->type() != EdgeItem::Type || !item->isVisible()) {
            continue;
        }
        auto *edge = static_cast<EdgeItem *>(item);
        const qreal pixels = edge->distanceTo(scenePos, straight) * zoom();
        if (pixels <= best) {
            best = pixels;
            nearest = edge;
        }
    }
    return nearest;
}

void RouteView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_panning) {
        const QPoint delta = pos - m_panLast;
        m_panLast = pos;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    if (m_wire) {
        m_wire->item->setPath(EdgeItem::curve(m_wire->start, mapToScene(pos)));
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void RouteView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_itemInteraction) {
        m_itemInteraction = false;
        updatePaintMode();
    }
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        setPanning(false);
        event->accept();
        return;
    }
    if (m_wire && event->button() == Qt::LeftButton) {
        finishWire(event->position().toPoint());
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void RouteView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::LeftButton && !m_readOnly && document() != nullptr && elementAt(pos) == nullptr &&
        edgeNear(pos) == nullptr && !m_scene->itemAt(mapToScene(pos), transform())) {
        openQuickAdd(pos);
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void RouteView::cancelWire()
{
    if (!m_wire) {
        return;
    }
    if (EdgeItem *old = m_scene ? m_scene->edgeItem(m_wire->from, m_wire->output) : nullptr) {
        old->setOpacity(1.0);
    }
    delete m_wire->item;
    m_wire.reset();
    if (!m_panning) {
        viewport()->unsetCursor();
    }
}

void RouteView::finishWire(QPoint viewPos)
{
    const std::string from = m_wire->from;
    const std::string output = m_wire->output;
    cancelWire();
    if (document() == nullptr) {
        return; // the route went while the wire was being drawn
    }
    if (ElementItem *target = elementAt(viewPos)) {
        // Anywhere on a card counts as its input; the source itself and start (no input) refuse the wire.
        if (target->elementId() != from && target->hasInput()) {
            document()->connectOutput(from, output, target->elementId());
        }
        return;
    }
    m_pendingAdd = PendingAdd{mapToScene(viewPos), RouteDocument::OutputRef{from, output}};
    const ElementItem *source = m_scene->elementItem(from);
    m_quickAdd->popup(viewport()->mapToGlobal(viewPos),
                      QuickAddPopup::offeredTypes(true, source ? source->elementType() : ElementType::Unknown, output));
}

// --- adding elements

void RouteView::openQuickAdd(QPoint viewPos)
{
    if (m_readOnly || document() == nullptr) {
        return;
    }
    m_pendingAdd = PendingAdd{mapToScene(viewPos), std::nullopt};
    const auto &elements = document()->route().elements();
    const bool hasStart =
        std::any_of(elements.begin(), elements.end(), [](const Element &e) { return e.type == ElementType::Start; });
    m_quickAdd->popup(viewport()->mapToGlobal(viewPos), QuickAddPopup::offeredTypes(hasStart));
}

void RouteView::addPending(ElementType type)
{
    if (!m_pendingAdd || m_readOnly || document() == nullptr) {
        return;
    }
    const PendingAdd pending = *m_pendingAdd;
    m_pendingAdd.reset();
    // The new card's input port lands where the wire was dropped.
    const QPointF anchor =
        type == ElementType::Start ? QPointF(kNodeWidth / 2, kHeaderHeight / 2) : ElementItem::inputPortOffset();
    const std::string id = document()->addElement(type, snapToGrid(pending.scenePos - anchor), pending.connectFrom);
    m_scene->selectElements({id});
    setFocus(Qt::OtherFocusReason);
}

void RouteView::addElementAtCenter(ElementType type)
{
    if (m_readOnly || document() == nullptr) {
        return;
    }
    // In the middle of what is visible, or the nearest free spot to it: never on another card.
    const ElementItem shape(RouteDocument::makeElement(type, "new"));
    const QRectF card = shape.cardRect();
    const QPointF wanted = mapToScene(viewport()->rect().center()) - card.center();
    const QPointF pos = FreeSpot::forScene(*m_scene).nearest({card}, wanted, visibleSceneRect());
    const std::string id = document()->addElement(type, pos, std::nullopt);
    m_scene->selectElements({id});
    ensureVisible(m_scene->elementItem(id)->sceneBoundingRect(), 20, 20);
    setFocus(Qt::OtherFocusReason);
}

QRectF RouteView::visibleSceneRect() const
{
    return mapToScene(viewport()->rect()).boundingRect();
}

bool RouteView::takePaletteDrag(QDragMoveEvent *event) const
{
    if (m_readOnly || document() == nullptr) {
        event->ignore();
        return true;
    }
    if (ElementPalette::typeFromMimeData(event->mimeData())) {
        event->acceptProposedAction();
        return true;
    }
    return false;
}

void RouteView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!takePaletteDrag(event)) {
        QGraphicsView::dragEnterEvent(event);
    }
}

void RouteView::dragMoveEvent(QDragMoveEvent *event)
{
    if (!takePaletteDrag(event)) {
        QGraphicsView::dragMoveEvent(event);
    }
}

void RouteView::dropEvent(QDropEvent *event)
{
    if (m_readOnly || document() == nullptr) {
        event->ignore();
        return;
    }
    const std::optional<ElementType> type = ElementPalette::typeFromMimeData(event->mimeData());
    if (!type) {
        QGraphicsView::dropEvent(event);
        return;
    }
    // The card's header sits under the cursor, as if it had been picked up by it.
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const std::string id =
        document()->addElement(*type, snapToGrid(scenePos - QPointF(kNodeWidth / 2, kHeaderHeight / 2)), std::nullopt);
    m_scene->selectElements({id});
    event->acceptProposedAction();
    setFocus(Qt::OtherFocusReason);
}

// --- keyboard

void RouteView::nudge(QPointF offset)
{
    if (m_readOnly || document() == nullptr) {
        return;
    }
    RouteDocument::Positions positions;
    for (const std::string &id : m_scene->selectedElementIds()) {
        if (const ElementItem *item = m_scene->elementItem(id)) {
            positions.emplace(id, item->pos() + offset);
        }
    }
    if (!positions.empty()) {
        document()->moveElements(positions);
    }
}

void RouteView::keyPressEvent(QKeyEvent *event)
{
    const qreal step = (event->modifiers() & Qt::ShiftModifier) ? kGrid * kCoarseNudgeSteps : kGrid;
    const bool arrow = event->key() == Qt::Key_Left || event->key() == Qt::Key_Right || event->key() == Qt::Key_Up ||
                       event->key() == Qt::Key_Down;
    // With a card focused, plain arrows follow the wires; Alt or Shift still nudge.
    if (arrow && m_cardFocus->isActive() && !(event->modifiers() & (Qt::AltModifier | Qt::ShiftModifier))) {
        m_cardFocus->arrow(event->key());
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Menu || (event->key() == Qt::Key_F10 && event->modifiers() == Qt::ShiftModifier)) {
        QContextMenuEvent menu(QContextMenuEvent::Keyboard, QPoint(), QPoint(), event->modifiers());
        contextMenuEvent(&menu);
        event->accept();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Space:
        if (!event->isAutoRepeat() && !m_wire) {
            m_spaceHeld = true;
            setDragMode(QGraphicsView::NoDrag);
            viewport()->setCursor(Qt::OpenHandCursor);
        }
        event->accept();
        return;
    case Qt::Key_Escape:
        if (m_wire) {
            cancelWire();
        } else {
            m_cardFocus->clear();
            if (m_scene) {
                m_scene->clearSelection();
            }
        }
        event->accept();
        return;
    case Qt::Key_Left:
        nudge({-step, 0});
        event->accept();
        return;
    case Qt::Key_Right:
        nudge({step, 0});
        event->accept();
        return;
    case Qt::Key_Up:
        nudge({0, -step});
        event->accept();
        return;
    case Qt::Key_Down:
        nudge({0, step});
        event->accept();
        return;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void RouteView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        setDragMode(QGraphicsView::RubberBandDrag);
        if (!m_panning) {
            viewport()->unsetCursor();
        }
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void RouteView::focusInEvent(QFocusEvent *event)
{
    // Tabbing into the canvas lands on a card (the selected one, else the first or, backwards, the last).
    if (event->reason() == Qt::TabFocusReason || event->reason() == Qt::BacktabFocusReason) {
        m_cardFocus->tab(event->reason() == Qt::TabFocusReason);
    }
    QGraphicsView::focusInEvent(event);
}

bool RouteView::focusNextPrevChild(bool next)
{
    // Tab walks the cards; past the last (or before the first) it leaves the canvas like any other widget.
    if (m_cardFocus->tab(next)) {
        return true;
    }
    m_cardFocus->clear();
    return QGraphicsView::focusNextPrevChild(next);
}

void RouteView::contextMenuEvent(QContextMenuEvent *event)
{
    std::string id;
    QPoint at = event->globalPos();
    if (event->reason() == QContextMenuEvent::Mouse) {
        if (const ElementItem *card = elementAt(event->pos())) {
            id = card->elementId();
            if (!card->isSelected()) {
                m_scene->selectElements({id});
            }
        }
    } else {
        id = m_cardFocus->actionTarget();
        if (const ElementItem *card = id.empty() || !m_scene ? nullptr : m_scene->elementItem(id)) {
            at = viewport()->mapToGlobal(mapFromScene(card->mapToScene(QPointF(kNodeWidth - 20, kHeaderHeight))));
        }
    }
    if (id.empty() || m_cardFocus->showContextMenu(id, at) == nullptr) {
        QGraphicsView::contextMenuEvent(event);
        return;
    }
    event->accept();
}

void RouteView::connectOutput()
{
    const std::string id = m_cardFocus->actionTarget();
    if (!id.empty()) {
        m_cardFocus->openConnectPicker(id);
    }
}

void RouteView::focusOutEvent(QFocusEvent *event)
{
    // Keyboard focus on a card lasts while the canvas has focus; popups (the picker, a menu) and switching
    // windows are not leaving it.
    if (event->reason() != Qt::PopupFocusReason && event->reason() != Qt::ActiveWindowFocusReason) {
        m_cardFocus->clear();
    }
    // A Space released elsewhere would otherwise leave the canvas stuck in pan mode.
    if (m_spaceHeld) {
        m_spaceHeld = false;
        setDragMode(QGraphicsView::RubberBandDrag);
        viewport()->unsetCursor();
    }
    QGraphicsView::focusOutEvent(event);
}

// --- edit commands

void RouteView::deleteSelection()
{
    if (m_readOnly || document() == nullptr) {
        return;
    }
    // Elements and wires go in one document call, so that one Ctrl+Z brings the whole selection back.
    std::vector<RouteDocument::OutputRef> wires;
    for (const EdgeItem *edge : m_scene->selectedEdges()) {
        wires.push_back({edge->source()->elementId(), edge->output()});
    }
    document()->removeSelection(m_scene->selectedElementIds(), wires);
}

void RouteView::copySelection()
{
    if (document() == nullptr) {
        return;
    }
    const std::vector<std::string> ids = m_scene->selectedElementIds();
    if (ids.empty()) {
        return;
    }
    auto *mime = new QMimeData;
    mime->setData(RouteDocument::clipboardMimeType(), document()->copy(ids));
    QGuiApplication::clipboard()->setMimeData(mime);
}

void RouteView::cutSelection()
{
    if (m_readOnly || document() == nullptr) {
        return;
    }
    const std::vector<std::string> ids = m_scene->selectedElementIds();
    if (ids.empty()) {
        return;
    }
    copySelection();
    document()->removeElements(ids);
}

void RouteView::pasteData(const QByteArray &data, QPointF wantedCenter)
{
    if (m_readOnly || document() == nullptr) {
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
    const QPointF wanted = wantedCenter - QPointF(bounds.width() / 2, bounds.height() / 2);
    const QPointF origin = FreeSpot::forScene(*m_scene).nearest(shape, wanted, visibleSceneRect());
    const std::vector<std::string> ids = document()->paste(elements, positions, origin - bounds.topLeft());
    m_scene->selectElements(ids);
    ensureVisible(QRectF(origin, bounds.size()), 20, 20);
}

void RouteView::paste()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (mime == nullptr || !mime->hasFormat(RouteDocument::clipboardMimeType())) {
        return;
    }
    // In the middle of the view, in free space: each paste of the same copy finds a new spot of its own.
    pasteData(mime->data(RouteDocument::clipboardMimeType()), mapToScene(viewport()->rect().center()));
}

void RouteView::duplicateSelection()
{
    if (document() == nullptr) {
        return;
    }
    const std::vector<std::string> ids = m_scene->selectedElementIds();
    if (ids.empty()) {
        return;
    }
    // Beside the original when it is in view (the copy is wanted next to it), else in the middle of the view.
    QRectF bounds;
    for (const std::string &id : ids) {
        if (const ElementItem *item = m_scene->elementItem(id)) {
            bounds |= item->cardRect().translated(item->pos());
        }
    }
    const QRectF visible = visibleSceneRect();
    const QPointF wanted = visible.intersects(bounds) ? bounds.center() + QPointF(bounds.width() + 2 * kGrid, 0)
                                                      : mapToScene(viewport()->rect().center());
    pasteData(document()->copy(ids), wanted);
}

void RouteView::selectAll()
{
    const RouteDocument *doc = document();
    if (doc == nullptr) {
        return;
    }
    std::vector<std::string> ids;
    ids.reserve(doc->route().size());
    for (const Element &element : doc->route().elements()) {
        ids.push_back(element.id);
    }
    m_scene->selectElements(ids);
}

void RouteView::setReadOnly(bool readOnly)
{
    if (readOnly == m_readOnly) {
        return;
    }
    m_readOnly = readOnly;
    if (m_scene) {
        m_scene->setReadOnly(readOnly);
    }
    if (readOnly) {
        cancelWire();
        m_pendingAdd.reset();
        m_quickAdd->hide();
    }
    setAcceptDrops(!readOnly);
    emit readOnlyChanged(readOnly); // updateActions: paste and the other edits follow
}

// --- painting and geometry

bool RouteView::overviewActive() const
{
    // Without a scene there is nothing to batch: QGraphicsView paints the empty background.
    return m_scene && zoom() < kLodOverview && !m_itemInteraction;
}

void RouteView::updatePaintMode()
{
    // Qt's partial updates rely on where each item was last painted; in overview nothing is painted item by
    // item, so every change repaints the (cheap) whole viewport instead.
    const ViewportUpdateMode mode = overviewActive() ? FullViewportUpdate : SmartViewportUpdate;
    if (viewportUpdateMode() != mode) {
        setViewportUpdateMode(mode);
        viewport()->update();
    }
}

void RouteView::paintEvent(QPaintEvent *event)
{
    if (!overviewActive()) {
        QGraphicsView::paintEvent(event);
        return;
    }
    QPainter painter(viewport());
    const QRectF exposed = mapToScene(event->rect()).boundingRect();
    painter.setWorldTransform(viewportTransform());
    // The overview paints the canvas colour itself: far out the grid's dots would only be haze.
    m_scene->drawOverview(&painter, exposed, kCanvasBackground);
    drawForeground(&painter, exposed);
    painter.resetTransform();
    if (const QRect band = rubberBandRect(); !band.isEmpty()) {
        QStyleOptionRubberBand option;
        option.initFrom(viewport());
        option.rect = band;
        option.shape = QRubberBand::Rectangle;
        QStyleHintReturnMask mask;
        if (viewport()->style()->styleHint(QStyle::SH_RubberBand_Mask, &option, viewport(), &mask)) {
            painter.setClipRegion(mask.region, Qt::IntersectClip);
        }
        viewport()->style()->drawControl(QStyle::CE_RubberBand, &option, &painter, viewport());
    }
}

void RouteView::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, kCanvasBackground);
    // Dots every grid step, larger ones every five; coarser as the view zooms out, none when even the coarse
    // dots would be closer than 10 px (a grey haze that costs more than it tells).
    const qreal z = zoom();
    qreal step = kGrid;
    while (step * z < 10) {
        step *= 5;
    }
    if (step > kGrid * 25) {
        return;
    }
    const qreal major = step * 5;
    if (m_gridTile.isNull() || m_gridTileZoom != z || m_gridTileStep != step) {
        const int side = std::max(1, qRound(major * z));
        const qreal px = side / 5.0; // one minor step in tile pixels
        m_gridTile = QImage(side, side, QImage::Format_ARGB32_Premultiplied);
        m_gridTile.fill(Qt::transparent);
        QPainter tile(&m_gridTile);
        tile.setRenderHint(QPainter::Antialiasing, true);
        tile.setPen(Qt::NoPen);
        // Dots sit on the tile's corners, so each is drawn on all four to survive the wrap-around.
        const auto dot = [&tile, side](qreal x, qreal y, qreal r) {
            for (const qreal dx : {0.0, qreal(side)}) {
                for (const qreal dy : {0.0, qreal(side)}) {
                    if ((x == 0 || dx == 0) && (y == 0 || dy == 0)) {
                        tile.drawEllipse(QPointF(x + dx, y + dy), r, r);
                    }
                }
            }
        };
        tile.setBrush(kGridDot);
        for (int i = 0; i < 5; ++i) {
            for (int j = 0; j < 5; ++j) {
                if (i != 0 || j != 0) {
                    dot(i * px, j * px, 0.9);
                }
            }
        }
        tile.setBrush(kGridDotMajor);
        dot(0, 0, 1.4);
        m_gridTileZoom = z;
        m_gridTileStep = step;
    }
    QBrush brush(m_gridTile);
    // The tile is `side` pixels for `major` scene units: scale it back so the dots stay on the scene's grid.
    brush.setTransform(QTransform::fromScale(major / m_gridTile.width(), major / m_gridTile.height()));
    painter->fillRect(rect, brush);
}

void RouteView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawForeground(painter, rect);
    // Far out the cards are not painted one by one (see overviewActive), so the focus ring is drawn here.
    const ElementItem *focused = overviewActive() ? m_scene->elementItem(m_cardFocus->focusedId()) : nullptr;
    if (focused == nullptr) {
        return;
    }
    QPen pen(ElementItem::focusRingColor(), 2.5, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    const qreal out = 4 / zoom(); // four screen pixels outside the card
    painter->drawRect(focused->cardRect().translated(focused->pos()).adjusted(-out, -out, out, out));
}

void RouteView::placeMinimap()
{
    if (m_minimap != nullptr) {
        m_minimap->placeIn(viewport()->geometry());
    }
}

void RouteView::resizeEvent(QResizeEvent *event)
{
    const bool follow = m_followFit;
    m_fitting = true;
    QGraphicsView::resizeEvent(event);
    m_fitting = false;
    placeMinimap();
    if (follow) {
        fitForReading();
    }
    emit visibleAreaChanged();
}

void RouteView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    if (!m_fitting) {
        m_followFit = false; // scrolled by the user (scroll bars, panning, the minimap)
    }
    emit visibleAreaChanged();
}

} // namespace rd
