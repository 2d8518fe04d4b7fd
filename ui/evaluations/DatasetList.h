#pragma once

#include "model/Dataset.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace rd {

class ApiClient;
struct ApiError;

// A gateway's datasets: name, filters in words, enabled, modified; enable or disable (PUT), edit, delete after a
// confirmation naming it, and open the logs it holds. Errors go to the page (errorOccurred); a delete whose answer
// was lost reads the list again and says what it found (notice).
class DatasetList : public QWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, FiltersColumn, EnabledColumn, ModifiedColumn };

    explicit DatasetList(QWidget *parent = nullptr);

    void setGateway(ApiClient *client, const QString &gatewayId);
    const std::vector<Dataset> &datasets() const { return m_datasets; }
    QTreeWidget *table() const { return m_table; }
    // Selects the dataset's row; false when it is not listed.
    bool select(const QString &datasetId);
    std::optional<Dataset> selected() const;
    bool isBusy() const { return m_busy > 0; }
    QString emptyText() const;

public slots:
    void reload();
    // Flips the selected dataset's `enable` on the server.
    void toggleSelected();
    // Opens the editor on the selected dataset, or on a new one; saves when it is accepted.
    void editSelected();
    void createNew();
    void deleteSelected();
    void openLogsOfSelected();

signals:
    void errorOccurred(const QString &where, const rd::ApiError &error);
    void notice(const QString &text);
    void logsRequested(const std::vector<rd::LogFilter> &filters);
    // The list was read again (the evaluations' dataset choice follows it).
    void datasetsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reloadThen(std::function<void(bool ok)> then);
    void fill();
    void update(const Dataset &dataset, const QString &name, bool enable, const std::vector<LogFilter> &filters,
                const QString &what);
    void setEnabledItem(QTreeWidgetItem *item, bool enable);
    void updateButtons();
    void begin()
    {
        ++m_busy;
        updateButtons();
    }
    void end()
    {
        --m_busy;
        updateButtons();
    }

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    std::vector<Dataset> m_datasets;
    int m_busy = 0;
    bool m_filling = false;

    QTreeWidget *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_toggle = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_logs = nullptr;
    QPushButton *m_refresh = nullptr;
};

} // namespace rd
