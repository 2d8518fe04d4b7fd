#pragma once

#include "model/engine/SimulationReport.h"
#include "widgets/canvas/FlowOverlay.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace rd {

// A simulation's answer as a table: requests served per model (with attempts and failures), unserved requests
// and why, fallbacks taken, rate limits hit, cost per 1,000 requests, p50 and p95 latency.
class SimulationResultView : public QWidget
{
    Q_OBJECT

public:
    explicit SimulationResultView(QWidget *parent = nullptr);

    void showReport(const SimulationReport &report);
    void showMessage(const QString &text);
    QTreeWidget *table() const { return m_table; }
    QString headline() const;

    // What the canvas shows for a report: every card that requests reached with their count and share, every
    // wire as wide as its share of the requests, labelled with it; what nothing reached faded.
    static FlowOverlay overlayFor(const SimulationReport &report);

private:
    QLabel *m_headline;
    QTreeWidget *m_table;
};

} // namespace rd
