#include "ui/engine/RouteEnginePanels.h"

#include "ui/EditorBottomPanel.h"
#include "ui/engine/SimulatePanel.h"
#include "ui/engine/TracePanel.h"
#include "ui/engine/TrafficPanel.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QToolButton>

namespace rd {

RouteEnginePanels::RouteEnginePanels(RouteDocument *document, RouteScene *scene, RouteView *view,
                                     EditorBottomPanel *panel, QObject *parent)
    : QObject(parent), m_scene(scene), m_view(view), m_panel(panel), m_trace(new TracePanel(document)),
      m_simulate(new SimulatePanel(document)), m_traffic(new TrafficPanel(document))
{
    // Their minimum sizes must not become the panel's: the bottom panel holds every page in one stack, and the
    // canvas is the main thing. The columns inside scroll or squeeze instead.
    m_trace->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_simulate->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_traffic->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_traceIndex = panel->addPage(m_trace, tr("Trace"), QStringLiteral("traceTab"));
    m_simulateIndex = panel->addPage(m_simulate, tr("Simulate"), QStringLiteral("simulateTab"));
    m_trafficIndex = panel->addPage(m_traffic, tr("Traffic"), QStringLiteral("trafficTab"));
    panel->tabButton(m_trafficIndex)->setToolTip(tr("What this route did: its gateway's logs drawn on the route"));
    panel->tabButton(m_traceIndex)->setToolTip(tr("Follow one request through the route (Ctrl+T)"));
    panel->tabButton(m_simulateIndex)->setToolTip(tr("Send thousands of simulated requests through the route"));
    connect(m_trace, &TracePanel::overlayChanged, this, &RouteEnginePanels::updateOverlay);
    connect(m_trace, &TracePanel::elementActivated, this, &RouteEnginePanels::elementActivated);
    connect(m_simulate, &SimulatePanel::overlayChanged, this, &RouteEnginePanels::updateOverlay);
    connect(m_traffic, &TrafficPanel::overlayChanged, this, &RouteEnginePanels::updateOverlay);
    connect(m_traffic, &TrafficPanel::elementActivated, this, &RouteEnginePanels::elementActivated);
    connect(panel, &EditorBottomPanel::expandedChanged, this, &RouteEnginePanels::updateOverlay);
    connect(panel, &EditorBottomPanel::currentPageChanged, this, &RouteEnginePanels::updateOverlay);
}

void RouteEnginePanels::showTrace()
{
    m_panel->showPage(m_traceIndex);
    m_trace->retraceNow();
}

void RouteEnginePanels::showSimulate()
{
    m_panel->showPage(m_simulateIndex);
}

void RouteEnginePanels::showTraffic()
{
    m_panel->showPage(m_trafficIndex);
    if (!m_traffic->traffic() && !m_traffic->isLoading() && m_traffic->hasSource()) {
        m_traffic->load();
    }
}

void RouteEnginePanels::setGateway(ApiClient *client, const QString &gatewayId, const QString &routeId,
                                   const QString &routeName)
{
    m_simulate->setLogSource(client, gatewayId);
    m_traffic->setSource(client, gatewayId, routeId, routeName);
}

void RouteEnginePanels::setRouteName(const QString &name)
{
    m_traffic->setRouteName(name);
}

void RouteEnginePanels::showMatch(const TraceSearch::Match &match, const Json &metadata)
{
    m_trace->traceRequest(metadata, match.seed, match.failing);
    m_panel->showPage(m_traceIndex);
    updateOverlay();
}

void RouteEnginePanels::updateOverlay()
{
    if (!m_scene) {
        return;
    }
    int page = m_panel->isExpanded() ? m_panel->currentPage() : -1;
    if (page != m_traceIndex && page != m_simulateIndex && page != m_trafficIndex) {
        page = -1;
    }
    const bool opened = page != -1 && page != m_drawnPage;
    m_drawnPage = page;
    if (page == m_traceIndex) {
        m_scene->setFlowOverlay(m_trace->overlay());
    } else if (page == m_simulateIndex) {
        m_scene->setFlowOverlay(m_simulate->overlay());
    } else if (page == m_trafficIndex) {
        m_scene->setFlowOverlay(m_traffic->overlay());
    } else if (!m_scene->flowOverlay().isEmpty()) {
        m_scene->clearFlowOverlay();
    }
    if (opened && !m_scene->flowOverlay().isEmpty()) {
        // Queued: the splitter gives the canvas its new size first.
        QMetaObject::invokeMethod(this, &RouteEnginePanels::bringRouteIntoView, Qt::QueuedConnection);
    }
}

void RouteEnginePanels::bringRouteIntoView()
{
    if (!m_view || !m_scene) {
        return;
    }
    const QRectF shown = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    if (!shown.contains(m_scene->elementsBoundingRect())) {
        m_view->fitToView();
    }
}

} // namespace rd
