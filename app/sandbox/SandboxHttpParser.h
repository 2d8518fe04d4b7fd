#pragma once

#include "app/sandbox/SandboxHttpLimits.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace rd {

// The head of one HTTP/1.x request, as parsed: nothing decoded yet but the framing fields.
struct SandboxHttpHead
{
    QByteArray method; // as sent: methods are case-sensitive
    QByteArray target; // origin-form, still percent-encoded: "/client/v4/...?page=2"
    int minorVersion = 1;
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed, in order
    std::optional<qint64> contentLength;              // clamped to the largest qint64 when absurd
    bool chunked = false;
    bool keepAlive = true;
    bool expectsContinue = false;

    QByteArray header(const QByteArray &lowerCaseName) const;
};

// An incremental HTTP/1.1 request parser that never holds more than the limits allow: the head is bounded
// by SandboxHttpLimits, and the body is only read once the caller has looked at the head and said so (so
// credentials and Content-Length are checked before a byte of body is stored). Framing errors that could
// let two parties disagree on where a request ends (conflicting Content-Length, both Content-Length and
// Transfer-Encoding, folded headers) fail the request instead of being guessed at.
class SandboxHttpParser
{
public:
    enum class Step {
        NeedMore,  // give it more bytes
        HeadReady, // head() is complete; call readBody() (or give up on the connection), then parse again
        Done,      // head() and body() are one complete request; reset() before the next
        Failed,    // errorStatus() and errorMessage() say why; the connection cannot be reused
    };

    explicit SandboxHttpParser(const SandboxHttpLimits &limits) : m_limits(limits) {}

    // Consumes from the front of `buffer` what belongs to the current request; leaves the rest.
    Step parse(QByteArray &buffer);
    void readBody() { m_bodyAllowed = true; }
    void reset();

    const SandboxHttpHead &head() const { return m_head; }
    QByteArray takeBody() { return std::exchange(m_body, {}); }
    int errorStatus() const { return m_errorStatus; }
    const QString &errorMessage() const { return m_errorMessage; }

private:
    enum class State { Head, WaitBody, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done, Failed };

    Step fail(int status, QString message);
    Step parseHead(QByteArray &buffer);
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    bool finishHead();
    Step parseBody(QByteArray &buffer);
    Step parseChunked(QByteArray &buffer);
    // One line (without its CRLF or LF) from the front of `buffer`, or nullopt if it has not all arrived.
    static std::optional<QByteArray> takeLine(QByteArray &buffer);

    const SandboxHttpLimits &m_limits;
    State m_state = State::Head;
    SandboxHttpHead m_head;
    QByteArray m_body;
    qsizetype m_headScanned = 0; // bytes of the head seen so far (lines taken plus what is waiting)
    qint64 m_chunkLeft = 0;
    bool m_bodyAllowed = false;
    bool m_requestLineSeen = false;
    int m_errorStatus = 0;
    QString m_errorMessage;
};

} // namespace rd
