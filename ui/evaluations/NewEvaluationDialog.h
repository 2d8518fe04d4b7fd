#pragma once

#include "model/Dataset.h"
#include "model/EvaluationType.h"

#include <QDialog>
#include <QStringList>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace rd {

// "New Evaluation…": a name, one or more of the gateway's datasets, and the evaluators to run (every one the
// account offers is ticked at first). Create is offered once all three are there; the page sends it.
class NewEvaluationDialog : public QDialog
{
    Q_OBJECT

public:
    NewEvaluationDialog(const std::vector<Dataset> &datasets, const std::vector<EvaluationType> &types,
                        QWidget *parent = nullptr);

    QString name() const;
    QStringList datasetIds() const;
    QStringList typeIds() const;

    QLineEdit *nameEdit() const { return m_name; }
    QListWidget *datasetList() const { return m_datasets; }
    QListWidget *typeList() const { return m_types; }
    QPushButton *createButton() const { return m_create; }

private:
    void validate();
    static QStringList checkedIds(const QListWidget *list);

    QLineEdit *m_name = nullptr;
    QListWidget *m_datasets = nullptr;
    QListWidget *m_types = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_create = nullptr;
};

} // namespace rd
