#pragma once

#include "app/sandbox/SandboxSql.h"
#include "model/Json.h"

#include <QString>

#include <optional>

namespace rd {

// The provider configs of each gateway (SandboxStore's table "provider_configs"), kept as their JSON object,
// which never holds the secret.
class SandboxProviderConfigRows
{
public:
    explicit SandboxProviderConfigRows(QString connectionName);

    std::optional<SandboxPage<Json>> list(const QString &account, const QString &gateway, const SandboxSlice &slice);
    bool insert(const QString &account, const QString &gateway, const QString &providerSlug, const Json &config);
    // Other configs of this provider stop being the default.
    bool clearDefault(const QString &account, const QString &gateway, const QString &providerSlug);

private:
    QString m_connection;
};

} // namespace rd
