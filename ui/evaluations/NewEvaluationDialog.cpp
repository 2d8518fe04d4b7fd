#include "ui/evaluations/NewEvaluationDialog.h"

#include "app/DatasetFilters.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

} // namespace

NewEvaluationDialog::NewEvaluationDialog(const std::vector<Dataset> &datasets, const std::vector<EvaluationType> &types,
                                         QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("newEvaluationDialog"));
    setWindowTitle(tr("New Evaluation"));
    setMinimumSize(560, 460);

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("evaluationName"));
    m_name->setPlaceholderText(tr("e.g. OpenAI in December"));

    m_datasets = new QListWidget;
    m_datasets->setObjectName(QStringLiteral("evaluationDatasets"));
    for (const Dataset &dataset : datasets) {
        auto *item = new QListWidgetItem(QString::fromStdString(dataset.name()), m_datasets);
        item->setData(kIdRole, QString::fromStdString(dataset.id()));
        item->setToolTip(DatasetFilters::describe(dataset.filters()));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        // One dataset is the common case: it is ticked; with several the user picks.
        item->setCheckState(datasets.size() == 1 ? Qt::Checked : Qt::Unchecked);
        if (!dataset.enable()) {
            item->setText(tr("%1 (disabled)").arg(item->text()));
        }
    }

    m_types = new QListWidget;
    m_types->setObjectName(QStringLiteral("evaluationTypes"));
    for (const EvaluationType &type : types) {
        auto *item = new QListWidgetItem(QString::fromStdString(type.name()), m_types);
        item->setData(kIdRole, QString::fromStdString(type.id()));
        item->setToolTip(QString::fromStdString(type.description()));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_types->setMaximumHeight(m_types->sizeHintForRow(0) * std::max<int>(3, int(types.size())) + 8);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Datasets"), m_datasets);
    form->addRow(tr("E&valuators"), m_types);

    m_hint = new QLabel;
    m_hint->setObjectName(QStringLiteral("evaluationHint"));
    m_hint->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_create = buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("evaluationCreate"));
    m_create->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewEvaluationDialog::validate);
    connect(m_datasets, &QListWidget::itemChanged, this, &NewEvaluationDialog::validate);
    connect(m_types, &QListWidget::itemChanged, this, &NewEvaluationDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);
    validate();
}

QString NewEvaluationDialog::name() const
{
    return m_name->text().trimmed();
}

QStringList NewEvaluationDialog::checkedIds(const QListWidget *list)
{
    QStringList ids;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked) {
            ids << list->item(i)->data(kIdRole).toString();
        }
    }
    return ids;
}

QStringList NewEvaluationDialog::datasetIds() const
{
    return checkedIds(m_datasets);
}

QStringList NewEvaluationDialog::typeIds() const
{
    return checkedIds(m_types);
}

void NewEvaluationDialog::validate()
{
    QString hint;
    if (m_datasets->count() == 0) {
        hint = tr("This gateway has no datasets: save the logs view's filters as one first.");
    } else if (name().isEmpty()) {
        hint = tr("Name the evaluation.");
    } else if (datasetIds().isEmpty()) {
        hint = tr("Tick at least one dataset: the evaluation measures the logs of all ticked ones.");
    } else if (typeIds().isEmpty()) {
        hint = tr("Tick at least one evaluator.");
    } else {
        hint = tr("Cloudflare runs the evaluation in the background; the list shows when it is processed.");
    }
    m_hint->setText(hint);
    m_create->setEnabled(!name().isEmpty() && !datasetIds().isEmpty() && !typeIds().isEmpty());
}

} // namespace rd
