#pragma once

#include "model/Decoded.h"
#include "model/Finding.h"

#include <QStackedWidget>

#include <vector>

class QTreeWidget;

namespace rd {

// What validation says of a route, under the canvas: a row per finding, errors first (they are what blocks a
// deploy), then what decoding the file adjusted; or, when there is nothing, one line saying the API would accept
// the route. Clicking a row asks for its element.
class ProblemsPanel : public QStackedWidget
{
    Q_OBJECT

public:
    explicit ProblemsPanel(QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    // Replaces the rows; returns how many there are.
    int setProblems(const std::vector<Finding> &findings, const std::vector<DecodeIssue> &notes);

signals:
    void elementActivated(const QString &elementId);

private:
    QTreeWidget *m_list;
};

} // namespace rd
