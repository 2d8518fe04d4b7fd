#include "app/sandbox/SandboxDatasetRows.h"

#include <QSqlQuery>
#include <QStringList>

#include <utility>

namespace rd {

SandboxDatasetRows::SandboxDatasetRows(QString connectionName) : m_connection(std::move(connectionName))
{}

std::optional<SandboxPage<Json>> SandboxDatasetRows::list(const QString &account, const QString &gateway,
                                                          const Filter &filter, const SandboxSlice &slice)
{
    QString where = QStringLiteral("account_id = ? AND gateway_id = ?");
    QVariantList bindings{account, gateway};
    if (filter.name) {
        where += QStringLiteral(" AND name = ?");
        bindings << *filter.name;
    }
    if (filter.enable) {
        where += QStringLiteral(" AND enable = ?");
        bindings << (*filter.enable ? 1 : 0);
    }
    if (!filter.search.isEmpty()) {
        where += QStringLiteral(" AND (id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR json_extract(body, "
                                "'$.filters') LIKE ? ESCAPE '\\')");
        const QString pattern = SandboxSql::likePattern(filter.search);
        bindings << pattern << pattern << pattern;
    }
    const QString order =
        SandboxSql::orderBy(slice.orderBy, slice.descending, {QStringLiteral("created_at"), QStringLiteral("name")});
    return SandboxSql::page<Json>(
        SandboxSql::database(m_connection), QStringLiteral("SELECT COUNT(*) FROM datasets WHERE ") + where,
        QStringLiteral("SELECT body FROM datasets WHERE %1 ORDER BY %2").arg(where, order), bindings, slice.offset,
        slice.limit,
        [](const QSqlQuery &q) { return SandboxSql::parseStored(q.value(0).toString()).value_or(Json::object()); });
}

std::optional<Json> SandboxDatasetRows::find(const QString &account, const QString &gateway, const QString &id)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("SELECT body FROM datasets WHERE account_id = ? AND gateway_id = ? AND id = ?"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(id);
    if (!SandboxSql::run(q)) {
        return std::nullopt;
    }
    if (!q.next()) {
        return Json();
    }
    return SandboxSql::parseStored(q.value(0).toString());
}

bool SandboxDatasetRows::insert(const QString &account, const QString &gateway, const Json &dataset)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO datasets (account_id, gateway_id, id, name, enable, created_at, body) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(QString::fromStdString(dataset.value("id", std::string())));
    q.addBindValue(QString::fromStdString(dataset.value("name", std::string())));
    q.addBindValue(dataset.value("enable", false) ? 1 : 0);
    q.addBindValue(QString::fromStdString(dataset.value("created_at", std::string())));
    q.addBindValue(SandboxSql::toText(dataset));
    return SandboxSql::run(q);
}

bool SandboxDatasetRows::update(const QString &account, const QString &gateway, const Json &dataset)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral(
        "UPDATE datasets SET name = ?, enable = ?, body = ? WHERE account_id = ? AND gateway_id = ? AND id = ?"));
    q.addBindValue(QString::fromStdString(dataset.value("name", std::string())));
    q.addBindValue(dataset.value("enable", false) ? 1 : 0);
    q.addBindValue(SandboxSql::toText(dataset));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(QString::fromStdString(dataset.value("id", std::string())));
    return SandboxSql::run(q);
}

bool SandboxDatasetRows::remove(const QString &account, const QString &gateway, const QString &id)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral("DELETE FROM datasets WHERE account_id = ? AND gateway_id = ? AND id = ?"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(id);
    return SandboxSql::run(q);
}

} // namespace rd
