#include "app/sandbox/SandboxEvaluationRows.h"

#include <QSqlQuery>

#include <utility>

namespace rd {

namespace {

Json readBody(const QSqlQuery &q)
{
    return SandboxSql::parseStored(q.value(0).toString()).value_or(Json::object());
}

} // namespace

SandboxEvaluationRows::SandboxEvaluationRows(QString connectionName) : m_connection(std::move(connectionName))
{}

std::optional<SandboxPage<Json>> SandboxEvaluationRows::list(const QString &account, const QString &gateway,
                                                             const Filter &filter, const SandboxSlice &slice)
{
    QString where = QStringLiteral("account_id = ? AND gateway_id = ?");
    QVariantList bindings{account, gateway};
    if (filter.name) {
        where += QStringLiteral(" AND name = ?");
        bindings << *filter.name;
    }
    if (filter.processed) {
        where += QStringLiteral(" AND processed = ?");
        bindings << (*filter.processed ? 1 : 0);
    }
    if (!filter.search.isEmpty()) {
        where += QStringLiteral(" AND (id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')");
        const QString pattern = SandboxSql::likePattern(filter.search);
        bindings << pattern << pattern;
    }
    const QString order =
        SandboxSql::orderBy(slice.orderBy, slice.descending, {QStringLiteral("created_at"), QStringLiteral("name")});
    return SandboxSql::page<Json>(SandboxSql::database(m_connection),
                                  QStringLiteral("SELECT COUNT(*) FROM evaluations WHERE ") + where,
                                  QStringLiteral("SELECT body FROM evaluations WHERE %1 ORDER BY %2").arg(where, order),
                                  bindings, slice.offset, slice.limit, readBody);
}

std::optional<Json> SandboxEvaluationRows::find(const QString &account, const QString &gateway, const QString &id)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("SELECT body FROM evaluations WHERE account_id = ? AND gateway_id = ? AND id = ?"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(id);
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    return q.next() ? readBody(q) : Json();
}

std::optional<std::vector<Json>> SandboxEvaluationRows::unprocessed(const QString &account, const QString &gateway,
                                                                    const QString &createdBy)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("SELECT body FROM evaluations WHERE account_id = ? AND gateway_id = ? AND processed = 0 "
                             "AND created_at <= ? ORDER BY seq"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(createdBy);
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    std::vector<Json> out;
    while (q.next()) {
        out.push_back(readBody(q));
    }
    return out;
}

bool SandboxEvaluationRows::insert(const QString &account, const QString &gateway, const Json &evaluation)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO evaluations (account_id, gateway_id, id, name, processed, created_at, body) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(QString::fromStdString(evaluation.value("id", std::string())));
    q.addBindValue(QString::fromStdString(evaluation.value("name", std::string())));
    q.addBindValue(evaluation.value("processed", false) ? 1 : 0);
    q.addBindValue(QString::fromStdString(evaluation.value("created_at", std::string())));
    q.addBindValue(SandboxSql::toText(evaluation));
    return SandboxSql::run(q);
}

bool SandboxEvaluationRows::update(const QString &account, const QString &gateway, const Json &evaluation)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral(
        "UPDATE evaluations SET processed = ?, body = ? WHERE account_id = ? AND gateway_id = ? AND id = ?"));
    q.addBindValue(evaluation.value("processed", false) ? 1 : 0);
    q.addBindValue(SandboxSql::toText(evaluation));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(QString::fromStdString(evaluation.value("id", std::string())));
    return SandboxSql::run(q);
}

bool SandboxEvaluationRows::remove(const QString &account, const QString &gateway, const QString &id)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("DELETE FROM evaluations WHERE account_id = ? AND gateway_id = ? AND id = ?"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(id);
    return SandboxSql::run(q);
}

} // namespace rd
