#include "app/sandbox/SandboxHttpConnection.h"

#include "app/sandbox/SandboxHttpServer.h"
#include "app/sandbox/SandboxReply.h"

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace rd {

namespace {

// What the socket may hold that nobody has read: with it, a client that sends faster than requests are
// handled waits in the kernel's buffers instead of ours.
constexpr qint64 kReadBufferBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 400 ? "OK" : "Error";
    }
}

} // namespace

SandboxHttpConnection::SandboxHttpConnection(QTcpSocket *socket, SandboxHttpServer &server,
                                             const SandboxHttpLimits &limits)
    : m_socket(socket), m_server(server), m_limits(limits), m_parser(limits)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kReadBufferBytes);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SandboxHttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &SandboxHttpConnection::readIncoming);
    connect(m_socket, &QTcpSocket::disconnected, this, &SandboxHttpConnection::finish);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &SandboxHttpConnection::shutdownWritingWhenSent);
    armForNextRequest();
}

void SandboxHttpConnection::armForNextRequest()
{
    m_requestStarted = !m_buffer.isEmpty();
    m_timer.start(m_requestStarted ? m_limits.requestTimeoutMs : m_limits.idleTimeoutMs);
}

void SandboxHttpConnection::readIncoming()
{
    if (m_state == State::Handling || m_state == State::Closing) {
        return; // left in the socket's bounded buffer until the answer is out
    }
    const QByteArray data = m_socket->read(kReadBufferBytes);
    if (data.isEmpty()) {
        return;
    }
    if (m_state == State::Draining) {
        m_drainLeft -= data.size();
        if (m_drainLeft <= 0) {
            closeAfterWriting();
        }
        // Qt keeps readyRead coming only if the buffer is emptied; more may be waiting beyond our read size.
        if (m_socket->bytesAvailable() > 0) {
            QMetaObject::invokeMethod(this, &SandboxHttpConnection::readIncoming, Qt::QueuedConnection);
        }
        return;
    }
    m_buffer.append(data);
    if (!m_requestStarted) {
        m_requestStarted = true;
        m_timer.start(m_limits.requestTimeoutMs); // from the request's first byte
    }
    process();
    if (m_state == State::Reading && m_socket->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &SandboxHttpConnection::readIncoming, Qt::QueuedConnection);
    }
}

void SandboxHttpConnection::process()
{
    while (m_state == State::Reading) {
        switch (m_parser.parse(m_buffer)) {
        case SandboxHttpParser::Step::NeedMore:
            return;
        case SandboxHttpParser::Step::HeadReady: {
            const SandboxHttpHead &head = m_parser.head();
            m_keepAlive = head.keepAlive;
            m_request = SandboxRequest::fromHead(head.method, head.target, head.headers);
            if (head.contentLength.value_or(0) > m_limits.maxBodyBytes) {
                answerEarly(SandboxReply::error(413, SandboxReply::kTooLarge,
                                                QStringLiteral("The request body is %1 bytes; the limit is %2 bytes.")
                                                    .arg(*head.contentLength)
                                                    .arg(m_limits.maxBodyBytes)),
                            true);
                return;
            }
            if (auto refused = m_server.screen(m_request)) {
                answerEarly(*refused, true);
                return;
            }
            if (head.expectsContinue && (head.chunked || head.contentLength.value_or(0) > 0)) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            m_parser.readBody();
            break;
        }
        case SandboxHttpParser::Step::Done:
            m_request.body = m_parser.takeBody();
            m_state = State::Handling;
            m_timer.stop();
            m_server.handle(*this, m_request); // answers now or later through respond()
            return;
        case SandboxHttpParser::Step::Failed:
            answerEarly(SandboxReply::error(m_parser.errorStatus(), SandboxReply::kBadHttp, m_parser.errorMessage()),
                        false);
            return;
        }
    }
}

void SandboxHttpConnection::respond(const SandboxResponse &response)
{
    if (m_state != State::Handling || m_socket->state() != QAbstractSocket::ConnectedState) {
        return;
    }
    const bool headOnly = m_request.method == QLatin1String("HEAD");
    write(response, !m_keepAlive, headOnly);
    if (!m_keepAlive) {
        closeAfterWriting();
        return;
    }
    m_parser.reset();
    m_request = {};
    m_state = State::Reading;
    armForNextRequest();
    // What arrived meanwhile (a pipelined request) is handled on the next turn of the event loop, so a
    // long pipeline never nests one answer inside another.
    QMetaObject::invokeMethod(
        this,
        [this] {
            process();
            if (m_state == State::Reading && m_socket->bytesAvailable() > 0) {
                readIncoming();
            }
        },
        Qt::QueuedConnection);
}

void SandboxHttpConnection::abort()
{
    m_state = State::Closing;
    m_socket->abort();
    finish();
}

void SandboxHttpConnection::finish()
{
    m_timer.stop();
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_state = State::Closing;
    emit closed();
    deleteLater();
}

void SandboxHttpConnection::answerEarly(const SandboxResponse &response, bool bodyMayFollow)
{
    write(response, true, false);
    // Whatever the client still sends is read and thrown away, up to a bound, until it closes: closing with
    // unread data makes the kernel send a reset, and a client that is still sending then loses the answer
    // (Qt's network access, curl and browsers all read it only once their send has gone through).
    const SandboxHttpHead &head = m_parser.head();
    const qint64 declared = bodyMayFollow && !head.chunked && head.contentLength ? *head.contentLength - m_buffer.size()
                                                                                 : m_limits.maxDrainBytes;
    m_drainLeft = std::min<qint64>(declared, m_limits.maxDrainBytes);
    m_buffer.clear();
    m_state = State::Draining;
    m_timer.start(m_limits.lingerMs);
    m_socket->flush();
    shutdownWritingWhenSent();
    if (m_drainLeft <= 0) {
        closeAfterWriting();
    }
}

void SandboxHttpConnection::shutdownWritingWhenSent()
{
    // Half-closing once the answer is out tells a client that waits for more (the connection is over, the
    // answer said so) without dropping what it is still sending.
    if (m_state != State::Draining || m_writeShutDown || m_socket->bytesToWrite() > 0) {
        return;
    }
    m_writeShutDown = true;
#ifdef Q_OS_UNIX
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
#endif
}

void SandboxHttpConnection::write(const SandboxResponse &response, bool close, bool headOnly)
{
    QByteArray out;
    out.reserve(256 + (headOnly ? 0 : response.body.size()));
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers) {
        out += name + ": " + value + "\r\n";
    }
    if (close) {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    if (!headOnly) {
        out += response.body;
    }
    m_socket->write(out);
}

void SandboxHttpConnection::closeAfterWriting()
{
    m_state = State::Closing;
    // A client that never reads its answer would hold the connection open forever.
    m_timer.start(m_limits.requestTimeoutMs);
    m_socket->disconnectFromHost();
}

void SandboxHttpConnection::onTimeout()
{
    switch (m_state) {
    case State::Reading:
        if (!m_requestStarted) {
            closeAfterWriting(); // idle: nothing to say
            return;
        }
        answerEarly(SandboxReply::error(408, SandboxReply::kBadHttp,
                                        QStringLiteral("The request did not arrive in full within %1 s.")
                                            .arg(m_limits.requestTimeoutMs / 1000.0)),
                    false);
        return;
    case State::Handling:
        return;
    case State::Draining:
        closeAfterWriting();
        return;
    case State::Closing:
        abort();
        return;
    }
}

} // namespace rd
