#include "app/api/ApiCall.h"

#include "app/api/ApiClient.h"

namespace rd {

ApiCall::ApiCall(ApiClient *client) : QObject(client), m_client(client)
{
    m_timeout.setSingleShot(true);
    m_backoff.setSingleShot(true);
}

void ApiCall::cancel()
{
    m_client->cancelCall(this);
}

} // namespace rd
