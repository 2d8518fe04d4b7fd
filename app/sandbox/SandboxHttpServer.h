#pragma once

#include "app/sandbox/FaultInjector.h"
#include "app/sandbox/SandboxHttpLimits.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"

#include <QAbstractSocket>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTimer>

#include <optional>
#include <utility>

class QHostAddress;
class QSocketNotifier;
class QTcpSocket;

namespace rd {

class SandboxHttpConnection;
class SandboxRouter;

// The sandbox's own HTTP/1.1 server on a QTcpServer. Qt's HTTP server reads whole bodies before anyone can
// look at them, changed its extension API between Qt 6.4 and 6.8, and has no timeouts; this one is the same
// on every Qt, checks a request's size and credentials before storing its body, closes idle and slow
// connections, caps how many are open, and backs off when the process runs out of descriptors instead of
// spinning. It counts requests and applies injected faults; the router does the rest.
class SandboxHttpServer : public QObject
{
    Q_OBJECT

public:
    SandboxHttpServer(SandboxRouter &router, FaultInjector &faults, const SandboxHttpLimits &limits,
                      QObject *parent = nullptr);
    ~SandboxHttpServer() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const { return m_tcp.serverPort(); }

    int requestCount() const { return m_total; }
    int requestCount(const QString &method, const QString &pathContains) const;
    int connectionCount() const { return m_connections; }

    // For SandboxHttpConnection. `screen` looks at a request whose body has not been read (nullopt: go on
    // reading it); `handle` takes a complete one and answers through the connection, now or later.
    std::optional<SandboxResponse> screen(const SandboxRequest &head);
    void handle(SandboxHttpConnection &connection, const SandboxRequest &request);

private:
    void acceptPending();
    void acceptNative();
    void addConnection(QTcpSocket *socket);
    void onAcceptError(QAbstractSocket::SocketError error);
    void onConnectionClosed();
    void updateAccepting();
    void count(const SandboxRequest &request);
    void applyFault(const FaultSpec &fault, SandboxHttpConnection &connection, const SandboxRequest &request);

    SandboxRouter &m_router;
    FaultInjector &m_faults;
    SandboxHttpLimits m_limits;
    QTcpServer m_tcp;
    QSocketNotifier *m_notifier = nullptr; // accepting by hand (POSIX); Qt's own accepting is paused
    QTimer m_acceptRetry;                  // running while accepting is paused for lack of descriptors
    int m_connections = 0;
    int m_maxConnections = 0; // the configured cap, or less if the descriptor limit leaves less room
    // (method, path) of recent /client/v4 requests, for tests to count. Bounded: the in-process sandbox runs
    // as long as the app does.
    QList<std::pair<QString, QString>> m_seen;
    int m_total = 0;
};

} // namespace rd
