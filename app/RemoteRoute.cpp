#include "app/RemoteRoute.h"

#include "app/api/ApiClient.h"
#include "model/RouteDeployment.h"
#include "model/RouteVersion.h"

#include <algorithm>

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
                  m_saved = m_route;
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
                                                              m_saved = m_route;
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

void RemoteRoute::setConnection(const QString &id, const QString &name)
{
    m_connectionId = id;
    m_connectionName = name;
    emit stateChanged();
}

bool RemoteRoute::sameElements(const Route &a, const Route &b)
{
    if (a.size() != b.size()) {
        return false;
    }
    return std::all_of(a.elements().begin(), a.elements().end(), [&b](const Element &element) {
        const Element *other = b.find(element.id);
        return other != nullptr && *other == element;
    });
}

void RemoteRoute::fetchNewestGraph(
    std::function<void(const std::optional<Route> &newest, const std::optional<ApiError> &error, const QString &step)>
        done)
{
    fetchLatest(
        [this, done](const std::optional<ApiError> &error, const QString &step) {
            if (error || m_latestVersionId.isEmpty()) {
                done(std::nullopt, error, step);
                return;
            }
            const QString versionStep = tr("Reading the newest version of “%1”").arg(m_name);
            track(m_client->getVersionGraph(m_gatewayId, m_routeId, m_latestVersionId, this,
                                            [this, done, versionStep](const ApiResult<Route> &version) {
                                                track(nullptr);
                                                if (!version) {
                                                    done(std::nullopt, version.error, versionStep);
                                                    return;
                                                }
                                                done(*version.value, std::nullopt, {});
                                            }),
                  versionStep);
        },
        tr("Listing the versions of “%1”").arg(m_name));
}

void RemoteRoute::adoptVersion(const QString &versionId, const Route &elements)
{
    // Every caller found it as the newest version.
    m_shownVersionId = versionId;
    m_latestVersionId = versionId;
    m_saved = elements;
    emit savedRouteChanged();
    emit stateChanged();
}

void RemoteRoute::saveVersion(const Route &route, SaveDone done)
{
    if (!m_client) {
        return;
    }
    // The newest version first: saving the same elements again would only make a duplicate.
    fetchNewestGraph([this, route, done](const std::optional<Route> &newest, const std::optional<ApiError> &error,
                                         const QString &step) {
        if (error) {
            SaveOutcome outcome;
            outcome.error = error;
            outcome.step = step;
            done(outcome);
            return;
        }
        if (newest && sameElements(*newest, route)) {
            adoptVersion(m_latestVersionId, route);
            SaveOutcome outcome;
            outcome.kind = SaveOutcome::Kind::NothingToSave;
            done(outcome);
            return;
        }
        postVersion(route, done);
    });
}

WriteCheck::Probe RemoteRoute::versionProbe(const Route &sent, const QString &previousLatest)
{
    return [this, sent, previousLatest](QObject *context, const WriteCheck::Answer &answer) {
        m_client->listVersions(
            m_gatewayId, m_routeId, newestFirst(5), context,
            [this, context, sent, previousLatest, answer](const ApiResult<ListPage<RouteVersion>> &result) {
                if (!result) {
                    answer({false, {}, result.error});
                    return;
                }
                QString newestId;
                std::string newest;
                for (const RouteVersion &version : result.value->items) {
                    if (newestId.isEmpty() || version.createdAt() > newest) {
                        newest = version.createdAt();
                        newestId = qs(version.versionId());
                    }
                }
                if (newestId.isEmpty() || newestId == previousLatest) {
                    answer({false, previousLatest, std::nullopt});
                    return;
                }
                // A version newer than the one before the save: it is ours when it has what was sent.
                m_client->getVersionGraph(m_gatewayId, m_routeId, newestId, context,
                                          [sent, newestId, answer](const ApiResult<Route> &version) {
                                              if (!version) {
                                                  answer({false, {}, version.error});
                                                  return;
                                              }
                                              answer({sameElements(*version.value, sent), newestId, std::nullopt});
                                          });
            });
    };
}

void RemoteRoute::postVersion(const Route &route, SaveDone done)
{
    const QString step = tr("Saving a new version of “%1”").arg(m_name);
    const QString previousLatest = m_latestVersionId;
    track(m_client->createVersion(m_gatewayId, m_routeId, route, this,
                                  [this, done, step, route, previousLatest](const ApiResult<Route> &result) {
                                      track(nullptr);
                                      if (!result) {
                                          SaveOutcome outcome;
                                          outcome.error = result.error;
                                          outcome.step = step;
                                          const bool cancelled = result.error->kind == ApiError::Kind::Cancelled;
                                          if (cancelled || result.error->mayHaveBeenApplied) {
                                              // Sent (or maybe sent) and not answered: only the server can say whether
                                              // it was made.
                                              auto *check = new WriteCheck(versionProbe(route, previousLatest),
                                                                           result.error->mayHaveBeenApplied, this);
                                              connect(check, &WriteCheck::applied, this,
                                                      [this, route](const QString &versionId) {
                                                          adoptVersion(versionId, route);
                                                      });
                                              outcome.kind = SaveOutcome::Kind::Uncertain;
                                              outcome.check = check;
                                              done(outcome);
                                              check->start();
                                              return;
                                          }
                                          done(outcome);
                                          return;
                                      }
                                      fetchLatest(
                                          [this, done, previousLatest, route](const std::optional<ApiError> &error,
                                                                              const QString &failedStep) {
                                              SaveOutcome outcome;
                                              if (error) {
                                                  // The version was made; only its id is unknown. The elements are on
                                                  // the server.
                                                  m_saved = route;
                                                  emit savedRouteChanged();
                                                  outcome.kind = SaveOutcome::Kind::Saved;
                                                  outcome.step = failedStep;
                                                  done(outcome);
                                                  return;
                                              }
                                              if (m_latestVersionId != previousLatest) {
                                                  adoptVersion(m_latestVersionId, route);
                                              } else {
                                                  m_saved = route;
                                                  emit savedRouteChanged();
                                              }
                                              outcome.kind = SaveOutcome::Kind::Saved;
                                              done(outcome);
                                          },
                                          tr("Finding the version just saved"));
                                  }),
          step);
}

void RemoteRoute::recognise(const Route &current, RecogniseDone done)
{
    if (!m_client) {
        return;
    }
    refreshState([this, current, done](const std::optional<ApiError> &error, const QString &) {
        if (error) {
            done(false, error);
            return;
        }
        fetchNewestGraph([this, current, done](const std::optional<Route> &newest,
                                               const std::optional<ApiError> &newestError, const QString &) {
            if (newestError) {
                done(false, newestError);
                return;
            }
            const bool matched = newest && sameElements(*newest, current);
            if (matched && (m_shownVersionId != m_latestVersionId || !sameElements(m_saved, current))) {
                adoptVersion(m_latestVersionId, current);
            }
            done(matched, std::nullopt);
        });
    });
}

void RemoteRoute::noteServerState(const QString &deployedVersionId, const QString &latestVersionId)
{
    if (deployedVersionId == m_deployedVersionId && latestVersionId == m_latestVersionId) {
        return;
    }
    m_deployedVersionId = deployedVersionId;
    if (!latestVersionId.isEmpty()) {
        m_latestVersionId = latestVersionId;
    }
    emit stateChanged();
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
