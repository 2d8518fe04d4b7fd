#include "widgets/canvas/RouteMinimap.h"

#include "app/StatusColors.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QtMath>

#include <algorithm>

namespace rd {

namespace {

// Below this the canvas itself is cramped: an overview would hide the cards it is meant to help find.
constexpr QSize kMinViewSize(420, 300);
constexpr qreal kMaxWidthShare = 0.22;
constexpr qreal kMaxHeightShare = 0.25;
// Enough to tell the route's shape at the smallest view that shows the overview at all.
constexpr QSize kMinSize(90, 64);
// On a large screen a share of the view would be far more than an overview needs.
constexpr QSize kMaxSize(240, 170);

} // namespace

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
    // paintEvent draws the batched overview, not items, so Qt's per-item update regions do not apply.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    setStyleSheet(
        QStringLiteral("RouteMinimap { border: 1px solid %1; border-radius: 6px; }").arg(canvas::kCardBorder.name()));

    connect(mainView, &RouteView::visibleAreaChanged, this, &RouteMinimap::refit);
    if (const RouteScene *scene = mainView->routeScene()) {
        connect(scene, &RouteScene::elementsBoundsChanged, this, &RouteMinimap::updateCardsRect);
        connect(scene, &RouteScene::overviewChanged, viewport(), qOverload<>(&QWidget::update));
    }
    updateCardsRect();
}

QSize RouteMinimap::sizeFor(QSize viewSize)
{
    if (viewSize.width() < kMinViewSize.width() || viewSize.height() < kMinViewSize.height()) {
        return {};
    }
    const int width = qFloor(viewSize.width() * kMaxWidthShare);
    const int height = qFloor(viewSize.height() * kMaxHeightShare);
    return {std::clamp(width, kMinSize.width(), kMaxSize.width()),
            std::clamp(height, kMinSize.height(), kMaxSize.height())};
}

void RouteMinimap::placeIn(const QRect &area)
{
    const QSize size = sizeFor(area.size());
    m_fits = !size.isEmpty();
    if (m_fits) {
        setGeometry(QRect(area.right() - kMargin - size.width() + 1, area.bottom() - kMargin - size.height() + 1,
                          size.width(), size.height()));
        raise();
    }
    setVisible(m_wanted && m_fits);
}

void RouteMinimap::setWanted(bool wanted)
{
    m_wanted = wanted;
    setVisible(m_wanted && m_fits);
}

QRectF RouteMinimap::visibleSceneRect() const
{
    if (!m_main) {
        return {};
    }
    return m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
}

void RouteMinimap::updateCardsRect()
{
    const RouteScene *scene = m_main ? m_main->routeScene() : nullptr;
    m_cardsRect = scene != nullptr ? scene->elementsBoundingRect() : QRectF();
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
    painter->fillRect(rect, canvas::kMinimapPaper);
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
    painter->fillPath(outside.subtracted(inside), canvas::kMinimapShade);
    painter->setPen(QPen(StatusColors::mark(StatusColors::Role::Selection), 0));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(visible);
}

void RouteMinimap::paintEvent(QPaintEvent *event)
{
    // Always the batched overview: at this scale cards are specks, and painting them item by item made every
    // edit repaint thousands of items a second time.
    QPainter painter(viewport());
    const QRectF exposed = mapToScene(event->rect()).boundingRect();
    painter.setWorldTransform(viewportTransform());
    drawBackground(&painter, exposed);
    if (const RouteScene *scene = m_main ? m_main->routeScene() : nullptr) {
        scene->drawOverview(&painter, exposed);
    }
    drawForeground(&painter, exposed);
}

void RouteMinimap::centerMainViewAt(QPoint pos)
{
    if (m_main) {
        m_main->centerOn(mapToScene(pos));
    }
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
