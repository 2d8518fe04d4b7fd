#pragma once

#include "app/sandbox/SandboxSql.h"
#include "model/Json.h"

#include <QString>

#include <optional>
#include <vector>

namespace rd {

// The evaluations of each gateway (SandboxStore's table "evaluations"), kept as the JSON object the API answers
// with, datasets (as they were when it was created) and results included; name and processed are columns too.
class SandboxEvaluationRows
{
public:
    // What the list endpoint narrows by (EvaluationListParams of the official SDK). Unset narrows nothing.
    struct Filter
    {
        std::optional<QString> name; // exactly this name
        std::optional<bool> processed;
        QString search; // in the id or the name
    };

    explicit SandboxEvaluationRows(QString connectionName);

    // Orders by "created_at" or "name" (anything else by created_at).
    std::optional<SandboxPage<Json>> list(const QString &account, const QString &gateway, const Filter &filter,
                                          const SandboxSlice &slice);
    // A null Json when there is no such evaluation; nullopt when the database failed.
    std::optional<Json> find(const QString &account, const QString &gateway, const QString &id);
    // The gateway's evaluations not processed yet and created at or before `createdBy` (a SandboxTime text).
    std::optional<std::vector<Json>> unprocessed(const QString &account, const QString &gateway,
                                                 const QString &createdBy);
    bool insert(const QString &account, const QString &gateway, const Json &evaluation);
    bool update(const QString &account, const QString &gateway, const Json &evaluation);
    bool remove(const QString &account, const QString &gateway, const QString &id);

private:
    QString m_connection;
};

} // namespace rd
