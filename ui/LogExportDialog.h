#pragma once

#include "app/LogExporter.h"
#include "model/LogQuery.h"

#include <QDialog>
#include <QPointer>

#include <vector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace rd {

class ApiCall;
class ApiClient;

// Export the logs the filters on screen select: pick a file and a format, read the plan (how many logs, how many
// API calls, how long; from one count call), start, watch the progress, cancel. The result says how many rows went
// where, or what failed and that no file was left.
class LogExportDialog : public QDialog
{
    Q_OBJECT

public:
    LogExportDialog(ApiClient *client, const QString &gatewayId, std::vector<LogFilter> filters, QString search,
                    QWidget *parent = nullptr);
    ~LogExportDialog() override;

    void setPath(const QString &path);
    QString path() const;
    LogExporter::Format format() const;
    // The plan line, the result line: what a person reads.
    QString planText() const;
    QString resultText() const;
    LogExporter *exporter() const { return m_exporter; }

public slots:
    void startExport();
    void reject() override;

private:
    void browse();
    void count();
    void pathEdited();
    void formatChosen();
    void exportFinished(bool ok, bool cancelled);
    void setRunning(bool running);
    void updateProgress(qint64 rows, qint64 planned);

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    std::vector<LogFilter> m_filters;
    QString m_search;
    LogExporter *m_exporter;
    QPointer<ApiCall> m_countCall;
    qint64 m_total = -1;

    QLineEdit *m_path;
    QComboBox *m_format;
    QLabel *m_plan;
    QProgressBar *m_progress;
    QLabel *m_result;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QDialogButtonBox *m_buttons;
};

} // namespace rd
