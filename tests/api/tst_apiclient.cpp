#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "model/RouteCodec.h"
#include "model/Validator.h"
#include "support/ApiAwait.h"
#include "support/RouteGenerator.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <set>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-7f3a9c2e51b04d86";
const QString kAccount = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");
const QString kGateway = QStringLiteral("demo-gateway");

Route simpleRoute(const std::string &name, const std::string &modelName = "gpt-4o-mini")
{
    Route r;
    r.setName(name);
    r.addElement(Element::make(ElementType::Start, "start"));
    Element m = Element::make(ElementType::Model, "model");
    m.model.provider = "openai";
    m.model.model = modelName;
    m.model.timeout = Number::fromInteger(20000);
    m.model.retries = Number::fromInteger(1);
    r.addElement(m);
    r.addElement(Element::make(ElementType::End, "end"));
    r.connect("start", "next", "model");
    r.connect("model", "success", "end");
    r.connect("model", "fallback", "end");
    return r;
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    QStringList m_logLines;
    QStringList m_messages;

    static TestApiClient *s_instance;
    static void captureMessages(QtMsgType, const QMessageLogContext &, const QString &message)
    {
        if (s_instance) {
            s_instance->m_messages << message;
        }
        fprintf(stderr, "%s\n", qPrintable(message));
    }

    ApiClient::Options fastOptions() const
    {
        ApiClient::Options o;
        o.baseUrl = m_server->baseUrl();
        o.timeoutMs = 3000;
        o.backoffInitialMs = 20;
        o.backoffMaxMs = 100;
        return o;
    }

    ApiResult<ListPage<Route>> listRoutes()
    {
        return await<ListPage<Route>>([&](auto cb) {
            m_client->listRoutes(kGateway, PageQuery{1, 50, {}, {}, {}}, this, cb);
        });
    }

    int countRoutesNamed(const std::string &name)
    {
        const auto routes = listRoutes();
        if (!routes) {
            return -1;
        }
        int n = 0;
        for (const Route &r : routes.value->items) {
            n += r.name() == name ? 1 : 0;
        }
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        s_instance = this;
        qInstallMessageHandler(&TestApiClient::captureMessages);
        SandboxServer::Options options;
        options.databasePath = m_dir.filePath(QStringLiteral("sandbox.sqlite"));
        options.token = kToken;
        m_server = std::make_unique<SandboxServer>(options);
        QString error;
        QVERIFY2(m_server->start(0, &error), qPrintable(error));
    }

    void init()
    {
        m_server->clearFaults();
        m_client = std::make_unique<ApiClient>();
        m_client->setOptions(fastOptions());
        m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        connect(m_client.get(), &ApiClient::requestLogged, this, [this](const QString &line) { m_logLines << line; });
    }

    void cleanup() { m_client.reset(); }

    void cleanupTestCase()
    {
        qInstallMessageHandler(nullptr);
        s_instance = nullptr;
        // Nothing the client said, logged or reported may contain the secret.
        const QString token = QString::fromLatin1(kToken);
        for (const QString &line : std::as_const(m_logLines)) {
            QVERIFY2(!line.contains(token), qPrintable(line));
        }
        for (const QString &line : std::as_const(m_messages)) {
            QVERIFY2(!line.contains(token), "a log message contained the token");
        }
        QVERIFY(!m_logLines.isEmpty());
    }

    // --- gateways

    void gatewaysListGetCreateUpdateDelete()
    {
        auto list = await<ListPage<Gateway>>([&](auto cb) { m_client->listGateways({}, this, cb); });
        QVERIFY2(list, qPrintable(why(list.error)));
        QVERIFY(std::any_of(list.value->items.begin(), list.value->items.end(),
                            [](const Gateway &g) { return g.id() == "demo-gateway"; }));

        Gateway fresh = Gateway::create("client-test-gw");
        auto created = await<Gateway>([&](auto cb) { m_client->createGateway(fresh, this, cb); });
        QVERIFY2(created, qPrintable(why(created.error)));
        QCOMPARE(created.value->id(), std::string("client-test-gw"));

        auto got = await<Gateway>([&](auto cb) { m_client->getGateway(QStringLiteral("client-test-gw"), this, cb); });
        QVERIFY2(got, qPrintable(why(got.error)));
        QVERIFY(got.value->collectLogs());

        Gateway changed = *got.value;
        changed.setCollectLogs(false);
        changed.setRateLimiting(Number::fromInteger(60), Number::fromInteger(25));
        auto updated = await<Gateway>([&](auto cb) { m_client->updateGateway(changed, this, cb); });
        QVERIFY2(updated, qPrintable(why(updated.error)));
        QVERIFY(!updated.value->collectLogs());
        QCOMPARE(updated.value->rateLimitingLimit()->toInteger(), qint64(25));

        auto search = await<ListPage<Gateway>>([&](auto cb) {
            m_client->listGateways(PageQuery{1, 0, QStringLiteral("client-test"), {}, {}}, this, cb);
        });
        QVERIFY2(search, qPrintable(why(search.error)));
        QCOMPARE(search.value->items.size(), std::size_t(1));

        auto deleted =
            await<Gateway>([&](auto cb) { m_client->deleteGateway(QStringLiteral("client-test-gw"), this, cb); });
        QVERIFY2(deleted, qPrintable(why(deleted.error)));
        auto gone = await<Gateway>([&](auto cb) { m_client->getGateway(QStringLiteral("client-test-gw"), this, cb); });
        QVERIFY(!gone);
        QVERIFY(gone.error->isNotFound());
        QCOMPARE(gone.error->kind, ApiError::Kind::Api);
        QCOMPARE(gone.error->summary, QStringLiteral("Gateway \u201cclient-test-gw\u201d was not found."));
    }

    void gatewayCreateRejectedWithCloudflaresMessage()
    {
        Gateway bad = Gateway::create("Not A Valid Id!");
        auto created = await<Gateway>([&](auto cb) { m_client->createGateway(bad, this, cb); });
        QVERIFY(!created);
        QCOMPARE(created.error->httpStatus, 400);
        QVERIFY(!created.error->messages.empty());
        QVERIFY2(created.error->summary.startsWith(QStringLiteral("Cloudflare refused to create gateway")),
                 qPrintable(created.error->summary));
    }

    // --- dynamic routes: all 10 endpoints

    void routesLifecycle()
    {
        const Route route = simpleRoute("client-lifecycle");
        auto created = await<Route>([&](auto cb) { m_client->createRoute(kGateway, route, this, cb); });
        QVERIFY2(created, qPrintable(why(created.error)));
        const QString id = QString::fromStdString(created.value->id());
        QVERIFY(!id.isEmpty());
        QCOMPARE(created.value->name(), std::string("client-lifecycle"));
        QVERIFY(RouteCodec::encodeElements(created.value->elements()) == RouteCodec::encodeElements(route.elements()));

        auto got = await<Route>([&](auto cb) { m_client->getRoute(kGateway, id, this, cb); });
        QVERIFY2(got, qPrintable(why(got.error)));
        QVERIFY(got.value->metadata().version);
        QVERIFY(got.value->metadata().deployment);

        auto renamed = await<Route>(
            [&](auto cb) { m_client->renameRoute(kGateway, id, QStringLiteral("client-renamed"), this, cb); });
        QVERIFY2(renamed, qPrintable(why(renamed.error)));
        QCOMPARE(renamed.value->name(), std::string("client-renamed"));

        const Route v2 = simpleRoute("client-renamed", "gpt-4o");
        auto versioned = await<Route>([&](auto cb) { m_client->createVersion(kGateway, id, v2, this, cb); });
        QVERIFY2(versioned, qPrintable(why(versioned.error)));

        auto versions =
            await<ListPage<RouteVersion>>([&](auto cb) { m_client->listVersions(kGateway, id, {}, this, cb); });
        QVERIFY2(versions, qPrintable(why(versions.error)));
        QCOMPARE(versions.value->items.size(), std::size_t(2));
        // Newest first: the version just made, not yet active.
        const RouteVersion newest = versions.value->items.front();
        QVERIFY(!newest.isActive());
        QVERIFY(versions.value->items.back().isActive());

        auto version = await<RouteVersion>(
            [&](auto cb) { m_client->getVersion(kGateway, id, QString::fromStdString(newest.versionId()), this, cb); });
        QVERIFY2(version, qPrintable(why(version.error)));
        auto versionRoute = version.value->route();
        QVERIFY(versionRoute);
        QVERIFY(versionRoute.value->find("model")->model.model == std::optional<std::string>("gpt-4o"));

        auto deployed = await<Route>([&](auto cb) {
            m_client->createDeployment(kGateway, id, QString::fromStdString(newest.versionId()), this, cb);
        });
        QVERIFY2(deployed, qPrintable(why(deployed.error)));

        auto deployments =
            await<ListPage<RouteDeployment>>([&](auto cb) { m_client->listDeployments(kGateway, id, {}, this, cb); });
        QVERIFY2(deployments, qPrintable(why(deployments.error)));
        QCOMPARE(deployments.value->items.size(), std::size_t(2));
        QCOMPARE(deployments.value->items.front().versionId(), newest.versionId());

        auto after = await<Route>([&](auto cb) { m_client->getRoute(kGateway, id, this, cb); });
        QVERIFY2(after, qPrintable(why(after.error)));
        QVERIFY(after.value->find("model")->model.model == std::optional<std::string>("gpt-4o"));

        auto deleted = await<Route>([&](auto cb) { m_client->deleteRoute(kGateway, id, this, cb); });
        QVERIFY2(deleted, qPrintable(why(deleted.error)));
        auto gone = await<Route>([&](auto cb) { m_client->getRoute(kGateway, id, this, cb); });
        QVERIFY(!gone);
        QVERIFY(gone.error->isNotFound());
        QVERIFY(gone.error->summary.startsWith(QStringLiteral("Route \u201c")));
    }

    void routeRejectedByValidation()
    {
        Route bad = simpleRoute("client-bad");
        bad.find("model")->model.provider = "";
        auto created = await<Route>([&](auto cb) { m_client->createRoute(kGateway, bad, this, cb); });
        QVERIFY(!created);
        QCOMPARE(created.error->httpStatus, 400);
        QVERIFY(created.error->hasCode(7001));
        QVERIFY2(created.error->summary.contains(QStringLiteral("provider")), qPrintable(created.error->summary));
        QCOMPARE(countRoutesNamed("client-bad"), 0);
    }

    void unknownIdsAreNotFound()
    {
        auto version = await<RouteVersion>([&](auto cb) {
            m_client->getVersion(kGateway, QStringLiteral("no-such-route"), QStringLiteral("v"), this, cb);
        });
        QVERIFY(!version);
        QCOMPARE(version.error->httpStatus, 404);
        auto routes = await<ListPage<Route>>(
            [&](auto cb) { m_client->listRoutes(QStringLiteral("no-such-gateway"), {}, this, cb); });
        QVERIFY(!routes);
        QVERIFY(routes.error->isNotFound());
        QVERIFY(routes.error->summary.contains(QStringLiteral("no-such-gateway")));
        auto log = await<LogEntry>([&](auto cb) { m_client->getLog(kGateway, QStringLiteral("nope"), this, cb); });
        QVERIFY(!log);
        QVERIFY(log.error->isNotFound());
    }

    // --- logs

    void logsPageAcrossEveryPage()
    {
        LogQuery q;
        q.perPage = 50;
        auto first = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, q, this, cb); });
        QVERIFY2(first, qPrintable(why(first.error)));
        QVERIFY(first.value->info.totalCount);
        const auto total = *first.value->info.totalCount;
        QVERIFY(total >= 300);

        std::set<std::string> seen;
        std::string previous = "9999";
        for (q.page = 1;; ++q.page) {
            auto page = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, q, this, cb); });
            QVERIFY2(page, qPrintable(why(page.error)));
            for (const LogEntry &e : page.value->items) {
                QVERIFY(seen.insert(e.id()).second);
                QVERIFY(e.createdAt() <= previous); // newest first by default
                previous = e.createdAt();
            }
            if (!page.value->info.hasMore(page.value->items.size())) {
                break;
            }
            QVERIFY(q.page < 100);
        }
        QCOMPARE(static_cast<std::int64_t>(seen.size()), total);
    }

    void logsFilterSortSearch()
    {
        LogQuery q;
        q.perPage = 50;
        q.filters.push_back(LogFilter{"provider", "eq", {Json("anthropic")}});
        q.filters.push_back(LogFilter{"success", "eq", {Json(true)}});
        q.orderBy = "created_at";
        q.orderByDirection = "asc";
        auto page = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, q, this, cb); });
        QVERIFY2(page, qPrintable(why(page.error)));
        QVERIFY(!page.value->items.empty());
        std::string previous;
        for (const LogEntry &e : page.value->items) {
            QCOMPARE(e.provider(), std::string("anthropic"));
            QVERIFY(e.success());
            QVERIFY(e.createdAt() >= previous);
            previous = e.createdAt();
        }

        LogQuery byMeta;
        byMeta.filters.push_back(LogFilter{"metadata.value", "eq", {Json("enterprise")}});
        auto meta = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, byMeta, this, cb); });
        QVERIFY2(meta, qPrintable(why(meta.error)));
        QVERIFY(!meta.value->items.empty());
        for (const LogEntry &e : meta.value->items) {
            QVERIFY(e.metadataObject()["plan"] == Json("enterprise"));
        }

        LogQuery bad;
        bad.filters.push_back(LogFilter{"provider", "resembles", {Json("x")}});
        auto rejected = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, bad, this, cb); });
        QVERIFY(!rejected);
        QCOMPARE(rejected.error->httpStatus, 400);
    }

    void logDetailBodiesFeedbackAndDelete()
    {
        LogQuery q;
        q.perPage = 5;
        auto page = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, q, this, cb); });
        QVERIFY2(page, qPrintable(why(page.error)));
        QVERIFY(!page.value->items.empty());
        const QString id = QString::fromStdString(page.value->items.front().id());

        auto detail = await<LogEntry>([&](auto cb) { m_client->getLog(kGateway, id, this, cb); });
        QVERIFY2(detail, qPrintable(why(detail.error)));
        QVERIFY(detail.value->requestSize());
        auto request = await<Json>([&](auto cb) { m_client->getLogRequest(kGateway, id, this, cb); });
        QVERIFY2(request, qPrintable(why(request.error)));
        QVERIFY(request.value->is_object());
        auto response = await<Json>([&](auto cb) { m_client->getLogResponse(kGateway, id, this, cb); });
        QVERIFY2(response, qPrintable(why(response.error)));
        QVERIFY(!response.value->is_null());

        ApiClient::LogPatch patch;
        patch.feedback = 1;
        patch.score = 90;
        auto patched = await<Json>([&](auto cb) { m_client->patchLog(kGateway, id, patch, this, cb); });
        QVERIFY2(patched, qPrintable(why(patched.error)));
        LogQuery liked;
        liked.filters.push_back(LogFilter{"feedback", "eq", {Json(1)}});
        auto likedPage = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, liked, this, cb); });
        QVERIFY2(likedPage, qPrintable(why(likedPage.error)));
        QVERIFY(std::any_of(likedPage.value->items.begin(), likedPage.value->items.end(),
                            [&](const LogEntry &e) { return e.id() == id.toStdString(); }));

        // Logs carry no filterable id, so delete by what identifies this one: its time and model.
        const LogEntry &entry = page.value->items.front();
        const std::vector<LogFilter> match = {LogFilter{"created_at", "eq", {Json(entry.createdAt())}},
                                              LogFilter{"model", "eq", {Json(entry.model())}}};
        LogQuery before;
        before.filters = match;
        auto matching = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, before, this, cb); });
        QVERIFY2(matching, qPrintable(why(matching.error)));
        QCOMPARE(matching.value->items.size(), std::size_t(1));
        auto deleted = await<Json>([&](auto cb) { m_client->deleteLogs(kGateway, match, this, cb); });
        QVERIFY2(deleted, qPrintable(why(deleted.error)));
        auto gone = await<LogEntry>([&](auto cb) { m_client->getLog(kGateway, id, this, cb); });
        QVERIFY(!gone);
        QVERIFY(gone.error->isNotFound());
    }

    void providerConfigs()
    {
        auto configs =
            await<ListPage<ProviderConfig>>([&](auto cb) { m_client->listProviderConfigs(kGateway, {}, this, cb); });
        QVERIFY2(configs, qPrintable(why(configs.error)));
        QVERIFY(!configs.value->items.empty());
        for (const ProviderConfig &c : configs.value->items) {
            QVERIFY(!c.providerSlug().empty());
            QVERIFY(!c.json().contains("secret"));
        }
    }

    void accountsAreNamespaces()
    {
        m_client->setCredentials(
            ApiCredentials::apiToken(QStringLiteral("another-account"), QString::fromLatin1(kToken)));
        auto routes = listRoutes();
        QVERIFY2(routes, qPrintable(why(routes.error)));
        for (const Route &r : routes.value->items) {
            QVERIFY(r.name().rfind("client-", 0) != 0); // nothing this test made in the first account
        }
    }

    // --- auth

    void wrongTokenIsAnAuthError()
    {
        m_client->setCredentials(ApiCredentials::apiToken(kAccount, QStringLiteral("wrong-token-123")));
        auto list = await<ListPage<Gateway>>([&](auto cb) { m_client->listGateways({}, this, cb); });
        QVERIFY(!list);
        QVERIFY(list.error->isAuthError());
        QVERIFY2(list.error->summary.contains(QStringLiteral("credentials")), qPrintable(list.error->summary));
        QVERIFY(!list.error->toString().contains(QStringLiteral("wrong-token-123")));
        QCOMPARE(list.error->kind, ApiError::Kind::Api);
    }

    void globalKeyAuthWorks()
    {
        m_client->setCredentials(
            ApiCredentials::globalKey(kAccount, QStringLiteral("ops@example.com"), QString::fromLatin1(kToken)));
        auto list = await<ListPage<Gateway>>([&](auto cb) { m_client->listGateways({}, this, cb); });
        QVERIFY2(list, qPrintable(why(list.error)));
    }

    // --- faults: each kind for a read (GET) and a non-idempotent create (POST)

    void faultServerError()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::ServerError, 1, 0, 1, QStringLiteral("GET"), {}, false});
        auto list = listRoutes();
        QVERIFY2(list, qPrintable(why(list.error))); // retried and succeeded

        const int before = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/routes"));
        m_server->injectFault(FaultSpec{FaultSpec::Kind::ServerError, 1, 0, 1, QStringLiteral("POST"), {}, false});
        auto created =
            await<Route>([&](auto cb) { m_client->createRoute(kGateway, simpleRoute("client-500"), this, cb); });
        QVERIFY(!created);
        QCOMPARE(created.error->httpStatus, 500);
        QVERIFY2(created.error->summary.contains(QStringLiteral("server error")), qPrintable(created.error->summary));
        QCOMPARE(m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/routes")), before + 1); // not repeated
        QCOMPARE(countRoutesNamed("client-500"), 0);
    }

    void faultRateLimitedHonoursRetryAfter()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::RateLimited, 1, 0, 1, QStringLiteral("GET"), {}, false});
        QList<int> delays;
        QStringList reasons;
        QElapsedTimer clock;
        clock.start();
        auto result = await<ListPage<Route>>([&](auto cb) {
            ApiCall *call = m_client->listRoutes(kGateway, {}, this, cb);
            connect(call, &ApiCall::retrying, this, [&](int, int delayMs, const QString &reason) {
                delays << delayMs;
                reasons << reason;
            });
        });
        QVERIFY2(result, qPrintable(why(result.error)));
        QCOMPARE(delays, QList<int>{1000});
        QCOMPARE(reasons, QStringList{QStringLiteral("rate limited")});
        QCOMPARE(ApiCall::describeRetry(reasons.front(), delays.front()),
                 QStringLiteral("rate limited \u2014 retrying in 1 s"));
        QCOMPARE(ApiCall::describeRetry(QStringLiteral("rate limited"), 11200),
                 QStringLiteral("rate limited \u2014 retrying in 12 s"));
        QVERIFY(clock.elapsed() >= 900);

        // A POST refused with 429 was not applied: repeating it is safe and creates exactly one route.
        m_server->injectFault(FaultSpec{FaultSpec::Kind::RateLimited, 1, 0, 1, QStringLiteral("POST"), {}, false});
        auto created =
            await<Route>([&](auto cb) { m_client->createRoute(kGateway, simpleRoute("client-429"), this, cb); });
        QVERIFY2(created, qPrintable(why(created.error)));
        QCOMPARE(countRoutesNamed("client-429"), 1);
    }

    void faultRateLimitedBeyondPatienceIsReported()
    {
        auto options = fastOptions();
        options.maxRetryAfterMs = 500;
        m_client->setOptions(options);
        m_server->injectFault(FaultSpec{FaultSpec::Kind::RateLimited, 1, 0, 12, QStringLiteral("GET"), {}, false});
        auto list = listRoutes();
        QVERIFY(!list);
        QCOMPARE(list.error->httpStatus, 429);
        QCOMPARE(list.error->retryAfterSeconds, 12);
        QCOMPARE(list.error->summary, QStringLiteral("Rate limited by Cloudflare: try again in 12 s."));
    }

    void faultMalformedJson()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::MalformedJson, 1, 0, 1, QStringLiteral("GET"), {}, false});
        auto list = listRoutes();
        QVERIFY(!list);
        QCOMPARE(list.error->kind, ApiError::Kind::InvalidResponse);
        QVERIFY2(list.error->detail.contains(QStringLiteral("not JSON")), qPrintable(list.error->detail));

        m_server->injectFault(FaultSpec{FaultSpec::Kind::MalformedJson, 1, 0, 1, QStringLiteral("POST"), {}, false});
        auto created =
            await<Route>([&](auto cb) { m_client->createRoute(kGateway, simpleRoute("client-junk"), this, cb); });
        QVERIFY(!created);
        QCOMPARE(created.error->kind, ApiError::Kind::InvalidResponse);
        QVERIFY(created.error->mayHaveBeenApplied); // a 200 with junk: the server may have done it
    }

    void faultDroppedConnection()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::DropConnection, 1, 0, 1, QStringLiteral("GET"), {}, false});
        auto list = listRoutes();
        QVERIFY2(list, qPrintable(why(list.error))); // a read is simply repeated

        // The server applied the POST and then the connection died: never repeat it, say so instead.
        const int before = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/routes"));
        m_server->injectFault(FaultSpec{FaultSpec::Kind::DropConnection, 1, 0, 1, QStringLiteral("POST"), {}, true});
        auto created =
            await<Route>([&](auto cb) { m_client->createRoute(kGateway, simpleRoute("client-drop"), this, cb); });
        QVERIFY(!created);
        QCOMPARE(created.error->kind, ApiError::Kind::Network);
        QVERIFY(created.error->mayHaveBeenApplied);
        QVERIFY2(created.error->summary.contains(QStringLiteral("may have reached the server")),
                 qPrintable(created.error->summary));
        QCOMPARE(m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/routes")), before + 1);
        QCOMPARE(countRoutesNamed("client-drop"), 1); // applied once, not duplicated
    }

    void faultSlowTimesOut()
    {
        auto options = fastOptions();
        options.timeoutMs = 300;
        m_client->setOptions(options);
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 1500, 1, QStringLiteral("GET"), {}, false});
        auto list = listRoutes();
        QVERIFY2(list, qPrintable(why(list.error))); // first attempt timed out, the retry was fast

        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 1500, 1, QStringLiteral("POST"), {}, false});
        auto created =
            await<Route>([&](auto cb) { m_client->createRoute(kGateway, simpleRoute("client-slow"), this, cb); });
        QVERIFY(!created);
        QCOMPARE(created.error->kind, ApiError::Kind::Timeout);
        QVERIFY(created.error->mayHaveBeenApplied);
        QTest::qWait(1700); // let the slow server finish what it was doing
        QCOMPARE(countRoutesNamed("client-slow"), 1);
    }

    void persistentFailureGivesUpAfterRetries()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::ServerError, 10, 0, 1, QStringLiteral("GET"), {}, false});
        const int before = m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/routes"));
        auto list = listRoutes();
        QVERIFY(!list);
        QCOMPARE(list.error->httpStatus, 500);
        QCOMPARE(m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/routes")), before + 3); // 1 + 2 retries
        m_server->clearFaults();
    }

    void nothingListeningIsAClearNetworkError()
    {
        auto options = fastOptions();
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/client/v4"));
        options.maxRetries = 0;
        m_client->setOptions(options);
        auto list = listRoutes();
        QVERIFY(!list);
        QCOMPARE(list.error->kind, ApiError::Kind::Network);
        QVERIFY2(list.error->summary.startsWith(QStringLiteral("Nothing answered at 127.0.0.1:1")),
                 qPrintable(list.error->summary));
    }

    // --- cancellation and flow control

    void cancelStopsACall()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 800, 1, QStringLiteral("GET"), {}, false});
        auto result = await<ListPage<Route>>([&](auto cb) {
            ApiCall *call = m_client->listRoutes(kGateway, {}, this, cb);
            QTimer::singleShot(50, call, &ApiCall::cancel);
        });
        QVERIFY(!result);
        QCOMPARE(result.error->kind, ApiError::Kind::Cancelled);
    }

    void destroyingTheContextCancelsWithoutCallback()
    {
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 500, 1, QStringLiteral("GET"), {}, false});
        auto *window = new QObject;
        bool called = false;
        ApiCall *call = m_client->listRoutes(kGateway, {}, window, [&](const auto &) { called = true; });
        QSignalSpy finished(call, &ApiCall::finished);
        QTimer::singleShot(50, window, [window] { delete window; });
        QVERIFY(finished.wait(3000));
        QTest::qWait(700);
        QVERIFY(!called);
        QCOMPARE(m_client->inFlight(), 0);
    }

    void requestsInFlightAreBounded()
    {
        auto options = fastOptions();
        options.maxInFlight = 2;
        m_client->setOptions(options);
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 6, 200, 1, QStringLiteral("GET"), {}, false});
        int done = 0;
        int maxSeen = 0;
        for (int i = 0; i < 6; ++i) {
            m_client->listRoutes(kGateway, {}, this, [&](const auto &r) {
                QVERIFY(r.ok());
                ++done;
            });
            maxSeen = std::max(maxSeen, m_client->inFlight());
        }
        QCOMPARE(m_client->inFlight(), 2);
        QCOMPARE(m_client->queued(), 4);
        QTRY_COMPARE_WITH_TIMEOUT(done, 6, 10000);
        QCOMPARE(maxSeen, 2);
        QCOMPARE(m_client->inFlight(), 0);
    }

    void requestLogIsRedactedAndUseful()
    {
        m_logLines.clear();
        auto list = listRoutes();
        QVERIFY(list);
        QVERIFY(!m_logLines.isEmpty());
        const QString line = m_logLines.last();
        QVERIFY2(line.startsWith(QStringLiteral("GET /client/v4/accounts/")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("\u2192 200 in")), qPrintable(line));
        QVERIFY(!line.contains(QString::fromLatin1(kToken)));
        // The redactor itself, for text a server might echo.
        const auto credentials = ApiCredentials::apiToken(kAccount, QStringLiteral("abc+/def"));
        QCOMPARE(credentials.redact(QStringLiteral("token abc+/def and abc%2B%2Fdef")),
                 QStringLiteral("token [redacted] and [redacted]"));
    }
};

TestApiClient *TestApiClient::s_instance = nullptr;

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
