#pragma once

#include "app/sandbox/SandboxSql.h"

#include <QString>

#include <optional>

namespace rd {

// Which version of each route was deployed when (SandboxStore's table "deployments"); the newest serves traffic.
class SandboxDeploymentRows
{
public:
    struct Row
    {
        QString id;
        QString routeId;
        QString versionId;
        QString createdAt;
    };

    explicit SandboxDeploymentRows(QString connectionName);

    bool insert(const Row &deployment);
    // The deployment serving traffic: the newest. nullopt on failure; a Row with an empty id when there is none.
    std::optional<Row> current(const QString &routeId);
    // The deployment that was serving traffic at `time` (a SandboxTime timestamp): the newest made at or before
    // it. The backfill routes a past request by it. Same answers as current().
    std::optional<Row> at(const QString &routeId, const QString &time);
    std::optional<SandboxPage<Row>> list(const QString &routeId, const SandboxSlice &slice);

private:
    QString m_connection;
};

} // namespace rd
