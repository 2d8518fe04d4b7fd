#include "app/ApiCallBudget.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace rd {

bool ApiCallBudget::isCloudflare(const QUrl &baseUrl)
{
    const QString host = baseUrl.host().toLower();
    return host == QLatin1String("cloudflare.com") || host.endsWith(QLatin1String(".cloudflare.com"));
}

ApiCallBudget ApiCallBudget::forBaseUrl(const QUrl &baseUrl, int maxCalls)
{
    ApiCallBudget budget;
    budget.maxCalls = std::max(0, maxCalls);
    const bool cloudflare = isCloudflare(baseUrl);
    budget.minIntervalMs = cloudflare ? kCloudflarePaceMs : 0;
    budget.expectedCallSeconds = cloudflare ? 0.3 : 0.02;
    return budget;
}

std::int64_t ApiCallBudget::callsForRows(std::int64_t rows)
{
    return rows <= 0 ? 0 : (rows + kLogPageSize - 1) / kLogPageSize;
}

std::int64_t ApiCallBudget::plannedCalls(std::int64_t rows) const
{
    const std::int64_t calls = callsForRows(rows);
    return maxCalls > 0 ? std::min<std::int64_t>(calls, maxCalls) : calls;
}

double ApiCallBudget::etaSeconds(std::int64_t calls, double secondsPerCall) const
{
    if (calls <= 0) {
        return 0;
    }
    const double wire = secondsPerCall < 0 ? expectedCallSeconds : secondsPerCall;
    return static_cast<double>(calls) * std::max(wire, minIntervalMs / 1000.0);
}

QString ApiCallBudget::durationText(double seconds)
{
    if (seconds < 1) {
        return QCoreApplication::translate("rd::ApiCallBudget", "under a second");
    }
    if (seconds < 90) {
        return QCoreApplication::translate("rd::ApiCallBudget", "about %1 s").arg(std::lround(seconds));
    }
    if (seconds < 90 * 60) {
        return QCoreApplication::translate("rd::ApiCallBudget", "about %1 min").arg(std::lround(seconds / 60));
    }
    return QCoreApplication::translate("rd::ApiCallBudget", "about %1 h").arg(seconds / 3600, 0, 'f', 1);
}

} // namespace rd
