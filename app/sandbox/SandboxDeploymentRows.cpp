#include "app/sandbox/SandboxDeploymentRows.h"

#include <QSqlQuery>

#include <utility>

namespace rd {

namespace {

SandboxDeploymentRows::Row readRow(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
}

} // namespace

SandboxDeploymentRows::SandboxDeploymentRows(QString connectionName) : m_connection(std::move(connectionName))
{}

bool SandboxDeploymentRows::insert(const Row &deployment)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO deployments (id, route_id, version_id, created_at) VALUES (?, ?, ?, ?)"));
    for (const QString &v : {deployment.id, deployment.routeId, deployment.versionId, deployment.createdAt}) {
        q.addBindValue(v);
    }
    return SandboxSql::run(q);
}

std::optional<SandboxDeploymentRows::Row> SandboxDeploymentRows::current(const QString &routeId)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, route_id, version_id, created_at FROM deployments WHERE route_id = ? "
                             "ORDER BY created_at DESC, seq DESC LIMIT 1"));
    q.addBindValue(routeId);
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    return q.next() ? readRow(q) : Row{};
}

std::optional<SandboxDeploymentRows::Row> SandboxDeploymentRows::at(const QString &routeId, const QString &time)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    // Timestamps are stored in one ISO-8601 UTC form, so text order is time order.
    q.prepare(QStringLiteral("SELECT id, route_id, version_id, created_at FROM deployments WHERE route_id = ? AND "
                             "created_at <= ? ORDER BY created_at DESC, seq DESC LIMIT 1"));
    q.addBindValue(routeId);
    q.addBindValue(time);
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    return q.next() ? readRow(q) : Row{};
}

std::optional<SandboxPage<SandboxDeploymentRows::Row>> SandboxDeploymentRows::list(const QString &routeId,
                                                                                   const SandboxSlice &slice)
{
    return SandboxSql::page<Row>(
        SandboxSql::database(m_connection), QStringLiteral("SELECT COUNT(*) FROM deployments WHERE route_id = ?"),
        QStringLiteral("SELECT id, route_id, version_id, created_at FROM deployments WHERE route_id = ? ORDER BY ") +
            SandboxSql::orderBy(slice.orderBy, slice.descending, {QStringLiteral("created_at")}),
        {routeId}, slice.offset, slice.limit, readRow);
}

} // namespace rd
