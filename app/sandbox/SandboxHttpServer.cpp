#include "app/sandbox/SandboxHttpServer.h"

#include "app/sandbox/SandboxHttpConnection.h"
#include "app/sandbox/SandboxReply.h"
#include "app/sandbox/SandboxRouter.h"

#include <QDir>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpSocket>

#include <algorithm>
#include <limits>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace rd {

namespace {

Q_LOGGING_CATEGORY(lcHttp, "rd.sandbox.http")

bool isApiPath(const QString &path)
{
    return path == QLatin1String("/client/v4") || path.startsWith(QLatin1String("/client/v4/"));
}

constexpr qsizetype kMaxRemembered = 20000;

// Descriptors kept free for everything else the process opens (SQLite's journal and temporary files, Qt).
constexpr int kReservedDescriptors = 24;

// How many connections the descriptor limit leaves room for, so that the cap is reached before accept()
// runs out of descriptors (what is open now counts: the app has its own files and sockets).
int descriptorBudget()
{
#ifdef Q_OS_UNIX
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
        return std::numeric_limits<int>::max();
    }
    const int open = static_cast<int>(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System).size());
    const auto soft = static_cast<long long>(limit.rlim_cur);
    return static_cast<int>(
        std::clamp<long long>(soft - open - kReservedDescriptors, 1, std::numeric_limits<int>::max()));
#else
    return std::numeric_limits<int>::max();
#endif
}

// Cut off mid-object, as a proxy that gave up half-way would leave it.
const QByteArray kMalformedBody =
    QByteArrayLiteral("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"");

} // namespace

SandboxHttpServer::SandboxHttpServer(SandboxRouter &router, FaultInjector &faults, const SandboxHttpLimits &limits,
                                     QObject *parent)
    : QObject(parent), m_router(router), m_faults(faults), m_limits(limits)
{
    // Taken one at a time as they come, so the cap on open connections holds.
    m_tcp.setMaxPendingConnections(1);
    connect(&m_tcp, &QTcpServer::newConnection, this, &SandboxHttpServer::acceptPending);
    connect(&m_tcp, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        m_tcp.pauseAccepting();
        onAcceptError(error);
    });
    m_acceptRetry.setSingleShot(true);
    connect(&m_acceptRetry, &QTimer::timeout, this, &SandboxHttpServer::updateAccepting);
}

SandboxHttpServer::~SandboxHttpServer()
{
    // The connections are children; they must not call back into a half-destroyed server.
    const auto connections = findChildren<SandboxHttpConnection *>(Qt::FindDirectChildrenOnly);
    for (SandboxHttpConnection *connection : connections) {
        connection->disconnect(this);
        delete connection;
    }
}

bool SandboxHttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_tcp.listen(address, port)) {
        if (error) {
            *error = m_tcp.errorString();
        }
        return false;
    }
    m_maxConnections = std::min(m_limits.maxConnections, descriptorBudget());
#ifdef Q_OS_UNIX
    // QTcpServer (6.4 to 6.8) keeps polling a listening socket that accept() refuses with EMFILE, spinning a
    // core until a descriptor frees up, and only sometimes says so. Accepting here instead makes running out
    // of descriptors an ordinary, visible state: stop, wait, try again.
    m_tcp.pauseAccepting();
    m_notifier = new QSocketNotifier(m_tcp.socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SandboxHttpServer::acceptNative);
#endif
    updateAccepting();
    return true;
}

void SandboxHttpServer::acceptNative()
{
#ifdef Q_OS_UNIX
    const int listening = static_cast<int>(m_tcp.socketDescriptor());
    while (m_connections < m_maxConnections) {
        const int fd = ::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                onAcceptError(errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM
                                  ? QAbstractSocket::SocketResourceError
                                  : QAbstractSocket::UnknownSocketError);
                return;
            }
            break;
        }
        auto *socket = new QTcpSocket;
        if (!socket->setSocketDescriptor(fd)) {
            ::close(fd);
            delete socket;
            continue;
        }
        addConnection(socket);
    }
#endif
    updateAccepting();
}

void SandboxHttpServer::addConnection(QTcpSocket *socket)
{
    auto *connection = new SandboxHttpConnection(socket, *this, m_limits);
    connection->setParent(this);
    connect(connection, &SandboxHttpConnection::closed, this, &SandboxHttpServer::onConnectionClosed);
    ++m_connections;
}

int SandboxHttpServer::requestCount(const QString &method, const QString &pathContains) const
{
    int count = 0;
    for (const auto &[m, path] : m_seen) {
        if ((method.isEmpty() || m.compare(method, Qt::CaseInsensitive) == 0) &&
            (pathContains.isEmpty() || path.contains(pathContains))) {
            ++count;
        }
    }
    return count;
}

void SandboxHttpServer::acceptPending()
{
    while (m_tcp.hasPendingConnections()) {
        QTcpSocket *socket = m_tcp.nextPendingConnection();
        if (!socket) {
            break;
        }
        addConnection(socket);
    }
    updateAccepting();
}

void SandboxHttpServer::onAcceptError(QAbstractSocket::SocketError error)
{
    // QTcpServer has paused accepting by itself. Out of descriptors (or kernel memory), the listening socket
    // stays readable, so resuming at once would spin; a connection closing or a short wait frees one.
    if (!m_acceptRetry.isActive()) { // once per pause, not once per attempt
        qCWarning(lcHttp).nospace() << (error == QAbstractSocket::SocketResourceError ? "out of descriptors"
                                                                                      : "accepting a connection failed")
                                    << "; trying again when a connection closes or in " << m_limits.acceptRetryMs
                                    << " ms";
    }
    m_acceptRetry.start(m_limits.acceptRetryMs);
    updateAccepting();
}

void SandboxHttpServer::onConnectionClosed()
{
    --m_connections;
    m_acceptRetry.stop();
    updateAccepting();
}

void SandboxHttpServer::updateAccepting()
{
    const bool accept = !m_acceptRetry.isActive() && m_connections < m_maxConnections;
    if (m_notifier) {
        m_notifier->setEnabled(accept);
    } else if (accept) {
        m_tcp.resumeAccepting();
    } else {
        m_tcp.pauseAccepting();
    }
}

std::optional<SandboxResponse> SandboxHttpServer::screen(const SandboxRequest &head)
{
    auto refused = m_router.screen(head);
    if (refused) {
        count(head);
    }
    return refused;
}

void SandboxHttpServer::count(const SandboxRequest &request)
{
    if (!isApiPath(request.path)) {
        return;
    }
    ++m_total;
    if (m_seen.size() >= kMaxRemembered) {
        m_seen.remove(0, kMaxRemembered / 2);
    }
    m_seen.append({request.method, request.path});
}

void SandboxHttpServer::handle(SandboxHttpConnection &connection, const SandboxRequest &request)
{
    if (!isApiPath(request.path)) {
        connection.respond(m_router.handle(request));
        return;
    }
    count(request);
    if (const auto fault = m_faults.take(request.method, request.path)) {
        applyFault(*fault, connection, request);
        return;
    }
    connection.respond(m_router.handle(request));
}

void SandboxHttpServer::applyFault(const FaultSpec &fault, SandboxHttpConnection &connection,
                                   const SandboxRequest &request)
{
    switch (fault.kind) {
    case FaultSpec::Kind::Slow:
        // The request is handled when the delay is over, as a slow server would, and still handled if the
        // client gave up meanwhile: that is the "timed out but applied" case a client must survive.
        QTimer::singleShot(std::max(0, fault.delayMs), this, [this, request, guard = QPointer(&connection)] {
            const SandboxResponse response = m_router.handle(request);
            if (guard) {
                guard->respond(response);
            }
        });
        return;
    case FaultSpec::Kind::ServerError:
        connection.respond(SandboxReply::error(500, SandboxReply::kInternal, QStringLiteral("Internal server error")));
        return;
    case FaultSpec::Kind::RateLimited: {
        SandboxResponse response = SandboxReply::error(
            429, SandboxReply::kRateLimited,
            QStringLiteral("Rate limited: too many requests; retry after %1 s").arg(fault.retryAfterSeconds));
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(fault.retryAfterSeconds)});
        connection.respond(response);
        return;
    }
    case FaultSpec::Kind::MalformedJson: {
        SandboxResponse response;
        response.body = kMalformedBody;
        connection.respond(response);
        return;
    }
    case FaultSpec::Kind::DropConnection:
        if (fault.applyFirst) {
            m_router.handle(request);
        }
        connection.abort();
        return;
    }
}

} // namespace rd
