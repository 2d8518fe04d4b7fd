#include "app/RemoteRoute.h"

#include "app/api/ApiClient.h"
#include "model/RouteDeployment.h"
#include "model/RouteVersion.h"

namespace rd {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

// The newest version first: one page is enough to learn the latest.
PageQuery newestFirst(int perPage)
{
    PageQuery query;
    query.perPage = perPage;
    query.orderBy = QStringLiteral("created_at");
    query.orderByDirection = QStringLiteral("desc");
    return query;
}

QString deployedVersionOf(const Route &route)
{
    const auto &deployment = route.metadata().deployment;
    if (!deployment || !deployment->is_object()) {
        return {};
    }
    const auto decoded = RouteDeployment::fromJson(*deployment);
    return decoded ? qs(decoded.value->versionId()) : QString();
}

} // namespace

RemoteRoute::RemoteRoute(ApiClient *client, QString gatewayId, QString routeId, QObject *parent)
    : QObject(parent), m_client(client), m_gatewayId(std::move(gatewayId)), m_routeId(std::move(routeId))
{}

void RemoteRoute::track(ApiCall *call, const QString &what)
{
    const bool wasBusy = isBusy();
    m_call = call;
    if (call) {
        emit callStarted(call, what);
    }
    if (wasBusy != isBusy()) {
        emit busyChanged(isBusy());
    }
}

void RemoteRoute::cancel()
{
    if (m_call) {
        m_call->cancel();
        track(nullptr);
    }
}

void RemoteRoute::open(Done done)
{
    if (!m_client) {
        return;
    }
    const QString step = tr("Loading route %1").arg(m_name.isEmpty() ? m_routeId : QStringLiteral("“%1”").arg(m_name));
    track(m_client->getRoute(
              m_gatewayId, m_routeId, this,
              [this, done, step](const ApiResult<Route> &result) {
                  track(nullptr);
                  if (!result) {
                      done(result.error, step);
                      return;
                  }
                  m_route = *result.value;
                  m_name = qs(m_route.name());
                  m_deployedVersionId = deployedVersionOf(m_route);
                  m_shownVersionId = m_deployedVersionId;
                  const bool haveGraph = !m_route.empty();
                  fetchLatest(
                      [this, done, haveGraph](const std::optional<ApiError> &error, const QString &failedStep) {
                          if (error || haveGraph || m_latestVersionId.isEmpty()) {
                              done(error, failedStep);
                              return;
                          }
                          // Seen from one client: a route answered with no elements. Its newest version has them.
                          const QString versionStep = tr("Loading the newest version of “%1”").arg(m_name);
                          track(m_client->getVersionGraph(m_gatewayId, m_routeId, m_latestVersionId, this,
                                                          [this, done, versionStep](const ApiResult<Route> &version) {
                                                              track(nullptr);
                                                              if (!version) {
                                                                  done(version.error, versionStep);
                                                                  return;
                                                              }
                                                              RouteMetadata metadata = m_route.metadata();
                                                              m_route = *version.value;
                                                              m_route.metadata() = std::move(metadata);
                                                              m_shownVersionId = m_latestVersionId;
                                                              done(std::nullopt, {});
                                                          }),
                                versionStep);
                      },
                      tr("Listing the versions of “%1”").arg(m_name));
              }),
          step);
}

void RemoteRoute::fetchLatest(Done done, const QString &step)
{
    track(m_client->listVersions(m_gatewayId, m_routeId, newestFirst(5), this,
                                 [this, done, step](const ApiResult<ListPage<RouteVersion>> &result) {
                                     track(nullptr);
                                     if (!result) {
                                         done(result.error, step);
                                         return;
                                     }
                                     m_latestVersionId.clear();
                                     std::string newest;
                                     for (const RouteVersion &version : result.value->items) {
                                         if (m_latestVersionId.isEmpty() || version.createdAt() > newest) {
                                             newest = version.createdAt();
                                             m_latestVersionId = qs(version.versionId());
                                         }
                                     }
                                     emit stateChanged();
                                     done(std::nullopt, {});
                                 }),
          step);
}

void RemoteRoute::saveVersion(const Route &route, Done done)
{
    if (!m_client) {
        return;
    }
    const QString step = tr("Saving a new version of “%1”").arg(m_name);
    track(m_client->createVersion(m_gatewayId, m_routeId, route, this,
                                  [this, done, step](const ApiResult<Route> &result) {
                                      track(nullptr);
                                      if (!result) {
                                          done(result.error, step);
                                          return;
                                      }
                                      const QString previousLatest = m_latestVersionId;
                                      fetchLatest(
                                          [this, done, previousLatest](const std::optional<ApiError> &error,
                                                                       const QString &failedStep) {
                                              if (!error && m_latestVersionId != previousLatest) {
                                                  m_shownVersionId = m_latestVersionId;
                                                  emit stateChanged();
                                              }
                                              done(error, failedStep);
                                          },
                                          tr("Finding the version just saved"));
                                  }),
          step);
}

void RemoteRoute::refreshState(Done done)
{
    if (!m_client) {
        return;
    }
    const QString step = tr("Checking route “%1” on the server").arg(m_name);
    track(m_client->getRoute(m_gatewayId, m_routeId, this,
                             [this, done, step](const ApiResult<Route> &result) {
                                 track(nullptr);
                                 if (!result) {
                                     done(result.error, step);
                                     return;
                                 }
                                 m_name = qs(result.value->name());
                                 m_deployedVersionId = deployedVersionOf(*result.value);
                                 fetchLatest(done, tr("Listing the versions of “%1”").arg(m_name));
                             }),
          step);
}

void RemoteRoute::noteShownVersion(const QString &versionId)
{
    m_shownVersionId = versionId;
    emit stateChanged();
}

void RemoteRoute::noteDeployed(const QString &versionId)
{
    m_deployedVersionId = versionId;
    emit stateChanged();
}

} // namespace rd
