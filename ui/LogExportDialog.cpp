#include "ui/LogExportDialog.h"

#include "app/ApiCallBudget.h"
#include "app/LogPager.h"
#include "app/api/ApiCall.h"
#include "app/api/ApiClient.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace rd {

namespace {

QString filtersText(const std::vector<LogFilter> &filters, const QString &search)
{
    if (filters.empty() && search.isEmpty()) {
        return LogExportDialog::tr("every log of the gateway (no filter is set)");
    }
    QStringList parts;
    for (const LogFilter &filter : filters) {
        QStringList values;
        for (const Json &value : filter.values) {
            values << QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
        }
        parts << QStringLiteral("%1 %2 %3")
                     .arg(QString::fromStdString(filter.key), QString::fromStdString(filter.op),
                          values.join(QLatin1Char('|')));
    }
    if (!search.isEmpty()) {
        parts << LogExportDialog::tr("search \"%1\"").arg(search);
    }
    return LogExportDialog::tr("the logs matching the filters on screen: %1").arg(parts.join(QStringLiteral(", ")));
}

} // namespace

LogExportDialog::LogExportDialog(ApiClient *client, const QString &gatewayId, std::vector<LogFilter> filters,
                                 QString search, QWidget *parent)
    : QDialog(parent), m_client(client), m_gatewayId(gatewayId), m_filters(std::move(filters)),
      m_search(std::move(search)), m_exporter(new LogExporter(client, gatewayId, m_filters, m_search, this))
{
    setObjectName(QStringLiteral("logExportDialog"));
    setWindowTitle(tr("Export Logs · %1").arg(gatewayId));
    setMinimumWidth(560);

    auto *what = new QLabel(tr("Exports %1.").arg(filtersText(m_filters, m_search).toHtmlEscaped()));
    what->setWordWrap(true);

    m_path = new QLineEdit;
    m_path->setObjectName(QStringLiteral("exportPath"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path->setText(QDir(dir).filePath(QStringLiteral("%1-logs.csv").arg(gatewayId)));
    auto *browseButton = new QPushButton(tr("&Browse…"));
    browseButton->setObjectName(QStringLiteral("exportBrowse"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("CSV (UTF-8, for spreadsheets)"), int(LogExporter::Format::Csv));
    m_format->addItem(tr("JSON Lines (each log as the API returned it)"), int(LogExporter::Format::JsonLines));

    m_plan = new QLabel(tr("Counting the logs…"));
    m_plan->setObjectName(QStringLiteral("exportPlan"));
    m_plan->setWordWrap(true);
    auto *note = new QLabel(tr("The file is written under a temporary name beside it and takes its name only when "
                               "complete: a cancelled or failed export leaves no file behind."));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setVisible(false);
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("exportResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setVisible(false);

    m_buttons = new QDialogButtonBox;
    m_start = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(QStringLiteral("exportStart"));
    m_start->setDefault(true);
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("exportCancel"));
    // Accept starts the export rather than closing: the dialog stays to show progress and the result.
    connect(m_start, &QPushButton::clicked, this, &LogExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &LogExportDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("Format:"), m_format);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_plan);
    layout->addWidget(note);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(browseButton, &QPushButton::clicked, this, &LogExportDialog::browse);
    connect(m_path, &QLineEdit::textEdited, this, &LogExportDialog::pathEdited);
    connect(m_format, &QComboBox::activated, this, &LogExportDialog::formatChosen);
    connect(m_exporter, &LogExporter::progress, this, &LogExportDialog::updateProgress);
    connect(m_exporter, &LogExporter::counted, this, [this](qint64 total, qint64) {
        m_total = total;
        m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
    });
    connect(m_exporter, &LogExporter::finished, this, &LogExportDialog::exportFinished);
    count();
}

LogExportDialog::~LogExportDialog() = default;

void LogExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
    pathEdited();
}

QString LogExportDialog::path() const
{
    return m_path->text().trimmed();
}

LogExporter::Format LogExportDialog::format() const
{
    return LogExporter::Format(m_format->currentData().toInt());
}

QString LogExportDialog::planText() const
{
    return m_plan->text();
}

QString LogExportDialog::resultText() const
{
    return m_result->isHidden() ? QString() : m_result->text();
}

void LogExportDialog::count()
{
    if (!m_client) {
        m_plan->setText(tr("Not connected."));
        return;
    }
    m_countCall = LogPager::count(m_client, m_gatewayId, m_filters, this, [this](const ApiResult<std::int64_t> &r) {
        m_countCall = nullptr;
        if (!r) {
            m_plan->setText(tr("Counting the logs failed: %1").arg(r.error->toString()));
            return;
        }
        m_total = *r.value;
        // The search narrows further than the count (it is not a filter the count call sends): say "at most".
        const ApiCallBudget budget = ApiCallBudget::forBaseUrl(m_client->options().baseUrl);
        const qint64 calls = budget.plannedCalls(m_total);
        const QLocale locale;
        m_plan->setText(
            (m_search.isEmpty() ? tr("%1 logs in %2 API calls, %3.") : tr("At most %1 logs in %2 API calls, %3."))
                .arg(locale.toString(m_total), locale.toString(calls),
                     ApiCallBudget::durationText(budget.etaSeconds(calls))) +
            (budget.minIntervalMs > 0 ? tr(" Paced at half of Cloudflare's API rate limit.") : QString()));
    });
}

void LogExportDialog::browse()
{
    const QString filter = tr("CSV (*.csv);;JSON Lines (*.jsonl *.ndjson)");
    QString selected = format() == LogExporter::Format::Csv ? tr("CSV (*.csv)") : tr("JSON Lines (*.jsonl *.ndjson)");
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export Logs"), path(), filter, &selected);
    if (!chosen.isEmpty()) {
        setPath(chosen);
    }
}

void LogExportDialog::pathEdited()
{
    const LogExporter::Format chosen = LogExporter::formatForPath(path(), format());
    m_format->setCurrentIndex(m_format->findData(int(chosen)));
}

void LogExportDialog::formatChosen()
{
    // The extension follows the format when it names the other one; any other name is left as typed.
    const QFileInfo info(path());
    const QString wanted = LogExporter::extension(format());
    if (LogExporter::formatForPath(path(), format()) != format() || info.suffix().isEmpty()) {
        m_path->setText(QDir(info.path()).filePath(info.completeBaseName() + QLatin1Char('.') + wanted));
    }
}

void LogExportDialog::startExport()
{
    if (m_exporter->isRunning()) {
        return;
    }
    if (path().isEmpty()) {
        m_result->setText(tr("Choose a file to write."));
        m_result->setVisible(true);
        return;
    }
    m_result->setVisible(false);
    m_progress->setValue(0);
    m_progress->setRange(0, m_total > 0 ? int(std::min<qint64>(m_total, INT_MAX)) : 0);
    setRunning(true);
    m_exporter->start(path(), format());
}

void LogExportDialog::reject()
{
    if (m_exporter->isRunning()) {
        m_exporter->cancel(); // exportFinished() says so; the dialog stays for the result
        return;
    }
    QDialog::reject();
}

void LogExportDialog::updateProgress(qint64 rows, qint64 planned)
{
    if (planned > 0 && m_progress->maximum() != planned) {
        m_progress->setRange(0, int(std::min<qint64>(planned, INT_MAX)));
    }
    m_progress->setValue(int(std::min<qint64>(rows, INT_MAX)));
    const double remaining = m_exporter->remainingSeconds();
    m_progress->setFormat(remaining >= 0 ? tr("%p% · %1 left").arg(ApiCallBudget::durationText(remaining))
                                         : QStringLiteral("%p%"));
}

void LogExportDialog::exportFinished(bool ok, bool cancelled)
{
    setRunning(false);
    m_progress->setFormat(QStringLiteral("%p%"));
    const QString where = QDir::toNativeSeparators(m_exporter->path());
    const QLocale locale;
    if (ok) {
        m_result->setText(tr("Wrote %1 logs to %2.").arg(locale.toString(m_exporter->rowsWritten()), where));
        m_cancel->setText(tr("Close"));
    } else if (cancelled) {
        m_result->setText(tr("Export cancelled: no file was written to %1.").arg(where));
    } else {
        m_result->setText(tr("Export failed: %1\nNo file was left at %2.").arg(m_exporter->errorText(), where));
    }
    m_result->setVisible(true);
    // Taller when the result wraps, so that an error's last line ("No file was left…") is never cut off.
    layout()->activate();
    resize(width(), std::max(height(), layout()->totalHeightForWidth(width())));
}

void LogExportDialog::setRunning(bool running)
{
    m_progress->setVisible(running || m_progress->value() > 0);
    m_start->setEnabled(!running);
    m_path->setEnabled(!running);
    m_format->setEnabled(!running);
    m_cancel->setText(running ? tr("Cancel Export") : tr("Cancel"));
}

} // namespace rd
