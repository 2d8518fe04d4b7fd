#include "widgets/inspector/ConditionBuilder.h"

#include "widgets/inspector/ConditionRowWidget.h"
#include "widgets/inspector/InspectorPage.h"
#include "widgets/inspector/ProviderCatalog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace rd {

ConditionBuilder::ConditionBuilder(QWidget *parent)
    : QWidget(parent), m_join(new QComboBox(this)), m_rowLayout(new QVBoxLayout), m_empty(new QLabel(this)),
      m_add(new QPushButton(tr("Add &condition"), this)), m_fields(ProviderCatalog::conditionFields())
{
    m_join->setObjectName(QStringLiteral("conditionJoin"));
    m_join->addItem(tr("all of these (AND)"), static_cast<int>(ConditionModel::Join::And));
    m_join->addItem(tr("any of these (OR)"), static_cast<int>(ConditionModel::Join::Or));
    InspectorPage::letShrink(m_join);
    m_add->setObjectName(QStringLiteral("addCondition"));
    m_empty->setText(tr("No conditions yet."));
    m_empty->setEnabled(false);

    auto *joinRow = new QHBoxLayout;
    joinRow->addWidget(new QLabel(tr("Take <b>true</b> when"), this));
    joinRow->addWidget(m_join);
    joinRow->addStretch(1);

    auto *footer = new QHBoxLayout;
    footer->addStretch(1);
    footer->addWidget(m_add);

    m_rowLayout->setContentsMargins(0, 0, 0, 0);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(joinRow);
    layout->addWidget(m_empty);
    layout->addLayout(m_rowLayout);
    layout->addLayout(footer);
    layout->addStretch(1);

    connect(m_join, &QComboBox::currentIndexChanged, this, [this] { emit edited(QString()); });
    connect(m_add, &QPushButton::clicked, this, [this] {
        ConditionRowWidget *row = addRow();
        row->fieldBox()->setFocus();
    });
    updateEmptyState();
}

void ConditionBuilder::setFieldSuggestions(const QStringList &fields)
{
    m_fields = fields;
}

void ConditionBuilder::setModel(const ConditionModel &model)
{
    {
        const QSignalBlocker blocker(m_join);
        m_join->setCurrentIndex(model.join == ConditionModel::Join::And ? 0 : 1);
    }
    while (m_rows.size() > static_cast<qsizetype>(model.rows.size())) {
        ConditionRowWidget *row = m_rows.takeLast();
        disconnect(row, nullptr, this, nullptr);
        row->hide();
        row->setParent(nullptr);
        row->deleteLater();
    }
    while (m_rows.size() < static_cast<qsizetype>(model.rows.size())) {
        createRow();
    }
    for (std::size_t i = 0; i < model.rows.size(); ++i) {
        m_rows.at(static_cast<qsizetype>(i))->setRow(model.rows[i]);
    }
    updateEmptyState();
}

ConditionModel ConditionBuilder::model() const
{
    ConditionModel model;
    model.join = static_cast<ConditionModel::Join>(m_join->currentData().toInt());
    for (ConditionRowWidget *row : m_rows) {
        ConditionModel::Row r = row->row();
        if (!r.field.empty()) {
            model.rows.push_back(std::move(r));
        }
    }
    return model;
}

ConditionRowWidget *ConditionBuilder::addRow()
{
    ConditionRowWidget *row = createRow();
    updateEmptyState();
    // A new row has no field yet, so the conditions do not change until one is typed.
    return row;
}

ConditionRowWidget *ConditionBuilder::createRow()
{
    auto *row = new ConditionRowWidget(m_fields, this);
    m_rowLayout->addWidget(row);
    m_rows.append(row);
    connect(row, &ConditionRowWidget::changed, this, [this, row](bool typing) {
        emit edited(typing ? QStringLiteral("row%1").arg(m_rows.indexOf(row)) : QString());
    });
    connect(row, &ConditionRowWidget::editingFinished, this, &ConditionBuilder::editingFinished);
    connect(row, &ConditionRowWidget::removeRequested, this, [this, row] { removeRow(row); });
    return row;
}

void ConditionBuilder::removeRow(ConditionRowWidget *row)
{
    m_rows.removeOne(row);
    disconnect(row, nullptr, this, nullptr);
    row->hide();
    row->setParent(nullptr);
    row->deleteLater();
    updateEmptyState();
    emit edited(QString());
}

void ConditionBuilder::updateEmptyState()
{
    m_empty->setVisible(m_rows.isEmpty());
}

} // namespace rd
