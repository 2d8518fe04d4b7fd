#pragma once

#include "app/api/ApiError.h"
#include "model/LogEntry.h"
#include "model/LogQuery.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QSaveFile;

namespace rd {

class ApiClient;
class LogPager;

// Writes the logs a filter selects to a file, as CSV (LogCsv) or JSON Lines (each log as the API sent it), page
// by page as LogPager reads them: nothing but the page in hand is kept in memory, whatever the count.
// The rows go to a temporary file beside the chosen one (QSaveFile), renamed onto it only once every row is
// written: a cancel, a failed call or a full disk leave the chosen name as it was (absent, or the old file).
class LogExporter : public QObject
{
    Q_OBJECT

public:
    enum class Format { Csv, JsonLines };

    // .jsonl / .ndjson / .json: JSON Lines; .csv: CSV; anything else: `fallback`.
    static Format formatForPath(const QString &path, Format fallback = Format::Csv);
    // The usual extension, without the dot.
    static QString extension(Format format);

    LogExporter(ApiClient *client, QString gatewayId, std::vector<LogFilter> filters, QString search,
                QObject *parent = nullptr);
    ~LogExporter() override;

    // Starts writing `path`; finished() follows exactly once. A run in progress is cancelled first.
    void start(const QString &path, Format format);
    void cancel();
    bool isRunning() const;

    QString path() const { return m_path; }
    qint64 rowsWritten() const { return m_rows; }
    // What went wrong, for a person: empty on success and on cancel.
    QString errorText() const { return m_error; }
    // Seconds still to go, -1 before the count is known.
    double remainingSeconds() const;

signals:
    void counted(qint64 total, qint64 plannedCalls);
    void progress(qint64 rowsWritten, qint64 plannedRows);
    // `ok`: the file is complete under path(). Otherwise nothing was left under path() (cancelled or errorText()).
    void finished(bool ok, bool cancelled);

private:
    void writePage(const std::vector<LogEntry> &entries);
    void pagerFinished(const std::optional<ApiError> &error, bool cancelled);
    void fail(const QString &message);
    void finish(bool ok, bool cancelled);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    std::vector<LogFilter> m_filters;
    QString m_search;
    QString m_path;
    Format m_format = Format::Csv;
    LogPager *m_pager = nullptr;
    std::unique_ptr<QSaveFile> m_file;
    qint64 m_rows = 0;
    QString m_error;
};

} // namespace rd
