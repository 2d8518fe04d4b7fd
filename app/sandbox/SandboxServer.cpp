#include "app/sandbox/SandboxServer.h"

#include "app/sandbox/FaultInjector.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxHttpServer.h"
#include "app/sandbox/SandboxRouter.h"
#include "app/sandbox/SandboxStore.h"
#include "app/sandbox/SandboxTransaction.h"

#include <QDateTime>
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
    for (const QByteArray &token : std::as_const(m_readOnlyTokens)) {
        router->addReadOnlyToken(token);
    }
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
    m_router->evaluations().setDelay(m_evaluationDelay);
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

void SandboxServer::addReadOnlyToken(const QByteArray &token)
{
    if (token.isEmpty() || m_readOnlyTokens.contains(token)) {
        return;
    }
    m_readOnlyTokens.append(token);
    if (m_router) {
        m_router->addReadOnlyToken(token);
    }
}

bool SandboxServer::setStoredGatewayField(const QString &account, const QString &gateway, const std::string &key,
                                          const Json &value)
{
    if (!m_store || key.empty() || key == "id") {
        return false;
    }
    auto stored = m_store->gateways().find(account, gateway);
    if (!stored || !stored->is_object()) {
        return false;
    }
    if (value.is_null()) {
        stored->erase(key);
    } else {
        (*stored)[key] = value;
    }
    return m_store->gateways().update(account, *stored);
}

void SandboxServer::setProviders(const ProviderBehaviour &providers)
{
    m_providers = providers;
    if (m_router) {
        m_router->dataPlane().setBehaviour(m_providers);
    }
}

void SandboxServer::setEvaluationDelay(std::chrono::milliseconds delay)
{
    m_evaluationDelay = delay;
    if (m_router) {
        m_router->evaluations().setDelay(delay);
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

SandboxResponse SandboxServer::dispatch(const SandboxRequest &request)
{
    return m_router ? m_router->handle(request) : SandboxRouter::noRoute();
}

bool SandboxServer::openForTools(const QString &account, QString &message)
{
    if (!m_router) {
        message = QStringLiteral("the sandbox is not running");
        return false;
    }
    if (!SandboxRouter::isValidAccountId(account) || !m_router->openAccountForTools(account)) {
        message = QStringLiteral("cannot open the account %1").arg(account);
        return false;
    }
    return true;
}

std::optional<SandboxBackfill::Result> SandboxServer::backfill(const QString &account, int days, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (!openForTools(account, message)) {
        return std::nullopt;
    }
    SandboxBackfill::Options options;
    options.now = QDateTime::currentDateTimeUtc();
    options.days = days;
    options.behaviour = m_providers;
    SandboxTransaction transaction(*m_store);
    const auto result =
        transaction.isOpen() ? SandboxBackfill::run(*m_store, m_options.token, account, options) : std::nullopt;
    if (!result || !transaction.commit()) {
        message = QStringLiteral("writing the backfilled logs to %1 failed").arg(databasePath());
        return std::nullopt;
    }
    return result;
}

std::optional<SandboxTrafficGenerator::Target> SandboxServer::trafficTarget(const QString &account, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    if (!openForTools(account, message)) {
        return std::nullopt;
    }
    SandboxTrafficGenerator::Target target{account, SandboxDemoData::gatewayId(), {}};
    const auto routes =
        m_store->routes().list(account, target.gateway, SandboxSlice{0, 10000, QStringLiteral("created_at"), false});
    if (!routes) {
        message = QStringLiteral("reading the routes of %1 failed").arg(target.gateway);
        return std::nullopt;
    }
    for (const SandboxRouteRows::Row &route : routes->items) {
        target.routes.emplace_back(route.name, SandboxDemoData::routeWeight(route.name));
    }
    if (target.routes.empty()) {
        message = QStringLiteral("account %1 has no routes on gateway %2 to send traffic to (is it seeded with the "
                                 "demo? --no-demo leaves new accounts empty)")
                      .arg(account, target.gateway);
        return std::nullopt;
    }
    return target;
}

} // namespace rd
