#include "ui/engine/SimulationResultView.h"

#include "ui/engine/EngineText.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

double share(std::uint64_t part, std::uint64_t whole)
{
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

QTreeWidgetItem *row(QTreeWidgetItem *parent, const QString &what, const QString &value, const QString &detail = {})
{
    auto *item = new QTreeWidgetItem(parent, {what, value, detail});
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

SimulationResultView::SimulationResultView(QWidget *parent) : QWidget(parent)
{
    m_headline = new QLabel(tr("Run a simulation to see how requests split across the route."));
    m_headline->setObjectName(QStringLiteral("simulationHeadline"));
    m_headline->setWordWrap(true);
    QFont bold = m_headline->font();
    bold.setWeight(QFont::DemiBold);
    m_headline->setFont(bold);
    m_table = new QTreeWidget;
    m_table->setObjectName(QStringLiteral("simulationTable"));
    m_table->setHeaderLabels({tr("Figure"), tr("Requests"), tr("Detail")});
    m_table->setUniformRowHeights(true);
    m_table->header()->setStretchLastSection(true);
    m_table->setColumnWidth(0, 210);
    m_table->setColumnWidth(1, 90);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_headline);
    layout->addWidget(m_table, 1);
}

QString SimulationResultView::headline() const
{
    return m_headline->text();
}

void SimulationResultView::showMessage(const QString &text)
{
    m_headline->setText(text);
    m_table->clear();
}

void SimulationResultView::showReport(const SimulationReport &report)
{
    const std::uint64_t n = report.requests;
    const std::uint64_t served = n - report.unserved;
    const double per1k = n == 0 ? 0 : report.costUsd / static_cast<double>(n) * 1000;
    QString text = tr("%1 requests: %2 served, %3 unserved · %4 per 1,000 requests · p50 %5 ms, p95 %6 ms")
                       .arg(EngineText::count(n), EngineText::percent(share(served, n)),
                            EngineText::percent(share(report.unserved, n)), EngineText::usd(per1k))
                       .arg(report.latencyP50Ms)
                       .arg(report.latencyP95Ms);
    if (report.cancelled) {
        text = tr("Cancelled after %1 requests. ").arg(EngineText::count(n)) + text;
    }
    m_headline->setText(text);

    m_table->clear();
    auto *models = new QTreeWidgetItem(m_table, {tr("Served, by model")});
    for (const SimulationReport::ModelCounts &m : report.models) {
        row(models, qs(m.key), EngineText::count(m.served),
            tr("%1 of all · %2 attempts, %3 failed")
                .arg(EngineText::percent(share(m.served, n)), EngineText::count(m.attempts),
                     EngineText::count(m.failures)));
    }
    auto *unserved = row(m_table->invisibleRootItem(), tr("Unserved"), EngineText::count(report.unserved),
                         EngineText::percent(share(report.unserved, n)));
    for (const auto &[reason, count] : report.unservedReasons) {
        row(unserved, qs(reason), EngineText::count(count));
    }
    row(m_table->invisibleRootItem(), tr("Fallbacks taken (model failed)"), EngineText::count(report.fallbacks));
    row(m_table->invisibleRootItem(), tr("Rate limits hit"), EngineText::count(report.rateLimited));
    row(m_table->invisibleRootItem(), tr("Cost per 1,000 requests"), EngineText::usd(per1k),
        report.unpriced > 0 ? tr("%1 requests answered by a model without a known price are not counted")
                                  .arg(EngineText::count(report.unpriced))
                            : tr("list prices, tokens as set per request"));
    row(m_table->invisibleRootItem(), tr("Latency p50 / p95"),
        tr("%1 / %2 ms").arg(report.latencyP50Ms).arg(report.latencyP95Ms), tr("including retries and fallbacks"));
    m_table->expandAll();
}

FlowOverlay SimulationResultView::overlayFor(const SimulationReport &report)
{
    FlowOverlay overlay;
    overlay.dimOthers = true;
    for (const SimulationReport::ElementCounts &e : report.elements) {
        if (e.entered > 0) {
            overlay.cards[e.id].tag =
                tr("%1 · %2").arg(EngineText::count(e.entered), EngineText::percent(share(e.entered, report.requests)));
        }
        for (const auto &[output, taken] : e.outputs) {
            FlowOverlay::Wire &wire = overlay.wires[{e.id, output}];
            wire.share = share(taken, report.requests);
            wire.label = EngineText::percent(wire.share);
        }
    }
    return overlay;
}

} // namespace rd
