#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxTrafficMix.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <map>
#include <utility>
#include <vector>

namespace rd {

// `route-sandbox --traffic RATE[:SECONDS]`: requests from SandboxTrafficMix at RATE a second, for SECONDS or until
// stopped, handed to `dispatch` (the sandbox's router, as if a client had sent them), so that the gateway's
// rate limit, cache and logs apply to them as to any other request. It keeps the rate over the whole run rather
// than per tick: after a stall (a busy machine) it catches up, and a bounded run sends exactly RATE x SECONDS.
class SandboxTrafficGenerator : public QObject
{
    Q_OBJECT

public:
    using Dispatch = std::function<SandboxResponse(const SandboxRequest &)>;

    struct Target
    {
        QString account;
        QString gateway;
        std::vector<std::pair<QString, double>> routes; // route names and their share of the traffic
    };

    // `seconds` 0 runs until stop().
    SandboxTrafficGenerator(Dispatch dispatch, Target target, double ratePerSecond, double seconds,
                            std::uint64_t seed = 1, QObject *parent = nullptr);

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

    // Requests sent so far, and how many got each HTTP status.
    std::int64_t sent() const { return m_sent; }
    const std::map<int, std::int64_t> &statuses() const { return m_statuses; }
    // What it does, in one line: route-sandbox prints it on start.
    QString description() const;

Q_SIGNALS:
    // A bounded run sent its last request.
    void finished();

private:
    void tick();
    // `mayAskAgain`: room for a repeat of the request within what is due.
    void sendOne(bool mayAskAgain);

    Dispatch m_dispatch;
    Target m_target;
    double m_rate = 1;
    double m_seconds = 0;
    SandboxTrafficMix m_mix;
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::int64_t m_sent = 0;
    std::map<int, std::int64_t> m_statuses;
};

} // namespace rd
