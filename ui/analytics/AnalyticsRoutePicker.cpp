#include "ui/analytics/AnalyticsRoutePicker.h"

#include "app/api/ApiCall.h"
#include "app/api/ApiClient.h"
#include "model/UtcTime.h"

#include <QComboBox>
#include <QHBoxLayout>

#include <algorithm>

namespace rd {

AnalyticsRoutePicker::AnalyticsRoutePicker(QWidget *parent) : QWidget(parent), m_combo(new QComboBox)
{
    m_combo->setObjectName(QStringLiteral("analyticsRoute"));
    m_combo->setMinimumContentsLength(16);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setToolTip(tr("Mark this route's deployments on the charts, to compare before and after"));
    m_combo->addItem(tr("No route"), QString());
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &AnalyticsRoutePicker::loadDeployments);
}

void AnalyticsRoutePicker::setGateway(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    loadRoutes();
}

void AnalyticsRoutePicker::selectRouteByName(const QString &name)
{
    m_wanted = name;
    if (const int index = m_combo->findText(name); index >= 0) {
        m_combo->setCurrentIndex(index);
    }
}

QString AnalyticsRoutePicker::routeId() const
{
    return m_combo->currentData().toString();
}

QString AnalyticsRoutePicker::routeName() const
{
    return routeId().isEmpty() ? QString() : m_combo->currentText();
}

qint64 AnalyticsRoutePicker::currentDeploymentMs() const
{
    qint64 newest = -1;
    for (const RouteDeployment &d : m_deployments) {
        newest = std::max<qint64>(newest, UtcTime::parseMs(d.createdAt()).value_or(-1));
    }
    return newest;
}

void AnalyticsRoutePicker::loadRoutes()
{
    if (!m_client) {
        return;
    }
    PageQuery query;
    query.perPage = 50;
    m_client->listRoutes(m_gatewayId, query, this, [this](const ApiResult<ListPage<Route>> &result) {
        if (!result) {
            m_combo->setItemText(0, tr("No route (listing failed)"));
            m_combo->setToolTip(result.error->toString());
            return;
        }
        const QSignalBlocker blocker(m_combo);
        for (const Route &route : result.value->items) {
            m_combo->addItem(QString::fromStdString(route.name()), QString::fromStdString(route.id()));
        }
        // The one most worth watching by default: the first route (the busiest in the demo) unless one was asked.
        const int wanted = m_wanted.isEmpty() ? -1 : m_combo->findText(m_wanted);
        m_combo->setCurrentIndex(wanted >= 0 ? wanted : std::min(1, m_combo->count() - 1));
        emit routesLoaded();
        loadDeployments();
    });
}

void AnalyticsRoutePicker::loadDeployments()
{
    const int generation = ++m_generation;
    m_deployments.clear();
    m_loaded = false;
    if (m_call) {
        m_call->cancel();
    }
    if (!m_client || routeId().isEmpty()) {
        m_loaded = true;
        emit deploymentsChanged(QString());
        return;
    }
    PageQuery query;
    query.perPage = 50;
    m_call = m_client->listDeployments(
        m_gatewayId, routeId(), query, this, [this, generation](const ApiResult<ListPage<RouteDeployment>> &result) {
            if (generation != m_generation) {
                return;
            }
            m_loaded = true;
            if (!result) {
                emit deploymentsChanged(result.error->toString());
                return;
            }
            m_deployments = result.value->items;
            std::sort(
                m_deployments.begin(), m_deployments.end(), [](const RouteDeployment &l, const RouteDeployment &r) {
                    return UtcTime::parseMs(l.createdAt()).value_or(0) < UtcTime::parseMs(r.createdAt()).value_or(0);
                });
            emit deploymentsChanged(QString());
        });
}

} // namespace rd
