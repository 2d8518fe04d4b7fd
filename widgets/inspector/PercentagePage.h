#pragma once

#include "widgets/inspector/InspectorPage.h"

#include <QList>

#include <cstdint>
#include <optional>

class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace rd {

// The branches of a percentage element: each share (editable), where it leads, a remove button, the running
// total and "Add branch". Branch edits go through the document's branch operations so wires are kept.
class PercentagePage : public InspectorPage
{
    Q_OBJECT

public:
    explicit PercentagePage(QWidget *parent = nullptr);

protected:
    void populate(const Element &element) override;

private:
    void rebuildRows(const Element &element);
    void commitShare(QLineEdit *edit);
    void addBranch();
    void updateTotal();
    void showMessage(const QString &message);

    QGridLayout *m_grid;
    QList<QWidget *> m_rowWidgets;
    QList<QLineEdit *> m_shareEdits;
    QLabel *m_total;
    QLabel *m_message;
    QLabel *m_tooMany;
    QPushButton *m_add;
};

} // namespace rd
