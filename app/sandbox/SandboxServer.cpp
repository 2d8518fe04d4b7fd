#include "app/sandbox/SandboxServer.h"

#include "app/sandbox/FaultInjector.h"
#include "app/sandbox/SandboxHttpServer.h"
#include "app/sandbox/SandboxRouter.h"
#include "app/sandbox/SandboxStore.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QStandardPaths>

namespace rd {

SandboxServer::SandboxServer(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_faults(std::make_unique<FaultInjector>())
{}

SandboxServer::~SandboxServer()
{
    // Sockets first: nothing may reach the router or the database once they are going away.
    delete m_http;
    m_http = nullptr;
    m_router.reset();
    m_store.reset();
}

QString SandboxServer::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/sandbox.sqlite");
}

bool SandboxServer::start(quint16 port, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (m_http) {
        return true;
    }
    if (m_options.token.isEmpty()) {
        message = QStringLiteral("the sandbox needs a token: it never runs without authentication");
        return false;
    }
    const QString path = m_options.databasePath.isEmpty() ? defaultDatabasePath() : m_options.databasePath;
    if (const QString dir = QFileInfo(path).absolutePath(); !QDir().mkpath(dir)) {
        message = QStringLiteral("cannot create the folder %1").arg(dir);
        return false;
    }
    auto store = std::make_unique<SandboxStore>(path);
    if (!store->open(&message)) {
        return false;
    }
    auto router = std::make_unique<SandboxRouter>(*store, *m_faults, m_options.token, m_options.seedDemo);
    auto *http = new SandboxHttpServer(*router, *m_faults, m_limits, this);
    QString listenError;
    if (!http->listen(QHostAddress::LocalHost, port, &listenError)) {
        message = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(listenError);
        delete http;
        return false;
    }
    m_port = http->port();
    m_store = std::move(store);
    m_router = std::move(router);
    m_router->dataPlane().setBehaviour(m_providers);
    m_http = http;
    m_options.databasePath = path;
    return true;
}

quint16 SandboxServer::port() const
{
    return m_port;
}

QUrl SandboxServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(m_port));
}

QString SandboxServer::databasePath() const
{
    return m_options.databasePath.isEmpty() ? defaultDatabasePath() : m_options.databasePath;
}

void SandboxServer::setProviders(const ProviderBehaviour &providers)
{
    m_providers = providers;
    if (m_router) {
        m_router->dataPlane().setBehaviour(m_providers);
    }
}

void SandboxServer::injectFault(const FaultSpec &fault)
{
    m_faults->add(fault);
}

void SandboxServer::clearFaults()
{
    m_faults->clear();
}

int SandboxServer::requestCount() const
{
    return m_http ? m_http->requestCount() : 0;
}

int SandboxServer::connectionCount() const
{
    return m_http ? m_http->connectionCount() : 0;
}

int SandboxServer::requestCount(const QString &method, const QString &pathContains) const
{
    return m_http ? m_http->requestCount(method, pathContains) : 0;
}

} // namespace rd
