#pragma once

#include "app/sandbox/SandboxSql.h"

#include <QString>

#include <optional>

namespace rd {

// The routes of each gateway (SandboxStore's table "routes"); their versions and deployments have tables of
// their own (SandboxVersionRows, SandboxDeploymentRows).
class SandboxRouteRows
{
public:
    struct Row
    {
        QString id;
        QString accountId;
        QString gatewayId;
        QString name;
        QString createdAt;
        QString modifiedAt;
    };

    explicit SandboxRouteRows(QString connectionName);

    // A Row with an empty id when there is no such route; nullopt when the database failed.
    std::optional<Row> find(const QString &account, const QString &gateway, const QString &id);
    // By name, as a client calling `dynamic/<name>` names it: a Row with an empty id when there is none.
    std::optional<Row> findByName(const QString &account, const QString &gateway, const QString &name);
    std::optional<SandboxPage<Row>> list(const QString &account, const QString &gateway, const SandboxSlice &slice);
    std::optional<bool> nameTaken(const QString &account, const QString &gateway, const QString &name,
                                  const QString &exceptId = {});
    bool insert(const Row &route);
    bool rename(const QString &id, const QString &name, const QString &modifiedAt);
    bool touch(const QString &id, const QString &modifiedAt);
    bool remove(const QString &id); // with its versions and deployments

private:
    std::optional<Row> findOne(const QString &account, const QString &gateway, const QString &column,
                               const QString &value);

    QString m_connection;
};

} // namespace rd
