// The sandbox's HTTP layer with raw sockets on loopback: malformed and hostile requests (framing errors,
// oversized and slow requests, idle connections, too many connections) get a clear answer in Cloudflare's
// error envelope or a closed connection, within bounds of memory and time, and the server keeps answering.
// Timeouts are shrunk to a few hundred milliseconds so that the whole file runs in seconds.
#include "JsonCompare.h"
#include "app/sandbox/SandboxServer.h"
#include "model/JsonText.h"

#include <QFile>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace rd;

namespace {

const QByteArray kToken = "http-layer-token";
constexpr int kRequestTimeoutMs = 400;
constexpr int kIdleTimeoutMs = 400;

struct RawResponse
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    Json json;
    bool complete = false;

    std::int64_t errorCode() const
    {
        return json.is_object() && json.contains("errors") && !json["errors"].empty()
                   ? json["errors"][0].value("code", std::int64_t{0})
                   : 0;
    }
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
                return line.mid(colon + 1).trimmed();
            }
        }
        return {};
    }
};

// Takes one response off the front of `data` if it has all arrived.
bool takeResponse(QByteArray &data, RawResponse &out)
{
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0) {
        return false;
    }
    const QByteArray head = data.left(end);
    static const QRegularExpression statusLine(QStringLiteral("^HTTP/1\\.1 (\\d{3}) "));
    const auto match = statusLine.match(QString::fromLatin1(head));
    if (!match.hasMatch()) {
        return false;
    }
    RawResponse response;
    response.head = head;
    response.status = match.captured(1).toInt();
    const qint64 length = response.header("Content-Length").toLongLong();
    if (data.size() < end + 4 + length) {
        return false;
    }
    response.body = data.mid(end + 4, length);
    data.remove(0, end + 4 + length);
    auto parsed = JsonText::parse(std::string_view(response.body.constData(), response.body.size()));
    if (parsed) {
        response.json = std::move(*parsed.value);
    }
    response.complete = true;
    out = std::move(response);
    return true;
}

// A client socket driven by the test's event loop (the server runs in the same thread).
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { m_received += m_socket.readAll(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, [this] { m_closed = true; });
    }

    bool connected(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs);
    }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    // Waits until everything written has left the socket (or it closed).
    bool flushed(int timeoutMs = 10000)
    {
        return QTest::qWaitFor([this] { return m_socket.bytesToWrite() == 0 || m_closed; }, timeoutMs);
    }
    RawResponse response(int timeoutMs = 5000)
    {
        RawResponse out;
        (void)QTest::qWaitFor([&] { return takeResponse(m_received, out) || m_closed; }, timeoutMs);
        if (!out.complete) {
            takeResponse(m_received, out);
        }
        return out;
    }
    bool closed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
    }
    bool isClosed() const { return m_closed; }
    QTcpSocket &socket() { return m_socket; }
    const QByteArray &received() const { return m_received; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
    bool m_closed = false;
};

QByteArray gatewaysPath(const char *account = "http-layer")
{
    return QByteArray("/client/v4/accounts/") + account + "/ai-gateway/gateways";
}

QByteArray gatewayBody(const char *id)
{
    return QByteArray(R"({"id":")") + id +
           R"(","rate_limiting_interval":0,"rate_limiting_limit":0,"rate_limiting_technique":"fixed",)"
           R"("cache_ttl":0,"cache_invalidate_on_update":false,"collect_logs":true})";
}

QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &contentType = "application/json")
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + kToken +
           "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
           body;
}

QByteArray get(const QByteArray &path, const QByteArray &extra = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + kToken + "\r\n" + extra + "\r\n";
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

} // namespace

class TestSandboxHttp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void answersAndKeepsAlive();
    void pipelinedRequestsAnswerInOrder();
    void chunkedBody();
    void expectContinue();
    void framingErrors_data();
    void framingErrors();
    void oversizedHeadIsRefused();
    void credentialsCheckedBeforeTheBody();
    void hugeUnauthenticatedBodyStaysBounded();
    void nonJsonContentTypeIsRefused();
    void invalidAccountIdsAreRefused();
    void slowRequestsTimeOut();
    void idleConnectionsClose();
    void connectionCapMakesOthersWait();
    void headRequestHasNoBody();
    void methodNotAllowedListsAllowed();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    SandboxHttpLimits m_limits;
};

void TestSandboxHttp::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_limits.requestTimeoutMs = kRequestTimeoutMs;
    m_limits.idleTimeoutMs = kIdleTimeoutMs;
    m_limits.lingerMs = kRequestTimeoutMs;
    m_limits.maxConnections = 16;
    m_limits.maxDrainBytes = 1024 * 1024;
    m_server =
        std::make_unique<SandboxServer>(SandboxServer::Options{m_dir.filePath(QStringLiteral("http.sqlite")), kToken});
    m_server->setHttpLimits(m_limits);
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
}

void TestSandboxHttp::init()
{
    // Every case starts with no connection left over from the one before.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 5000);
}

void TestSandboxHttp::answersAndKeepsAlive()
{
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    for (int i = 0; i < 3; ++i) {
        client.send(get(gatewaysPath()));
        const RawResponse response = client.response();
        QVERIFY(response.complete);
        RD_COMPARE(response.status, 200);
        RD_COMPARE(response.json["success"], true);
        QVERIFY(response.header("Connection").isEmpty());
    }
    QVERIFY(!client.isClosed());
    RD_COMPARE(m_server->connectionCount(), 1);

    client.send(get(gatewaysPath(), "Connection: close\r\n"));
    const RawResponse last = client.response();
    RD_COMPARE(last.status, 200);
    RD_COMPARE(last.header("Connection"), QByteArray("close"));
    QVERIFY(client.closed());
}

void TestSandboxHttp::pipelinedRequestsAnswerInOrder()
{
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    QByteArray burst;
    for (int i = 0; i < 20; ++i) {
        burst += get(i % 2 ? gatewaysPath() : gatewaysPath() + "/no-such-gateway");
    }
    client.send(burst);
    for (int i = 0; i < 20; ++i) {
        const RawResponse response = client.response();
        QVERIFY2(response.complete, qPrintable(QString::number(i)));
        RD_COMPARE(response.status, i % 2 ? 200 : 404);
    }
}

void TestSandboxHttp::chunkedBody()
{
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    const QByteArray body = gatewayBody("chunked-gw");
    QByteArray chunked;
    for (qsizetype at = 0; at < body.size(); at += 17) {
        const QByteArray piece = body.mid(at, 17);
        chunked += QByteArray::number(piece.size(), 16) + ";ext=1\r\n" + piece + "\r\n";
    }
    chunked += "0\r\nX-Trailer: ignored\r\n\r\n";
    client.send("POST " + gatewaysPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + kToken +
                "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    // In pieces, to cross every state of the chunk parser with a partial read.
    for (qsizetype at = 0; at < chunked.size(); at += 5) {
        client.send(chunked.mid(at, 5));
        QVERIFY(client.flushed());
        QTest::qWait(1);
    }
    const RawResponse response = client.response();
    QVERIFY2(response.status == 200 || response.status == 201, response.body.constData());
    RD_COMPARE(response.json["result"]["id"], "chunked-gw");
}

void TestSandboxHttp::expectContinue()
{
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    const QByteArray body = gatewayBody("continue-gw");
    client.send("POST " + gatewaysPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + kToken +
                "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n");
    const RawResponse interim = client.response();
    RD_COMPARE(interim.status, 100);
    client.send(body);
    const RawResponse final = client.response();
    QVERIFY2(final.status == 200 || final.status == 201, final.body.constData());

    // Refused before the body: no 100, the final answer at once.
    RawClient stranger(m_server->port());
    QVERIFY(stranger.connected());
    stranger.send("POST " + gatewaysPath() +
                  " HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n");
    RD_COMPARE(stranger.response().status, 401);
}

void TestSandboxHttp::framingErrors_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    const QByteArray auth = "Authorization: Bearer " + kToken + "\r\n";
    const QByteArray path = gatewaysPath();
    QTest::newRow("conflicting Content-Length") << QByteArray("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth +
                                                              "Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}")
                                                << 400;
    QTest::newRow("Content-Length list that disagrees")
        << QByteArray("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 2, 3\r\n\r\n{}") << 400;
    QTest::newRow("Content-Length not a number")
        << QByteArray("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: -2\r\n\r\n{}") << 400;
    QTest::newRow("Content-Length and Transfer-Encoding")
        << QByteArray("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth +
                      "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}")
        << 400;
    QTest::newRow("unknown Transfer-Encoding")
        << QByteArray("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Transfer-Encoding: gzip\r\n\r\n") << 501;
    QTest::newRow("bad chunk size")
        << QByteArray("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth +
                      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
        << 400;
    QTest::newRow("folded header") << QByteArray("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + auth +
                                                 "X-A: b\r\n  folded\r\n\r\n")
                                   << 400;
    QTest::newRow("space before colon") << QByteArray("GET " + path + " HTTP/1.1\r\nHost : x\r\n" + auth + "\r\n")
                                        << 400;
    QTest::newRow("NUL in a header value")
        << QByteArray("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + QByteArray("X-A: a\0b\r\n", 10) + auth + "\r\n")
        << 400;
    QTest::newRow("no Host in HTTP/1.1") << QByteArray("GET " + path + " HTTP/1.1\r\n" + auth + "\r\n") << 400;
    QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << 400;
    QTest::newRow("absolute-form target") << QByteArray("GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
    QTest::newRow("unknown expectation") << QByteArray("GET " + path + " HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n" +
                                                       auth + "\r\n")
                                         << 417;
    QTest::newRow("raw byte in target") << QByteArray("GET /client/v4/\xff HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
}

void TestSandboxHttp::framingErrors()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    client.send(request);
    const RawResponse response = client.response();
    QVERIFY2(response.complete, "no answer");
    RD_COMPARE(response.status, status);
    // Cloudflare's envelope, and a message that says what was wrong.
    RD_COMPARE(response.json["success"], false);
    RD_COMPARE(response.errorCode(), 10400);
    QVERIFY(!response.json["errors"][0].value("message", std::string()).empty());
    RD_COMPARE(response.header("Connection"), QByteArray("close"));
    QVERIFY(client.closed());

    // And the server still answers.
    RawClient next(m_server->port());
    QVERIFY(next.connected());
    next.send(get(gatewaysPath()));
    RD_COMPARE(next.response().status, 200);
}

void TestSandboxHttp::oversizedHeadIsRefused()
{
    RawClient longLine(m_server->port());
    QVERIFY(longLine.connected());
    longLine.send("GET /" + QByteArray(m_limits.maxRequestLineBytes + 10, 'a'));
    RD_COMPARE(longLine.response().status, 414);
    QVERIFY(longLine.closed());

    RawClient manyHeaders(m_server->port());
    QVERIFY(manyHeaders.connected());
    QByteArray head = "GET " + gatewaysPath() + " HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i <= m_limits.maxHeaders; ++i) {
        head += "X-H" + QByteArray::number(i) + ": v\r\n";
    }
    manyHeaders.send(head + "\r\n");
    RD_COMPARE(manyHeaders.response().status, 431);

    // Headers that never end, sent as fast as the server reads: refused once over the limit, not stored.
    RawClient endless(m_server->port());
    QVERIFY(endless.connected());
    endless.send("GET " + gatewaysPath() + " HTTP/1.1\r\nHost: x\r\n");
    const QByteArray line = "X-Padding: " + QByteArray(1000, 'p') + "\r\n";
    for (int i = 0; i < 200 && !endless.isClosed(); ++i) {
        endless.send(line);
        endless.flushed(1000);
    }
    RD_COMPARE(endless.response().status, 431);
}

void TestSandboxHttp::credentialsCheckedBeforeTheBody()
{
    // The head alone, declaring a body that is never sent: the answer comes anyway.
    for (const QByteArray &auth : {QByteArray(), QByteArray("Authorization: Bearer wrong\r\n")}) {
        RawClient client(m_server->port());
        QVERIFY(client.connected());
        client.send("POST " + gatewaysPath() + " HTTP/1.1\r\nHost: x\r\n" + auth +
                    "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n");
        const RawResponse response = client.response(2000);
        RD_COMPARE(response.status, auth.isEmpty() ? 401 : 403);
        RD_COMPARE(response.errorCode(), 10000);
    }
    // Over the limit: refused from the declared length, before a byte of body.
    RawClient big(m_server->port());
    QVERIFY(big.connected());
    big.send("POST " + gatewaysPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kToken +
             "\r\nContent-Length: " + QByteArray::number(m_limits.maxBodyBytes + 1) + "\r\n\r\n");
    const RawResponse tooLarge = big.response(2000);
    RD_COMPARE(tooLarge.status, 413);
    RD_COMPARE(tooLarge.errorCode(), 10413);
}

void TestSandboxHttp::hugeUnauthenticatedBodyStaysBounded()
{
    // 200 MB declared and sent by a stranger: answered at once (413: the size is checked first, as before), and
    // at most maxDrainBytes of it is read (and thrown away) before the connection closes, so the process does
    // not grow with the body.
    const qint64 before = residentKiB();
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    const qint64 declared = 200LL * 1024 * 1024;
    client.send("POST " + gatewaysPath() +
                " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                QByteArray::number(declared) + "\r\n\r\n");
    const QByteArray piece(256 * 1024, 'x');
    qint64 sent = 0;
    while (sent < declared && !client.isClosed() && client.socket().state() == QAbstractSocket::ConnectedState) {
        client.send(piece);
        sent += piece.size();
        client.flushed(2000);
    }
    const RawResponse response = client.response();
    RD_COMPARE(response.status, 413);
    QVERIFY(client.closed());
    QVERIFY2(sent < declared / 4, qPrintable(QStringLiteral("the server read %1 bytes of it").arg(sent)));
    const qint64 grown = residentKiB() - before;
    QVERIFY2(grown < 64 * 1024, qPrintable(QStringLiteral("grew by %1 KiB").arg(grown)));
}

void TestSandboxHttp::nonJsonContentTypeIsRefused()
{
    for (const QByteArray &type : {QByteArray("text/plain"), QByteArray("application/x-www-form-urlencoded")}) {
        RawClient client(m_server->port());
        QVERIFY(client.connected());
        client.send(post(gatewaysPath(), gatewayBody("form-gw"), type));
        const RawResponse response = client.response();
        RD_COMPARE(response.status, 415);
        RD_COMPARE(response.errorCode(), 10415);
        QVERIFY(response.body.contains(type));
    }
    // JSON with parameters, or a +json type, is JSON.
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    client.send(post(gatewaysPath(), gatewayBody("charset-gw"), "application/json; charset=utf-8"));
    const RawResponse response = client.response();
    QVERIFY2(response.status == 200 || response.status == 201, response.body.constData());
}

void TestSandboxHttp::invalidAccountIdsAreRefused()
{
    for (const char *account : {"%FF%FE", "a%00b", "acc%20id", "%C3%A9t%C3%A9"}) {
        RawClient client(m_server->port());
        QVERIFY(client.connected());
        client.send(get(gatewaysPath(account)));
        const RawResponse response = client.response();
        QVERIFY2(response.status == 400, account);
        RD_COMPARE(response.errorCode(), 7001);
        // Nothing was seeded under it: the demo gateway is not there.
        QVERIFY(!response.body.contains("demo"));
    }
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    client.send(get(gatewaysPath(QByteArray(65, 'a').constData())));
    RD_COMPARE(client.response().status, 400);
}

void TestSandboxHttp::slowRequestsTimeOut()
{
    // Slowloris: many connections each sending a head that never ends, a byte now and then.
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 12; ++i) {
        clients.push_back(std::make_unique<RawClient>(m_server->port()));
        QVERIFY(clients.back()->connected());
        clients.back()->send("GET " + gatewaysPath() + " HTTP/1.1\r\nHost: x\r\n");
    }
    QElapsedTimer clock;
    clock.start();
    for (int tick = 0; tick < 10; ++tick) {
        for (auto &client : clients) {
            if (!client->isClosed()) {
                client->send("X");
            }
        }
        QTest::qWait(kRequestTimeoutMs / 5);
    }
    for (auto &client : clients) {
        const RawResponse response = client->response();
        RD_COMPARE(response.status, 408);
        QVERIFY(client->closed());
    }
    QVERIFY2(clock.elapsed() < 10 * kRequestTimeoutMs, qPrintable(QString::number(clock.elapsed())));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 5000);

    // A body that stops half-way is timed out the same way.
    RawClient halfBody(m_server->port());
    QVERIFY(halfBody.connected());
    halfBody.send("POST " + gatewaysPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kToken +
                  "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":");
    RD_COMPARE(halfBody.response(3 * kRequestTimeoutMs).status, 408);
}

void TestSandboxHttp::idleConnectionsClose()
{
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 10; ++i) {
        clients.push_back(std::make_unique<RawClient>(m_server->port()));
        QVERIFY(clients.back()->connected());
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 10, 2000);
    for (auto &client : clients) {
        QVERIFY(client->closed(5 * kIdleTimeoutMs));
    }
    // Idle ones get no answer: there was no request.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 2000);
}

void TestSandboxHttp::connectionCapMakesOthersWait()
{
    // Past the cap, connections wait in the listen queue and are taken as others close.
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < m_limits.maxConnections; ++i) {
        clients.push_back(std::make_unique<RawClient>(m_server->port()));
        QVERIFY(clients.back()->connected());
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), m_limits.maxConnections, 2000);
    RawClient late(m_server->port());
    late.send(get(gatewaysPath()));
    QTest::qWait(kIdleTimeoutMs / 4);
    // Never more than the cap (on a loaded machine an idle one may already have timed out and let it in).
    QVERIFY(m_server->connectionCount() <= m_limits.maxConnections);
    // The idle ones time out; then the late one is served.
    const RawResponse response = late.response(10 * kIdleTimeoutMs);
    RD_COMPARE(response.status, 200);
}

void TestSandboxHttp::headRequestHasNoBody()
{
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    client.send("HEAD " + gatewaysPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kToken + "\r\n\r\n" +
                get(gatewaysPath()));
    // The HEAD answer declares a length but carries no body, so the next answer follows at once.
    (void)QTest::qWaitFor([&] { return client.received().count("HTTP/1.1 ") >= 2; }, 3000);
    QTest::qWait(50); // nothing more may follow
    const QByteArray all = client.received();
    RD_COMPARE(all.count("HTTP/1.1 "), 2);
    QVERIFY(all.startsWith("HTTP/1.1 405"));
    QVERIFY(all.mid(all.indexOf("\r\n\r\n") + 4).startsWith("HTTP/1.1 200"));
}

void TestSandboxHttp::methodNotAllowedListsAllowed()
{
    RawClient client(m_server->port());
    QVERIFY(client.connected());
    client.send("PATCH " + gatewaysPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kToken + "\r\n\r\n");
    const RawResponse response = client.response();
    RD_COMPARE(response.status, 405);
    RD_COMPARE(response.header("Allow"), QByteArray("GET, POST"));
}

QTEST_GUILESS_MAIN(TestSandboxHttp)
#include "tst_sandbox_http.moc"
