#pragma once

#include "model/Evaluation.h"
#include "ui/evaluations/EvaluationText.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace rd {

// One evaluation in full: its datasets, whether it is processed, and a row per evaluator's result (the value, the
// status and its description, the logs measured). Updated in place while the page polls it.
class EvaluationDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { TypeColumn, ResultColumn, StatusColumn, DescriptionColumn, LogsColumn };

    explicit EvaluationDetailsDialog(QWidget *parent = nullptr);

    void setEvaluation(const Evaluation &evaluation, const EvaluationText::TypeNames &names);
    QString evaluationId() const { return m_id; }
    QTableWidget *results() const { return m_results; }
    QString summaryText() const;

private:
    QString m_id;
    QLabel *m_summary = nullptr;
    QTableWidget *m_results = nullptr;
};

} // namespace rd
