#include "widgets/canvas/RouteView.h"

#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasEdits.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/CanvasWiring.h"
#include "widgets/canvas/CanvasZoom.h"
#include "widgets/canvas/CardFocus.h"
#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/ElementPalette.h"
#include "widgets/canvas/QuickAddPopup.h"
#include "widgets/canvas/RouteMinimap.h"
#include "widgets/canvas/RouteScene.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QKeyEvent>
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

    m_cardFocus = new CardFocus(this);
    m_zoom = new CanvasZoom(this);
    connect(m_zoom, &CanvasZoom::zoomed, this, &RouteView::zoomChanged);
    connect(m_zoom, &CanvasZoom::zoomed, this, &RouteView::visibleAreaChanged);
    m_wiring = new CanvasWiring(this);
    m_edits = new CanvasEdits(this);
    m_minimap = new RouteMinimap(this, this);
    m_actions = new CanvasActions(this);

    connect(this, &RouteView::zoomChanged, this, &RouteView::updatePaintMode);
    if (scene != nullptr) {
        // A deleted, pasted or undone card changes the batched overview, but Qt only repaints where items were
        // last painted one by one: far out nothing was, so without this the old picture would stay up.
        connect(scene, &RouteScene::overviewChanged, this, [this] {
            m_overviewFrame = QImage();
            if (overviewActive()) {
                viewport()->update();
            }
        });
        connect(scene, &QGraphicsScene::selectionChanged, m_actions, &CanvasActions::update);
        connect(scene, &QObject::destroyed, this, &RouteView::onSceneDestroyed);
    }
    connect(this, &RouteView::readOnlyChanged, m_actions, &CanvasActions::update);
    m_actions->update();
}

RouteView::~RouteView()
{
    m_wiring->cancel();
}

RouteScene *RouteView::routeScene() const
{
    return m_scene;
}

RouteDocument *RouteView::document() const
{
    return m_scene ? m_scene->document() : nullptr;
}

void RouteView::onSceneDestroyed()
{
    // m_scene already reads null, and QGraphicsScene has deleted every item left in it, the wire being dragged
    // included: it is forgotten, not deleted again.
    if (m_wiring->isWiring() && !m_panning) {
        viewport()->unsetCursor();
    }
    m_wiring->forget();
    m_itemInteraction = false;
    m_cardFocus->clear();
    m_quickAdd->hide();
    m_actions->update();
    updatePaintMode();
    viewport()->update();
}

void RouteView::wheelEvent(QWheelEvent *event)
{
    m_zoom->wheel(event);
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
    if (event->button() == Qt::LeftButton && m_wiring->begin(pos)) {
        viewport()->setCursor(Qt::CrossCursor);
        setFocus(Qt::MouseFocusReason);
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && !isWiring() && elementAt(pos) == nullptr) {
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
    if (isWiring()) {
        m_wiring->moveTo(pos);
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
    if (isWiring() && event->button() == Qt::LeftButton) {
        if (!m_panning) {
            viewport()->unsetCursor();
        }
        m_wiring->finish(event->position().toPoint());
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
    if (!isWiring()) {
        return;
    }
    m_wiring->cancel();
    if (!m_panning) {
        viewport()->unsetCursor();
    }
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
    m_edits->addElementAt(*type, mapToScene(event->position().toPoint()));
    event->acceptProposedAction();
}

// --- keyboard

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
        if (!event->isAutoRepeat() && !isWiring()) {
            m_spaceHeld = true;
            setDragMode(QGraphicsView::NoDrag);
            viewport()->setCursor(Qt::OpenHandCursor);
        }
        event->accept();
        return;
    case Qt::Key_Escape:
        if (isWiring()) {
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
        m_edits->nudge({-step, 0});
        event->accept();
        return;
    case Qt::Key_Right:
        m_edits->nudge({step, 0});
        event->accept();
        return;
    case Qt::Key_Up:
        m_edits->nudge({0, -step});
        event->accept();
        return;
    case Qt::Key_Down:
        m_edits->nudge({0, step});
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
        m_wiring->dropPendingAdd();
        m_quickAdd->hide();
    }
    setAcceptDrops(!readOnly);
    emit readOnlyChanged(readOnly); // CanvasActions::update: paste and the other edits follow
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
    if (event->rect() == viewport()->rect()) {
        const qreal ratio = viewport()->devicePixelRatioF();
        const QSize pixels = viewport()->size() * ratio;
        if (m_overviewFrame.size() != pixels || m_overviewTransform != viewportTransform()) {
            m_overviewFrame = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
            m_overviewFrame.setDevicePixelRatio(ratio);
            m_overviewTransform = viewportTransform();
            QPainter raster(&m_overviewFrame);
            raster.setWorldTransform(m_overviewTransform);
            // The overview paints the canvas colour itself: far out the grid's dots would only be haze.
            m_scene->drawOverview(&raster, exposed, kCanvasBackground);
        }
        painter.drawImage(QPointF(0, 0), m_overviewFrame);
    } else {
        painter.setWorldTransform(viewportTransform());
        m_scene->drawOverview(&painter, exposed, kCanvasBackground);
        painter.resetTransform();
    }
    painter.setWorldTransform(viewportTransform());
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
    m_grid.paint(painter, rect, zoom());
    // Wires are part of the cached background (see EdgeItem): a repaint or a scroll copies them.
    if (m_scene && !overviewActive()) {
        m_scene->drawWires(painter, rect, zoom());
    }
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
    const bool follow = m_zoom->followsFit();
    m_zoom->setFitting(true);
    QGraphicsView::resizeEvent(event);
    m_zoom->setFitting(false);
    placeMinimap();
    if (follow) {
        fitForReading();
    }
    emit visibleAreaChanged();
}

void RouteView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    m_zoom->viewScrolled();
    emit visibleAreaChanged();
}

} // namespace rd
