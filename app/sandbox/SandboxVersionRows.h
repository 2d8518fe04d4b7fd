#pragma once

#include "app/sandbox/SandboxSql.h"

#include <QString>

#include <optional>

namespace rd {

// The saved versions of each route (SandboxStore's table "versions"): its elements as JSON text.
class SandboxVersionRows
{
public:
    struct Row
    {
        QString id;
        QString routeId;
        QString elements; // JSON text of the elements array
        QString createdAt;
    };

    explicit SandboxVersionRows(QString connectionName);

    bool insert(const Row &version);
    // A Row with an empty id when the route has no such version; nullopt when the database failed.
    std::optional<Row> find(const QString &routeId, const QString &versionId);
    std::optional<SandboxPage<Row>> list(const QString &routeId, const SandboxSlice &slice);

private:
    QString m_connection;
};

} // namespace rd
