#include "app/LogDeletion.h"

#include "app/api/ApiClient.h"

namespace rd {

LogDeletion::LogDeletion(ApiClient *client, QString gatewayId, QObject *parent)
    : QObject(parent), m_client(client), m_gatewayId(std::move(gatewayId))
{}

void LogDeletion::deleteLog(const QString &logId, Done done)
{
    if (!m_client || logId.isEmpty()) {
        done({Outcome::NotDeleted, tr("No log to delete."), std::nullopt});
        return;
    }
    const std::vector<LogFilter> filters{{"id", "eq", {Json(logId.toStdString())}}};
    m_client->deleteLogs(m_gatewayId, filters, this, [this, logId, done](const ApiResult<Json> &result) {
        if (!result && !result.error->mayHaveBeenApplied && result.error->kind != ApiError::Kind::Cancelled) {
            // Refused before anything happened (a wrong token, a 4xx): the log is as it was.
            done({Outcome::NotDeleted, tr("The log was not deleted: %1").arg(result.error->toString()), result.error});
            return;
        }
        verify(logId, result.error, done);
    });
}

void LogDeletion::verify(const QString &logId, const std::optional<ApiError> &deleteError, Done done)
{
    m_client->getLog(m_gatewayId, logId, this, [logId, deleteError, done](const ApiResult<LogEntry> &read) {
        if (!read && read.error->isNotFound()) {
            done({Outcome::Deleted,
                  deleteError ? tr("The answer was lost, but the log is gone: it was deleted.") : tr("Log deleted."),
                  std::nullopt});
        } else if (read) {
            done({Outcome::NotDeleted,
                  deleteError ? tr("The log was not deleted: %1").arg(deleteError->toString())
                              : tr("The server answered that it deleted the log, but it is still there."),
                  deleteError});
        } else {
            done({Outcome::Unknown,
                  tr("Could not find out whether the log was deleted (%1). Reload the logs to see.")
                      .arg(read.error->toString()),
                  read.error});
        }
    });
}

} // namespace rd
