#pragma once

#include "app/api/ApiError.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace rd {

class ApiClient;

// Deletes one log, the way a person removes a log with a secret pasted into it: `DELETE …/logs` with the filter
// `id eq <id>`, so nothing else can go with it. Cloudflare's answer says only `success`: the log is read back
// afterwards, and when the delete's answer is lost, the same read says whether it happened.
class LogDeletion : public QObject
{
    Q_OBJECT

public:
    enum class Outcome { Deleted, NotDeleted, Unknown };
    struct Result
    {
        Outcome outcome = Outcome::Unknown;
        QString message; // one sentence for the person who asked
        std::optional<ApiError> error;
    };
    using Done = std::function<void(const Result &)>;

    LogDeletion(ApiClient *client, QString gatewayId, QObject *parent = nullptr);

    void deleteLog(const QString &logId, Done done);

private:
    void verify(const QString &logId, const std::optional<ApiError> &deleteError, Done done);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
};

} // namespace rd
