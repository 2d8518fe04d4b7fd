#include "app/LogPager.h"

#include "app/api/ApiCall.h"
#include "app/api/ApiClient.h"

#include <QTimer>

#include <algorithm>

namespace rd {

LogPager::LogPager(ApiClient *client, QString gatewayId, Options options, QObject *parent)
    : QObject(parent), m_client(client), m_gatewayId(std::move(gatewayId)), m_options(std::move(options)),
      m_paceTimer(new QTimer(this))
{
    m_paceTimer->setSingleShot(true);
    connect(m_paceTimer, &QTimer::timeout, this, &LogPager::fetch);
}

// Calls were started with this object as their context: they stop with it, without calling back.
LogPager::~LogPager() = default;

void LogPager::start()
{
    cancel();
    m_running = true;
    ++m_generation;
    m_page = 1;
    m_calls = 0;
    m_total = -1;
    m_plannedRows = 0;
    m_plannedCalls = 0;
    m_rowsRead = 0;
    m_lastCallStartMs = -1;
    m_seen.clear();
    m_clock.start();
    fetch();
}

void LogPager::cancel()
{
    if (!m_running) {
        return;
    }
    m_paceTimer->stop();
    ++m_generation;
    if (m_call) {
        // Reads only: nothing to undo on the server. Its callback, if it still runs, is of an older generation.
        ApiCall *call = m_call;
        m_call = nullptr;
        call->cancel();
    }
    finish(std::nullopt, true);
}

double LogPager::remainingSeconds() const
{
    if (m_total < 0) {
        return -1;
    }
    const double perCall = m_calls > 0 ? m_clock.elapsed() / 1000.0 / m_calls : -1;
    return m_options.budget.etaSeconds(std::max<std::int64_t>(0, m_plannedCalls - m_calls), perCall);
}

void LogPager::fetch()
{
    if (!m_running) {
        return;
    }
    if (!m_client) {
        finish(std::nullopt, true);
        return;
    }
    // Pacing: the next call starts no sooner than the budget's interval after the last one started.
    const qint64 now = m_clock.elapsed();
    if (m_lastCallStartMs >= 0 && now - m_lastCallStartMs < m_options.budget.minIntervalMs) {
        m_paceTimer->start(static_cast<int>(m_options.budget.minIntervalMs - (now - m_lastCallStartMs)));
        return;
    }
    m_lastCallStartMs = now;

    LogQuery query;
    query.page = m_page;
    query.perPage = ApiCallBudget::kLogPageSize;
    query.search = m_options.search;
    query.orderBy = m_options.orderBy;
    query.orderByDirection = m_options.orderByDirection;
    query.filters = m_options.filters;
    ++m_calls;
    const int generation = ++m_generation;
    m_call =
        m_client->listLogs(m_gatewayId, query, this, [this, generation](const ApiResult<ListPage<LogEntry>> &result) {
            if (generation != m_generation || !m_running) {
                return;
            }
            m_call = nullptr;
            if (!result) {
                const bool cancelled = result.error->kind == ApiError::Kind::Cancelled;
                finish(cancelled ? std::nullopt : result.error, cancelled);
                return;
            }
            const ListPage<LogEntry> &page = *result.value;
            if (m_total < 0) {
                m_total = page.info.totalCount.value_or(static_cast<std::int64_t>(page.items.size()));
                m_plannedRows = m_options.maxRows > 0 ? std::min(m_total, m_options.maxRows) : m_total;
                m_plannedCalls = std::max<std::int64_t>(1, m_options.budget.plannedCalls(m_plannedRows));
                emit counted(m_total, m_plannedRows, m_plannedCalls);
                if (!m_running) {
                    return; // cancelled from a slot
                }
            }
            std::vector<LogEntry> fresh;
            fresh.reserve(page.items.size());
            for (const LogEntry &entry : page.items) {
                if (m_rowsRead + static_cast<std::int64_t>(fresh.size()) >= m_plannedRows) {
                    break;
                }
                if (m_seen.insert(entry.id()).second) {
                    fresh.push_back(entry);
                }
            }
            m_rowsRead += static_cast<std::int64_t>(fresh.size());
            if (!fresh.empty()) {
                emit pageRead(fresh);
            }
            if (!m_running) {
                return;
            }
            emit progress(m_rowsRead, m_plannedRows);
            const bool budgetLeft = m_options.budget.maxCalls <= 0 || m_calls < m_options.budget.maxCalls;
            if (m_rowsRead < m_plannedRows && page.info.hasMore(page.items.size()) && budgetLeft) {
                ++m_page;
                fetch();
            } else {
                finish(std::nullopt, false);
            }
        });
}

void LogPager::finish(const std::optional<ApiError> &error, bool cancelled)
{
    m_running = false;
    emit finished(error, cancelled);
}

ApiCall *LogPager::count(ApiClient *client, const QString &gatewayId, const std::vector<LogFilter> &filters,
                         QObject *context, ApiCallback<std::int64_t> callback)
{
    LogQuery query;
    query.perPage = 1;
    query.filters = filters;
    return client->listLogs(
        gatewayId, query, context, [callback = std::move(callback)](const ApiResult<ListPage<LogEntry>> &result) {
            ApiResult<std::int64_t> counted;
            if (!result) {
                counted.error = result.error;
            } else {
                counted.value =
                    result.value->info.totalCount.value_or(static_cast<std::int64_t>(result.value->items.size()));
            }
            callback(counted);
        });
}

} // namespace rd
