#pragma once

#include "widgets/canvas/ViewFit.h"

#include <QObject>
#include <QPoint>
#include <QRectF>

class QWheelEvent;

namespace rd {

class RouteView;

// How much of the route one RouteView shows: zoom (the wheel about the cursor, steps about the centre) and fit
// (the route, the selection, or readable as it opens). A route opened fitted stays fitted while the view is
// resized (a window resized, the inspector widening), until the user zooms or scrolls.
//
// It is its view's child. It emits zoomed() after every change of zoom or of what is visible through a fit;
// the view passes that on as its own zoomChanged() and visibleAreaChanged().
class CanvasZoom : public QObject
{
    Q_OBJECT

public:
    explicit CanvasZoom(RouteView *view);

    qreal zoom() const;
    // Zooms about `viewAnchor` (viewport coordinates), keeping the scene point under it in place.
    void setZoom(qreal zoom, QPoint viewAnchor);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToView();
    // Fitted whole while the cards' text stays legible, else at the start element (see RouteView).
    void fitForReading();
    void fitToSelection();
    // One wheel notch (120) zooms by 2^(1/4), about 19%; touchpads send smaller deltas and zoom smoothly.
    void wheel(QWheelEvent *event);

    // For the view's resize and scroll: whether a resize should fit again, and which scrolls are the user's.
    bool followsFit() const { return m_followFit; }
    void setFitting(bool fitting) { m_fitting = fitting; }
    void viewScrolled();

signals:
    void zoomed(qreal zoom);

private:
    ViewFit viewFit() const;
    void applyFit(const ViewFit::Placement &placement);
    void fitRect(const QRectF &rect);

    RouteView *m_view;
    // Opened fitted (fitForReading) and not zoomed or scrolled since: a resize of the canvas fits again rather
    // than cutting the route off at an edge.
    bool m_followFit = false;
    bool m_fitting = false; // scrolls made by a fit or a resize are not the user's
};

} // namespace rd
