#pragma once

#include "app/api/ApiError.h"
#include "model/LogAnalytics.h"
#include "model/LogQuery.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace rd {

class ApiClient;
class LogPager;

// Reads a gateway's logs of a time range through LogPager and counts them into a LogAnalytics as pages arrive,
// on the GUI thread: one page is 50 rows and costs microseconds to count (bench_analytics), far less than the
// call that brought it, so there is nothing to gain from another thread.
class LogAnalyticsReader : public QObject
{
    Q_OBJECT

public:
    // The most rows one read takes: 2,000 calls (about 17 minutes at Cloudflare's paced rate) and 800 KB of
    // durations. A range holding more is charted from its newest 100,000 logs, and the page says so.
    static constexpr qint64 kMaxRows = 100000;

    LogAnalyticsReader(ApiClient *client, QString gatewayId, QObject *parent = nullptr);
    ~LogAnalyticsReader() override;

    // Reads [fromMs, toMs] (sent as created_at gt / lt filters in UTC) plus `filters`; a read in progress stops.
    void start(qint64 fromMs, qint64 toMs, std::vector<LogFilter> filters = {}, qint64 maxRows = kMaxRows);
    void cancel();
    bool isRunning() const;

    // What has been counted so far (all of it once finished); null before the first start().
    const LogAnalytics *analytics() const { return m_analytics.get(); }
    qint64 totalCount() const;
    qint64 plannedRows() const;
    qint64 rowsRead() const;
    double remainingSeconds() const;

    // The created_at filters of a range, as the API reads them.
    static std::vector<LogFilter> rangeFilters(qint64 fromMs, qint64 toMs);

signals:
    void counted(qint64 total, qint64 plannedRows, qint64 plannedCalls);
    // After each page is counted.
    void updated(qint64 rowsRead, qint64 plannedRows);
    void finished(const std::optional<rd::ApiError> &error, bool cancelled);

private:
    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    LogPager *m_pager = nullptr;
    std::unique_ptr<LogAnalytics> m_analytics;
};

} // namespace rd
