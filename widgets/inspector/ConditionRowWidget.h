#pragma once

#include "widgets/inspector/ConditionModel.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QToolButton;

namespace rd {

// One `field operator value` row of the condition builder.
class ConditionRowWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ConditionRowWidget(const QStringList &fieldSuggestions, QWidget *parent = nullptr);

    void setRow(const ConditionModel::Row &row);
    ConditionModel::Row row() const;

    QComboBox *fieldBox() const { return m_field; }
    QComboBox *operatorBox() const { return m_op; }
    QLineEdit *valueEdit() const { return m_value; }

    // A person's name for an operator: "$gte" -> "at least".
    static QString operatorLabel(std::string_view op);

signals:
    // `typing` when the change is a keystroke in a text field (merged into one undo step per field).
    void changed(bool typing);
    void removeRequested();
    void editingFinished();

private:
    void updateValueHint();

    QComboBox *m_field;
    QComboBox *m_op;
    QLineEdit *m_value;
    QToolButton *m_remove;
};

} // namespace rd
