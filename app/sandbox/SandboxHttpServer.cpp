#include "app/sandbox/SandboxHttpServer.h"

#include "app/sandbox/SandboxReply.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace rd {

namespace {

bool isApiPath(const QString &path)
{
    return path == QLatin1String("/client/v4") || path.startsWith(QLatin1String("/client/v4/"));
}

bool isControlPath(const QString &path)
{
    return path.startsWith(QLatin1String("/__sandbox/"));
}

constexpr qsizetype kMaxRemembered = 20000;

// Cut off mid-object, as a proxy that gave up half-way would leave it.
const QByteArray kMalformedBody =
    QByteArrayLiteral("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"");

} // namespace

SandboxHttpServer::SandboxHttpServer(SandboxRouter &router, FaultInjector &faults, QObject *parent)
    : QAbstractHttpServer(parent), m_router(router), m_faults(faults)
{}

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

bool SandboxHttpServer::handleRequest(const QHttpServerRequest &httpRequest, QTcpSocket *socket)
{
    const SandboxRequest request = SandboxRequest::fromHttp(httpRequest);
    if (!isApiPath(request.path)) {
        QHttpServerResponder responder = makeResponder(httpRequest, socket);
        write(responder, isControlPath(request.path) ? m_router.handleControl(request) : SandboxRouter::noRoute());
        return true;
    }
    ++m_total;
    if (m_seen.size() >= kMaxRemembered) {
        m_seen.remove(0, kMaxRemembered / 2);
    }
    m_seen.append({request.method, request.path});
    if (const auto fault = m_faults.take(request.method, request.path)) {
        applyFault(*fault, request, httpRequest, socket);
        return true;
    }
    QHttpServerResponder responder = makeResponder(httpRequest, socket);
    write(responder, m_router.handle(request));
    return true;
}

void SandboxHttpServer::applyFault(const FaultSpec &fault, const SandboxRequest &request,
                                   const QHttpServerRequest &httpRequest, QTcpSocket *socket)
{
    switch (fault.kind) {
    case FaultSpec::Kind::Slow: {
        // The request is handled when the delay is over, as a slow server would, and still handled if the
        // client gave up meanwhile: that is the "timed out but applied" case a client must survive.
        auto responder = std::make_shared<QHttpServerResponder>(makeResponder(httpRequest, socket));
        QTimer::singleShot(std::max(0, fault.delayMs), this, [this, responder, request, guard = QPointer(socket)] {
            const SandboxResponse response = m_router.handle(request);
            if (guard && guard->state() == QAbstractSocket::ConnectedState) {
                write(*responder, response);
            }
        });
        return;
    }
    case FaultSpec::Kind::ServerError: {
        QHttpServerResponder responder = makeResponder(httpRequest, socket);
        write(responder, SandboxReply::error(500, SandboxReply::kInternal, QStringLiteral("Internal server error")));
        return;
    }
    case FaultSpec::Kind::RateLimited: {
        SandboxResponse response = SandboxReply::error(
            429, SandboxReply::kRateLimited,
            QStringLiteral("Rate limited: too many requests; retry after %1 s").arg(fault.retryAfterSeconds));
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(fault.retryAfterSeconds)});
        QHttpServerResponder responder = makeResponder(httpRequest, socket);
        write(responder, response);
        return;
    }
    case FaultSpec::Kind::MalformedJson: {
        SandboxResponse response;
        response.body = kMalformedBody;
        QHttpServerResponder responder = makeResponder(httpRequest, socket);
        write(responder, response);
        return;
    }
    case FaultSpec::Kind::DropConnection:
        if (fault.applyFirst) {
            m_router.handle(request);
        }
        // Deferred: Qt's server may still touch the socket after handleRequest returns.
        QTimer::singleShot(0, socket, [guard = QPointer(socket)] {
            if (guard) {
                guard->abort();
            }
        });
        return;
    }
}

void SandboxHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    write(responder, SandboxRouter::noRoute());
}

void SandboxHttpServer::write(QHttpServerResponder &responder, const SandboxResponse &response)
{
    QTcpSocket *socket = responder.socket();
    if (!socket || !socket->isOpen()) {
        return;
    }
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader(QByteArrayLiteral("Content-Type"), response.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(response.body.size()));
    for (const auto &[name, value] : response.headers) {
        responder.writeHeader(name, value);
    }
    responder.writeBody(response.body);
}

} // namespace rd
