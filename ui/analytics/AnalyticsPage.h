#pragma once

#include "app/api/ApiError.h"
#include "ui/analytics/AnalyticsSeries.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace rd {

class AnalyticsRoutePicker;
class ApiClient;
class LogAnalyticsReader;
class TimeSeriesChart;

// A gateway's traffic over time, read from its logs: requests per model on top, errors, latency, tokens or cost
// below, with the deployments of a chosen route marked on both so that a change shows before and after. The logs
// of the range are read page by page (plan, progress, time left, cancel) and the charts fill in as they arrive.
class AnalyticsPage : public QWidget
{
    Q_OBJECT

public:
    enum class Range { Last24Hours, Last7Days, Last30Days, SinceDeployment, Custom };

    explicit AnalyticsPage(QWidget *parent = nullptr);
    ~AnalyticsPage() override;

    // Lists the gateway's routes and reads the default range (the last 7 days).
    void setGateway(ApiClient *client, const QString &gatewayId);
    void setRange(Range range);
    // Custom range in ms since the epoch; reads it.
    void setCustomRange(qint64 fromMs, qint64 toMs);
    void setMetric(AnalyticsSeries::Metric metric);

    AnalyticsRoutePicker *routePicker() const { return m_routes; }
    TimeSeriesChart *requestsChart() const { return m_requestsChart; }
    TimeSeriesChart *metricChart() const { return m_metricChart; }
    LogAnalyticsReader *reader() const { return m_reader; }
    QString statusText() const;
    QString summaryText() const;
    bool isReading() const;
    // The range last read, ms since the epoch.
    qint64 rangeFromMs() const { return m_fromMs; }
    qint64 rangeToMs() const { return m_toMs; }

public slots:
    void reload();
    void cancel();

private:
    QWidget *buildBar();
    QWidget *buildStatusLine();
    void rangeChosen();
    void redraw();
    void drawMarkers();
    void readFinished(const std::optional<ApiError> &error, bool cancelled);
    void updateStatus();
    QString rangeText() const;

    QPointer<ApiClient> m_client;
    QString m_gatewayId;
    LogAnalyticsReader *m_reader = nullptr;
    QTimer *m_redrawTimer;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    bool m_waitingForDeployments = false;
    QString m_outcome; // what the last read came to, once finished

    QComboBox *m_range = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    AnalyticsRoutePicker *m_routes = nullptr;
    QComboBox *m_metric = nullptr;
    QPushButton *m_reload = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_summary = nullptr;
    TimeSeriesChart *m_requestsChart = nullptr;
    TimeSeriesChart *m_metricChart = nullptr;
};

} // namespace rd
