#include "app/api/ApiCall.h"

#include "app/api/ApiTransport.h"

namespace rd {

ApiCall::ApiCall(ApiTransport *transport) : QObject(transport), m_transport(transport)
{
    m_timeout.setSingleShot(true);
    m_backoff.setSingleShot(true);
}

QString ApiCall::describeRetry(const QString &reason, int delayMs)
{
    const int seconds = std::max(1, (delayMs + 999) / 1000);
    return tr("%1 \u2014 retrying in %2 s").arg(reason).arg(seconds);
}

void ApiCall::cancel()
{
    m_transport->cancelCall(this);
}

} // namespace rd
