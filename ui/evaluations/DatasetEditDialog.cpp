#include "ui/evaluations/DatasetEditDialog.h"

#include "app/DatasetFilters.h"
#include "app/StatusColors.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

DatasetEditDialog::DatasetEditDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("datasetEditDialog"));
    setWindowTitle(tr("Edit Dataset"));
    setMinimumWidth(600);

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("datasetEditName"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);

    auto *explain = new QLabel(tr("The dataset holds the logs matching every filter (AND), one value each."));
    explain->setWordWrap(true);
    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(6);
    m_grid->setColumnStretch(2, 1);
    m_noFilters = new QLabel(tr("No filters: the dataset holds every log of the gateway."));
    m_noFilters->setObjectName(QStringLiteral("datasetEditNoFilters"));
    auto *add = new QPushButton(tr("&Add Filter"));
    add->setObjectName(QStringLiteral("datasetEditAddFilter"));
    connect(add, &QPushButton::clicked, this, [this] { addRow(); });
    auto *addLine = new QHBoxLayout;
    addLine->addWidget(add);
    addLine->addStretch(1);

    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("datasetEditProblem"));
    m_problem->setWordWrap(true);
    QPalette errorPalette = m_problem->palette();
    errorPalette.setColor(QPalette::WindowText, StatusColors::text(StatusColors::Role::Error, errorPalette));
    m_problem->setPalette(errorPalette);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_save = buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("datasetEditSave"));
    m_save->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &DatasetEditDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(6);
    layout->addWidget(explain);
    layout->addLayout(m_grid);
    layout->addWidget(m_noFilters);
    layout->addLayout(addLine);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(buttons);
    validate();
}

void DatasetEditDialog::setDataset(const QString &name, const std::vector<LogFilter> &filters)
{
    m_name->setText(name);
    while (!m_rows.empty()) {
        removeRow(0);
    }
    for (const LogFilter &filter : filters) {
        QStringList values;
        for (const Json &value : filter.values) {
            values << DatasetFilters::valueText(value);
        }
        // Several values show joined; the check then says a dataset takes one.
        addRow(QString::fromStdString(filter.key), QString::fromStdString(filter.op),
               values.join(QStringLiteral(", ")));
    }
    validate();
}

QString DatasetEditDialog::name() const
{
    return m_name->text().trimmed();
}

void DatasetEditDialog::addRow(const QString &key, const QString &op, const QString &value)
{
    Row row;
    row.key = new QComboBox;
    row.key->setObjectName(QStringLiteral("datasetFilterKey"));
    row.key->addItems(DatasetFilters::keys());
    if (!DatasetFilters::keys().contains(key)) {
        row.key->addItem(key); // an old dataset's key is shown as it is, and refused by the check
    }
    row.key->setCurrentText(key);
    row.op = new QComboBox;
    row.op->setObjectName(QStringLiteral("datasetFilterOperator"));
    row.value = new QLineEdit(value);
    row.value->setObjectName(QStringLiteral("datasetFilterValue"));
    row.remove = new QToolButton;
    row.remove->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
    row.remove->setAutoRaise(true);
    row.remove->setToolTip(tr("Remove this filter"));
    m_rows.push_back(row);
    fillOperators(m_rows.back(), op);

    QComboBox *keyBox = row.key;
    connect(row.key, &QComboBox::currentTextChanged, this, [this, keyBox] {
        for (Row &r : m_rows) {
            if (r.key == keyBox) {
                fillOperators(r, r.op->currentText());
            }
        }
        validate();
    });
    connect(row.op, &QComboBox::currentTextChanged, this, &DatasetEditDialog::validate);
    connect(row.value, &QLineEdit::textChanged, this, &DatasetEditDialog::validate);
    QToolButton *removeButton = row.remove;
    connect(row.remove, &QToolButton::clicked, this, [this, removeButton] {
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].remove == removeButton) {
                removeRow(static_cast<int>(i));
                return;
            }
        }
    });
    relayoutRows();
    validate();
}

void DatasetEditDialog::setRow(int row, const QString &key, const QString &op, const QString &value)
{
    Row &r = m_rows.at(static_cast<std::size_t>(row));
    r.key->setCurrentText(key);
    fillOperators(r, op);
    r.value->setText(value);
    validate();
}

void DatasetEditDialog::removeRow(int row)
{
    Row r = m_rows.at(static_cast<std::size_t>(row));
    m_rows.erase(m_rows.begin() + row);
    for (QWidget *w : {static_cast<QWidget *>(r.key), static_cast<QWidget *>(r.op), static_cast<QWidget *>(r.value),
                       static_cast<QWidget *>(r.remove)}) {
        w->hide();
        w->deleteLater(); // the remove button may be the one whose click runs this
    }
    relayoutRows();
    validate();
}

void DatasetEditDialog::fillOperators(Row &row, const QString &keep)
{
    const QSignalBlocker blocker(row.op);
    row.op->clear();
    const QStringList ops = DatasetFilters::operatorsFor(row.key->currentText());
    row.op->addItems(ops);
    if (!ops.contains(keep) && !keep.isEmpty()) {
        row.op->addItem(keep); // shown as it is, and refused by the check
    }
    row.op->setCurrentText(keep.isEmpty() ? ops.value(0) : keep);
}

void DatasetEditDialog::relayoutRows()
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const int r = static_cast<int>(i);
        m_grid->addWidget(m_rows[i].key, r, 0);
        m_grid->addWidget(m_rows[i].op, r, 1);
        m_grid->addWidget(m_rows[i].value, r, 2);
        m_grid->addWidget(m_rows[i].remove, r, 3);
    }
    m_noFilters->setVisible(m_rows.empty());
}

std::optional<std::vector<LogFilter>> DatasetEditDialog::filters() const
{
    std::vector<LogFilter> out;
    for (const Row &row : m_rows) {
        QString error;
        auto filter = DatasetFilters::fromText(row.key->currentText(), row.op->currentText(), row.value->text(), error);
        if (!filter) {
            return std::nullopt;
        }
        out.push_back(std::move(*filter));
    }
    return out;
}

QString DatasetEditDialog::problemText() const
{
    return m_problem->text();
}

void DatasetEditDialog::validate()
{
    QStringList problems;
    if (name().isEmpty()) {
        problems << tr("The dataset needs a name.");
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        QString error;
        // Several values shown joined (an old dataset's) must not go back as one value with a comma in it.
        if (row.value->text().contains(QLatin1Char(','))) {
            error = tr("a dataset takes one value per filter (no commas)");
        } else {
            (void)DatasetFilters::fromText(row.key->currentText(), row.op->currentText(), row.value->text(), error);
        }
        if (!error.isEmpty()) {
            problems << tr("Filter %1: %2.").arg(i + 1).arg(error);
        }
        row.value->setToolTip(error);
    }
    m_problem->setText(problems.join(QLatin1Char('\n')));
    m_problem->setVisible(!problems.isEmpty());
    m_save->setEnabled(problems.isEmpty());
}

} // namespace rd
