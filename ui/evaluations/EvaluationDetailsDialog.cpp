#include "ui/evaluations/EvaluationDetailsDialog.h"

#include "app/DatasetFilters.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rd {

EvaluationDetailsDialog::EvaluationDetailsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("evaluationDetailsDialog"));
    setMinimumSize(760, 360);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("evaluationSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_results = new QTableWidget(0, 5);
    m_results->setObjectName(QStringLiteral("evaluationResults"));
    m_results->setHorizontalHeaderLabels(
        {tr("Evaluator"), tr("Result"), tr("Status"), tr("Status description"), tr("Logs")});
    m_results->verticalHeader()->hide();
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_results->setAlternatingRowColors(true);
    m_results->setShowGrid(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_results, 1);
    layout->addWidget(buttons);
}

QString EvaluationDetailsDialog::summaryText() const
{
    return m_summary->text();
}

void EvaluationDetailsDialog::setEvaluation(const Evaluation &evaluation, const EvaluationText::TypeNames &names)
{
    m_id = QString::fromStdString(evaluation.id());
    setWindowTitle(tr("Evaluation \u201c%1\u201d").arg(QString::fromStdString(evaluation.name())));
    QStringList datasets;
    for (const Dataset &dataset : evaluation.datasets()) {
        datasets << tr("%1 (%2)").arg(QString::fromStdString(dataset.name()),
                                      DatasetFilters::describe(dataset.filters()));
    }
    const QLocale locale;
    QString summary = tr("Datasets: %1\nCreated %2 \u00b7 %3")
                          .arg(datasets.join(QStringLiteral("; ")), EvaluationText::localTime(evaluation.createdAt()),
                               EvaluationText::processed(evaluation.processed()));
    if (const auto total = evaluation.totalLogs()) {
        summary += tr(" \u00b7 logs measured: %1").arg(QString::fromStdString(total->toString()));
    }
    if (!evaluation.processed()) {
        summary += QLatin1Char('\n') + tr("Cloudflare is still running it; the results appear here when it is done.");
    }
    m_summary->setText(summary);

    const auto results = evaluation.results();
    m_results->setRowCount(static_cast<int>(results.size()));
    for (int row = 0; row < static_cast<int>(results.size()); ++row) {
        const EvaluationResult &result = results[static_cast<std::size_t>(row)];
        const auto number = [](const std::optional<Number> &n) {
            return n ? QString::fromStdString(n->toString()) : QStringLiteral("\u2014");
        };
        const QString cells[] = {EvaluationText::typeName(result.evaluationTypeId(), names),
                                 EvaluationText::resultValue(result), number(result.status()),
                                 QString::fromStdString(result.statusDescription()), number(result.totalLogs())};
        for (int column = 0; column < 5; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column == ResultColumn || column == StatusColumn || column == LogsColumn) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            m_results->setItem(row, column, item);
        }
    }
    m_results->resizeColumnsToContents();
    m_results->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
}

} // namespace rd
