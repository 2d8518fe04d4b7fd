#pragma once

#include "widgets/inspector/ConditionModel.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace rd {

class ConditionRowWidget;

// Rows of `field operator value` joined by AND or OR: the form of a conditional's `conditions` most routes
// need, without writing JSON.
class ConditionBuilder : public QWidget
{
    Q_OBJECT

public:
    explicit ConditionBuilder(QWidget *parent = nullptr);

    void setFieldSuggestions(const QStringList &fields);
    void setModel(const ConditionModel &model);
    // What the rows say now. Rows whose field is still empty are left out: they are being written.
    ConditionModel model() const;

    QList<ConditionRowWidget *> rows() const { return m_rows; }
    QComboBox *joinBox() const { return m_join; }
    ConditionRowWidget *addRow();

signals:
    // The user changed something. `mergeHint` is non-empty for keystrokes (same hint -> same undo step).
    void edited(const QString &mergeHint);
    void editingFinished();

private:
    ConditionRowWidget *createRow();
    void removeRow(ConditionRowWidget *row);
    void updateEmptyState();

    QComboBox *m_join;
    QVBoxLayout *m_rowLayout;
    QList<ConditionRowWidget *> m_rows;
    QLabel *m_empty;
    QPushButton *m_add;
    QStringList m_fields;
};

} // namespace rd
