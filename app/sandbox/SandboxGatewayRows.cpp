#include "app/sandbox/SandboxGatewayRows.h"

#include "app/sandbox/SandboxTransaction.h"

#include <QSqlQuery>

#include <utility>

namespace rd {

SandboxGatewayRows::SandboxGatewayRows(QString connectionName) : m_connection(std::move(connectionName))
{}

std::optional<Json> SandboxGatewayRows::find(const QString &account, const QString &id)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("SELECT body FROM gateways WHERE account_id = ? AND id = ?"));
    q.addBindValue(account);
    q.addBindValue(id);
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    if (!q.next()) {
        return Json(); // null: no such gateway
    }
    return SandboxSql::parseStored(q.value(0).toString());
}

std::optional<SandboxPage<Json>> SandboxGatewayRows::list(const QString &account, const QString &search,
                                                          const SandboxSlice &slice)
{
    QString where = QStringLiteral("account_id = ?");
    QVariantList bindings{account};
    if (!search.isEmpty()) {
        where += QStringLiteral(" AND id LIKE ? ESCAPE '\\'");
        bindings << SandboxSql::likePattern(search);
    }
    const QString order =
        SandboxSql::orderBy(slice.orderBy, slice.descending,
                            {QStringLiteral("created_at"), QStringLiteral("modified_at"), QStringLiteral("id")});
    return SandboxSql::page<Json>(
        SandboxSql::database(m_connection), QStringLiteral("SELECT COUNT(*) FROM gateways WHERE ") + where,
        QStringLiteral("SELECT body FROM gateways WHERE %1 ORDER BY %2").arg(where, order), bindings, slice.offset,
        slice.limit,
        [](const QSqlQuery &q) { return SandboxSql::parseStored(q.value(0).toString()).value_or(Json::object()); });
}

std::optional<std::int64_t> SandboxGatewayRows::count(const QString &account)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM gateways WHERE account_id = ?"));
    q.addBindValue(account);
    if (!SandboxSql::run(q) || !q.next()) {
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

bool SandboxGatewayRows::insert(const QString &account, const Json &gateway)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(
        QStringLiteral("INSERT INTO gateways (account_id, id, created_at, modified_at, body) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(account);
    q.addBindValue(QString::fromStdString(gateway.value("id", std::string())));
    q.addBindValue(QString::fromStdString(gateway.value("created_at", std::string())));
    q.addBindValue(QString::fromStdString(gateway.value("modified_at", std::string())));
    q.addBindValue(SandboxSql::toText(gateway));
    return SandboxSql::run(q);
}

bool SandboxGatewayRows::update(const QString &account, const Json &gateway)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("UPDATE gateways SET modified_at = ?, body = ? WHERE account_id = ? AND id = ?"));
    q.addBindValue(QString::fromStdString(gateway.value("modified_at", std::string())));
    q.addBindValue(SandboxSql::toText(gateway));
    q.addBindValue(account);
    q.addBindValue(QString::fromStdString(gateway.value("id", std::string())));
    return SandboxSql::run(q);
}

bool SandboxGatewayRows::remove(const QString &account, const QString &id)
{
    QSqlDatabase db = SandboxSql::database(m_connection);
    SandboxTransaction transaction(db);
    if (!transaction.isOpen()) {
        return false;
    }
    const char *const statements[] = {
        "DELETE FROM versions WHERE route_id IN (SELECT id FROM routes WHERE account_id = ? AND gateway_id = ?)",
        "DELETE FROM deployments WHERE route_id IN (SELECT id FROM routes WHERE account_id = ? AND gateway_id = ?)",
        "DELETE FROM routes WHERE account_id = ? AND gateway_id = ?",
        "DELETE FROM logs WHERE account_id = ? AND gateway_id = ?",
        "DELETE FROM provider_configs WHERE account_id = ? AND gateway_id = ?",
        "DELETE FROM datasets WHERE account_id = ? AND gateway_id = ?",
        "DELETE FROM evaluations WHERE account_id = ? AND gateway_id = ?",
        "DELETE FROM gateways WHERE account_id = ? AND id = ?",
    };
    for (const char *sql : statements) {
        QSqlQuery q(db);
        q.prepare(QString::fromLatin1(sql));
        q.addBindValue(account);
        q.addBindValue(id);
        if (!SandboxSql::run(q)) {
            return false;
        }
    }
    return transaction.commit();
}

} // namespace rd
