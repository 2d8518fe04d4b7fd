#pragma once

#include <QGraphicsView>

namespace rd {

class RouteView;

// An overview of the whole route: a second, non-interactive view on the same scene, scaled to fit the cards
// and the main view's visible area, with that area framed. Clicking or dragging recentres the main view.
class RouteMinimap : public QGraphicsView
{
    Q_OBJECT

public:
    explicit RouteMinimap(RouteView *mainView, QWidget *parent = nullptr);

    // Scales to the cards plus the main view's visible rectangle.
    void refit();
    // The cards moved, appeared or went: measure them again, then refit.
    void updateCardsRect();
    // The main view's visible scene rectangle, as framed here.
    QRectF visibleSceneRect() const;

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void centerMainViewAt(QPoint pos);

    RouteView *m_main;
    QRectF m_cardsRect; // cached: walking every card on each scroll would cost O(n) per frame
    bool m_dragging = false;
};

} // namespace rd
