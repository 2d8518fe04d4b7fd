#pragma once

#include "app/ApiCallBudget.h"
#include "app/RouteTraffic.h"
#include "app/api/ApiError.h"
#include "model/LogQuery.h"
#include "model/Route.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace rd {

class ApiCall;
class ApiClient;
class LogPager;

// Reads what a route did from its gateway's logs, within a call budget: the range's start (the current
// deployment's time, when asked for), one count per model and one of its failures, one of the unserved requests,
// then a sample of the newest logs of those models, replayed through the route off the GUI thread. Each step
// is announced through progress(); cancel() or deleting the loader stops it, and finished() comes once.
class RouteTrafficLoader : public QObject
{
    Q_OBJECT

public:
    enum class Range { SinceDeployment, LastDay, LastWeek, LastMonth };
    struct Request
    {
        QString gatewayId;
        QString routeId;
        std::string routeName; // unserved requests are logged as the model `dynamic/<name>`
        Route route;
        Range range = Range::SinceDeployment;
        int sampleSize = 1000;
    };
    static constexpr int kDefaultSample = 1000;

    explicit RouteTrafficLoader(ApiClient *client, QObject *parent = nullptr);
    ~RouteTrafficLoader() override;

    // The most calls a load makes: what the plan shown before it starts says.
    static int plannedCalls(const Route &route, Range range, int sampleSize);
    ApiCallBudget budget() const;

    void start(Request request);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(int callsMade, int callsPlanned, const QString &step);
    void finished(std::shared_ptr<const rd::RouteTraffic> traffic, const std::optional<rd::ApiError> &error,
                  bool cancelled);

private:
    void readDeployment();
    void beginCounts();
    void nextCount();
    void readSample();
    void replay();
    // Runs `call` no sooner than the budget's interval after the previous call started.
    void paced(std::function<void()> call);
    void fail(const ApiError &error);
    void finish(const std::optional<ApiError> &error, bool cancelled);
    std::vector<LogFilter> rangeFilters() const;

    QPointer<ApiClient> m_client;
    Request m_request;
    std::shared_ptr<RouteTraffic> m_traffic;
    QTimer *m_pace;
    std::function<void()> m_pending;
    qint64 m_lastCallMs = -1;
    QPointer<ApiCall> m_call;
    LogPager *m_pager = nullptr;
    bool m_running = false;
    int m_generation = 0;
    int m_planned = 0;
    // Counts still to read: model index, and whether of its failures.
    std::vector<std::pair<std::size_t, bool>> m_counts;
    std::size_t m_nextCount = 0;
};

} // namespace rd
