// How a connection's requests leave the machine (issue 15): through a proxy typed into Connect › Advanced, and
// trusting an extra CA certificate file, as on corporate networks. Real sockets throughout: a forward proxy and
// a TLS server on loopback, the client unchanged.
#include "app/ConnectionNetwork.h"
#include "app/api/ApiClient.h"
#include "support/ApiAwait.h"
#include "support/SandboxFixture.h"

#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "network-test-token-5d1e";
const QString kAccount = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");

// A forward HTTP proxy: reads one request in absolute form ("GET http://any.host:PORT/path HTTP/1.1"), sends it
// to 127.0.0.1:PORT whatever the host (so a name that resolves nowhere proves the request came this way), and
// pipes the answer back. One request per connection.
class ForwardProxy : public QTcpServer
{
public:
    int forwarded = 0;
    QStringList hosts;

    ForwardProxy() { listen(QHostAddress::LocalHost, 0); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *client = new QTcpSocket(this);
        client->setSocketDescriptor(descriptor);
        // Owned by the handler, so it goes with the connection however that ends.
        auto buffer = std::make_shared<QByteArray>();
        connect(client, &QTcpSocket::readyRead, client, [this, client, buffer] {
            buffer->append(client->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            const QByteArray head = buffer->left(end);
            const QList<QByteArray> lines = head.split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            const QUrl target(QString::fromLatin1(first.value(1)));
            qsizetype length = 0;
            QByteArray headers;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const QByteArray name = line.left(line.indexOf(':')).toLower();
                if (name == "content-length") {
                    length = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
                }
                if (name == "connection" || name == "proxy-connection" || name == "keep-alive") {
                    continue;
                }
                headers += line + "\r\n";
            }
            if (buffer->size() < end + 4 + length) {
                return; // the body is still on its way
            }
            client->disconnect(client, &QTcpSocket::readyRead, nullptr, nullptr);
            ++forwarded;
            hosts << target.host();
            QByteArray request = first.value(0) + ' ' + target.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) +
                                 " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n" + buffer->mid(end + 4, length);
            auto *upstream = new QTcpSocket(client);
            connect(upstream, &QTcpSocket::connected, upstream, [upstream, request] { upstream->write(request); });
            connect(upstream, &QTcpSocket::readyRead, client,
                    [client, upstream] { client->write(upstream->readAll()); });
            connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            upstream->connectToHost(QHostAddress::LocalHost, static_cast<quint16>(target.port()));
        });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }
};

// An HTTPS server on loopback with a certificate from a CA made for the test: answers every request with an
// empty gateway list.
struct TlsFiles
{
    QString caPem;
    QString certPem;
    QString keyPem;
};

bool makeCertificates(const QTemporaryDir &dir, TlsFiles &files, QString &error)
{
    files = {dir.filePath(QStringLiteral("ca.pem")), dir.filePath(QStringLiteral("server.pem")),
             dir.filePath(QStringLiteral("server.key"))};
    const QString caKey = dir.filePath(QStringLiteral("ca.key"));
    const QString csr = dir.filePath(QStringLiteral("server.csr"));
    const QString ext = dir.filePath(QStringLiteral("ext.cnf"));
    QFile extFile(ext);
    if (!extFile.open(QIODevice::WriteOnly) || extFile.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n") < 0) {
        error = QStringLiteral("cannot write %1").arg(ext);
        return false;
    }
    extFile.close();
    const QList<QStringList> steps{
        {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", files.caPem, "-days", "2", "-subj",
         "/CN=Route Designer Test CA"},
        {"req", "-newkey", "rsa:2048", "-nodes", "-keyout", files.keyPem, "-out", csr, "-subj", "/CN=127.0.0.1"},
        {"x509", "-req", "-in", csr, "-CA", files.caPem, "-CAkey", caKey, "-CAcreateserial", "-out", files.certPem,
         "-days", "2", "-extfile", ext},
    };
    for (const QStringList &args : steps) {
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"), args);
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
            error = QStringLiteral("openssl %1 failed: %2")
                        .arg(args.first(), QString::fromLocal8Bit(openssl.readAllStandardError()));
            return false;
        }
    }
    return true;
}

class GatewayListServer : public QSslServer
{
public:
    explicit GatewayListServer(const TlsFiles &files)
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificateChain(QSslCertificate::fromPath(files.certPem));
        QFile key(files.keyPem);
        if (key.open(QIODevice::ReadOnly)) {
            config.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa));
        }
        setSslConfiguration(config);
        connect(this, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (auto *socket = static_cast<QSslSocket *>(nextPendingConnection())) {
                auto request = std::make_shared<QByteArray>();
                connect(socket, &QSslSocket::readyRead, socket, [socket, request] {
                    request->append(socket->readAll());
                    if (!request->contains("\r\n\r\n")) {
                        return;
                    }
                    const QByteArray body = R"({"success":true,"errors":[],"messages":[],"result":[],)"
                                            R"("result_info":{"page":1,"per_page":20,"count":0,"total_count":0}})";
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                  "Content-Length: " +
                                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost, 0);
    }
};

} // namespace

class TestConnectionNetwork : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_server = rd::test::startSandbox(m_dir, kToken, error);
        QVERIFY2(m_server, qPrintable(error));
    }

    // A host no resolver knows is reached only through the proxy, which the connection names.
    void manualProxyCarriesEveryRequest()
    {
        ForwardProxy proxy;
        QVERIFY(proxy.isListening());
        Connection connection;
        connection.baseUrl =
            QUrl(QStringLiteral("http://sandbox.route-designer.invalid:%1/client/v4").arg(m_server->port()));
        connection.proxyMode = Connection::ProxyMode::Manual;
        connection.proxyUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.serverPort()));

        ApiClient client;
        ApiClient::Options options = rd::test::fastOptions(connection.baseUrl);
        QVERIFY(!ConnectionNetwork::applyTo(connection, options));
        client.setOptions(options);
        client.setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        auto listed = await<ListPage<Gateway>>([&](auto done) { client.listGateways(PageQuery{}, this, done); });
        QVERIFY2(listed, qPrintable(why(listed.error)));
        QCOMPARE(proxy.forwarded, 1);
        QCOMPARE(proxy.hosts, QStringList{QStringLiteral("sandbox.route-designer.invalid")});

        // Without the proxy the same address goes nowhere: the proxy was what made it work.
        connection.proxyMode = Connection::ProxyMode::None;
        QVERIFY(!ConnectionNetwork::applyTo(connection, options));
        client.setOptions(options);
        auto direct = await<ListPage<Gateway>>([&](auto done) { client.listGateways(PageQuery{}, this, done); });
        QVERIFY(!direct);
        QCOMPARE(proxy.forwarded, 1);
    }

    void deadProxySaysSo()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there now
        Connection connection;
        // Not a loopback address: Qt never sends those through a proxy.
        connection.baseUrl =
            QUrl(QStringLiteral("http://sandbox.route-designer.invalid:%1/client/v4").arg(m_server->port()));
        connection.proxyMode = Connection::ProxyMode::Manual;
        connection.proxyUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        ApiClient client;
        ApiClient::Options options = rd::test::fastOptions(connection.baseUrl);
        options.maxRetries = 0;
        QVERIFY(!ConnectionNetwork::applyTo(connection, options));
        client.setOptions(options);
        client.setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        auto listed = await<ListPage<Gateway>>([&](auto done) { client.listGateways(PageQuery{}, this, done); });
        QVERIFY(!listed);
        QVERIFY2(listed.error->summary.contains(QStringLiteral("proxy")), qPrintable(listed.error->summary));
    }

    void proxyAddressRules()
    {
        QVERIFY(ConnectionNetwork::proxyProblem(QStringLiteral("proxy.corp.example:3128")).isEmpty());
        QVERIFY(ConnectionNetwork::proxyProblem(QStringLiteral("http://10.0.0.1:8080")).isEmpty());
        QVERIFY(!ConnectionNetwork::proxyProblem(QString()).isEmpty());
        QVERIFY(!ConnectionNetwork::proxyProblem(QStringLiteral("proxy.corp.example")).isEmpty()); // no port
        QVERIFY(!ConnectionNetwork::proxyProblem(QStringLiteral("socks5://proxy:1080")).isEmpty());
        // A password would land in the settings file in clear.
        QVERIFY(ConnectionNetwork::proxyProblem(QStringLiteral("http://me:secret@proxy:3128"))
                    .contains(QStringLiteral("password")));
    }

    // A server whose certificate comes from a CA the system does not know: refused with a message pointing at
    // the CA setting, and trusted once the connection names the CA's file.
    void extraCaCertificateIsTrusted()
    {
        if (!QSslSocket::supportsSsl()) {
            QSKIP("This Qt has no TLS backend");
        }
        TlsFiles files;
        QString error;
        if (!makeCertificates(m_dir, files, error)) {
            QSKIP(qPrintable(QStringLiteral("no openssl to make a test CA: ") + error));
        }
        GatewayListServer server(files);
        QVERIFY(server.isListening());
        Connection connection;
        connection.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/client/v4").arg(server.serverPort()));

        ApiClient client;
        ApiClient::Options options = rd::test::fastOptions(connection.baseUrl);
        options.maxRetries = 0;
        QVERIFY(!ConnectionNetwork::applyTo(connection, options));
        client.setOptions(options);
        client.setCredentials(ApiCredentials::apiToken(QStringLiteral("0123456789abcdef0123456789abcdef"),
                                                       QStringLiteral("tls-test-token")));
        auto untrusted = await<ListPage<Gateway>>([&](auto done) { client.listGateways(PageQuery{}, this, done); });
        QVERIFY(!untrusted);
        QVERIFY2(untrusted.error->summary.contains(QStringLiteral("CA certificate")),
                 qPrintable(untrusted.error->summary));

        connection.caCertificatesFile = files.caPem;
        QVERIFY(!ConnectionNetwork::applyTo(connection, options));
        QCOMPARE(options.extraCaCertificates.size(), 1);
        client.setOptions(options);
        auto trusted = await<ListPage<Gateway>>([&](auto done) { client.listGateways(PageQuery{}, this, done); });
        QVERIFY2(trusted, qPrintable(why(trusted.error)));
    }

    void unreadableCaFileIsNamed()
    {
        Connection connection;
        ApiClient::Options options;
        connection.caCertificatesFile = m_dir.filePath(QStringLiteral("missing.pem"));
        const auto missing = ConnectionNetwork::applyTo(connection, options);
        QVERIFY(missing && missing->contains(QStringLiteral("missing.pem")));
        QFile notCert(m_dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(notCert.open(QIODevice::WriteOnly));
        notCert.write("not a certificate\n");
        notCert.close();
        connection.caCertificatesFile = notCert.fileName();
        const auto wrong = ConnectionNetwork::applyTo(connection, options);
        QVERIFY(wrong && wrong->contains(QStringLiteral("no certificate")));
        QVERIFY(options.extraCaCertificates.isEmpty());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
};

QTEST_MAIN(TestConnectionNetwork)
#include "tst_connectionnetwork.moc"
