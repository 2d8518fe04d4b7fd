#include "app/sandbox/SandboxProviderConfigRows.h"

#include <QSqlQuery>

#include <utility>
#include <vector>

namespace rd {

SandboxProviderConfigRows::SandboxProviderConfigRows(QString connectionName) : m_connection(std::move(connectionName))
{}

std::optional<SandboxPage<Json>> SandboxProviderConfigRows::list(const QString &account, const QString &gateway,
                                                                 const SandboxSlice &slice)
{
    return SandboxSql::page<Json>(
        SandboxSql::database(m_connection),
        QStringLiteral("SELECT COUNT(*) FROM provider_configs WHERE account_id = ? AND gateway_id = ?"),
        QStringLiteral("SELECT body FROM provider_configs WHERE account_id = ? AND gateway_id = ? ORDER BY seq ") +
            (slice.descending ? QStringLiteral("DESC") : QStringLiteral("ASC")),
        {account, gateway}, slice.offset, slice.limit,
        [](const QSqlQuery &q) { return SandboxSql::parseStored(q.value(0).toString()).value_or(Json::object()); });
}

bool SandboxProviderConfigRows::insert(const QString &account, const QString &gateway, const QString &providerSlug,
                                       const Json &config)
{
    QSqlQuery q(SandboxSql::database(m_connection));
    q.prepare(QStringLiteral(
        "INSERT INTO provider_configs (account_id, gateway_id, id, provider_slug, body) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(account);
    q.addBindValue(gateway);
    q.addBindValue(QString::fromStdString(config.value("id", std::string())));
    q.addBindValue(providerSlug);
    q.addBindValue(SandboxSql::toText(config));
    return SandboxSql::run(q);
}

bool SandboxProviderConfigRows::clearDefault(const QString &account, const QString &gateway,
                                             const QString &providerSlug)
{
    QSqlDatabase db = SandboxSql::database(m_connection);
    QSqlQuery select(db);
    select.prepare(QStringLiteral(
        "SELECT id, body FROM provider_configs WHERE account_id = ? AND gateway_id = ? AND provider_slug = ?"));
    select.addBindValue(account);
    select.addBindValue(gateway);
    select.addBindValue(providerSlug);
    if (!SandboxSql::run(select)) {
        return false;
    }
    std::vector<std::pair<QString, Json>> changed;
    while (select.next()) {
        auto body = SandboxSql::parseStored(select.value(1).toString());
        if (body && body->is_object() && body->value("default_config", false)) {
            (*body)["default_config"] = false;
            changed.emplace_back(select.value(0).toString(), std::move(*body));
        }
    }
    for (const auto &[id, body] : changed) {
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE provider_configs SET body = ? WHERE id = ?"));
        update.addBindValue(SandboxSql::toText(body));
        update.addBindValue(id);
        if (!SandboxSql::run(update)) {
            return false;
        }
    }
    return true;
}

} // namespace rd
