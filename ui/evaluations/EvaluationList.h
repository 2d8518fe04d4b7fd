#pragma once

#include "model/Dataset.h"
#include "model/Evaluation.h"
#include "model/EvaluationType.h"
#include "ui/evaluations/EvaluationText.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <functional>
#include <vector>

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace rd {

class ApiClient;
class EvaluationDetailsDialog;
struct ApiError;

// A gateway's evaluations: name, datasets, processed or still running, each evaluator's result; New Evaluation…,
// details, delete after a confirmation naming it. Cloudflare runs an evaluation in the background, so the ones not
// processed yet are read again every few seconds while the list is on screen, and the polling stops when none is
// left. Errors go to the page (errorOccurred); a create or delete whose answer was lost reads the list again and
// says what it found (notice).
class EvaluationList : public QWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, DatasetsColumn, StatusColumn, ResultsColumn, CreatedColumn };

    explicit EvaluationList(QWidget *parent = nullptr);

    void setGateway(ApiClient *client, const QString &gatewayId);
    // The datasets New Evaluation… offers (the page keeps them in step with the datasets list).
    void setDatasets(const std::vector<Dataset> &datasets);
    const std::vector<Evaluation> &evaluations() const { return m_evaluations; }
    const std::vector<EvaluationType> &types() const { return m_types; }
    QTreeWidget *table() const { return m_table; }
    bool select(const QString &evaluationId);
    // How often unprocessed evaluations are read again (default 2 s).
    void setPollInterval(int ms);
    bool isPolling() const;
    int pendingCount() const;
    bool isBusy() const { return m_busy > 0; }
    QString emptyText() const;
    EvaluationDetailsDialog *details() const;

public slots:
    void reload();
    // Opens New Evaluation… and creates what it is given.
    void createNew();
    void showDetails();
    void deleteSelected();

signals:
    void errorOccurred(const QString &where, const rd::ApiError &error);
    void notice(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void loadTypes();
    void reloadThen(std::function<void(bool ok)> then);
    void create(const QString &name, const QStringList &datasetIds, const QStringList &typeIds);
    void fill();
    void updatePolling();
    void poll();
    void received(const Evaluation &evaluation);
    std::optional<Evaluation> selected() const;
    void updateButtons();
    void begin();
    void end();

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    std::vector<Evaluation> m_evaluations;
    std::vector<EvaluationType> m_types;
    EvaluationText::TypeNames m_typeNames;
    std::vector<Dataset> m_datasets;
    QSet<QString> m_polling; // ids with a read on its way
    int m_busy = 0;

    QTreeWidget *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QTimer *m_poll = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_detailsButton = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_refresh = nullptr;
    QPointer<EvaluationDetailsDialog> m_details;
};

} // namespace rd
