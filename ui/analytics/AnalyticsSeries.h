#pragma once

#include "model/RouteDeployment.h"
#include "widgets/TimeSeriesChart.h"

#include <QCoreApplication>

#include <vector>

namespace rd {

class LogAnalytics;

// What the analytics charts draw, from the counted logs: one point per bucket at the bucket's start time.
class AnalyticsSeries
{
    Q_DECLARE_TR_FUNCTIONS(AnalyticsSeries)

public:
    // What the lower chart shows.
    enum class Metric { Errors, Latency, Tokens, Cost };

    // More models than this are drawn as the busiest ones plus "Other models", so the legend stays readable.
    static constexpr int kMaxModelSeries = 7;

    // Requests per bucket, a series per model (busiest first), plus the total when there is more than one.
    static std::vector<TimeSeriesChart::Series> requestsByModel(const LogAnalytics &analytics);
    static std::vector<TimeSeriesChart::Series> metric(const LogAnalytics &analytics, Metric metric);
    static QString metricTitle(Metric metric);
    static QString metricAxisTitle(Metric metric);
    // "5 min", "1 h", "6 h", "day": what goes after "per".
    static QString bucketText(qint64 bucketMs);

    // A marker per deployment: "v1a2b3c4" on the chart, version, deployment and local time in the tooltip.
    static std::vector<TimeSeriesChart::Marker> deploymentMarkers(const std::vector<RouteDeployment> &deployments);
};

} // namespace rd
