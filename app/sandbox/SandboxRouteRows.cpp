#include "app/sandbox/SandboxRouteRows.h"

#include "app/sandbox/SandboxTransaction.h"

#include <QSqlQuery>

#include <utility>

namespace rd {

namespace {

SandboxRouteRows::Row readRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), q.value(5).toString()};
}

} // namespace

SandboxRouteRows::SandboxRouteRows(QString connectionName) : m_connection(std::move(connectionName))
{}

std::optional<SandboxRouteRows::Row> SandboxRouteRows::find(const QString &account, const QString &gateway,
                                                            const QString &id)
{
    return findOne(account, gateway, QStringLiteral("id"), id);
}

std::optional<SandboxRouteRows::Row> SandboxRouteRows::findByName(const QString &account, const QString &gateway,
                                                                  const QString &name)
{
    return findOne(account, gateway, QStringLiteral("name"), name);
}

std::optional<SandboxRouteRows::Row> SandboxRouteRows::findOne(const QString &account, const QString &gateway,
                                                               const QString &column, const QString &value)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    // `column` is "id" or "name", never input.
    q.prepare(QStringLiteral("SELECT id, account_id, gateway_id, name, created_at, modified_at FROM routes "
                             "WHERE account_id = ? AND gateway_id = ? AND %1 = ?")
                  .arg(column));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(value);
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    return q.next() ? readRow(q) : Row{};
}

std::optional<SandboxPage<SandboxRouteRows::Row>> SandboxRouteRows::list(const QString &account, const QString &gateway,
                                                                         const SandboxSlice &slice)
{
    const QString order =
        SandboxSql::orderBy(slice.orderBy, slice.descending,
                            {QStringLiteral("created_at"), QStringLiteral("modified_at"), QStringLiteral("name")});
    return SandboxSql::page<Row>(
        SandboxSql::database(m_connection),
        QStringLiteral("SELECT COUNT(*) FROM routes WHERE account_id = ? AND gateway_id = ?"),
        QStringLiteral("SELECT id, account_id, gateway_id, name, created_at, modified_at FROM routes "
                       "WHERE account_id = ? AND gateway_id = ? ORDER BY ") +
            order,
        {account, gateway}, slice.offset, slice.limit, readRow);
}

std::optional<bool> SandboxRouteRows::nameTaken(const QString &account, const QString &gateway, const QString &name,
                                                const QString &exceptId)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    // IS NOT, not <>: an empty exceptId binds as NULL, and "id <> NULL" would match nothing.
    q.prepare(QStringLiteral(
        "SELECT COUNT(*) FROM routes WHERE account_id = ? AND gateway_id = ? AND name = ? AND id IS NOT ?"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(name);
    q.addBindValue(exceptId);
    if (!SandboxSql::run(q) || !q.next()) {
        return std::nullopt;
    }
    return q.value(0).toLongLong() > 0;
}

bool SandboxRouteRows::insert(const Row &route)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO routes (id, account_id, gateway_id, name, created_at, modified_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QString &v :
         {route.id, route.accountId, route.gatewayId, route.name, route.createdAt, route.modifiedAt}) {
        q.addBindValue(v);
    }
    return SandboxSql::run(q);
}

bool SandboxRouteRows::rename(const QString &id, const QString &name, const QString &modifiedAt)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("UPDATE routes SET name = ?, modified_at = ? WHERE id = ?"));
    q.addBindValue(name);
    q.addBindValue(modifiedAt);
    q.addBindValue(id);
    return SandboxSql::run(q);
}

bool SandboxRouteRows::touch(const QString &id, const QString &modifiedAt)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("UPDATE routes SET modified_at = ? WHERE id = ?"));
    q.addBindValue(modifiedAt);
    q.addBindValue(id);
    return SandboxSql::run(q);
}

bool SandboxRouteRows::remove(const QString &id)
{
    QSqlDatabase db = SandboxSql::database(m_connection);
    SandboxTransaction transaction(db);
    if (!transaction.isOpen()) {
        return false;
    }
    for (const char *sql : {"DELETE FROM versions WHERE route_id = ?", "DELETE FROM deployments WHERE route_id = ?",
                            "DELETE FROM routes WHERE id = ?"}) {
        QSqlQuery q(db);
        q.prepare(QString::fromLatin1(sql));
        q.addBindValue(id);
        if (!SandboxSql::run(q)) {
            return false;
        }
    }
    return transaction.commit();
}

} // namespace rd
