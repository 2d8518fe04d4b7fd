#include "widgets/canvas/RouteMinimap.h"

#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QMouseEvent>
#include <QPainterPath>
#include <QScrollBar>

namespace rd {

RouteMinimap::RouteMinimap(RouteView *mainView, QWidget *parent)
    : QGraphicsView(mainView->scene(), parent), m_main(mainView)
{
    setObjectName(QStringLiteral("RouteMinimap"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setRenderHints({});
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    setStyleSheet(QStringLiteral("RouteMinimap { border: 1px solid #d0d5dd; border-radius: 6px; }"));

    connect(mainView, &RouteView::visibleAreaChanged, this, &RouteMinimap::refit);
    connect(mainView->routeScene(), &RouteScene::elementsBoundsChanged, this, &RouteMinimap::updateCardsRect);
    updateCardsRect();
}

QRectF RouteMinimap::visibleSceneRect() const
{
    return m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
}

void RouteMinimap::updateCardsRect()
{
    m_cardsRect = m_main->routeScene()->elementsBoundingRect();
    refit();
}

void RouteMinimap::refit()
{
    if (m_dragging) {
        // Rescaling under a dragging mouse would make the frame run away from it.
        viewport()->update();
        return;
    }
    QRectF area = m_cardsRect.isNull() ? visibleSceneRect() : m_cardsRect | visibleSceneRect();
    const qreal margin = qMax(area.width(), area.height()) * 0.04;
    area.adjust(-margin, -margin, margin, margin);
    fitInView(area, Qt::KeepAspectRatio);
    viewport()->update();
}

void RouteMinimap::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, QColor(250, 251, 252, 235));
}

void RouteMinimap::drawForeground(QPainter *painter, const QRectF &rect)
{
    // Dim everything outside the main view's rectangle, then frame it.
    const QRectF visible = visibleSceneRect();
    QPainterPath outside;
    outside.addRect(rect);
    QPainterPath inside;
    inside.addRect(visible);
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->fillPath(outside.subtracted(inside), QColor(16, 24, 40, 28));
    painter->setPen(QPen(QColor(0x1A, 0x73, 0xE8), 0));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(visible);
}

void RouteMinimap::centerMainViewAt(QPoint pos)
{
    m_main->centerOn(mapToScene(pos));
}

void RouteMinimap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        centerMainViewAt(event->position().toPoint());
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void RouteMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging) {
        centerMainViewAt(event->position().toPoint());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void RouteMinimap::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragging) {
        m_dragging = false;
        refit();
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void RouteMinimap::wheelEvent(QWheelEvent *event)
{
    event->accept(); // the overview is always "fit": swallow the wheel rather than let the canvas zoom
}

void RouteMinimap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

} // namespace rd
