#pragma once

#include "model/LogQuery.h"

#include <QDialog>

#include <optional>
#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace rd {

// A dataset's name and filters: one row per filter (key, operator, value), checked as the API checks them as
// they are typed (the operators a key takes, a number for cost, true/false for success, one value), so that Save
// is only offered for what the server will take.
class DatasetEditDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DatasetEditDialog(QWidget *parent = nullptr);

    void setDataset(const QString &name, const std::vector<LogFilter> &filters);
    QString name() const;
    // The rows as filters; nullopt while one is not valid.
    std::optional<std::vector<LogFilter>> filters() const;

    int rowCount() const { return static_cast<int>(m_rows.size()); }
    void addRow(const QString &key = QStringLiteral("provider"), const QString &op = QStringLiteral("eq"),
                const QString &value = QString());
    void setRow(int row, const QString &key, const QString &op, const QString &value);
    void removeRow(int row);
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *saveButton() const { return m_save; }
    // What is wrong with the rows, as shown; empty when they are valid.
    QString problemText() const;

private:
    struct Row
    {
        QComboBox *key = nullptr;
        QComboBox *op = nullptr;
        QLineEdit *value = nullptr;
        QToolButton *remove = nullptr;
    };
    void fillOperators(Row &row, const QString &keep);
    void relayoutRows();
    void validate();

    QLineEdit *m_name = nullptr;
    QGridLayout *m_grid = nullptr;
    QLabel *m_noFilters = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_save = nullptr;
    std::vector<Row> m_rows;
};

} // namespace rd
