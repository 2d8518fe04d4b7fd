#pragma once

#include "app/sandbox/SandboxDatasetRows.h"
#include "app/sandbox/SandboxDeploymentRows.h"
#include "app/sandbox/SandboxEvaluationRows.h"
#include "app/sandbox/SandboxGatewayRows.h"
#include "app/sandbox/SandboxLogRows.h"
#include "app/sandbox/SandboxProviderConfigRows.h"
#include "app/sandbox/SandboxRouteRows.h"
#include "app/sandbox/SandboxVersionRows.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace rd {

// The sandbox's state in SQLite (through Qt SQL), one namespace per account id: the file, its schema and the
// accounts. Each resource's statements are in a class of its own, reached from here (gateways(), routes(), …),
// sharing this store's connection. Database failures come back as false / nullopt and are logged; handlers turn
// them into a 500.
class SandboxStore
{
public:
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

    SandboxGatewayRows &gateways() { return m_gateways; }
    SandboxRouteRows &routes() { return m_routes; }
    SandboxVersionRows &versions() { return m_versions; }
    SandboxDeploymentRows &deployments() { return m_deployments; }
    SandboxLogRows &logs() { return m_logs; }
    SandboxProviderConfigRows &providerConfigs() { return m_providerConfigs; }
    SandboxDatasetRows &datasets() { return m_datasets; }
    SandboxEvaluationRows &evaluations() { return m_evaluations; }

private:
    bool createSchema(QString *error);

    QString m_path;
    QString m_connectionName;
    SandboxGatewayRows m_gateways;
    SandboxRouteRows m_routes;
    SandboxVersionRows m_versions;
    SandboxDeploymentRows m_deployments;
    SandboxLogRows m_logs;
    SandboxProviderConfigRows m_providerConfigs;
    SandboxDatasetRows m_datasets;
    SandboxEvaluationRows m_evaluations;
};

} // namespace rd
