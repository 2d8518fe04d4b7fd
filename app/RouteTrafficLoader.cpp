#include "app/RouteTrafficLoader.h"

#include "app/LogPager.h"
#include "app/api/ApiCall.h"
#include "app/api/ApiClient.h"
#include "model/engine/RouteFields.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace rd {

namespace {

std::string isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate).toStdString();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

LogReplay::Log replayLog(const LogEntry &entry)
{
    LogReplay::Log log;
    log.metadata = entry.metadataObject();
    log.provider = entry.provider();
    log.model = entry.model();
    log.success = entry.success();
    if (const auto cost = entry.cost()) {
        log.costUsd = cost->toDouble();
    }
    if (const auto ms = entry.durationMs()) {
        log.durationMs = ms->toDouble();
    }
    log.tokensIn = entry.tokensIn() ? entry.tokensIn()->toDouble() : 0;
    log.tokensOut = entry.tokensOut() ? entry.tokensOut()->toDouble() : 0;
    return log;
}

} // namespace

RouteTrafficLoader::RouteTrafficLoader(ApiClient *client, QObject *parent)
    : QObject(parent), m_client(client), m_pace(new QTimer(this))
{
    m_pace->setSingleShot(true);
    connect(m_pace, &QTimer::timeout, this, [this] {
        if (auto call = std::exchange(m_pending, nullptr)) {
            m_lastCallMs = nowMs();
            call();
        }
    });
}

// Calls run with this object as their context and stop with it.
RouteTrafficLoader::~RouteTrafficLoader() = default;

int RouteTrafficLoader::plannedCalls(const Route &route, Range range, int sampleSize)
{
    const auto models = static_cast<int>(RouteFields::modelKeys(route).size());
    const int deployment = range == Range::SinceDeployment ? 1 : 0;
    return deployment + 2 * models + 1 + static_cast<int>(ApiCallBudget::callsForRows(std::max(1, sampleSize)));
}

ApiCallBudget RouteTrafficLoader::budget() const
{
    return ApiCallBudget::forBaseUrl(m_client ? m_client->options().baseUrl : QUrl());
}

void RouteTrafficLoader::start(Request request)
{
    cancel();
    m_request = std::move(request);
    m_request.sampleSize = std::clamp(m_request.sampleSize, 1, 100000);
    m_traffic = std::make_shared<RouteTraffic>();
    m_running = true;
    ++m_generation;
    m_planned = plannedCalls(m_request.route, m_request.range, m_request.sampleSize);
    m_traffic->to = QDateTime::currentDateTimeUtc();
    for (const std::string &key : RouteFields::modelKeys(m_request.route)) {
        RouteTraffic::ModelCount count;
        count.key = key;
        const auto slash = key.find('/');
        count.provider = key.substr(0, slash);
        count.model = key.substr(slash + 1);
        m_traffic->models.push_back(count);
    }
    const auto from = [this](int days) {
        return m_traffic->to.addDays(-days);
    };
    switch (m_request.range) {
    case Range::SinceDeployment:
        readDeployment();
        return;
    case Range::LastDay:
        m_traffic->from = from(1);
        m_traffic->rangeText = tr("the last 24 hours");
        break;
    case Range::LastWeek:
        m_traffic->from = from(7);
        m_traffic->rangeText = tr("the last 7 days");
        break;
    case Range::LastMonth:
        m_traffic->from = from(30);
        m_traffic->rangeText = tr("the last 30 days");
        break;
    }
    beginCounts();
}

void RouteTrafficLoader::cancel()
{
    if (!m_running) {
        return;
    }
    ++m_generation;
    m_pace->stop();
    m_pending = nullptr;
    if (m_call) {
        // Reads only: nothing to find out on the server.
        std::exchange(m_call, nullptr)->cancel();
    }
    if (m_pager) {
        m_pager->disconnect(this);
        m_pager->cancel();
        m_pager->deleteLater();
        m_pager = nullptr;
    }
    finish(std::nullopt, true);
}

void RouteTrafficLoader::paced(std::function<void()> call)
{
    const int interval = budget().minIntervalMs;
    const qint64 wait = m_lastCallMs < 0 ? 0 : interval - (nowMs() - m_lastCallMs);
    if (wait <= 0) {
        m_lastCallMs = nowMs();
        call();
        return;
    }
    m_pending = std::move(call);
    m_pace->start(static_cast<int>(wait));
}

void RouteTrafficLoader::readDeployment()
{
    emit progress(m_traffic->calls, m_planned, tr("Finding when the route was deployed…"));
    const int generation = m_generation;
    paced([this, generation] {
        if (!m_client) {
            return finish(std::nullopt, true);
        }
        ++m_traffic->calls;
        m_call = m_client->listDeployments(
            m_request.gatewayId, m_request.routeId,
            PageQuery{1, 1, {}, QStringLiteral("created_at"), QStringLiteral("desc")}, this,
            [this, generation](const ApiResult<ListPage<RouteDeployment>> &result) {
                if (generation != m_generation) {
                    return;
                }
                m_call = nullptr;
                if (!result) {
                    return fail(*result.error);
                }
                const QDateTime since =
                    result.value->items.empty()
                        ? QDateTime()
                        : QDateTime::fromString(QString::fromStdString(result.value->items.front().createdAt()),
                                                Qt::ISODate);
                if (!since.isValid()) {
                    // Never deployed (or an unreadable time): a week is what a person would look at next.
                    m_traffic->from = m_traffic->to.addDays(-7);
                    m_traffic->rangeText = tr("the last 7 days (the route has no deployment on record)");
                } else {
                    const RouteDeployment &d = result.value->items.front();
                    m_traffic->from = since.toUTC();
                    m_traffic->rangeText =
                        tr("since version %1 was deployed").arg(QString::fromStdString(d.versionId()).left(8));
                }
                beginCounts();
            });
    });
}

std::vector<LogFilter> RouteTrafficLoader::rangeFilters() const
{
    return {LogFilter{"created_at", "gt", {Json(isoUtc(m_traffic->from))}},
            LogFilter{"created_at", "lt", {Json(isoUtc(m_traffic->to))}}};
}

void RouteTrafficLoader::beginCounts()
{
    m_counts.clear();
    for (std::size_t i = 0; i < m_traffic->models.size(); ++i) {
        m_counts.push_back({i, false});
        m_counts.push_back({i, true});
    }
    // The unserved count last: index past the models.
    m_counts.push_back({m_traffic->models.size(), false});
    m_nextCount = 0;
    nextCount();
}

void RouteTrafficLoader::nextCount()
{
    if (m_nextCount >= m_counts.size()) {
        readSample();
        return;
    }
    const auto [index, failures] = m_counts[m_nextCount];
    std::vector<LogFilter> filters = rangeFilters();
    QString step;
    if (index < m_traffic->models.size()) {
        const RouteTraffic::ModelCount &m = m_traffic->models[index];
        filters.push_back({"provider", "eq", {Json(m.provider)}});
        filters.push_back({"model", "eq", {Json(m.model)}});
        if (failures) {
            filters.push_back({"success", "eq", {Json(false)}});
        }
        step = failures ? tr("Counting failed requests of %1…").arg(QString::fromStdString(m.key))
                        : tr("Counting requests of %1…").arg(QString::fromStdString(m.key));
    } else {
        filters.push_back({"model", "eq", {Json("dynamic/" + m_request.routeName)}});
        step = tr("Counting requests no model served…");
    }
    emit progress(m_traffic->calls, m_planned, step);
    const int generation = m_generation;
    paced([this, generation, filters, index, failures] {
        if (!m_client) {
            return finish(std::nullopt, true);
        }
        ++m_traffic->calls;
        m_call = LogPager::count(m_client, m_request.gatewayId, filters, this,
                                 [this, generation, index, failures](const ApiResult<std::int64_t> &result) {
                                     if (generation != m_generation) {
                                         return;
                                     }
                                     m_call = nullptr;
                                     if (!result) {
                                         return fail(*result.error);
                                     }
                                     if (index < m_traffic->models.size()) {
                                         auto &m = m_traffic->models[index];
                                         (failures ? m.errors : m.requests) = *result.value;
                                     } else {
                                         m_traffic->unserved = *result.value;
                                     }
                                     ++m_nextCount;
                                     nextCount();
                                 });
    });
}

void RouteTrafficLoader::readSample()
{
    LogPager::Options options;
    options.filters = rangeFilters();
    LogFilter models{"model", "eq", {}};
    for (const RouteTraffic::ModelCount &m : m_traffic->models) {
        models.values.push_back(Json(m.model));
    }
    models.values.push_back(Json("dynamic/" + m_request.routeName));
    options.filters.push_back(models);
    options.maxRows = m_request.sampleSize;
    options.budget = budget();
    m_pager = new LogPager(m_client, m_request.gatewayId, options, this);
    const int callsBefore = m_traffic->calls;
    emit progress(m_traffic->calls, m_planned, tr("Reading a sample of the logs…"));
    connect(m_pager, &LogPager::counted, this, [this, callsBefore](qint64 total, qint64, qint64 calls) {
        m_traffic->sampleMatched = total;
        // The plan was an upper bound: now the sample's size is known.
        m_planned = callsBefore + static_cast<int>(calls);
    });
    connect(m_pager, &LogPager::pageRead, this, [this](const std::vector<LogEntry> &rows) {
        for (const LogEntry &entry : rows) {
            m_traffic->replayLogs.push_back(replayLog(entry));
        }
    });
    connect(m_pager, &LogPager::progress, this, [this, callsBefore](qint64 read, qint64 planned) {
        emit progress(callsBefore + m_pager->callsMade(), m_planned,
                      tr("Reading a sample of the logs: %1 of %2…").arg(read).arg(planned));
    });
    connect(m_pager, &LogPager::finished, this,
            [this, callsBefore](const std::optional<ApiError> &error, bool cancelled) {
                LogPager *pager = std::exchange(m_pager, nullptr);
                m_traffic->calls = callsBefore + pager->callsMade();
                pager->deleteLater();
                if (error) {
                    return fail(*error);
                }
                if (cancelled) {
                    return finish(std::nullopt, true);
                }
                replay();
            });
    m_pager->start();
}

void RouteTrafficLoader::replay()
{
    emit progress(m_traffic->calls, m_planned, tr("Replaying the sample through the route…"));
    m_traffic->sampleSize = static_cast<std::int64_t>(m_traffic->replayLogs.size());
    // Tracing a log the route cannot explain tries every draw and failure: thousands of them would stall the
    // window, so the replay runs on a worker thread.
    auto *watcher = new QFutureWatcher<LogReplay::Result>(this);
    const int generation = m_generation;
    connect(watcher, &QFutureWatcher<LogReplay::Result>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation) {
            return;
        }
        m_traffic->replay = watcher->result();
        m_traffic->replayLogs.clear();
        m_traffic->replayLogs.shrink_to_fit();
        finish(std::nullopt, false);
    });
    watcher->setFuture(QtConcurrent::run(
        [route = m_request.route, logs = m_traffic->replayLogs] { return LogReplay::replay(route, logs); }));
}

void RouteTrafficLoader::fail(const ApiError &error)
{
    if (error.kind == ApiError::Kind::Cancelled) {
        return finish(std::nullopt, true);
    }
    finish(error, false);
}

void RouteTrafficLoader::finish(const std::optional<ApiError> &error, bool cancelled)
{
    if (!m_running) {
        return;
    }
    m_running = false;
    ++m_generation;
    std::shared_ptr<const RouteTraffic> traffic = (error || cancelled) ? nullptr : m_traffic;
    emit finished(traffic, error, cancelled);
}

} // namespace rd
