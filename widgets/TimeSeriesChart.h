#pragma once

#include <QChartView>
#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>

#include <vector>

class QChart;
class QDateTimeAxis;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;

namespace rd {

// A line chart over time (x in milliseconds since the epoch, shown in local time with the zone named on the axis)
// with vertical markers for events such as deployments: each marker is a dashed line across the plot with a short
// label on top and its full text in a tooltip on hover. Markers stay out of the legend.
class TimeSeriesChart : public QChartView
{
    Q_OBJECT

public:
    struct Series
    {
        QString name;
        std::vector<QPointF> points; // x: ms since the epoch (UTC)
        QColor color;                // invalid: the theme's next colour
        bool dashed = false;
    };
    struct Marker
    {
        qint64 timeMs = 0;
        QString label;   // on the chart, a few characters
        QString toolTip; // on hover
    };

    explicit TimeSeriesChart(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setValueTitle(const QString &title);
    // The x range shown (widened to round local times), whether or not the series reach it.
    void setTimeRange(qint64 fromMs, qint64 toMs);
    void setSeries(const std::vector<Series> &series);
    void setMarkers(const std::vector<Marker> &markers);
    // Shown in place of the plot when there is nothing to draw ("No logs in this range").
    void setEmptyText(const QString &text);

    // What is drawn, for tests and for whoever reads the chart out.
    QList<QLineSeries *> dataSeries() const { return m_data; }
    QList<QLineSeries *> markerSeries() const { return m_markerLines; }
    const std::vector<Marker> &markers() const { return m_markers; }
    QDateTimeAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }

    // "16:24 CET": a time as the charts label it, in local time with its zone.
    static QString localTimeText(qint64 ms, bool withDate = true);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuildMarkers();
    void placeMarkerLabels();
    void fitValueAxis();

    QChart *m_chart;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QList<QLineSeries *> m_data;
    QList<QLineSeries *> m_markerLines;
    QList<QGraphicsSimpleTextItem *> m_markerLabels;
    QGraphicsSimpleTextItem *m_emptyLabel;
    std::vector<Marker> m_markers;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace rd
