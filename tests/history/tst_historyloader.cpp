// RouteHistoryLoader, the one place the history panel and the deploy dialog read a route's versions and
// deployments, against an in-process sandbox over loopback HTTP: the answers joined, a failure that cancels its
// own sibling calls and nothing else, and the newest load winning over one still out.

#include "app/RouteHistoryLoader.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "support/RouteGenerator.h"
#include "support/SandboxFixture.h"

#include <QPointer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-historyloader-91b2";
const QString kAccount = QStringLiteral("3a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9");
const QString kGateway = QStringLiteral("demo-gateway");

Route namedRoute(Route route, const std::string &name)
{
    route.setName(name);
    return route;
}

// What one load's callbacks heard.
struct Heard
{
    int done = 0;
    int failed = 0;
    RouteHistory history;
    std::optional<RouteHistoryLoader::Part> part;
    std::optional<ApiError> error;
};

QList<ApiCall *> load(RouteHistoryLoader &loader, bool withRoute, const std::shared_ptr<Heard> &heard)
{
    return loader.load(
        withRoute,
        [heard](const RouteHistory &history) {
            ++heard->done;
            heard->history = history;
        },
        [heard](RouteHistoryLoader::Part part, const ApiError &error) {
            ++heard->failed;
            heard->part = part;
            heard->error = error;
        });
}

} // namespace

class TestHistoryLoader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    QStringList m_log;

    QString createRoute(const std::string &name)
    {
        auto created = await<Route>(
            [&](auto cb) { m_client->createRoute(kGateway, namedRoute(test::makeDemoRoute(), name), this, cb); });
        if (!created) {
            qWarning() << "create route failed:" << why(created.error);
            return {};
        }
        return QString::fromStdString(created.value->id());
    }

    // The route's versions as the API lists them, and the id of a second version that is then deployed.
    QString addAndDeployVersion(const QString &routeId, const std::string &name)
    {
        auto made = await<Route>([&](auto cb) {
            m_client->createVersion(kGateway, routeId, namedRoute(test::makeSyntheticRoute(12, 7), name), this, cb);
        });
        if (!made) {
            return {};
        }
        auto list = await<ListPage<RouteVersion>>([&](auto cb) {
            m_client->listVersions(kGateway, routeId,
                                   PageQuery{1, 50, {}, QStringLiteral("created_at"), QStringLiteral("desc")}, this,
                                   cb);
        });
        if (!list || list.value->items.empty()) {
            return {};
        }
        const QString newest = QString::fromStdString(list.value->items.front().versionId());
        auto deployed = await<Route>([&](auto cb) { m_client->createDeployment(kGateway, routeId, newest, this, cb); });
        return deployed ? newest : QString();
    }

    int cancelledLines(const QString &pathPart) const
    {
        int n = 0;
        for (const QString &line : m_log) {
            n += line.contains(pathPart) && line.contains(QStringLiteral("\u2192 cancelled")) ? 1 : 0;
        }
        return n;
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
        m_client = std::make_unique<ApiClient>();
        ApiClient::Options o = test::fastOptions(m_server->baseUrl(), 5000);
        o.maxRetries = 0; // a fault fails its call at once
        m_client->setOptions(o);
        m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        connect(m_client.get(), &ApiClient::requestLogged, this, [this](const QString &line) { m_log << line; });
    }

    void cleanup() { m_client.reset(); }

    // Both lists, newest first, joined into one answer; with the route, its own deployment names the deployed one.
    void joinsVersionsDeploymentsAndRoute()
    {
        const QString routeId = createRoute("loader-join");
        QVERIFY(!routeId.isEmpty());
        const QString second = addAndDeployVersion(routeId, "loader-join");
        QVERIFY(!second.isEmpty());

        RouteHistoryLoader loader(m_client.get(), kGateway, routeId);
        auto heard = std::make_shared<Heard>();
        QCOMPARE(load(loader, false, heard).size(), 2);
        QVERIFY(loader.isLoading());
        QTRY_COMPARE_WITH_TIMEOUT(heard->done, 1, 10000);
        QVERIFY(!loader.isLoading());
        QCOMPARE(heard->failed, 0);
        const RouteHistory &history = heard->history;
        QCOMPARE(history.versions.size(), std::size_t(2));
        QCOMPARE(history.deployments.size(), std::size_t(2));
        QVERIFY(history.versions.front().createdAt() >= history.versions.back().createdAt());
        QCOMPARE(history.latestVersionId(), second);
        QCOMPARE(history.deployedVersionId(), second);
        QCOMPARE(QString::fromStdString(history.deployments.front().versionId()), second);
        QVERIFY(!history.route);

        auto withRoute = std::make_shared<Heard>();
        QCOMPARE(load(loader, true, withRoute).size(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(withRoute->done, 1, 10000);
        QVERIFY(withRoute->history.route);
        QCOMPARE(QString::fromStdString(withRoute->history.route->id()), routeId);
        QCOMPARE(withRoute->history.deployedVersionId(), second);
    }

    // One call fails: the load reports it once, naming the part, and cancels its sibling still on the wire; another
    // load on the same client (another route) goes on and answers.
    void aFailureCancelsOnlyItsOwnSibling()
    {
        const QString failing = createRoute("loader-fail");
        const QString other = createRoute("loader-other");
        QVERIFY(!failing.isEmpty() && !other.isEmpty());
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 3000, 1, QStringLiteral("GET"),
                                        QStringLiteral("/routes/%1/versions").arg(failing), false});
        m_server->injectFault(FaultSpec{FaultSpec::Kind::ServerError, 1, 0, 1, QStringLiteral("GET"),
                                        QStringLiteral("/routes/%1/deployments").arg(failing), false});

        RouteHistoryLoader failingLoader(m_client.get(), kGateway, failing);
        RouteHistoryLoader otherLoader(m_client.get(), kGateway, other);
        auto failed = std::make_shared<Heard>();
        auto answered = std::make_shared<Heard>();
        const QList<ApiCall *> calls = load(failingLoader, false, failed);
        load(otherLoader, false, answered);
        QPointer<ApiCall> versionsCall(calls.front());

        QTRY_COMPARE_WITH_TIMEOUT(failed->failed, 1, 10000);
        QVERIFY(failed->part == RouteHistoryLoader::Part::Deployments);
        QCOMPARE(failed->error->httpStatus, 500);
        QVERIFY(!failingLoader.isLoading());
        // The slow sibling was cancelled, not waited for (its answer would take 3 s).
        QTRY_VERIFY_WITH_TIMEOUT(versionsCall.isNull() || versionsCall->isFinished(), 1000);
        QTRY_COMPARE_WITH_TIMEOUT(cancelledLines(QStringLiteral("/routes/%1/versions").arg(failing)), 1, 1000);

        QTRY_COMPARE_WITH_TIMEOUT(answered->done, 1, 10000);
        QCOMPARE(answered->failed, 0);
        QCOMPARE(answered->history.versions.size(), std::size_t(1));
        QCOMPARE(cancelledLines(QStringLiteral("/routes/%1/").arg(other)), 0);
        QCOMPARE(failed->done, 0);
        QCOMPARE(failed->failed, 1);
    }

    // A load started while one is out replaces it: the older one's calls are cancelled and its callbacks never
    // run, whatever its calls would have answered; the newest answers once.
    void theNewestLoadWins()
    {
        const QString routeId = createRoute("loader-newest");
        QVERIFY(!routeId.isEmpty());
        RouteHistoryLoader loader(m_client.get(), kGateway, routeId);
        auto older = std::make_shared<Heard>();
        auto newer = std::make_shared<Heard>();
        const QList<ApiCall *> olderCalls = load(loader, true, older);
        QPointer<ApiCall> olderVersions(olderCalls.front());
        load(loader, false, newer);
        QVERIFY(olderVersions.isNull() || olderVersions->isFinished()); // cancelled at once
        QTRY_COMPARE_WITH_TIMEOUT(newer->done, 1, 10000);
        QCOMPARE(newer->failed, 0);
        QCOMPARE(newer->history.versions.size(), std::size_t(1));
        QVERIFY(!newer->history.route); // the newer load's own answer, not the older one's
        QCOMPARE(older->done, 0);
        QCOMPARE(older->failed, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->inFlight(), 0, 10000);
        QCOMPARE(older->done, 0);
    }

    // Cancelled (by the loader's owner, or one call by an activity bar): neither callback runs.
    void aCancelledLoadCallsNoOne()
    {
        const QString routeId = createRoute("loader-cancel");
        QVERIFY(!routeId.isEmpty());
        RouteHistoryLoader loader(m_client.get(), kGateway, routeId);

        auto whole = std::make_shared<Heard>();
        load(loader, false, whole);
        loader.cancel();
        QVERIFY(!loader.isLoading());

        auto oneCall = std::make_shared<Heard>();
        const QList<ApiCall *> calls = load(loader, false, oneCall);
        calls.back()->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(m_client->inFlight(), 0, 10000);
        QVERIFY(!loader.isLoading());
        for (const auto &heard : {whole, oneCall}) {
            QCOMPARE(heard->done, 0);
            QCOMPARE(heard->failed, 0);
        }

        // The same loader loads again afterwards: the test above did not just break it.
        auto again = std::make_shared<Heard>();
        load(loader, false, again);
        QTRY_COMPARE_WITH_TIMEOUT(again->done, 1, 10000);
    }

    // A loader destroyed mid-load stops its calls and calls no one back.
    void destroyingTheLoaderStopsItsCalls()
    {
        const QString routeId = createRoute("loader-destroy");
        QVERIFY(!routeId.isEmpty());
        auto heard = std::make_shared<Heard>();
        auto loader = std::make_unique<RouteHistoryLoader>(m_client.get(), kGateway, routeId);
        const QList<ApiCall *> calls = load(*loader, false, heard);
        QPointer<ApiCall> call(calls.front());
        loader.reset();
        QVERIFY(call.isNull() || call->isFinished());
        QTRY_COMPARE_WITH_TIMEOUT(m_client->inFlight(), 0, 10000);
        QCOMPARE(heard->done, 0);
        QCOMPARE(heard->failed, 0);
    }
};

QTEST_GUILESS_MAIN(TestHistoryLoader)
#include "tst_historyloader.moc"
