#include "app/RouteWriteProbes.h"

#include "app/api/ApiClient.h"
#include "model/RouteDeployment.h"

#include <QPointer>

namespace rd {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

constexpr int kRoutesPerPage = 100;

} // namespace

WriteCheck::Probe RouteWriteProbes::created(ApiClient *client, const QString &gatewayId, const QString &name,
                                            const QSet<QString> &knownIds)
{
    QPointer<ApiClient> guard(client);
    return [guard, gatewayId, name, knownIds](QObject *context, const WriteCheck::Answer &answer) {
        if (!guard) {
            return;
        }
        PageQuery query;
        query.perPage = kRoutesPerPage;
        guard->listRoutes(gatewayId, query, context, [name, knownIds, answer](const ApiResult<ListPage<Route>> &r) {
            if (!r) {
                answer({false, {}, r.error});
                return;
            }
            for (const Route &route : r.value->items) {
                if (qs(route.name()) == name && !knownIds.contains(qs(route.id()))) {
                    answer({true, qs(route.id()), std::nullopt});
                    return;
                }
            }
            answer({false, {}, std::nullopt});
        });
    };
}

WriteCheck::Probe RouteWriteProbes::renamed(ApiClient *client, const QString &gatewayId, const QString &routeId,
                                            const QString &name)
{
    QPointer<ApiClient> guard(client);
    return [guard, gatewayId, routeId, name](QObject *context, const WriteCheck::Answer &answer) {
        if (!guard) {
            return;
        }
        guard->getRoute(gatewayId, routeId, context, [name, answer](const ApiResult<Route> &r) {
            if (!r) {
                answer({false, {}, r.error});
                return;
            }
            answer({qs(r.value->name()) == name, qs(r.value->name()), std::nullopt});
        });
    };
}

WriteCheck::Probe RouteWriteProbes::deleted(ApiClient *client, const QString &gatewayId, const QString &routeId)
{
    QPointer<ApiClient> guard(client);
    return [guard, gatewayId, routeId](QObject *context, const WriteCheck::Answer &answer) {
        if (!guard) {
            return;
        }
        guard->getRoute(gatewayId, routeId, context, [answer](const ApiResult<Route> &r) {
            if (!r && r.error->isNotFound()) {
                answer({true, {}, std::nullopt});
            } else if (!r) {
                answer({false, {}, r.error});
            } else {
                answer({false, qs(r.value->name()), std::nullopt});
            }
        });
    };
}

WriteCheck::Probe RouteWriteProbes::deployed(ApiClient *client, const QString &gatewayId, const QString &routeId,
                                             const QString &versionId)
{
    QPointer<ApiClient> guard(client);
    return [guard, gatewayId, routeId, versionId](QObject *context, const WriteCheck::Answer &answer) {
        if (!guard) {
            return;
        }
        guard->getRoute(gatewayId, routeId, context, [versionId, answer](const ApiResult<Route> &r) {
            if (!r) {
                answer({false, {}, r.error});
                return;
            }
            QString now;
            const auto &deployment = r.value->metadata().deployment;
            if (deployment && deployment->is_object()) {
                if (const auto decoded = RouteDeployment::fromJson(*deployment)) {
                    now = qs(decoded.value->versionId());
                }
            }
            answer({now == versionId, now, std::nullopt});
        });
    };
}

} // namespace rd
