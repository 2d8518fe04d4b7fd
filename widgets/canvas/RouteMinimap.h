#pragma once

#include <QGraphicsView>
#include <QPointer>

namespace rd {

class RouteView;

// An overview of the whole route: a second, non-interactive view on the same scene, scaled to fit the cards
// and the main view's visible area, with that area framed. Clicking or dragging recentres the main view.
// The main view usually owns it, but need not: should the main view or its scene go first, the overview shows
// an empty canvas.
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

    // The overview's size for a main view of `viewSize`: a fixed share of it, so that it never covers much
    // of a small window, up to a cap on large screens. Empty when the view is too small to spare any room.
    static QSize sizeFor(QSize viewSize);
    static constexpr int kMargin = 12;
    // Sizes the overview for `area` (the main view's viewport, in the parent's coordinates) and anchors it to
    // the bottom-right corner; hides it while `area` is too small. Call on every resize.
    void placeIn(const QRect &area);
    // Whether the user wants the overview (View > Show Minimap); it shows only when that and the room allow.
    void setWanted(bool wanted);
    bool isWanted() const { return m_wanted; }

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void centerMainViewAt(QPoint pos);

    QPointer<RouteView> m_main;
    QRectF m_cardsRect; // cached: walking every card on each scroll would cost O(n) per frame
    bool m_dragging = false;
    bool m_wanted = true;
    bool m_fits = true;
};

} // namespace rd
