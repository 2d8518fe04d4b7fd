#include "app/LogAnalyticsReader.h"

#include "app/ApiCallBudget.h"
#include "app/LogPager.h"
#include "app/api/ApiClient.h"
#include "model/UtcTime.h"

namespace rd {

LogAnalyticsReader::LogAnalyticsReader(ApiClient *client, QString gatewayId, QObject *parent)
    : QObject(parent), m_client(client), m_gatewayId(std::move(gatewayId))
{}

LogAnalyticsReader::~LogAnalyticsReader() = default;

std::vector<LogFilter> LogAnalyticsReader::rangeFilters(qint64 fromMs, qint64 toMs)
{
    // Whole seconds: the bounds are the user's, the API compares times as text, and "…33Z" sorts after every
    // "…33.123Z"; the from bound is moved back a second so that no log of its first second is lost.
    return {LogFilter{"created_at", "gt", {Json(UtcTime::formatSeconds(fromMs - 1000))}},
            LogFilter{"created_at", "lt", {Json(UtcTime::formatSeconds(toMs + 1000))}}};
}

void LogAnalyticsReader::start(qint64 fromMs, qint64 toMs, std::vector<LogFilter> filters, qint64 maxRows)
{
    cancel();
    m_analytics = std::make_unique<LogAnalytics>(fromMs, toMs);
    delete m_pager;
    m_pager = nullptr;
    LogPager::Options options;
    options.filters = rangeFilters(fromMs, toMs);
    options.filters.insert(options.filters.end(), filters.begin(), filters.end());
    options.maxRows = maxRows;
    if (m_client) {
        options.budget = ApiCallBudget::forBaseUrl(m_client->options().baseUrl);
    }
    m_pager = new LogPager(m_client, m_gatewayId, std::move(options), this);
    connect(m_pager, &LogPager::counted, this, &LogAnalyticsReader::counted);
    connect(m_pager, &LogPager::pageRead, this, [this](const std::vector<LogEntry> &page) {
        // Rows just outside the range (the filters' one-second margin) are skipped by LogAnalytics itself.
        m_analytics->add(page);
        emit updated(m_pager->rowsRead(), m_pager->plannedRows());
    });
    connect(m_pager, &LogPager::finished, this, &LogAnalyticsReader::finished);
    m_pager->start();
}

void LogAnalyticsReader::cancel()
{
    if (m_pager) {
        m_pager->cancel();
    }
}

bool LogAnalyticsReader::isRunning() const
{
    return m_pager && m_pager->isRunning();
}

qint64 LogAnalyticsReader::totalCount() const
{
    return m_pager ? m_pager->totalCount() : -1;
}

qint64 LogAnalyticsReader::plannedRows() const
{
    return m_pager ? m_pager->plannedRows() : 0;
}

qint64 LogAnalyticsReader::rowsRead() const
{
    return m_pager ? m_pager->rowsRead() : 0;
}

double LogAnalyticsReader::remainingSeconds() const
{
    return m_pager ? m_pager->remainingSeconds() : -1;
}

} // namespace rd
