#include "widgets/TimeSeriesChart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTime>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace rd {

namespace {
constexpr qint64 kHourMs = 3600 * 1000;
const QColor kMarkerColor(0xB0, 0x3A, 0x2E);
constexpr int kLegendWidth = 290;
} // namespace

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    // The chart is given to the view's constructor: a view made without one makes its own, and setChart() only
    // releases that one, never deleting it (a leak per chart, seen under LeakSanitizer).
    : QChartView(new QChart, parent), m_chart(QChartView::chart()), m_timeAxis(new QDateTimeAxis),
      m_valueAxis(new QValueAxis), m_emptyLabel(new QGraphicsSimpleTextItem(m_chart))
{
    setRenderHint(QPainter::Antialiasing);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setShowToolTips(true);
    // One width for every chart's legend, so that charts stacked on a page share their time axis' position.
    m_chart->legend()->setMinimumWidth(kLegendWidth);
    m_chart->legend()->setMaximumWidth(kLegendWidth);
    m_chart->setMargins(QMargins(6, 6, 6, 6));
    QFont titleFont = m_chart->titleFont();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_chart->setTitleFont(titleFont);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_timeAxis->setTitleText(tr("Time (%1)").arg(QDateTime::currentDateTime().timeZoneAbbreviation()));
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_valueAxis->setMin(0);
    QFont emptyFont = font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.2);
    m_emptyLabel->setFont(emptyFont);
    m_emptyLabel->setBrush(palette().color(QPalette::PlaceholderText));
    m_emptyLabel->setZValue(20);
    m_emptyLabel->hide();
    setMinimumHeight(220);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { placeMarkerLabels(); });
}

QString TimeSeriesChart::localTimeText(qint64 ms, bool withDate)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return local.toString(withDate ? QStringLiteral("ddd d MMM HH:mm") : QStringLiteral("HH:mm")) + QLatin1Char(' ') +
           local.timeZoneAbbreviation();
}

void TimeSeriesChart::setTitle(const QString &title)
{
    m_chart->setTitle(title);
}

void TimeSeriesChart::setValueTitle(const QString &title)
{
    m_valueAxis->setTitleText(title);
}

void TimeSeriesChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    // The axis runs between round local times (whole hours or local midnights) a whole number of steps apart, so
    // that every tick is labelled with a round time rather than the moment the range happened to start.
    const qint64 span = std::max<qint64>(toMs - fromMs, 1);
    const qint64 day = 24 * kHourMs;
    // Of the round steps that give 4 to 12 intervals, the one whose last tick overshoots the range least.
    const qint64 candidates[] = {kHourMs, 2 * kHourMs, 3 * kHourMs, 6 * kHourMs, 12 * kHourMs, day,
                                 2 * day, 3 * day,     5 * day,     7 * day,     10 * day,     30 * day};
    qint64 step = candidates[std::size(candidates) - 1];
    qint64 bestOvershoot = -1;
    for (const qint64 candidate : candidates) {
        const qint64 intervals = (span + candidate - 1) / candidate;
        if (intervals < 4 || intervals > 12) {
            continue;
        }
        const qint64 overshoot = intervals * candidate - span;
        if (bestOvershoot < 0 || overshoot < bestOvershoot) {
            step = candidate;
            bestOvershoot = overshoot;
        }
    }
    QDateTime start = QDateTime::fromMSecsSinceEpoch(fromMs).toLocalTime();
    if (step < day) {
        const int stepHours = int(step / kHourMs);
        start.setTime(QTime(start.time().hour() / stepHours * stepHours, 0));
    } else {
        start.setTime(QTime(0, 0));
    }
    const qint64 steps = std::max<qint64>(1, (toMs - start.toMSecsSinceEpoch() + step - 1) / step);
    m_fromMs = start.toMSecsSinceEpoch();
    m_toMs = m_fromMs + steps * step;
    m_timeAxis->setRange(start, QDateTime::fromMSecsSinceEpoch(m_toMs));
    m_timeAxis->setTickCount(int(steps) + 1);
    m_timeAxis->setFormat(step < 6 * kHourMs ? QStringLiteral("HH:mm")
                          : step < day       ? QStringLiteral("d MMM HH:mm")
                                             : QStringLiteral("d MMM"));
    rebuildMarkers();
}

void TimeSeriesChart::setSeries(const std::vector<Series> &series)
{
    for (QLineSeries *old : std::as_const(m_data)) {
        m_chart->removeSeries(old);
        delete old;
    }
    m_data.clear();
    for (const Series &s : series) {
        auto *line = new QLineSeries;
        line->setName(s.name);
        QList<QPointF> points(s.points.begin(), s.points.end());
        line->replace(points);
        m_chart->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        QPen pen = line->pen();
        pen.setWidthF(2.0);
        if (s.color.isValid()) {
            pen.setColor(s.color);
        }
        if (s.dashed) {
            pen.setStyle(Qt::DashLine);
        }
        line->setPen(pen);
        // Points are shown when there are few of them, so that a single bucket is not invisible.
        line->setPointsVisible(s.points.size() <= 60);
        m_data << line;
    }
    fitValueAxis();
    rebuildMarkers();
}

void TimeSeriesChart::setMarkers(const std::vector<Marker> &markers)
{
    m_markers = markers;
    rebuildMarkers();
}

void TimeSeriesChart::setEmptyText(const QString &text)
{
    m_emptyLabel->setText(text);
    m_emptyLabel->setVisible(!text.isEmpty());
    placeMarkerLabels();
}

void TimeSeriesChart::fitValueAxis()
{
    double top = 0;
    for (QLineSeries *line : std::as_const(m_data)) {
        for (const QPointF &p : line->points()) {
            top = std::max(top, p.y());
        }
    }
    // Head room above the highest point, and round numbers on the axis.
    if (top <= 0) {
        top = 1;
    }
    m_valueAxis->setRange(0, top * 1.1);
    m_valueAxis->applyNiceNumbers();
    m_valueAxis->setLabelFormat(m_valueAxis->max() < 5 ? QStringLiteral("%.2f") : QStringLiteral("%.0f"));
}

void TimeSeriesChart::rebuildMarkers()
{
    for (QLineSeries *old : std::as_const(m_markerLines)) {
        m_chart->removeSeries(old);
        delete old;
    }
    m_markerLines.clear();
    qDeleteAll(m_markerLabels);
    m_markerLabels.clear();
    const double top = m_valueAxis->max();
    for (const Marker &marker : m_markers) {
        auto *line = new QLineSeries;
        line->setName(marker.label);
        line->append(double(marker.timeMs), 0);
        line->append(double(marker.timeMs), top);
        m_chart->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        QPen pen(kMarkerColor, 1.6, Qt::DashLine);
        line->setPen(pen);
        const QList<QLegendMarker *> legend = m_chart->legend()->markers(line);
        for (QLegendMarker *item : legend) {
            item->setVisible(false);
        }
        const QString tip = marker.toolTip;
        connect(line, &QLineSeries::hovered, this, [this, tip](const QPointF &, bool state) {
            if (state) {
                QToolTip::showText(QCursor::pos(), tip, this);
            } else {
                QToolTip::hideText();
            }
        });
        m_markerLines << line;

        auto *label = new QGraphicsSimpleTextItem(marker.label, m_chart);
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        small.setBold(true);
        label->setFont(small);
        label->setBrush(kMarkerColor);
        label->setToolTip(marker.toolTip);
        label->setZValue(10);
        m_markerLabels << label;
    }
    placeMarkerLabels();
}

void TimeSeriesChart::placeMarkerLabels()
{
    const QRectF plot = m_chart->plotArea();
    for (int i = 0; i < m_markerLabels.size() && i < int(m_markers.size()); ++i) {
        QGraphicsSimpleTextItem *label = m_markerLabels[i];
        const qint64 t = m_markers[std::size_t(i)].timeMs;
        const bool inside = t >= m_fromMs && t <= m_toMs;
        label->setVisible(inside);
        if (!inside || m_markerLines.size() <= i) {
            continue;
        }
        const QPointF at = m_chart->mapToPosition(QPointF(double(t), m_valueAxis->max()), m_markerLines[i]);
        const QRectF box = label->boundingRect();
        // Right of the line, inside the plot; left of it when the line is near the right edge.
        double x = at.x() + 4;
        if (x + box.width() > plot.right()) {
            x = at.x() - 4 - box.width();
        }
        label->setPos(x, plot.top() + 2 + (i % 2) * (box.height() + 1));
    }
    const QRectF box = m_emptyLabel->boundingRect();
    m_emptyLabel->setPos(plot.center().x() - box.width() / 2, plot.center().y() - box.height() / 2);
}

void TimeSeriesChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    placeMarkerLabels();
}

} // namespace rd
