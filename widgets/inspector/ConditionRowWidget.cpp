#include "widgets/inspector/ConditionRowWidget.h"

#include "widgets/inspector/InspectorPage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

ConditionRowWidget::ConditionRowWidget(const QStringList &fieldSuggestions, QWidget *parent)
    : QWidget(parent), m_field(new QComboBox(this)), m_op(new QComboBox(this)), m_value(new QLineEdit(this)),
      m_remove(new QToolButton(this))
{
    m_field->setObjectName(QStringLiteral("conditionField"));
    m_field->setEditable(true);
    m_field->setInsertPolicy(QComboBox::NoInsert);
    m_field->addItems(fieldSuggestions);
    m_field->setCurrentIndex(-1);
    m_field->lineEdit()->setPlaceholderText(tr("metadata.key or headers.name"));
    m_field->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_field->setMinimumContentsLength(10);

    m_op->setObjectName(QStringLiteral("conditionOperator"));
    for (std::string_view op : ConditionModel::operators()) {
        m_op->addItem(operatorLabel(op), QString::fromLatin1(op.data(), static_cast<qsizetype>(op.size())));
    }
    m_value->setObjectName(QStringLiteral("conditionValue"));

    m_remove->setObjectName(QStringLiteral("removeCondition"));
    m_remove->setText(QStringLiteral("\u2715"));
    m_remove->setAutoRaise(true);
    m_remove->setToolTip(tr("Remove this condition"));

    // Two lines: an inspector dock is narrow, and field names and values both want the width.
    m_op->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    InspectorPage::letShrink(m_op);
    auto *top = new QHBoxLayout;
    top->addWidget(m_field, 1);
    top->addWidget(m_remove);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_op);
    bottom->addWidget(m_value, 1);
    bottom->addSpacing(m_remove->sizeHint().width() + top->spacing());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addLayout(bottom);

    connect(m_field, &QComboBox::currentTextChanged, this, [this] { emit changed(true); });
    connect(m_field->lineEdit(), &QLineEdit::editingFinished, this, &ConditionRowWidget::editingFinished);
    connect(m_op, &QComboBox::currentIndexChanged, this, [this] {
        updateValueHint();
        emit changed(false);
    });
    connect(m_value, &QLineEdit::textEdited, this, [this] { emit changed(true); });
    connect(m_value, &QLineEdit::editingFinished, this, &ConditionRowWidget::editingFinished);
    connect(m_remove, &QToolButton::clicked, this, &ConditionRowWidget::removeRequested);
    updateValueHint();
}

void ConditionRowWidget::setRow(const ConditionModel::Row &row)
{
    const QSignalBlocker b1(m_field);
    const QSignalBlocker b2(m_op);
    const QSignalBlocker b3(m_value);
    m_field->setEditText(QString::fromStdString(row.field));
    m_op->setCurrentIndex(m_op->findData(QString::fromStdString(row.op)));
    m_value->setText(QString::fromStdString(ConditionModel::valueToText(row.op, row.value)));
    updateValueHint();
}

ConditionModel::Row ConditionRowWidget::row() const
{
    ConditionModel::Row row;
    row.field = m_field->currentText().trimmed().toStdString();
    row.op = m_op->currentData().toString().toStdString();
    row.value = ConditionModel::valueFromText(row.op, m_value->text().toStdString());
    return row;
}

QString ConditionRowWidget::operatorLabel(std::string_view op)
{
    if (op == "$eq") {
        return tr("equals");
    }
    if (op == "$ne") {
        return tr("not equals");
    }
    if (op == "$gt") {
        return tr("greater than");
    }
    if (op == "$gte") {
        return tr("at least");
    }
    if (op == "$lt") {
        return tr("less than");
    }
    if (op == "$lte") {
        return tr("at most");
    }
    if (op == "$in") {
        return tr("is one of");
    }
    if (op == "$nin") {
        return tr("is none of");
    }
    if (op == "$exists") {
        return tr("exists");
    }
    if (op == "$regex") {
        return tr("matches regex");
    }
    return QString::fromUtf8(op.data(), static_cast<qsizetype>(op.size()));
}

void ConditionRowWidget::updateValueHint()
{
    const std::string op = m_op->currentData().toString().toStdString();
    if (ConditionModel::isListOperator(op)) {
        m_value->setPlaceholderText(tr("a, b, c"));
    } else if (op == "$exists") {
        m_value->setPlaceholderText(tr("true or false"));
    } else if (op == "$regex") {
        m_value->setPlaceholderText(tr("^pro"));
    } else {
        m_value->setPlaceholderText(tr("text, 42, true or \"quoted\""));
    }
    m_op->setToolTip(QString::fromStdString(op));
}

} // namespace rd
