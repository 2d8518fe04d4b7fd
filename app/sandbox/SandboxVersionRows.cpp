#include "app/sandbox/SandboxVersionRows.h"

#include <QSqlQuery>

#include <utility>

namespace rd {

namespace {

SandboxVersionRows::Row readRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
}

} // namespace

SandboxVersionRows::SandboxVersionRows(QString connectionName) : m_connection(std::move(connectionName))
{}

bool SandboxVersionRows::insert(const Row &version)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO versions (id, route_id, elements, created_at) VALUES (?, ?, ?, ?)"));
    for (const QString &v : {version.id, version.routeId, version.elements, version.createdAt}) {
        q.addBindValue(v);
    }
    return SandboxSql::run(q);
}

std::optional<SandboxVersionRows::Row> SandboxVersionRows::find(const QString &routeId, const QString &versionId)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, route_id, elements, created_at FROM versions WHERE route_id = ? AND id = ?"));
    q.addBindValue(routeId);
    q.addBindValue(versionId);
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    return q.next() ? readRow(q) : Row{};
}

std::optional<SandboxPage<SandboxVersionRows::Row>> SandboxVersionRows::list(const QString &routeId,
                                                                             const SandboxSlice &slice)
{
    return SandboxSql::page<Row>(
        SandboxSql::database(m_connection), QStringLiteral("SELECT COUNT(*) FROM versions WHERE route_id = ?"),
        QStringLiteral("SELECT id, route_id, elements, created_at FROM versions WHERE route_id = ? ORDER BY ") +
            SandboxSql::orderBy(slice.orderBy, slice.descending, {QStringLiteral("created_at")}),
        {routeId}, slice.offset, slice.limit, readRow);
}

} // namespace rd
