#pragma once

#include "model/engine/TraceSearch.h"

#include <QObject>
#include <QPointer>

namespace rd {

class ApiClient;
class EditorBottomPanel;
class RouteDocument;
class RouteScene;
class RouteView;
class SimulatePanel;
class TracePanel;
class TrafficPanel;

// The route engine in an editor tab: the Trace, Simulate and Traffic pages of the panel under the canvas, and what
// they draw on it. The canvas shows the open page's overlay (the traced path, or the simulated traffic) while the
// panel is open on it, and the plain route otherwise, so closing the panel is how to get the plain canvas back.
class RouteEnginePanels : public QObject
{
    Q_OBJECT

public:
    RouteEnginePanels(RouteDocument *document, RouteScene *scene, RouteView *view, EditorBottomPanel *panel,
                      QObject *parent = nullptr);

    TracePanel *trace() const { return m_trace; }
    SimulatePanel *simulate() const { return m_simulate; }
    TrafficPanel *traffic() const { return m_traffic; }
    // Opens the panel on Trace, Simulate or Traffic.
    void showTrace();
    void showSimulate();
    // Opens Traffic and reads the logs unless figures are already shown.
    void showTraffic();
    // Where Simulate replays logs from and Traffic reads them: the gateway the route lives on (null client: none).
    void setGateway(ApiClient *client, const QString &gatewayId, const QString &routeId = {},
                    const QString &routeName = {});
    void setRouteName(const QString &name);
    // Shows on the canvas the trace a test request's answer matched.
    void showMatch(const TraceSearch::Match &match, const Json &metadata);

signals:
    // A trace step was clicked: the page selects the element.
    void elementActivated(const QString &id);

private:
    void updateOverlay();
    // The panel opening takes room from the canvas: a path lit out of sight would read as nothing happening.
    void bringRouteIntoView();

    QPointer<RouteScene> m_scene;
    QPointer<RouteView> m_view;
    EditorBottomPanel *m_panel;
    TracePanel *m_trace;
    SimulatePanel *m_simulate;
    TrafficPanel *m_traffic;
    int m_traceIndex = -1;
    int m_simulateIndex = -1;
    int m_trafficIndex = -1;
    int m_drawnPage = -1; // the page whose overlay the canvas shows, -1: none
};

} // namespace rd
