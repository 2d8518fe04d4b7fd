#pragma once

#include "app/RouteHistory.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace rd {

class ApiCall;
class ApiClient;
struct ApiError;

// Reads one route's versions and deployments (and the route itself, when asked) as one answer: the calls go out
// together and `done` hears all of them joined, or `failed` hears the first that failed, its siblings cancelled
// since their answers are of no use alone. The history panel and the deploy dialog both read through one.
//
// The newest load wins: starting one cancels the one still under way, whose callbacks then never run, so an
// older answer can neither overwrite a newer one nor, failing, cancel it. A cancelled load (cancel(), or one of
// its calls cancelled, as an activity bar does) calls neither callback. Destroying the loader stops its calls.
class RouteHistoryLoader : public QObject
{
    Q_OBJECT

public:
    enum class Part { Versions, Deployments, Route };
    using Done = std::function<void(const RouteHistory &history)>;
    using Failed = std::function<void(Part part, const ApiError &error)>;

    RouteHistoryLoader(ApiClient *client, QString gatewayId, QString routeId, QObject *parent = nullptr);
    ~RouteHistoryLoader() override;

    // Starts a load (the route too with `withRoute`) and returns its calls, for an activity bar to show.
    QList<ApiCall *> load(bool withRoute, Done done, Failed failed);
    void cancel();
    bool isLoading() const { return m_current != nullptr; }

private:
    struct Load;

    template<class T, class Store> auto answer(const std::shared_ptr<Load> &load, Part part, Store store);
    void end(const std::shared_ptr<Load> &load);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    QString m_routeId;
    std::shared_ptr<Load> m_current;
};

} // namespace rd
