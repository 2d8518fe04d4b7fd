#include "app/sandbox/SandboxLogRows.h"

#include <QSqlQuery>
#include <QStringList>

#include <utility>

namespace rd {

namespace {

const QString kLogColumns = QStringLiteral(
    "id, created_at, provider, model, model_type, path, success, cached, status_code, duration, tokens_in, "
    "tokens_out, cost, custom_cost, metadata, request_type, request_content_type, response_content_type, "
    "user_agent, event_id, step, feedback, score, request_head, response_head, request_body, response_body");

SandboxLogRecord readLog(const QSqlQuery &q)
{
    SandboxLogRecord log;
    int c = 0;
    log.id = q.value(c++).toString();
    log.createdAt = q.value(c++).toString();
    log.provider = q.value(c++).toString();
    log.model = q.value(c++).toString();
    log.modelType = q.value(c++).toString();
    log.path = q.value(c++).toString();
    log.success = q.value(c++).toInt() != 0;
    log.cached = q.value(c++).toInt() != 0;
    log.statusCode = q.value(c++).toInt();
    log.duration = q.value(c++).toLongLong();
    log.tokensIn = q.value(c++).toLongLong();
    log.tokensOut = q.value(c++).toLongLong();
    log.cost = q.value(c++).toDouble();
    log.customCost = q.value(c++).toInt() != 0;
    log.metadata = q.value(c++).toString();
    log.requestType = q.value(c++).toString();
    log.requestContentType = q.value(c++).toString();
    log.responseContentType = q.value(c++).toString();
    log.userAgent = q.value(c++).toString();
    log.eventId = q.value(c++).toString();
    log.step = q.value(c++).toInt();
    const QVariant feedback = q.value(c++);
    if (!feedback.isNull()) {
        log.feedback = feedback.toInt();
    }
    const QVariant score = q.value(c++);
    if (!score.isNull()) {
        log.score = score.toInt();
    }
    log.requestHead = q.value(c++).toString();
    log.responseHead = q.value(c++).toString();
    log.requestBody = q.value(c++).toByteArray();
    log.responseBody = q.value(c++).toByteArray();
    return log;
}

} // namespace

SandboxLogRows::SandboxLogRows(QString connectionName) : m_connection(std::move(connectionName))
{}

bool SandboxLogRows::insert(const QString &account, const QString &gateway, const SandboxLogRecord &log)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO logs (account_id, gateway_id, %1) VALUES (?, ?, %2)")
                  .arg(kLogColumns, QStringLiteral("?, ").repeated(26) + QStringLiteral("?")));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(log.id);
    q.addBindValue(log.createdAt);
    q.addBindValue(log.provider);
    q.addBindValue(log.model);
    q.addBindValue(log.modelType);
    q.addBindValue(log.path);
    q.addBindValue(log.success ? 1 : 0);
    q.addBindValue(log.cached ? 1 : 0);
    q.addBindValue(log.statusCode);
    q.addBindValue(static_cast<qlonglong>(log.duration));
    q.addBindValue(static_cast<qlonglong>(log.tokensIn));
    q.addBindValue(static_cast<qlonglong>(log.tokensOut));
    q.addBindValue(log.cost);
    q.addBindValue(log.customCost ? 1 : 0);
    q.addBindValue(log.metadata);
    q.addBindValue(log.requestType);
    q.addBindValue(log.requestContentType);
    q.addBindValue(log.responseContentType);
    q.addBindValue(log.userAgent);
    q.addBindValue(log.eventId);
    q.addBindValue(log.step);
    q.addBindValue(SandboxSql::optionalInt(log.feedback));
    q.addBindValue(SandboxSql::optionalInt(log.score));
    q.addBindValue(log.requestHead);
    q.addBindValue(log.responseHead);
    q.addBindValue(log.requestBody);
    q.addBindValue(log.responseBody);
    return SandboxSql::run(q);
}

std::optional<SandboxLogRecord> SandboxLogRows::find(const QString &account, const QString &gateway, const QString &id)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(
        QStringLiteral("SELECT %1 FROM logs WHERE account_id = ? AND gateway_id = ? AND id = ?").arg(kLogColumns));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(id);
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    return q.next() ? readLog(q) : SandboxLogRecord{};
}

std::optional<SandboxPage<SandboxLogRecord>> SandboxLogRows::list(const QString &account, const QString &gateway,
                                                                  const QString &where, const QVariantList &bindings,
                                                                  const QString &order, std::int64_t offset,
                                                                  std::int64_t limit)
{
    const QString scope = QStringLiteral("account_id = ? AND gateway_id = ? AND (%1)").arg(where);
    QVariantList all{account, gateway};
    all << bindings;
    return SandboxSql::page<SandboxLogRecord>(
        SandboxSql::database(m_connection), QStringLiteral("SELECT COUNT(*) FROM logs WHERE ") + scope,
        QStringLiteral("SELECT %1 FROM logs WHERE %2 ORDER BY %3").arg(kLogColumns, scope, order), all, offset, limit,
        readLog);
}

SandboxLogRows::CappedInsert SandboxLogRows::insertWithin(const QString &account, const QString &gateway,
                                                          const SandboxLogRecord &log, std::int64_t cap,
                                                          bool deleteOldest)
{
    const std::optional<std::int64_t> stored = count(account, gateway);
    if (!stored) {
        return CappedInsert::Failed;
    }
    if (cap > 0 && *stored >= cap) {
        if (!deleteOldest) {
            return CappedInsert::Skipped;
        }
        if (!remove(account, gateway, QStringLiteral("1 = 1"), {}, QStringLiteral("created_at ASC, seq ASC"),
                    *stored - cap + 1)) {
            return CappedInsert::Failed;
        }
    }
    return insert(account, gateway, log) ? CappedInsert::Inserted : CappedInsert::Failed;
}

std::optional<std::int64_t> SandboxLogRows::count(const QString &account, const QString &gateway)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM logs WHERE account_id = ? AND gateway_id = ?"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    if (!SandboxSql::run(q) || !q.next()) {
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

std::optional<std::int64_t> SandboxLogRows::remove(const QString &account, const QString &gateway, const QString &where,
                                                   const QVariantList &bindings, const QString &order,
                                                   std::int64_t limit)
{
    const QString scope = QStringLiteral("account_id = ? AND gateway_id = ? AND (%1)").arg(where);
    QSqlQuery q(SandboxSql::database(m_connection));
    if (limit > 0) {
        q.prepare(QStringLiteral("DELETE FROM logs WHERE seq IN (SELECT seq FROM logs WHERE %1 ORDER BY %2 LIMIT ?)")
                      .arg(scope, order));
    } else {
        q.prepare(QStringLiteral("DELETE FROM logs WHERE ") + scope);
    }
    q.addBindValue(account);
    q.addBindValue(gateway);
    for (const QVariant &b : bindings) {
        q.addBindValue(b);
    }
    if (limit > 0) {
        q.addBindValue(static_cast<qlonglong>(limit));
    }
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    return q.numRowsAffected();
}

std::optional<SandboxLogRows::Totals> SandboxLogRows::totals(const QString &account, const QString &gateway,
                                                             const QString &where, const QVariantList &bindings)
{
    // Feedback 0 is what a client sends to take a rating back, so only 1 and -1 count as rated.
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("SELECT COUNT(*), COALESCE(AVG(cost), 0), COALESCE(AVG(duration), 0), "
                             "COALESCE(SUM(CASE WHEN feedback IN (1, -1) THEN 1 ELSE 0 END), 0), "
                             "COALESCE(SUM(CASE WHEN feedback = 1 THEN 1 ELSE 0 END), 0) "
                             "FROM logs WHERE account_id = ? AND gateway_id = ? AND (%1)")
                  .arg(where));
    q.addBindValue(account);
    q.addBindValue(gateway);
    for (const QVariant &b : bindings) {
        q.addBindValue(b);
    }
    if (!SandboxSql::run(q) || !q.next()) {
        return std::nullopt;
    }
    Totals totals;
    totals.logs = q.value(0).toLongLong();
    totals.averageCost = q.value(1).toDouble();
    totals.averageDuration = q.value(2).toDouble();
    totals.rated = q.value(3).toLongLong();
    totals.positive = q.value(4).toLongLong();
    return totals;
}

bool SandboxLogRows::updateFeedback(const QString &account, const QString &gateway, const QString &id,
                                    const std::optional<std::optional<int>> &feedback,
                                    const std::optional<std::optional<int>> &score,
                                    const std::optional<QString> &metadata)
{
    QStringList sets;
    QVariantList bindings;
    if (feedback) {
        sets << QStringLiteral("feedback = ?");
        bindings << SandboxSql::optionalInt(*feedback);
    }
    if (score) {
        sets << QStringLiteral("score = ?");
        bindings << SandboxSql::optionalInt(*score);
    }
    if (metadata) {
        sets << QStringLiteral("metadata = ?");
        bindings << *metadata;
    }
    if (sets.isEmpty()) {
        return true;
    }
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("UPDATE logs SET %1 WHERE account_id = ? AND gateway_id = ? AND id = ?")
                  .arg(sets.join(QStringLiteral(", "))));
    for (const QVariant &b : bindings) {
        q.addBindValue(b);
    }
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(id);
    return SandboxSql::run(q);
}

} // namespace rd
