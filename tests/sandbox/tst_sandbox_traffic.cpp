// route-sandbox --traffic: SandboxTrafficGenerator sending the demo's mix through a real in-process sandbox's
// router. Counts are checked, not timings, beyond "a bounded run cannot end early": the machine may be busy.

#include "JsonCompare.h"
#include "SandboxTestClient.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxServer.h"
#include "app/sandbox/SandboxTrafficGenerator.h"
#include "model/JsonText.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rd;
using rd::test::SandboxTestClient;
using rd::test::TestReply;

namespace {

const QByteArray kToken = "sandbox-traffic-token-0123456789";

QString logsPath(const QString &account)
{
    return QStringLiteral("/accounts/%1/ai-gateway/gateways/%2/logs").arg(account, SandboxDemoData::gatewayId());
}

} // namespace

class TestSandboxTraffic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void boundedRunSendsRateTimesSecondsAndLogsThem();
    void unboundedRunGoesOnUntilStopped();
    void gatewayRateLimitApplies();
    void noTargetWithoutTheDemo();

private:
    std::int64_t logCount(const QString &account)
    {
        return m_client->get(logsPath(account)).json["result_info"]["total_count"].get<std::int64_t>();
    }
    std::unique_ptr<SandboxTrafficGenerator> generator(const QString &account, double rate, double seconds)
    {
        QString error;
        auto target = m_server->trafficTarget(account, &error);
        if (!target) {
            qWarning("%s", qPrintable(error));
            return nullptr;
        }
        return std::make_unique<SandboxTrafficGenerator>(
            [this](const SandboxRequest &request) { return m_server->dispatch(request); }, std::move(*target), rate,
            seconds);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
};

void TestSandboxTraffic::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("traffic.sqlite")), kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), kToken);
}

void TestSandboxTraffic::boundedRunSendsRateTimesSecondsAndLogsThem()
{
    const QString account = QStringLiteral("traffic");
    auto traffic = generator(account, 40, 1.5);
    QVERIFY(traffic);
    QVERIFY(traffic->description().contains(QStringLiteral("dynamic/support-chat")));
    QVERIFY(traffic->description().contains(QStringLiteral("40 requests a second")));
    QVERIFY(traffic->description().contains(QStringLiteral("for 1.5 s")));
    const std::int64_t before = logCount(account);
    QCOMPARE(before, std::int64_t{SandboxDemoData::kLogCount});

    QSignalSpy finished(traffic.get(), &SandboxTrafficGenerator::finished);
    QElapsedTimer clock;
    clock.start();
    traffic->start();
    QVERIFY(traffic->isRunning());
    QVERIFY(finished.wait(60000));
    // It keeps to the rate: it cannot be done before its time (however late a busy machine makes it).
    QVERIFY2(clock.elapsed() >= 1400, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!traffic->isRunning());
    QCOMPARE(traffic->sent(), std::int64_t{60});
    std::int64_t answered = 0;
    for (const auto &[status, count] : traffic->statuses()) {
        QVERIFY2(status == 200 || status == 502, qPrintable(QString::number(status)));
        answered += count;
    }
    QCOMPARE(answered, std::int64_t{60});

    // Every request went through the data plane and was logged, with the mix's metadata.
    QCOMPARE(logCount(account), before + 60);
    const TestReply newest = m_client->get(logsPath(account) + QStringLiteral("?per_page=50"));
    for (const Json &log : newest.result()) {
        const Json metadata = JsonText::parse(log["metadata"].get<std::string>()).value.value();
        QVERIFY(metadata.contains("plan") && metadata.contains("user_id"));
        RD_COMPARE(log["path"], "compat/chat/completions");
    }
}

void TestSandboxTraffic::unboundedRunGoesOnUntilStopped()
{
    const QString account = QStringLiteral("traffic-forever");
    auto traffic = generator(account, 50, 0);
    QVERIFY(traffic);
    QVERIFY(traffic->description().contains(QStringLiteral("until stopped")));
    traffic->start();
    QTRY_VERIFY_WITH_TIMEOUT(traffic->sent() >= 10, 30000);
    traffic->stop();
    const std::int64_t sent = traffic->sent();
    QTest::qWait(300);
    QCOMPARE(traffic->sent(), sent);
    QCOMPARE(logCount(account), SandboxDemoData::kLogCount + sent);
}

void TestSandboxTraffic::gatewayRateLimitApplies()
{
    // The demo gateway limited to 10 requests a minute: the generated traffic meets the limit as a client would.
    const QString account = QStringLiteral("traffic-limited");
    QString error;
    QVERIFY(m_server->trafficTarget(account, &error)); // seeds the account
    const QString gateway =
        QStringLiteral("/accounts/%1/ai-gateway/gateways/%2").arg(account, SandboxDemoData::gatewayId());
    Json settings = m_client->get(gateway).result();
    QVERIFY(settings.is_object());
    settings["rate_limiting_limit"] = 10;
    settings["rate_limiting_interval"] = 60;
    settings["rate_limiting_technique"] = "fixed";
    QCOMPARE(m_client->put(gateway, settings).status, 200);

    auto traffic = generator(account, 100, 0.25);
    QVERIFY(traffic);
    QSignalSpy finished(traffic.get(), &SandboxTrafficGenerator::finished);
    traffic->start();
    QVERIFY(finished.wait(60000));
    QCOMPARE(traffic->sent(), std::int64_t{25});
    // A fixed window may turn over during the run; at most two windows' worth pass.
    const std::int64_t limited = traffic->statuses().count(429) ? traffic->statuses().at(429) : 0;
    QVERIFY2(limited >= 5 && limited <= 15, qPrintable(QString::number(limited)));
    // Refused requests are logged too.
    RD_COMPARE(logCount(account), std::int64_t{SandboxDemoData::kLogCount + 25});
}

void TestSandboxTraffic::noTargetWithoutTheDemo()
{
    QTemporaryDir dir;
    SandboxServer bare({dir.filePath(QStringLiteral("bare.sqlite")), kToken, false});
    QVERIFY(bare.start());
    QString error;
    QVERIFY(!bare.trafficTarget(QStringLiteral("empty"), &error));
    QVERIFY2(error.contains(QStringLiteral("no routes")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSandboxTraffic)
#include "tst_sandbox_traffic.moc"
