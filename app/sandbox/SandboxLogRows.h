#pragma once

#include "app/sandbox/SandboxLogRecord.h"
#include "app/sandbox/SandboxSql.h"

#include <QString>
#include <QVariantList>

#include <cstdint>
#include <optional>

namespace rd {

// The request logs of each gateway (SandboxStore's table "logs"). Filters and order come as SQL from
// SandboxLogQuery, which builds them from the API's query parameters.
class SandboxLogRows
{
public:
    explicit SandboxLogRows(QString connectionName);

    bool insert(const QString &account, const QString &gateway, const SandboxLogRecord &log);

    // A gateway's `log_management`: at most `cap` logs kept. When they are full, `deleteOldest` makes room
    // (DELETE_OLDEST), otherwise the new log is not stored (STOP_INSERTING).
    enum class CappedInsert { Inserted, Skipped, Failed };
    CappedInsert insertWithin(const QString &account, const QString &gateway, const SandboxLogRecord &log,
                              std::int64_t cap, bool deleteOldest);
    std::optional<std::int64_t> count(const QString &account, const QString &gateway);
    // A record with an empty id when there is no such log; nullopt when the database failed.
    std::optional<SandboxLogRecord> find(const QString &account, const QString &gateway, const QString &id);
    // `where` and `order` are SQL from SandboxLogQuery; `bindings` go with `where`.
    std::optional<SandboxPage<SandboxLogRecord>> list(const QString &account, const QString &gateway,
                                                      const QString &where, const QVariantList &bindings,
                                                      const QString &order, std::int64_t offset, std::int64_t limit);
    // Deletes what matches; `limit` > 0 deletes only the first that many in `order`. The number deleted.
    std::optional<std::int64_t> remove(const QString &account, const QString &gateway, const QString &where,
                                       const QVariantList &bindings, const QString &order, std::int64_t limit);
    // What evaluations measure over the logs that match `where` (SQL from SandboxLogQuery).
    struct Totals
    {
        std::int64_t logs = 0;
        double averageCost = 0;     // USD; 0 without logs
        double averageDuration = 0; // ms; 0 without logs
        std::int64_t rated = 0;     // logs with feedback 1 or -1
        std::int64_t positive = 0;  // logs with feedback 1
    };
    std::optional<Totals> totals(const QString &account, const QString &gateway, const QString &where,
                                 const QVariantList &bindings);
    // Each given value replaces the stored one (an inner nullopt clears it); values not given stay.
    bool updateFeedback(const QString &account, const QString &gateway, const QString &id,
                        const std::optional<std::optional<int>> &feedback,
                        const std::optional<std::optional<int>> &score, const std::optional<QString> &metadata);

private:
    QString m_connection;
};

} // namespace rd
