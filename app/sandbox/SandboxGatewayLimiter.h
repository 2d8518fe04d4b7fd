#pragma once

#include "model/Json.h"

#include <QString>

#include <deque>
#include <map>
#include <utility>

namespace rd {

// A gateway's own rate limit on its data plane (`rate_limiting_limit` requests per `rate_limiting_interval`
// seconds, `rate_limiting_technique` fixed or sliding; 0 turns it off), counted per gateway in the sandbox's
// clock. Requests it refuses do not count.
class SandboxGatewayLimiter
{
public:
    // Whether a request at `nowMs` may pass `gateway` (its settings as the API returns them); counts it if so.
    // When not, `retryAfterSeconds` says when the next one would.
    bool admit(const QString &account, const QString &gateway, const Json &settings, qint64 nowMs,
               int &retryAfterSeconds);

private:
    struct Window
    {
        qint64 fixedStart = -1;
        int fixedCount = 0;
        std::deque<qint64> recent; // sliding: the admitted requests' times within the interval
    };
    std::map<std::pair<QString, QString>, Window> m_windows;
};

} // namespace rd
