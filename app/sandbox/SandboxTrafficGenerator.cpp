#include "app/sandbox/SandboxTrafficGenerator.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace rd {

SandboxTrafficGenerator::SandboxTrafficGenerator(Dispatch dispatch, Target target, double ratePerSecond, double seconds,
                                                 std::uint64_t seed, QObject *parent)
    : QObject(parent), m_dispatch(std::move(dispatch)), m_target(std::move(target)), m_rate(ratePerSecond),
      m_seconds(seconds), m_mix(seed)
{
    // Often enough that requests go out one or two at a time, never more than a hundred wake-ups a second.
    m_timer.setInterval(std::clamp(static_cast<int>(1000.0 / m_rate), 10, 250));
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SandboxTrafficGenerator::tick);
}

QString SandboxTrafficGenerator::description() const
{
    QStringList routes;
    for (const auto &[name, weight] : m_target.routes) {
        routes << QStringLiteral("dynamic/") + name;
    }
    const QString duration =
        m_seconds > 0 ? QStringLiteral("for %1 s").arg(m_seconds) : QStringLiteral("until stopped");
    return QStringLiteral("route-sandbox: sending %1 requests a second (plan and user_id metadata) to %2 on "
                          "/v1/%3/%4/compat/chat/completions %5")
        .arg(m_rate)
        .arg(routes.join(QStringLiteral(", ")), m_target.account, m_target.gateway, duration);
}

void SandboxTrafficGenerator::start()
{
    if (m_timer.isActive() || m_target.routes.empty()) {
        return;
    }
    m_clock.start();
    m_timer.start();
}

void SandboxTrafficGenerator::stop()
{
    m_timer.stop();
}

void SandboxTrafficGenerator::tick()
{
    const double elapsed = static_cast<double>(m_clock.elapsed()) / 1000.0;
    const bool last = m_seconds > 0 && elapsed >= m_seconds;
    const auto due = static_cast<std::int64_t>(
        std::floor(std::min(elapsed, m_seconds > 0 ? m_seconds : elapsed) * m_rate + (last ? 0.5 : 0.0)));
    while (m_sent < due) {
        sendOne(m_sent + 1 < due);
    }
    if (last) {
        m_timer.stop();
        Q_EMIT finished();
    }
}

void SandboxTrafficGenerator::sendOne(bool mayAskAgain)
{
    const QString route = m_mix.pickRoute(m_target.routes);
    const SandboxRequest request = m_mix.next(m_target.account, m_target.gateway, route);
    const SandboxResponse response = m_dispatch(request);
    ++m_sent;
    ++m_statuses[response.status];
    // A user asking again right away is what the gateway's cache answers; it counts towards the rate.
    if (mayAskAgain && m_mix.asksAgain()) {
        ++m_sent;
        ++m_statuses[m_dispatch(request).status];
    }
}

} // namespace rd
