#include "app/RouteHistoryLoader.h"

#include "app/api/ApiClient.h"

#include <algorithm>
#include <utility>

namespace rd {

namespace {

constexpr int kPerPage = 50;

PageQuery newestFirst()
{
    return PageQuery{1, kPerPage, {}, QStringLiteral("created_at"), QStringLiteral("desc")};
}

// The API lists newest first when asked to; sorting again keeps that true should a server ignore the order.
template<class T> void sortNewestFirst(std::vector<T> &items)
{
    std::stable_sort(items.begin(), items.end(), [](const T &a, const T &b) { return a.createdAt() > b.createdAt(); });
}

} // namespace

struct RouteHistoryLoader::Load
{
    RouteHistory history;
    int remaining = 0;
    bool over = false; // answered, failed, cancelled or replaced: later answers are dropped
    QList<QPointer<ApiCall>> calls;
    Done done;
    Failed failed;
};

RouteHistoryLoader::RouteHistoryLoader(ApiClient *client, QString gatewayId, QString routeId, QObject *parent)
    : QObject(parent), m_client(client), m_gatewayId(std::move(gatewayId)), m_routeId(std::move(routeId))
{}

RouteHistoryLoader::~RouteHistoryLoader() = default;

template<class T, class Store>
auto RouteHistoryLoader::answer(const std::shared_ptr<Load> &load, Part part, Store store)
{
    return [this, load, part, store](const ApiResult<T> &result) {
        if (load->over) {
            return;
        }
        if (!result) {
            end(load);
            if (result.error->kind != ApiError::Kind::Cancelled && load->failed) {
                load->failed(part, *result.error);
            }
            return;
        }
        store(load->history, *result.value);
        if (--load->remaining == 0) {
            end(load);
            if (load->done) {
                load->done(load->history);
            }
        }
    };
}

QList<ApiCall *> RouteHistoryLoader::load(bool withRoute, Done done, Failed failed)
{
    cancel();
    if (!m_client) {
        return {};
    }
    auto load = std::make_shared<Load>();
    load->remaining = withRoute ? 3 : 2;
    load->done = std::move(done);
    load->failed = std::move(failed);
    m_current = load;

    load->calls << m_client->listVersions(
        m_gatewayId, m_routeId, newestFirst(), this,
        answer<ListPage<RouteVersion>>(load, Part::Versions, [](RouteHistory &h, const auto &page) {
            h.versions = page.items;
            sortNewestFirst(h.versions);
        }));
    load->calls << m_client->listDeployments(
        m_gatewayId, m_routeId, newestFirst(), this,
        answer<ListPage<RouteDeployment>>(load, Part::Deployments, [](RouteHistory &h, const auto &page) {
            h.deployments = page.items;
            sortNewestFirst(h.deployments);
        }));
    if (withRoute) {
        load->calls << m_client->getRoute(
            m_gatewayId, m_routeId, this,
            answer<Route>(load, Part::Route, [](RouteHistory &h, const Route &route) { h.route = route; }));
    }
    QList<ApiCall *> calls;
    for (const QPointer<ApiCall> &call : std::as_const(load->calls)) {
        calls << call.data();
    }
    return calls;
}

void RouteHistoryLoader::cancel()
{
    if (const std::shared_ptr<Load> current = m_current) { // a copy: end() resets m_current
        end(current);
    }
}

void RouteHistoryLoader::end(const std::shared_ptr<Load> &load)
{
    load->over = true;
    if (m_current == load) {
        m_current.reset();
    }
    // Taken out first: a cancelled call answers at once, and its answer must find the load settled.
    const QList<QPointer<ApiCall>> calls = std::exchange(load->calls, {});
    for (const QPointer<ApiCall> &call : calls) {
        if (call) {
            call->cancel();
        }
    }
}

} // namespace rd
