#pragma once

#include "app/sandbox/SandboxHttpLimits.h"
#include "app/sandbox/SandboxHttpParser.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace rd {

class SandboxHttpServer;

// One client connection: reads requests one at a time (keep-alive and pipelining included), asks the server
// to screen each head before any body is stored and to handle each complete request, writes the answers,
// and closes what is idle, slow or broken. At most one request is in flight; while it is, nothing more is
// read, so the socket's bounded read buffer is all that a pipelining client can queue.
class SandboxHttpConnection : public QObject
{
    Q_OBJECT

public:
    // Takes the socket over (it becomes a child).
    SandboxHttpConnection(QTcpSocket *socket, SandboxHttpServer &server, const SandboxHttpLimits &limits);

    // The answer to the request in flight; a no-op once the client has gone.
    void respond(const SandboxResponse &response);
    // Ends the connection without an answer (the "dropped connection" fault).
    void abort();

signals:
    void closed();

private:
    enum class State {
        Reading,  // waiting for or reading a request
        Handling, // a complete request is with the server
        Draining, // answered early; reading and discarding the rest of the body before closing
        Closing,  // answered; closing once the answer is written
    };

    void readIncoming();
    void process();
    // Answers without storing the rest of the request, then closes. `bodyMayFollow`: the declared body has
    // not been read, so exactly that much more may arrive.
    void answerEarly(const SandboxResponse &response, bool bodyMayFollow);
    void shutdownWritingWhenSent();
    void write(const SandboxResponse &response, bool close, bool headOnly);
    void closeAfterWriting();
    void onTimeout();
    void armForNextRequest();
    // Once, however the connection ends: tells the server and deletes this later.
    void finish();

    QTcpSocket *m_socket;
    SandboxHttpServer &m_server;
    const SandboxHttpLimits &m_limits;
    SandboxHttpParser m_parser;
    QByteArray m_buffer; // received, not yet consumed by the parser
    SandboxRequest m_request;
    State m_state = State::Reading;
    bool m_requestStarted = false;
    bool m_keepAlive = true;
    qint64 m_drainLeft = 0;
    QTimer m_timer;
    bool m_finished = false;
    bool m_writeShutDown = false;
};

} // namespace rd
