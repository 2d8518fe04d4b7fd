#pragma once

#include "app/ApiCallBudget.h"
#include "app/api/ApiError.h"
#include "app/api/ApiResult.h"
#include "model/LogEntry.h"
#include "model/LogQuery.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

class QTimer;

namespace rd {

class ApiCall;
class ApiClient;

// Reads the logs a filter selects, page after page (50 to a page, Cloudflare's largest), within a call budget:
// the shared engine of every bulk read. The first page's `total_count` fixes the plan (how many rows, how many
// calls, how long), announced by counted() before more is read; pages arrive through pageRead() in order.
// New logs arriving while it reads shift later pages: rows already read are skipped by id, so none is given
// twice. Deleting the pager or cancel() stops it; finished() is emitted exactly once per start().
class LogPager : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        std::vector<LogFilter> filters;
        std::string search;
        std::string orderBy = "created_at";
        std::string orderByDirection = "desc";
        std::int64_t maxRows = 0; // 0: every row the filter selects
        ApiCallBudget budget;
    };

    LogPager(ApiClient *client, QString gatewayId, Options options, QObject *parent = nullptr);
    ~LogPager() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }

    // -1 until the first page answered.
    std::int64_t totalCount() const { return m_total; }
    std::int64_t plannedRows() const { return m_plannedRows; }
    std::int64_t plannedCalls() const { return m_plannedCalls; }
    std::int64_t rowsRead() const { return m_rowsRead; }
    int callsMade() const { return m_calls; }
    // Seconds still to go at the pace measured so far; -1 before the plan is known.
    double remainingSeconds() const;

    // Counts the logs `filters` select with one call (a page of one row, read for `total_count` only).
    static ApiCall *count(ApiClient *client, const QString &gatewayId, const std::vector<LogFilter> &filters,
                          QObject *context, ApiCallback<std::int64_t> callback);

signals:
    void counted(qint64 total, qint64 plannedRows, qint64 plannedCalls);
    void pageRead(const std::vector<rd::LogEntry> &items);
    void progress(qint64 rowsRead, qint64 plannedRows);
    // `error` is empty on success and on cancel.
    void finished(const std::optional<rd::ApiError> &error, bool cancelled);

private:
    void fetch();
    void finish(const std::optional<ApiError> &error, bool cancelled);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    Options m_options;
    QTimer *m_paceTimer;
    QPointer<ApiCall> m_call;
    QElapsedTimer m_clock;
    qint64 m_lastCallStartMs = -1;
    bool m_running = false;
    int m_generation = 0; // a call's answer counts only if no start() or cancel() came after it
    int m_page = 1;
    int m_calls = 0;
    std::int64_t m_total = -1;
    std::int64_t m_plannedRows = 0;
    std::int64_t m_plannedCalls = 0;
    std::int64_t m_rowsRead = 0;
    std::unordered_set<std::string> m_seen;
};

} // namespace rd
