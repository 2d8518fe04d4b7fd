#pragma once

#include "model/Finding.h"

#include <QWidget>

#include <vector>

class QLabel;
class QVBoxLayout;

namespace rd {

// What validation says about one element: an icon per severity and the message.
class FindingsView : public QWidget
{
    Q_OBJECT

public:
    explicit FindingsView(QWidget *parent = nullptr);

    void setFindings(const std::vector<Finding> &findings);
    int count() const { return m_count; }

private:
    QVBoxLayout *m_rows;
    QLabel *m_none;
    QList<QWidget *> m_rowWidgets;
    int m_count = 0;
};

} // namespace rd
