#include "app/sandbox/SandboxGatewayLimiter.h"

#include <algorithm>
#include <cmath>

namespace rd {

bool SandboxGatewayLimiter::admit(const QString &account, const QString &gateway, const Json &settings, qint64 nowMs,
                                  int &retryAfterSeconds)
{
    const auto number = [&](const char *key) {
        const auto it = settings.find(key);
        return it != settings.end() && it->is_number() ? it->get<double>() : 0.0;
    };
    const double limit = number("rate_limiting_limit");
    const double interval = number("rate_limiting_interval");
    if (!(limit > 0) || !(interval > 0)) {
        return true;
    }
    const auto intervalMs = static_cast<qint64>(std::ceil(interval * 1000));
    Window &w = m_windows[{account, gateway}];
    if (settings.value("rate_limiting_technique", std::string("fixed")) == "sliding") {
        while (!w.recent.empty() && w.recent.front() <= nowMs - intervalMs) {
            w.recent.pop_front();
        }
        if (static_cast<double>(w.recent.size()) >= limit) {
            retryAfterSeconds =
                static_cast<int>(std::max<qint64>(1, (w.recent.front() + intervalMs - nowMs + 999) / 1000));
            return false;
        }
        w.recent.push_back(nowMs);
        return true;
    }
    const qint64 start = nowMs - nowMs % intervalMs;
    if (w.fixedStart != start) {
        w.fixedStart = start;
        w.fixedCount = 0;
    }
    if (static_cast<double>(w.fixedCount) >= limit) {
        retryAfterSeconds = static_cast<int>(std::max<qint64>(1, (start + intervalMs - nowMs + 999) / 1000));
        return false;
    }
    ++w.fixedCount;
    return true;
}

} // namespace rd
