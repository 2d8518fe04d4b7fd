#pragma once

#include "app/api/ApiError.h"
#include "model/LogQuery.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;

namespace rd {

class ApiClient;
class LogDetailPanel;
class LogFilterChips;
class LogTableModel;

// A gateway's logs: filters on top, the table (fetched page by page as it scrolls), the selected log in
// full below, and a status line saying how much is loaded and what is in flight.
class LogsPage : public QWidget
{
    Q_OBJECT

public:
    explicit LogsPage(QWidget *parent = nullptr);
    ~LogsPage() override;

    // Loads the first page of `gatewayId`'s logs with the filters on screen.
    void setGateway(ApiClient *client, const QString &gatewayId);
    // "Show this model's logs": every other filter is cleared, so that nothing hides some of them.
    void showModelLogs(const QString &provider, const QString &model);
    // Shows the logs matching all `filters` (e.g. a dataset's), clearing every other filter and the search. The
    // ones the bar has a field for go there; the rest still apply and are listed as removable chips under it.
    void showFilters(const std::vector<LogFilter> &filters);
    LogFilterChips *moreFilters() const { return m_moreFilters; }

    LogTableModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    LogDetailPanel *detailPanel() const { return m_detail; }

    // The filter bar as the API reads it.
    std::vector<LogFilter> currentFilters() const;
    QString currentSearch() const;
    QString statusText() const;
    // The message of the error banner; empty while it is hidden.
    QString errorText() const;

public slots:
    // Filters apply by themselves shortly after a change; this applies them now.
    void applyFilters();
    void resetFilters();
    void refresh();
    // Shows the last `seconds` up to now; 0 for any time.
    void showRecent(qint64 seconds);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildFilterBar();
    QWidget *buildErrorBanner();
    QWidget *buildStatusLine();
    void configureTable();
    void applyPalette();
    void scheduleApply();
    void clearFilterFields();
    void showError(const QString &where, const ApiError &error);
    void hideError();
    void updateStatus();
    void updateEmptyState();
    void selectionChanged();

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    LogTableModel *m_model = nullptr;
    LogDetailPanel *m_detail = nullptr;
    QTimer *m_applyTimer = nullptr;

    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_modelName = nullptr;
    QComboBox *m_success = nullptr;
    QComboBox *m_cached = nullptr;
    QLineEdit *m_search = nullptr;
    QLineEdit *m_metadataKey = nullptr;
    QLineEdit *m_metadataValue = nullptr;
    LogFilterChips *m_moreFilters = nullptr;

    QWidget *m_errorBanner = nullptr;
    QLabel *m_errorText = nullptr;
    QPushButton *m_retryButton = nullptr;

    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyLabel = nullptr;

    QLabel *m_status = nullptr;
    QProgressBar *m_busy = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_loadMoreButton = nullptr;
};

} // namespace rd
