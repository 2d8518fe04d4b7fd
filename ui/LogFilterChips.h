#pragma once

#include "model/LogQuery.h"

#include <QWidget>

#include <vector>

class QHBoxLayout;
class QLabel;

namespace rd {

// Filters the logs view applies that its filter bar has no field for (a dataset's `cost gt 0.01`, a model that is
// one of several): one removable chip each on a line of their own, so that nothing filters the table unseen.
// Hidden while there are none.
class LogFilterChips : public QWidget
{
    Q_OBJECT

public:
    explicit LogFilterChips(QWidget *parent = nullptr);

    void setFilters(const std::vector<LogFilter> &filters);
    const std::vector<LogFilter> &filters() const { return m_filters; }
    void clear() { setFilters({}); }
    // The chips' texts as shown, for tests and tooltips.
    QStringList chipTexts() const;

signals:
    // A chip or all of them were removed by the user.
    void removed();

private:
    void rebuild();

    std::vector<LogFilter> m_filters;
    QHBoxLayout *m_chips = nullptr;
};

} // namespace rd
