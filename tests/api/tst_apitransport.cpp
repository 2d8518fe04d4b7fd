// ApiTransport on its own, against a real sandbox server over loopback HTTP: requests it is handed as they are,
// with no endpoint catalogue in between. What it owes every endpoint: the address, the envelope or one ApiError
// for each way a call fails, retries only when safe, a bound on what is on the wire, cancels that say what was
// sent, and a secret that never reaches the log.

#include "app/api/ApiTransport.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "support/SandboxFixture.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rd;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-transport-3c9d41";
const QString kAccount = QStringLiteral("7e1f5a0b3c2d4e6f8a9b0c1d2e3f4a5b");

ApiRequest get(const QString &path, const QString &action = QStringLiteral("read it"), const QString &subject = {})
{
    ApiRequest r;
    r.path = path;
    r.action = action;
    r.subject = subject;
    return r;
}

// An answer as the transport hands it over, kept past the callback.
struct Answer
{
    bool called = false;
    std::optional<ApiEnvelope> envelope;
    std::optional<ApiError> error;
    int httpStatus = -1;
    int attempts = -1;
};

} // namespace

class TestApiTransport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiTransport> m_transport;
    QStringList m_log;

    ApiTransport::Options fastOptions() const { return test::fastOptions(m_server->baseUrl()); }

    // Starts `request` and returns where its answer will be.
    std::shared_ptr<Answer> start(const ApiRequest &request, ApiCall **call = nullptr)
    {
        auto answer = std::make_shared<Answer>();
        ApiCall *started =
            m_transport->start(request, this, [answer](const ApiCall &c, const ApiResult<ApiEnvelope> &r) {
                answer->called = true;
                answer->envelope = r.value;
                answer->error = r.error;
                answer->httpStatus = c.httpStatus();
                answer->attempts = c.attempts();
            });
        if (call) {
            *call = started;
        }
        return answer;
    }

    std::shared_ptr<Answer> exchange(const ApiRequest &request)
    {
        auto answer = start(request);
        if (!QTest::qWaitFor([&] { return answer->called; }, 20000)) {
            qWarning("no answer within 20 s");
        }
        return answer;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_server = test::startSandbox(m_dir, kToken, error);
        QVERIFY2(m_server, qPrintable(error));
    }

    void init()
    {
        m_server->clearFaults();
        m_log.clear();
        m_transport = std::make_unique<ApiTransport>();
        m_transport->setOptions(fastOptions());
        m_transport->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        connect(m_transport.get(), &ApiTransport::requestLogged, this, [this](const QString &line) { m_log << line; });
    }

    void cleanup() { m_transport.reset(); }

    void aSuccessfulAnswerIsItsEnvelope()
    {
        const auto answer = exchange(get(QStringLiteral("/ai-gateway/gateways")));
        QVERIFY2(answer->envelope, qPrintable(why(answer->error)));
        QVERIFY(answer->envelope->success);
        QVERIFY(answer->envelope->payload.is_array());
        QCOMPARE(answer->httpStatus, 200);
        QCOMPARE(answer->attempts, 1);
        QCOMPARE(m_log.size(), 1);
        QVERIFY2(
            m_log.front().startsWith(QStringLiteral("GET /client/v4/accounts/%1/ai-gateway/gateways").arg(kAccount)),
            qPrintable(m_log.front()));
    }

    // The base address (with or without a trailing slash), the account and the query, each part encoded.
    void theAddressIsBaseAccountPathAndQuery()
    {
        auto options = fastOptions();
        options.baseUrl = QUrl(QStringLiteral("https://api.example.test/client/v4/"));
        m_transport->setOptions(options);
        m_transport->setCredentials(ApiCredentials::apiToken(QStringLiteral("acc/1 x"), QStringLiteral("t")));
        ApiRequest r = get(QStringLiteral("/ai-gateway/gateways"));
        r.query << qMakePair(QStringLiteral("search"), QStringLiteral("a&b c"))
                << qMakePair(QStringLiteral("page"), QStringLiteral("2"));
        QCOMPARE(m_transport->urlFor(r).toString(QUrl::FullyEncoded),
                 QStringLiteral("https://api.example.test/client/v4/accounts/acc%2F1%20x/ai-gateway/gateways"
                                "?search=a%26b%20c&page=2"));
    }

    // A 2xx the endpoint's decoder cannot read: InvalidResponse, with the status and how it was unreadable.
    void anAnswerOfAnotherShapeIsInvalid()
    {
        std::optional<ApiResult<int>> result;
        m_transport->send<int>(
            get(QStringLiteral("/ai-gateway/gateways"), QStringLiteral("count the gateways")), this,
            [&](const ApiResult<int> &r) { result = r; },
            [](const ApiEnvelope &) {
                return Decoded<int>::failure({"$.result", "expected a number"});
            });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(!result->ok());
        QCOMPARE(result->error->kind, ApiError::Kind::InvalidResponse);
        QCOMPARE(result->error->httpStatus, 200);
        QCOMPARE(result->error->detail, QStringLiteral("unexpected shape: $.result: expected a number"));
        QCOMPARE(result->error->summary,
                 QStringLiteral("The answer from 127.0.0.1:%1 to count the gateways could not be read.")
                     .arg(m_server->baseUrl().port()));
        QVERIFY(!result->error->mayHaveBeenApplied); // a GET changes nothing
    }

    // A 404 names what was not found: the request's subject, or else what it asked for.
    void notFoundSaysWhat()
    {
        const auto named = exchange(get(QStringLiteral("/ai-gateway/gateways/nope"), QStringLiteral("get gateway nope"),
                                        QStringLiteral("Gateway \u201cnope\u201d")));
        QVERIFY(named->error);
        QCOMPARE(named->error->kind, ApiError::Kind::Api);
        QCOMPARE(named->error->httpStatus, 404);
        QCOMPARE(named->error->summary, QStringLiteral("Gateway \u201cnope\u201d was not found."));
        QCOMPARE(named->attempts, 1); // a 404 is not retried

        const auto unnamed = exchange(get(QStringLiteral("/ai-gateway/gateways/nope"), QStringLiteral("look it up")));
        QCOMPARE(unnamed->error->summary, QStringLiteral("What look it up asked for was not found."));
    }

    void aReadIsRetriedAndSaysWhy()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::ServerError, 1, 0, 1, QStringLiteral("GET"), {}, false});
        ApiCall *call = nullptr;
        const auto answer = start(get(QStringLiteral("/ai-gateway/gateways")), &call);
        QSignalSpy retrying(call, &ApiCall::retrying);
        QTRY_VERIFY_WITH_TIMEOUT(answer->called, 20000);
        QVERIFY2(answer->envelope, qPrintable(why(answer->error)));
        QCOMPARE(answer->attempts, 2);
        QCOMPARE(retrying.count(), 1);
        QCOMPARE(retrying.at(0).at(2).toString(), QStringLiteral("server error (HTTP 500)"));
        QCOMPARE(m_log.size(), 2);
        QVERIFY2(m_log.front().contains(QStringLiteral("\u2192 500 in")), qPrintable(m_log.front()));
    }

    // A POST that met a server error may have been applied: it is reported, never sent again.
    void aPostIsNotRepeatedAfterAServerError()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::ServerError, 1, 0, 1, QStringLiteral("POST"), {}, false});
        const int before = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/ai-gateway/gateways"));
        ApiRequest r = get(QStringLiteral("/ai-gateway/gateways"), QStringLiteral("create gateway x"));
        r.method = "POST";
        r.body = Json{{"id", "transport-x"}};
        const auto answer = exchange(r);
        QVERIFY(answer->error);
        QCOMPARE(answer->error->httpStatus, 500);
        QCOMPARE(answer->attempts, 1);
        QCOMPARE(m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/ai-gateway/gateways")), before + 1);
    }

    // No answer in time: a read says so (and is retried), a write says it may have been applied.
    void aTimeoutSaysHowLongItWaited()
    {
        auto options = fastOptions();
        options.timeoutMs = 300;
        options.maxRetries = 0;
        m_transport->setOptions(options);
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 1500, 1, QStringLiteral("GET"), {}, false});
        const auto answer = exchange(get(QStringLiteral("/ai-gateway/gateways")));
        QVERIFY(answer->error);
        QCOMPARE(answer->error->kind, ApiError::Kind::Timeout);
        QCOMPARE(answer->error->summary,
                 QStringLiteral("No answer from 127.0.0.1:%1 within 1 s.").arg(m_server->baseUrl().port()));
        QVERIFY(!answer->error->mayHaveBeenApplied);
        QVERIFY2(m_log.last().contains(QStringLiteral("timed out")), qPrintable(m_log.last()));
    }

    // A secret a server echoes into an address (here: sent in one) never reaches the log or an error's text.
    void theSecretIsRedacted()
    {
        const QString token = QString::fromLatin1(kToken);
        const auto answer = exchange(get(QStringLiteral("/ai-gateway/gateways/") + token, QStringLiteral("get it")));
        QVERIFY(answer->error);
        QCOMPARE(m_log.size(), 1);
        QVERIFY2(!m_log.front().contains(token), qPrintable(m_log.front()));
        QVERIFY2(m_log.front().contains(QStringLiteral("/ai-gateway/gateways/[redacted] \u2192 404")),
                 qPrintable(m_log.front()));
        QVERIFY(!answer->error->toString().contains(token));
    }

    // At most maxInFlight requests on the wire; the rest wait in order and all are answered.
    void whatIsOverTheBoundWaitsInTheQueue()
    {
        auto options = fastOptions();
        options.maxInFlight = 1;
        m_transport->setOptions(options);
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 3, 150, 1, QStringLiteral("GET"), {}, false});
        std::vector<std::shared_ptr<Answer>> answers;
        for (int i = 0; i < 3; ++i) {
            answers.push_back(start(get(QStringLiteral("/ai-gateway/gateways"))));
        }
        QCOMPARE(m_transport->inFlight(), 1);
        QCOMPARE(m_transport->queued(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(answers.back()->called, 20000);
        for (const auto &answer : answers) {
            QVERIFY2(answer->called && answer->envelope, qPrintable(why(answer->error)));
        }
        QCOMPARE(m_transport->inFlight(), 0);
        QCOMPARE(m_transport->queued(), 0);
    }

    // Cancelled before it left the queue: nothing was sent, so not even a DELETE may have been applied.
    void aCancelInTheQueueSendsNothing()
    {
        auto options = fastOptions();
        options.maxInFlight = 1;
        m_transport->setOptions(options);
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 300, 1, QStringLiteral("GET"), {}, false});
        const auto first = start(get(QStringLiteral("/ai-gateway/gateways")));
        ApiRequest doomed = get(QStringLiteral("/ai-gateway/gateways/transport-never"), QStringLiteral("delete it"));
        doomed.method = "DELETE";
        ApiCall *call = nullptr;
        const auto cancelled = start(doomed, &call);
        const int before = m_server->requestCount(QStringLiteral("DELETE"), QStringLiteral("transport-never"));
        call->cancel();
        QVERIFY(cancelled->called); // at once: it was only waiting
        QCOMPARE(cancelled->error->kind, ApiError::Kind::Cancelled);
        QVERIFY(!cancelled->error->mayHaveBeenApplied);
        QTRY_VERIFY_WITH_TIMEOUT(first->called, 20000);
        QCOMPARE(m_server->requestCount(QStringLiteral("DELETE"), QStringLiteral("transport-never")), before);
    }

    // Cancelled on the wire: a write may have reached the server, and the log says it was cancelled.
    void aCancelOnTheWireMayHaveBeenApplied()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 800, 1, QStringLiteral("DELETE"), {}, false});
        ApiRequest r = get(QStringLiteral("/ai-gateway/gateways/transport-gone"), QStringLiteral("delete it"));
        r.method = "DELETE";
        ApiCall *call = nullptr;
        const auto answer = start(r, &call);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_server->requestCount(QStringLiteral("DELETE"), QStringLiteral("transport-gone")) == 1, 10000);
        call->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(answer->called, 10000);
        QCOMPARE(answer->error->kind, ApiError::Kind::Cancelled);
        QVERIFY(answer->error->mayHaveBeenApplied);
        QVERIFY2(m_log.last().contains(QStringLiteral("\u2192 cancelled")), qPrintable(m_log.last()));
    }

    // Going away stops every call, and none calls back into what is going away.
    void destroyingTheTransportCallsNoOneBack()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 500, 1, QStringLiteral("GET"), {}, false});
        ApiCall *started = nullptr;
        const auto answer = start(get(QStringLiteral("/ai-gateway/gateways")), &started);
        QPointer<ApiCall> call(started);
        QSignalSpy finished(started, &ApiCall::finished);
        m_transport.reset();
        QCOMPARE(finished.count(), 1);
        QCoreApplication::processEvents(); // the call deletes itself later
        QVERIFY(!answer->called);
        QVERIFY(call.isNull());
    }
};

QTEST_GUILESS_MAIN(TestApiTransport)
#include "tst_apitransport.moc"
