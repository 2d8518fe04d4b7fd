#include "app/LogExporter.h"

#include "app/ApiCallBudget.h"
#include "app/LogPager.h"
#include "app/api/ApiClient.h"
#include "model/JsonText.h"
#include "model/LogCsv.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace rd {

LogExporter::Format LogExporter::formatForPath(const QString &path, Format fallback)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson") || suffix == QLatin1String("json")) {
        return Format::JsonLines;
    }
    if (suffix == QLatin1String("csv")) {
        return Format::Csv;
    }
    return fallback;
}

QString LogExporter::extension(Format format)
{
    return format == Format::Csv ? QStringLiteral("csv") : QStringLiteral("jsonl");
}

LogExporter::LogExporter(ApiClient *client, QString gatewayId, std::vector<LogFilter> filters, QString search,
                         QObject *parent)
    : QObject(parent), m_client(client), m_gatewayId(std::move(gatewayId)), m_filters(std::move(filters)),
      m_search(std::move(search))
{}

// The pager is a child: deleting the exporter stops the read; the unfinished temporary file is removed by
// QSaveFile's destructor.
LogExporter::~LogExporter() = default;

bool LogExporter::isRunning() const
{
    return m_pager && m_pager->isRunning();
}

double LogExporter::remainingSeconds() const
{
    return m_pager ? m_pager->remainingSeconds() : -1;
}

void LogExporter::start(const QString &path, Format format)
{
    cancel();
    m_path = path;
    m_format = format;
    m_rows = 0;
    m_error.clear();
    if (!m_client) {
        fail(tr("Not connected."));
        return;
    }
    m_file = std::make_unique<QSaveFile>(path);
    // Never write straight into the chosen file, even where a temporary file cannot be made beside it.
    m_file->setDirectWriteFallback(false);
    if (!m_file->open(QIODevice::WriteOnly)) {
        fail(tr("Cannot write to %1: %2").arg(QDir::toNativeSeparators(path), m_file->errorString()));
        return;
    }
    const QByteArray head = m_format == Format::Csv ? QByteArray(LogCsv::kBom.data(), qsizetype(LogCsv::kBom.size())) +
                                                          QByteArray::fromStdString(LogCsv::header())
                                                    : QByteArray();
    if (!head.isEmpty() && m_file->write(head) != head.size()) {
        fail(tr("Writing %1 failed: %2").arg(QDir::toNativeSeparators(path), m_file->errorString()));
        return;
    }

    LogPager::Options options;
    options.filters = m_filters;
    options.search = m_search.toStdString();
    options.budget = ApiCallBudget::forBaseUrl(m_client->options().baseUrl);
    delete m_pager;
    m_pager = new LogPager(m_client, m_gatewayId, std::move(options), this);
    connect(m_pager, &LogPager::counted, this,
            [this](qint64 total, qint64, qint64 plannedCalls) { emit counted(total, plannedCalls); });
    connect(m_pager, &LogPager::pageRead, this, &LogExporter::writePage);
    connect(m_pager, &LogPager::progress, this, [this](qint64, qint64 planned) { emit progress(m_rows, planned); });
    connect(m_pager, &LogPager::finished, this, &LogExporter::pagerFinished);
    m_pager->start();
}

void LogExporter::cancel()
{
    if (isRunning()) {
        m_pager->cancel(); // pagerFinished() discards the file
    }
}

void LogExporter::writePage(const std::vector<LogEntry> &entries)
{
    if (!m_file) {
        return;
    }
    QByteArray chunk;
    chunk.reserve(qsizetype(entries.size()) * 400);
    for (const LogEntry &entry : entries) {
        const std::string line = m_format == Format::Csv ? LogCsv::row(entry) : JsonText::compact(entry.json()) + "\n";
        chunk.append(line.data(), qsizetype(line.size()));
    }
    if (m_file->write(chunk) != chunk.size()) {
        const QString why = m_file->errorString();
        m_pager->cancel(); // finishes through pagerFinished(), which would call it a cancel: say why first
        m_error = tr("Writing %1 failed: %2").arg(QDir::toNativeSeparators(m_path), why);
        return;
    }
    m_rows += qint64(entries.size());
}

void LogExporter::pagerFinished(const std::optional<ApiError> &error, bool cancelled)
{
    if (!m_error.isEmpty()) {
        fail(m_error);
        return;
    }
    if (error) {
        fail(tr("Reading the logs from the server failed: %1").arg(error->toString()));
        return;
    }
    if (cancelled) {
        m_file->cancelWriting();
        m_file.reset();
        finish(false, true);
        return;
    }
    if (!m_file->commit()) {
        const QString why = m_file->errorString();
        m_file.reset();
        fail(tr("Saving %1 failed: %2").arg(QDir::toNativeSeparators(m_path), why));
        return;
    }
    m_file.reset();
    finish(true, false);
}

void LogExporter::fail(const QString &message)
{
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset(); // removes the temporary file
    }
    m_error = message;
    finish(false, false);
}

void LogExporter::finish(bool ok, bool cancelled)
{
    emit finished(ok, cancelled);
}

} // namespace rd
