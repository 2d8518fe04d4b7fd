#pragma once

#include "app/sandbox/SandboxSql.h"
#include "model/Json.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace rd {

// The gateways of each account, kept as their JSON object (SandboxStore's table "gateways").
class SandboxGatewayRows
{
public:
    explicit SandboxGatewayRows(QString connectionName);

    // A null Json when there is no such gateway; nullopt when the database failed.
    std::optional<Json> find(const QString &account, const QString &id);
    // `search` matches anywhere in the id.
    std::optional<SandboxPage<Json>> list(const QString &account, const QString &search, const SandboxSlice &slice);
    std::optional<std::int64_t> count(const QString &account);
    bool insert(const QString &account, const Json &gateway);
    bool update(const QString &account, const Json &gateway);
    // Removes the gateway with its routes (their versions and deployments), logs and provider configs.
    bool remove(const QString &account, const QString &id);

private:
    QString m_connection;
};

} // namespace rd
