#include "ui/shell/LocalSandbox.h"

#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"

#include <QUuid>

namespace rd {

namespace {

QByteArray sessionToken()
{
    // Only this process ever knows it: other local users cannot drive the sandbox between two requests.
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + QUuid::createUuid().toByteArray(QUuid::Id128);
}

} // namespace

LocalSandbox::LocalSandbox(const QString &databasePath, QObject *parent) : QObject(parent)
{
    SandboxServer::Options options;
    options.databasePath = databasePath;
    options.token = sessionToken();
    m_token = QString::fromLatin1(options.token);
    m_server = std::make_unique<SandboxServer>(options);
    m_client = new ApiClient(this);
    m_client->setCredentials(ApiCredentials::apiToken(accountId(), QString::fromLatin1(options.token)));
}

LocalSandbox::~LocalSandbox()
{
    // Requests still in flight belong to a server that is about to go.
    m_client->cancelAll();
}

bool LocalSandbox::start(QString *error)
{
    if (m_running) {
        return true;
    }
    if (!m_server->start(0, error)) {
        return false;
    }
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    options.timeoutMs = 15000;
    m_client->setOptions(options);
    m_running = true;
    return true;
}

QString LocalSandbox::accountId()
{
    return QStringLiteral("local-sandbox");
}

} // namespace rd
