#pragma once

#include "app/sandbox/FaultInjector.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxRouter.h"

#include <QAbstractHttpServer>
#include <QList>

#include <utility>

class QHttpServerResponder;

namespace rd {

// The HTTP side: copies each request out of Qt, counts it, applies the next matching fault (which needs the
// socket: a drop aborts it, a slow answer keeps the responder for later) and writes the router's answer.
class SandboxHttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    SandboxHttpServer(SandboxRouter &router, FaultInjector &faults, QObject *parent = nullptr);

    int requestCount() const { return m_total; }
    int requestCount(const QString &method, const QString &pathContains) const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    static void write(QHttpServerResponder &responder, const SandboxResponse &response);
    void applyFault(const FaultSpec &fault, const SandboxRequest &request, const QHttpServerRequest &httpRequest,
                    QTcpSocket *socket);

    SandboxRouter &m_router;
    FaultInjector &m_faults;
    // (method, path) of recent /client/v4 requests, for tests to count. Bounded: the in-process sandbox runs
    // as long as the app does.
    QList<std::pair<QString, QString>> m_seen;
    int m_total = 0;
};

} // namespace rd
