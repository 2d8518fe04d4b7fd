#pragma once

#include "app/sandbox/SandboxSql.h"
#include "model/Json.h"

#include <QString>

#include <optional>

namespace rd {

// The datasets of each gateway (SandboxStore's table "datasets"), kept as the JSON object the API answers with;
// name and enable are columns too, for the list's filters.
class SandboxDatasetRows
{
public:
    // What the list endpoint narrows by (DatasetListParams of the official SDK). Unset narrows nothing.
    struct Filter
    {
        std::optional<QString> name; // exactly this name
        std::optional<bool> enable;
        QString search; // in the id, the name or the filters
    };

    explicit SandboxDatasetRows(QString connectionName);

    // Orders by "created_at" or "name" (anything else by created_at).
    std::optional<SandboxPage<Json>> list(const QString &account, const QString &gateway, const Filter &filter,
                                          const SandboxSlice &slice);
    // A null Json when there is no such dataset; nullopt when the database failed.
    std::optional<Json> find(const QString &account, const QString &gateway, const QString &id);
    bool insert(const QString &account, const QString &gateway, const Json &dataset);
    bool update(const QString &account, const QString &gateway, const Json &dataset);
    bool remove(const QString &account, const QString &gateway, const QString &id);

private:
    QString m_connection;
};

} // namespace rd
