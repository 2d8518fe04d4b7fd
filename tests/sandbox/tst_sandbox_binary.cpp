// route-sandbox as a process: it starts, announces itself on stdout, answers, honours --fault, and shuts
// down cleanly on SIGTERM. Its arguments are refused when unusable, a missing token above all. Out of file
// descriptors, it neither spins nor stops answering.
#include "JsonCompare.h"
#include "SandboxTestClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <sys/resource.h>
#include <sys/types.h>
#include <unistd.h>
#include <vector>

using rd::Json;
using rd::test::SandboxTestClient;
using rd::test::TestReply;

namespace {

const QString kBinary = QStringLiteral(RD_SANDBOX_BINARY);

// Starts the binary and waits for its "listening on" line; the base URL it printed, or empty.
QUrl startAndWaitForUrl(QProcess &process, const QStringList &arguments)
{
    process.start(kBinary, arguments);
    if (!process.waitForStarted(10000)) {
        return {};
    }
    static const QRegularExpression line(
        QStringLiteral("^route-sandbox listening on (http://127\\.0\\.0\\.1:\\d+/client/v4)$"));
    QByteArray output;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 15000 && process.state() == QProcess::Running) {
        if (process.canReadLine() || process.waitForReadyRead(200)) {
            while (process.canReadLine()) {
                const QString text = QString::fromUtf8(process.readLine()).trimmed();
                const auto match = line.match(text);
                if (match.hasMatch()) {
                    return QUrl(match.captured(1));
                }
            }
        }
    }
    return {};
}

// User plus system CPU time of a process, in milliseconds, or -1.
qint64 cpuMs(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray text = stat.readAll();
    // Fields after the command name, which is in parentheses and may hold spaces.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const qint64 ticks = fields.value(11).toLongLong() + fields.value(12).toLongLong(); // utime, stime
    return ticks * 1000 / sysconf(_SC_CLK_TCK);
}

} // namespace

class TestSandboxBinary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsAnswersAndStopsOnSigterm();
    void faultFlag();
    void backfillAndTraffic();
    void outOfDescriptorsNeitherSpinsNorStops();
    void refusesToRunWithoutToken();
    void tokenFromEnvironment();
    void readOnlyTokenFlag();
    void rejectsBadArguments_data();
    void rejectsBadArguments();
    void help();
};

void TestSandboxBinary::startsAnswersAndStopsOnSigterm()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("state/sandbox.sqlite"));
    QProcess process;
    const QUrl url =
        startAndWaitForUrl(process, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"),
                                     QStringLiteral("bin-token"), QStringLiteral("--db"), db});
    QVERIFY2(url.isValid(), process.readAllStandardError().constData());

    SandboxTestClient client(url, "bin-token");
    TestReply gateways = client.get(QStringLiteral("/accounts/bin/ai-gateway/gateways"));
    RD_COMPARE(gateways.status, 200);
    RD_COMPARE(gateways.result()[0]["id"], "demo-gateway");
    RD_COMPARE(client.send("GET", QStringLiteral("/accounts/bin/ai-gateway/gateways"), {}, {}, false).status, 401);

    process.terminate(); // SIGTERM
    QVERIFY(process.waitForFinished(10000));
    RD_COMPARE(process.exitStatus(), QProcess::NormalExit);
    RD_COMPARE(process.exitCode(), 0);
    // A clean shutdown checkpoints and removes the write-ahead log.
    QVERIFY(QFile::exists(db));
    QVERIFY(!QFile::exists(db + QStringLiteral("-wal")));
    QVERIFY(!process.readAllStandardError().contains("bin-token"));
}

void TestSandboxBinary::faultFlag()
{
    QTemporaryDir dir;
    QProcess process;
    const QUrl url = startAndWaitForUrl(
        process, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"), QStringLiteral("t"),
                  QStringLiteral("--db"), dir.filePath(QStringLiteral("f.sqlite")), QStringLiteral("--no-demo"),
                  QStringLiteral("--fault"), QStringLiteral("server_error:2"), QStringLiteral("--fault"),
                  QStringLiteral("rate_limited:1:9")});
    QVERIFY(url.isValid());
    SandboxTestClient client(url, "t");
    const QString path = QStringLiteral("/accounts/f/ai-gateway/gateways");
    RD_COMPARE(client.get(path).status, 500);
    RD_COMPARE(client.get(path).status, 500);
    TestReply limited = client.get(path);
    RD_COMPARE(limited.status, 429);
    RD_COMPARE(limited.header("Retry-After"), QByteArray("9"));
    TestReply ok = client.get(path);
    RD_COMPARE(ok.status, 200);
    QVERIFY(ok.result().empty()); // --no-demo

    ::kill(static_cast<pid_t>(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(10000));
    RD_COMPARE(process.exitStatus(), QProcess::NormalExit);
    RD_COMPARE(process.exitCode(), 0);
}

void TestSandboxBinary::backfillAndTraffic()
{
    // --backfill writes its logs before --traffic starts; each says what it did in one line.
    QTemporaryDir dir;
    QProcess process;
    const QUrl url = startAndWaitForUrl(
        process, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"), QStringLiteral("t"),
                  QStringLiteral("--db"), dir.filePath(QStringLiteral("b.sqlite")), QStringLiteral("--account"),
                  QStringLiteral("bin"), QStringLiteral("--backfill"), QStringLiteral("1"), QStringLiteral("--traffic"),
                  QStringLiteral("20:1")});
    QVERIFY2(url.isValid(), process.readAllStandardError().constData());
    QStringList lines;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 30000 && !lines.join(QLatin1Char('\n')).contains(QStringLiteral("traffic done"))) {
        if (process.canReadLine() || process.waitForReadyRead(200)) {
            while (process.canReadLine()) {
                lines << QString::fromUtf8(process.readLine()).trimmed();
            }
        }
    }
    const QString output = lines.join(QLatin1Char('\n'));
    QVERIFY2(output.contains(QStringLiteral("route-sandbox: backfilled 60 logs (60 requests) over the past 1 days "
                                            "for account bin")),
             qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("route-sandbox: sending 20 requests a second")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("dynamic/support-chat")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("traffic done, 20 requests sent")), qPrintable(output));

    // The demo week, the backfilled day and the traffic, all in the demo gateway's logs.
    SandboxTestClient client(url, "t");
    const TestReply logs = client.get(QStringLiteral("/accounts/bin/ai-gateway/gateways/demo-gateway/logs"));
    RD_COMPARE(logs.status, 200);
    RD_COMPARE(logs.json["result_info"]["total_count"], 420 + 60 + 20);

    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    RD_COMPARE(process.exitCode(), 0);
}

void TestSandboxBinary::outOfDescriptorsNeitherSpinsNorStops()
{
    // A descriptor limit of 64 and more idle connections than that: the sandbox accepts what it can, backs off
    // instead of spinning on the listening socket, and once its idle timeout has closed the idle ones it
    // serves the request that waited behind them.
    QTemporaryDir dir;
    QProcess process;
    process.setChildProcessModifier([] {
        const rlimit limit{64, 64};
        ::setrlimit(RLIMIT_NOFILE, &limit);
    });
    const QUrl url = startAndWaitForUrl(process, {QStringLiteral("--port"), QStringLiteral("0"),
                                                  QStringLiteral("--token"), QStringLiteral("t"),
                                                  QStringLiteral("--db"), dir.filePath(QStringLiteral("fd.sqlite")),
                                                  QStringLiteral("--idle-timeout"), QStringLiteral("1.5")});
    QVERIFY2(url.isValid(), process.readAllStandardError().constData());

    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 90; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, static_cast<quint16>(url.port()));
        QVERIFY(idle.back()->waitForConnected(5000)); // the kernel's listen queue takes what is not accepted
    }
    QTest::qWait(200);
    const qint64 before = cpuMs(process.processId());
    QTest::qWait(1000);
    const qint64 used = cpuMs(process.processId()) - before;
    QVERIFY2(before >= 0 && used < 300, qPrintable(QStringLiteral("%1 ms of CPU in 1 s").arg(used)));

    SandboxTestClient client(url, "t");
    TestReply reply = client.get(QStringLiteral("/accounts/fd/ai-gateway/gateways"));
    RD_COMPARE(reply.status, 200);
    QVERIFY2(reply.elapsedMs < 10000, qPrintable(QString::number(reply.elapsedMs)));

    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    RD_COMPARE(process.exitCode(), 0);
}

void TestSandboxBinary::refusesToRunWithoutToken()
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("ROUTE_SANDBOX_TOKEN"));
    process.setProcessEnvironment(env);
    process.start(kBinary, {QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(process.waitForFinished(10000));
    RD_COMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("token"));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

void TestSandboxBinary::tokenFromEnvironment()
{
    QTemporaryDir dir;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ROUTE_SANDBOX_TOKEN"), QStringLiteral("env-token"));
    process.setProcessEnvironment(env);
    const QUrl url = startAndWaitForUrl(process, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"),
                                                  dir.filePath(QStringLiteral("e.sqlite"))});
    QVERIFY(url.isValid());
    SandboxTestClient client(url, "env-token");
    RD_COMPARE(client.get(QStringLiteral("/accounts/e/ai-gateway/gateways")).status, 200);
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    RD_COMPARE(process.exitCode(), 0);
}

void TestSandboxBinary::readOnlyTokenFlag()
{
    QTemporaryDir dir;
    QProcess process;
    const QUrl url = startAndWaitForUrl(
        process, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"), QStringLiteral("writer"),
                  QStringLiteral("--read-only-token"), QStringLiteral("reader-1"), QStringLiteral("--read-only-token"),
                  QStringLiteral("reader-2"), QStringLiteral("--db"), dir.filePath(QStringLiteral("r.sqlite"))});
    QVERIFY2(url.isValid(), process.readAllStandardError().constData());
    const QString list = QStringLiteral("/accounts/r/ai-gateway/gateways");
    const Json body{{"id", "new-gw"},       {"cache_invalidate_on_update", false}, {"cache_ttl", 0},
                    {"collect_logs", true}, {"rate_limiting_interval", 0},         {"rate_limiting_limit", 0}};
    for (const QByteArray &token : {QByteArray("reader-1"), QByteArray("reader-2")}) {
        SandboxTestClient reader(url, token);
        RD_COMPARE(reader.get(list).status, 200);
        TestReply refused = reader.post(list, body);
        RD_COMPARE(refused.status, 403);
        RD_COMPARE(refused.body, QByteArray(R"({"success":false,"errors":[{"code":10000,"message":)"
                                            R"("Authentication error"}],"messages":[],"result":null})"));
        RD_COMPARE(reader.del(list + QStringLiteral("/demo-gateway")).status, 403);
    }
    SandboxTestClient writer(url, "writer");
    RD_COMPARE(writer.post(list, body).status, 200);
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    RD_COMPARE(process.exitCode(), 0);
    const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
    QVERIFY(!output.contains("reader-1") && !output.contains("reader-2"));
}

void TestSandboxBinary::rejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("bad port") << QStringList{"--token", "t", "--port", "99999"} << "--port";
    QTest::newRow("bad fault") << QStringList{"--token", "t", "--fault", "explode"} << "--fault";
    QTest::newRow("bad fault count") << QStringList{"--token", "t", "--fault", "slow:zero"} << "COUNT";
    QTest::newRow("unknown option") << QStringList{"--token", "t", "--colour"} << "colour";
    QTest::newRow("backfill zero") << QStringList{"--token", "t", "--backfill", "0"} << "--backfill";
    QTest::newRow("traffic not a rate") << QStringList{"--token", "t", "--traffic", "lots"} << "--traffic";
    QTest::newRow("empty read-only token")
        << QStringList{"--token", "t", "--read-only-token", ""} << "--read-only-token";
    QTest::newRow("read-only token same as token")
        << QStringList{"--token", "t", "--read-only-token", "t"} << "--read-only-token";
}

void TestSandboxBinary::rejectsBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QProcess process;
    process.start(kBinary, arguments);
    QVERIFY(process.waitForFinished(10000));
    RD_COMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void TestSandboxBinary::help()
{
    QProcess process;
    process.start(kBinary, {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10000));
    RD_COMPARE(process.exitCode(), 0);
    const QString text = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY(text.startsWith(QStringLiteral("Usage: route-sandbox")));
    for (const char *option : {"--port", "--token", "--db", "--no-demo", "--fault", "--max-connections",
                               "--idle-timeout", "--request-timeout", "--provider-fail", "--provider-latency",
                               "--backfill", "--traffic", "--account", "--read-only-token"}) {
        QVERIFY2(text.contains(QLatin1String(option)), option);
    }
}

QTEST_GUILESS_MAIN(TestSandboxBinary)
#include "tst_sandbox_binary.moc"
