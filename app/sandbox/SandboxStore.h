#pragma once

#include "app/sandbox/SandboxLogRecord.h"
#include "model/Json.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <cstdint>
#include <optional>
#include <vector>

namespace rd {

// The sandbox's state in SQLite (through Qt SQL), one namespace per account id. Methods report database
// failures by returning false / nullopt and log them; handlers turn that into a 500.
class SandboxStore
{
public:
    struct RouteRow
    {
        QString id;
        QString accountId;
        QString gatewayId;
        QString name;
        QString createdAt;
        QString modifiedAt;
    };
    struct VersionRow
    {
        QString id;
        QString routeId;
        QString elements; // JSON text of the elements array
        QString createdAt;
    };
    struct DeploymentRow
    {
        QString id;
        QString routeId;
        QString versionId;
        QString createdAt;
    };
    template<class T> struct Page
    {
        std::vector<T> items;
        std::int64_t total = 0;
    };
    struct Slice
    {
        std::int64_t offset = 0;
        std::int64_t limit = 20;
        QString orderBy = QStringLiteral("created_at"); // a column name the caller has checked
        bool descending = true;
    };

    explicit SandboxStore(QString path);
    ~SandboxStore();
    SandboxStore(const SandboxStore &) = delete;
    SandboxStore &operator=(const SandboxStore &) = delete;

    bool open(QString *error);
    bool isOpen() const;
    QString path() const { return m_path; }

    // The store's database connection, for SandboxTransaction.
    QSqlDatabase connection() const;

    // True when `account` was not known before (and is now).
    std::optional<bool> registerAccount(const QString &account);

    // Gateways are kept as their JSON object.
    std::optional<Json> gateway(const QString &account, const QString &id);
    std::optional<Page<Json>> gateways(const QString &account, const QString &search, const Slice &slice);
    std::optional<std::int64_t> gatewayCount(const QString &account);
    bool insertGateway(const QString &account, const Json &gateway);
    bool updateGateway(const QString &account, const Json &gateway);
    // Removes the gateway with its routes, logs and provider configs.
    bool deleteGateway(const QString &account, const QString &id);

    std::optional<RouteRow> route(const QString &account, const QString &gateway, const QString &id);
    std::optional<Page<RouteRow>> routes(const QString &account, const QString &gateway, const Slice &slice);
    std::optional<bool> routeNameTaken(const QString &account, const QString &gateway, const QString &name,
                                       const QString &exceptId = {});
    bool insertRoute(const RouteRow &route);
    bool renameRoute(const QString &id, const QString &name, const QString &modifiedAt);
    bool touchRoute(const QString &id, const QString &modifiedAt);
    bool deleteRoute(const QString &id); // with its versions and deployments

    bool insertVersion(const VersionRow &version);
    std::optional<VersionRow> version(const QString &routeId, const QString &versionId);
    std::optional<Page<VersionRow>> versions(const QString &routeId, const Slice &slice);
    bool insertDeployment(const DeploymentRow &deployment);
    // The deployment serving traffic: the newest. nullopt on failure; an empty id when there is none.
    std::optional<DeploymentRow> currentDeployment(const QString &routeId);
    std::optional<Page<DeploymentRow>> deployments(const QString &routeId, const Slice &slice);

    bool insertLog(const QString &account, const QString &gateway, const SandboxLogRecord &log);
    std::optional<SandboxLogRecord> log(const QString &account, const QString &gateway, const QString &id);
    // `where` and `order` are SQL from SandboxLogQuery; `bindings` go with `where`.
    std::optional<Page<SandboxLogRecord>> logs(const QString &account, const QString &gateway, const QString &where,
                                               const QVariantList &bindings, const QString &order, std::int64_t offset,
                                               std::int64_t limit);
    // Deletes what matches; `limit` > 0 deletes only the first that many in `order`. The number deleted.
    std::optional<std::int64_t> deleteLogs(const QString &account, const QString &gateway, const QString &where,
                                           const QVariantList &bindings, const QString &order, std::int64_t limit);
    bool updateLogFeedback(const QString &account, const QString &gateway, const QString &id,
                           const std::optional<std::optional<int>> &feedback,
                           const std::optional<std::optional<int>> &score, const std::optional<QString> &metadata);

    // Provider configs are kept as their JSON object (which never holds the secret).
    std::optional<Page<Json>> providerConfigs(const QString &account, const QString &gateway, const Slice &slice);
    bool insertProviderConfig(const QString &account, const QString &gateway, const QString &providerSlug,
                              const Json &config);
    // Other configs of this provider stop being the default.
    bool clearDefaultProviderConfig(const QString &account, const QString &gateway, const QString &providerSlug);

private:
    bool createSchema(QString *error);

    QString m_path;
    QString m_connectionName;
};

} // namespace rd
