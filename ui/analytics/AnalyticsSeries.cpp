#include "ui/analytics/AnalyticsSeries.h"

#include "model/LogAnalytics.h"
#include "model/UtcTime.h"

#include <algorithm>
#include <numeric>

namespace rd {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;

// Colours that stay apart on white and in a legend: the busiest model gets the first.
const QColor kModelColors[] = {QColor(0x2F, 0x6F, 0xB5), QColor(0xE0, 0x8A, 0x1E), QColor(0x3A, 0x9A, 0x5B),
                               QColor(0x8E, 0x5B, 0xB8), QColor(0x1F, 0x9E, 0xA8), QColor(0xC9, 0x4F, 0x8A),
                               QColor(0x7A, 0x7F, 0x2A)};
const QColor kOtherColor(0x9A, 0xA3, 0xAF);
const QColor kTotalColor(0x33, 0x3B, 0x47);
const QColor kErrorColor(0xC0, 0x39, 0x2B);

TimeSeriesChart::Series series(const QString &name, const QColor &color, const LogAnalytics &a,
                               const std::function<std::optional<double>(std::size_t)> &value, bool dashed = false)
{
    TimeSeriesChart::Series s{name, {}, color, dashed};
    s.points.reserve(a.bucketCount());
    for (std::size_t i = 0; i < a.bucketCount(); ++i) {
        if (const std::optional<double> v = value(i)) {
            s.points.emplace_back(double(a.bucketStartMs(i)), *v);
        }
    }
    return s;
}

} // namespace

QString AnalyticsSeries::bucketText(qint64 bucketMs)
{
    if (bucketMs < 60 * kMinuteMs) {
        return tr("%1 min").arg(bucketMs / kMinuteMs);
    }
    if (bucketMs < 24 * 60 * kMinuteMs) {
        return tr("%1 h").arg(bucketMs / (60 * kMinuteMs));
    }
    return bucketMs == 24 * 60 * kMinuteMs ? tr("day") : tr("%1 days").arg(bucketMs / (24 * 60 * kMinuteMs));
}

std::vector<TimeSeriesChart::Series> AnalyticsSeries::requestsByModel(const LogAnalytics &a)
{
    std::vector<std::size_t> order(a.models().size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::vector<std::int64_t> totals(order.size());
    for (std::size_t m = 0; m < order.size(); ++m) {
        totals[m] = a.modelTotal(m);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t l, std::size_t r) { return totals[l] > totals[r]; });
    const bool folded = order.size() > std::size_t(kMaxModelSeries);
    const std::size_t shown = folded ? std::size_t(kMaxModelSeries) - 1 : order.size();

    std::vector<TimeSeriesChart::Series> out;
    if (order.size() > 1) {
        out.push_back(series(
            tr("All requests"), kTotalColor, a,
            [&](std::size_t b) { return std::optional<double>(double(a.bucket(b).requests)); }, true));
    }
    for (std::size_t k = 0; k < shown; ++k) {
        const std::size_t m = order[k];
        out.push_back(series(QString::fromStdString(a.models()[m]), kModelColors[k % std::size(kModelColors)], a,
                             [&](std::size_t b) { return std::optional<double>(double(a.modelRequests(m, b))); }));
    }
    if (folded) {
        out.push_back(series(tr("Other models (%1)").arg(order.size() - shown), kOtherColor, a, [&](std::size_t b) {
            std::int64_t sum = 0;
            for (std::size_t k = shown; k < order.size(); ++k) {
                sum += a.modelRequests(order[k], b);
            }
            return std::optional<double>(double(sum));
        }));
    }
    return out;
}

std::vector<TimeSeriesChart::Series> AnalyticsSeries::metric(const LogAnalytics &a, Metric metric)
{
    switch (metric) {
    case Metric::Errors:
        return {series(tr("Errors"), kErrorColor, a,
                       [&](std::size_t b) { return std::optional<double>(double(a.bucket(b).errors)); }),
                series(
                    tr("Cached"), kModelColors[4], a,
                    [&](std::size_t b) { return std::optional<double>(double(a.bucket(b).cached)); }, true)};
    case Metric::Latency:
        return {series(tr("p50"), kModelColors[0], a, [&](std::size_t b) { return a.durationPercentile(b, 0.5); }),
                series(tr("p95"), kModelColors[1], a, [&](std::size_t b) { return a.durationPercentile(b, 0.95); })};
    case Metric::Tokens:
        return {series(tr("Tokens in"), kModelColors[0], a,
                       [&](std::size_t b) { return std::optional<double>(double(a.bucket(b).tokensIn)); }),
                series(tr("Tokens out"), kModelColors[2], a,
                       [&](std::size_t b) { return std::optional<double>(double(a.bucket(b).tokensOut)); })};
    case Metric::Cost:
        return {series(tr("Cost"), kModelColors[3], a,
                       [&](std::size_t b) { return std::optional<double>(a.bucket(b).cost); })};
    }
    return {};
}

QString AnalyticsSeries::metricTitle(Metric metric)
{
    switch (metric) {
    case Metric::Errors:
        return tr("Errors and cache hits");
    case Metric::Latency:
        return tr("Latency, p50 and p95 (exact)");
    case Metric::Tokens:
        return tr("Tokens");
    case Metric::Cost:
        return tr("Cost");
    }
    return {};
}

QString AnalyticsSeries::metricAxisTitle(Metric metric)
{
    switch (metric) {
    case Metric::Errors:
        return tr("Requests");
    case Metric::Latency:
        return tr("Duration (ms)");
    case Metric::Tokens:
        return tr("Tokens");
    case Metric::Cost:
        return tr("Cost (USD)");
    }
    return {};
}

std::vector<TimeSeriesChart::Marker> AnalyticsSeries::deploymentMarkers(const std::vector<RouteDeployment> &deployments)
{
    std::vector<TimeSeriesChart::Marker> markers;
    for (const RouteDeployment &d : deployments) {
        const std::optional<std::int64_t> ms = UtcTime::parseMs(d.createdAt());
        if (!ms) {
            continue; // a deployment without a readable time cannot be placed
        }
        const QString version = QString::fromStdString(d.versionId());
        markers.push_back(
            {*ms, tr("v %1").arg(version.left(8)),
             tr("Deployed version %1\n%2\nDeployment %3")
                 .arg(version, TimeSeriesChart::localTimeText(*ms), QString::fromStdString(d.deploymentId()))});
    }
    std::sort(markers.begin(), markers.end(), [](const auto &l, const auto &r) { return l.timeMs < r.timeMs; });
    return markers;
}

} // namespace rd
