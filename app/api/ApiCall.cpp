#include "app/api/ApiCall.h"

#include "app/api/ApiClient.h"

namespace rd {

ApiCall::ApiCall(ApiClient *client) : QObject(client), m_client(client)
{
    m_timeout.setSingleShot(true);
    m_backoff.setSingleShot(true);
}

QString ApiCall::describeRetry(const QString &reason, int delayMs)
{
    const int seconds = std::max(1, (delayMs + 999) / 1000);
    return QStringLiteral("%1 \u2014 retrying in %2 s").arg(reason).arg(seconds);
}

void ApiCall::cancel()
{
    m_client->cancelCall(this);
}

} // namespace rd
