#pragma once

#include "model/RouteDeployment.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QComboBox;

namespace rd {

class ApiCall;
class ApiClient;

// Picks the route whose deployments are marked on the analytics charts: lists the gateway's routes, then reads
// the chosen one's deployments (one page of 50, newest first: more than the charts can show apart).
class AnalyticsRoutePicker : public QWidget
{
    Q_OBJECT

public:
    explicit AnalyticsRoutePicker(QWidget *parent = nullptr);

    void setGateway(ApiClient *client, const QString &gatewayId);
    // Chooses the route named `name` once the routes are listed (now, when they are).
    void selectRouteByName(const QString &name);

    QComboBox *comboBox() const { return m_combo; }
    QString routeId() const;
    QString routeName() const;
    // The chosen route's deployments, oldest first; empty for "no route" or before they are read.
    const std::vector<RouteDeployment> &deployments() const { return m_deployments; }
    bool deploymentsLoaded() const { return m_loaded; }
    // The newest deployment's time in ms since the epoch, -1 when none.
    qint64 currentDeploymentMs() const;

signals:
    void routesLoaded();
    // The deployments of the chosen route are read (or cleared: no route, or it failed; `error` says why).
    void deploymentsChanged(const QString &error);

private:
    void loadRoutes();
    void loadDeployments();

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QString m_wanted;
    QComboBox *m_combo;
    QPointer<ApiCall> m_call;
    std::vector<RouteDeployment> m_deployments;
    bool m_loaded = false;
    int m_generation = 0;
};

} // namespace rd
