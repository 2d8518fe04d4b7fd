// Gateway administration through ApiClient against a real sandbox over loopback HTTP: every field of
// GatewaySettings::all() through create, get and update; each range and enum refused as an ApiError that names the
// field; fields the app does not know passed back; secrets the app omits kept; provider keys that never come back
// or get logged; gateway URLs; and what a read-only token's refused write looks like to the app.
#include "app/api/ApiClient.h"
#include "app/api/ApiEndpoints.h"
#include "app/sandbox/SandboxServer.h"
#include "model/GatewaySettings.h"
#include "sandbox/GatewayFieldCases.h"
#include "support/ApiAwait.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "apigateways-token-a81c3f5e";
const QByteArray kReadOnlyToken = "apigateways-reader-2d9e7b10";
const QString kAccount = QStringLiteral("apigateways");
const QString kProviderSecret = QStringLiteral("sk-proj-CLIENTSECRET-e8d1a47b");

// Field by field rather than through Gateway::fromJson, which refuses a wrongly typed field: the refusal tests want
// the server to see what the client sends.
Gateway gatewayFrom(const Json &json)
{
    Gateway gateway;
    for (const auto &[key, value] : json.items()) {
        gateway.setField(key, value);
    }
    return gateway;
}

Json withRequired(const std::string &id, Json body)
{
    const Json required = rd::test::gatewayRequiredFields();
    for (const auto &[key, value] : required.items()) {
        if (!body.contains(key)) {
            body[key] = value;
        }
    }
    body["id"] = id;
    return body;
}

// The record as the app holds it: every secret taken out (the editor never keeps them).
Json withoutSecrets(Json gateway)
{
    for (const std::string &pointer : GatewaySettings::secretPointers(gateway)) {
        const Json::json_pointer path(pointer);
        gateway.at(path.parent_pointer()).erase(path.back());
    }
    return gateway;
}

} // namespace

class TestApiGateways : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    QStringList m_logLines;
    QStringList m_messages;

    static TestApiGateways *s_instance;
    static void captureMessages(QtMsgType, const QMessageLogContext &, const QString &message)
    {
        if (s_instance) {
            s_instance->m_messages << message;
        }
        fprintf(stderr, "%s\n", qPrintable(message));
    }

    std::unique_ptr<ApiClient> makeClient(const QByteArray &token)
    {
        auto client = std::make_unique<ApiClient>();
        ApiClient::Options options;
        options.baseUrl = m_server->baseUrl();
        options.timeoutMs = 5000;
        options.backoffInitialMs = 20;
        options.backoffMaxMs = 100;
        client->setOptions(options);
        client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(token)));
        connect(client.get(), &ApiClient::requestLogged, this, [this](const QString &line) { m_logLines << line; });
        return client;
    }

    ApiResult<Gateway> create(const Json &json, ApiClient *client = nullptr)
    {
        ApiClient *c = client ? client : m_client.get();
        return await<Gateway>([&](auto cb) { c->createGateway(gatewayFrom(json), this, cb); });
    }
    ApiResult<Gateway> get(const QString &id)
    {
        return await<Gateway>([&](auto cb) { m_client->getGateway(id, this, cb); });
    }
    ApiResult<Gateway> update(const Gateway &gateway, ApiClient *client = nullptr)
    {
        ApiClient *c = client ? client : m_client.get();
        return await<Gateway>([&](auto cb) { c->updateGateway(gateway, this, cb); });
    }
    ApiResult<Gateway> remove(const QString &id, ApiClient *client = nullptr)
    {
        ApiClient *c = client ? client : m_client.get();
        return await<Gateway>([&](auto cb) { c->deleteGateway(id, this, cb); });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        s_instance = this;
        qInstallMessageHandler(&TestApiGateways::captureMessages);
        SandboxServer::Options options;
        options.databasePath = m_dir.filePath(QStringLiteral("sandbox.sqlite"));
        options.token = kToken;
        m_server = std::make_unique<SandboxServer>(options);
        m_server->addReadOnlyToken(kReadOnlyToken);
        QString error;
        QVERIFY2(m_server->start(0, &error), qPrintable(error));
    }

    void init() { m_client = makeClient(kToken); }
    void cleanup() { m_client.reset(); }

    void cleanupTestCase()
    {
        qInstallMessageHandler(nullptr);
        s_instance = nullptr;
        QVERIFY(!m_logLines.isEmpty());
        // No secret in what the client logged or anything printed (the sandbox runs in this process).
        for (const QString &secret :
             {QString::fromLatin1(kToken), QString::fromLatin1(kReadOnlyToken), kProviderSecret,
              QString::fromLatin1(rd::test::kOtelSecretA), QString::fromLatin1(rd::test::kStripeSecret)}) {
            for (const QString &line : std::as_const(m_logLines) + std::as_const(m_messages)) {
                QVERIFY2(!line.contains(secret), qPrintable(line));
            }
        }
        m_server.reset();
    }

    void everyFieldRoundTrips()
    {
        const Json first = withRequired("all-fields", rd::test::gatewayAllFields(false));
        auto created = create(first);
        QVERIFY2(created, qPrintable(why(created.error)));
        auto got = get(QStringLiteral("all-fields"));
        QVERIFY2(got, qPrintable(why(got.error)));
        for (const GatewaySetting &setting : GatewaySettings::all()) {
            const std::string key(setting.key);
            QVERIFY2(got.value->json().contains(key), key.c_str());
            QVERIFY2(got.value->json()[key] == first[key],
                     qPrintable(QStringLiteral("%1: sent %2, read %3")
                                    .arg(QString::fromStdString(key), QString::fromStdString(first[key].dump()),
                                         QString::fromStdString(got.value->json()[key].dump()))));
            QVERIFY2(created.value->json()[key] == first[key], key.c_str());
        }

        // The update changes every field (the other DLP shape, two exporters, the other end of each range).
        const Json second = rd::test::gatewayAllFields(true);
        Gateway changed = *got.value;
        for (const auto &[key, value] : second.items()) {
            changed.setField(key, value);
        }
        auto updated = update(changed);
        QVERIFY2(updated, qPrintable(why(updated.error)));
        auto again = get(QStringLiteral("all-fields"));
        QVERIFY2(again, qPrintable(why(again.error)));
        for (const GatewaySetting &setting : GatewaySettings::all()) {
            const std::string key(setting.key);
            QVERIFY2(again.value->json()[key] == second[key], key.c_str());
            QVERIFY2(updated.value->json()[key] == second[key], key.c_str());
        }
        QCOMPARE(again.value->createdAt(), got.value->createdAt());
        QVERIFY(again.value->json()["dlp"].contains("policies"));
        QCOMPARE(again.value->json()["otel"].size(), std::size_t(2));
        QCOMPARE(again.value->json()["stripe"]["usage_events"].size(), std::size_t(2));
    }

    void refusedFieldNamesIt_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("mentions");
        for (const rd::test::GatewayFieldCase &c : rd::test::gatewayRefusedCases()) {
            QTest::newRow(c.name.c_str()) << QString::fromStdString(c.key) << QByteArray::fromStdString(c.value.dump())
                                          << QString::fromStdString(c.mentions);
        }
    }

    void refusedFieldNamesIt()
    {
        QFETCH(QString, key);
        QFETCH(QByteArray, value);
        QFETCH(QString, mentions);
        Json body = withRequired("refused-gw", rd::test::gatewayRequiredFields());
        body[key.toStdString()] = Json::parse(value.toStdString());

        auto created = create(body);
        QVERIFY(!created);
        QCOMPARE(created.error->kind, ApiError::Kind::Api);
        QCOMPARE(created.error->httpStatus, 400);
        QVERIFY(!created.error->mayHaveBeenApplied);
        QCOMPARE(created.error->messages.size(), std::size_t(1));
        QVERIFY(created.error->hasCode(7001));
        const QString message = QString::fromStdString(created.error->messages.front().message);
        QVERIFY2(message.contains(mentions), qPrintable(message));
        QVERIFY2(created.error->summary.contains(mentions), qPrintable(created.error->summary));
        auto absent = get(QStringLiteral("refused-gw"));
        QVERIFY(!absent && absent.error->isNotFound());

        // The same value in an update of an existing gateway: refused, and the stored one is unchanged.
        static bool made = false;
        if (!made) {
            auto target = create(withRequired("refused-target", rd::test::gatewayRequiredFields()));
            QVERIFY2(target, qPrintable(why(target.error)));
            made = true;
        }
        auto before = get(QStringLiteral("refused-target"));
        QVERIFY2(before, qPrintable(why(before.error)));
        Gateway changed = *before.value;
        changed.setField(key.toStdString(), Json::parse(value.toStdString()));
        auto updated = update(changed);
        QVERIFY(!updated);
        QCOMPARE(updated.error->httpStatus, 400);
        QVERIFY2(QString::fromStdString(updated.error->messages.front().message).contains(mentions),
                 qPrintable(updated.error->summary));
        auto after = get(QStringLiteral("refused-target"));
        QVERIFY2(after, qPrintable(why(after.error)));
        QVERIFY(after.value->json() == before.value->json());
    }

    // A field Cloudflare added that this app does not know: the app keeps the record whole, so an update sends it
    // back and it survives. The sandbox drops an unknown field an update leaves out (a PUT replaces what it does
    // not know), which is what would catch an app that lost it.
    void unknownFieldSurvivesAnUpdate()
    {
        auto created = create(withRequired("pass-through", rd::test::gatewayRequiredFields()));
        QVERIFY2(created, qPrintable(why(created.error)));
        const Json future{{"mode", "strict"}, {"limits", Json::array({1, 2})}};
        QVERIFY(m_server->setStoredGatewayField(kAccount, QStringLiteral("pass-through"), "future_setting", future));

        auto got = get(QStringLiteral("pass-through"));
        QVERIFY2(got, qPrintable(why(got.error)));
        QVERIFY(got.value->json()["future_setting"] == future);
        Gateway changed = *got.value;
        changed.setCacheTtl(Number::fromInteger(45));
        auto updated = update(changed);
        QVERIFY2(updated, qPrintable(why(updated.error)));
        QVERIFY(updated.value->json()["future_setting"] == future);
        auto again = get(QStringLiteral("pass-through"));
        QVERIFY2(again, qPrintable(why(again.error)));
        QVERIFY(again.value->json()["future_setting"] == future);
        QCOMPARE(again.value->cacheTtl()->toInteger(), qint64(45));

        Json without = again.value->json();
        without.erase("future_setting");
        auto dropped = update(gatewayFrom(without));
        QVERIFY2(dropped, qPrintable(why(dropped.error)));
        auto last = get(QStringLiteral("pass-through"));
        QVERIFY2(last, qPrintable(why(last.error)));
        QVERIFY(!last.value->json().contains("future_setting"));
    }

    void omittedSecretsAreKept()
    {
        auto created = create(withRequired("secret-keeper", rd::test::gatewayAllFields(false)));
        QVERIFY2(created, qPrintable(why(created.error)));
        auto got = get(QStringLiteral("secret-keeper"));
        QVERIFY2(got, qPrintable(why(got.error)));

        Gateway edited = gatewayFrom(withoutSecrets(got.value->json()));
        QVERIFY(!edited.json()["otel"][0].contains("authorization"));
        QVERIFY(!edited.json()["stripe"].contains("authorization"));
        edited.setCacheTtl(Number::fromInteger(77));
        Json otel = edited.json()["otel"];
        otel[0]["headers"]["x-added"] = "yes";
        edited.setField("otel", otel);
        auto updated = update(edited);
        QVERIFY2(updated, qPrintable(why(updated.error)));

        auto after = get(QStringLiteral("secret-keeper"));
        QVERIFY2(after, qPrintable(why(after.error)));
        QCOMPARE(after.value->cacheTtl()->toInteger(), qint64(77));
        QVERIFY(after.value->json()["otel"][0]["authorization"] == rd::test::kOtelSecretA);
        QVERIFY(after.value->json()["otel"][0]["headers"]["x-added"] == "yes");
        QVERIFY(after.value->json()["stripe"]["authorization"] == rd::test::kStripeSecret);

        // A new gateway has nothing to keep: without its secrets it is refused, naming the first one.
        Json fresh = withoutSecrets(withRequired("secretless", rd::test::gatewayAllFields(false)));
        auto refused = create(fresh);
        QVERIFY(!refused);
        QCOMPARE(refused.error->httpStatus, 400);
        QVERIFY2(refused.error->summary.contains(QStringLiteral("otel[0].authorization")),
                 qPrintable(refused.error->summary));
    }

    void providerConfigsNeverShowTheSecret()
    {
        const QString gateway = QStringLiteral("demo-gateway");
        auto created = await<ProviderConfig>([&](auto cb) {
            m_client->createProviderConfig(gateway, QStringLiteral("client-openai"), QStringLiteral("openai"),
                                           kProviderSecret, false, Number::fromInteger(50), Number::fromInteger(60),
                                           this, cb);
        });
        QVERIFY2(created, qPrintable(why(created.error)));
        QCOMPARE(created.value->alias(), std::string("client-openai"));
        QCOMPARE(created.value->providerSlug(), std::string("openai"));
        QCOMPARE(created.value->secretPreview(), std::string("sk-...a47b"));
        QCOMPARE(created.value->rateLimit()->toInteger(), qint64(50));
        QVERIFY(!created.value->json().contains("secret"));
        QVERIFY(QString::fromStdString(created.value->json().dump()).indexOf(QStringLiteral("CLIENTSECRET")) < 0);

        auto listed = await<ListPage<ProviderConfig>>([&](auto cb) {
            m_client->listProviderConfigs(gateway, PageQuery{1, 50, {}, {}, {}}, this, cb);
        });
        QVERIFY2(listed, qPrintable(why(listed.error)));
        bool found = false;
        for (const ProviderConfig &config : listed.value->items) {
            found = found || config.id() == created.value->id();
            QVERIFY(QString::fromStdString(config.json().dump()).indexOf(QStringLiteral("CLIENTSECRET")) < 0);
            QVERIFY(!config.secretPreview().empty());
        }
        QVERIFY(found);

        // Bad input: a 400 whose message names the field and never quotes the secret.
        auto refuse = [&](const Json &body, const QString &field) {
            auto result = await<ProviderConfig>([&](auto cb) {
                m_client->call(ApiEndpoints::createProviderConfig,
                               ApiArgs{{"gateway_id", gateway}, {"alias", QStringLiteral("x")}}.setBody(body), this,
                               ApiCallback<ProviderConfig>(cb));
            });
            QVERIFY(!result);
            QCOMPARE(result.error->httpStatus, 400);
            QCOMPARE(result.error->kind, ApiError::Kind::Api);
            QVERIFY2(result.error->summary.contains(field), qPrintable(result.error->summary));
            QVERIFY(!result.error->toString().contains(QStringLiteral("CLIENTSECRET")));
        };
        const std::string secret = kProviderSecret.toStdString();
        Json missingAlias = ProviderConfig::encodeCreate("a", "openai", secret, false);
        missingAlias.erase("alias");
        refuse(missingAlias, QStringLiteral("alias"));
        refuse(ProviderConfig::encodeCreate("a", "openai", "", false), QStringLiteral("secret"));
        refuse(ProviderConfig::encodeCreate("a", "openai", "   ", false), QStringLiteral("secret"));
        refuse(ProviderConfig::encodeCreate("a", "openai", secret, false, Number::fromInteger(-1)),
               QStringLiteral("rate_limit"));
        refuse(ProviderConfig::encodeCreate("", "openai", secret, false), QStringLiteral("alias"));

        // Nor in any file of the sandbox's data directory, nor in anything logged so far.
        QDirIterator files(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains("CLIENTSECRET"), qPrintable(file.fileName()));
            ++read;
        }
        QVERIFY(read >= 1);
        for (const QString &line : std::as_const(m_logLines) + std::as_const(m_messages)) {
            QVERIFY2(!line.contains(QStringLiteral("CLIENTSECRET")), qPrintable(line));
        }
    }

    void gatewayUrls()
    {
        const QString origin = QStringLiteral("http://127.0.0.1:%1").arg(m_server->port());
        for (const QString &provider : {QStringLiteral("openai"), QStringLiteral("anthropic"),
                                        QStringLiteral("workers-ai"), QStringLiteral("compat")}) {
            auto url = await<std::string>(
                [&](auto cb) { m_client->gatewayUrl(QStringLiteral("demo-gateway"), provider, this, cb); });
            QVERIFY2(url, qPrintable(why(url.error)));
            QCOMPARE(QString::fromStdString(*url.value),
                     QStringLiteral("%1/v1/%2/demo-gateway/%3").arg(origin, kAccount, provider));
        }
        auto missing = await<std::string>(
            [&](auto cb) { m_client->gatewayUrl(QStringLiteral("no-such-gw"), QStringLiteral("openai"), this, cb); });
        QVERIFY(!missing);
        QVERIFY(missing.error->isNotFound());
    }

    // What the app sees when a token may read but not write: Cloudflare answers the write 403 with code 10000,
    // the same as for a wrong token; reads with the same token work, which is what tells the two apart.
    void readOnlyTokenCannotWrite()
    {
        auto reader = makeClient(kReadOnlyToken);
        int accessChanges = 0;
        connect(reader.get(), &ApiClient::writeAccessChanged, this, [&] { ++accessChanges; });
        QCOMPARE(reader->writeAccess(), ApiClient::WriteAccess::Unknown);
        auto list = await<ListPage<Gateway>>([&](auto cb) { reader->listGateways({}, this, cb); });
        QVERIFY2(list, qPrintable(why(list.error)));
        QCOMPARE(reader->writeAccess(), ApiClient::WriteAccess::Unknown); // a read proves nothing about writes
        auto demo = await<Gateway>([&](auto cb) { reader->getGateway(QStringLiteral("demo-gateway"), this, cb); });
        QVERIFY2(demo, qPrintable(why(demo.error)));
        auto routes =
            await<ListPage<Route>>([&](auto cb) { reader->listRoutes(QStringLiteral("demo-gateway"), {}, this, cb); });
        QVERIFY2(routes, qPrintable(why(routes.error)));

        auto checkRefused = [](const std::optional<ApiError> &error) {
            QVERIFY(error);
            QCOMPARE(error->kind, ApiError::Kind::Api);
            QCOMPARE(error->httpStatus, 403);
            QVERIFY(error->isAuthError());
            QVERIFY(error->hasCode(10000));
            QVERIFY(!error->mayHaveBeenApplied);
            // Reads worked with this token, so the refusal is a missing permission, said as such (not "check the
            // token", which would send the person to fix credentials that are right).
            QVERIFY(error->writeDenied);
            QVERIFY2(error->summary.contains(QStringLiteral("AI Gateway Edit")), qPrintable(error->summary));
        };
        auto created = create(withRequired("reader-made", rd::test::gatewayRequiredFields()), reader.get());
        checkRefused(created.error);
        Gateway changed = *demo.value;
        changed.setCacheTtl(Number::fromInteger(1));
        checkRefused(update(changed, reader.get()).error);
        checkRefused(remove(QStringLiteral("demo-gateway"), reader.get()).error);
        auto config = await<ProviderConfig>([&](auto cb) {
            reader->createProviderConfig(QStringLiteral("demo-gateway"), QStringLiteral("r"), QStringLiteral("openai"),
                                         kProviderSecret, false, std::nullopt, std::nullopt, this, cb);
        });
        checkRefused(config.error);
        QVERIFY(!config.error->toString().contains(QStringLiteral("CLIENTSECRET")));

        // Learned from the first refusal, announced once.
        QCOMPARE(reader->writeAccess(), ApiClient::WriteAccess::Denied);
        QCOMPARE(accessChanges, 1);
        // New credentials may carry other permissions: forgotten. A write that succeeds proves them.
        reader->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        QCOMPARE(reader->writeAccess(), ApiClient::WriteAccess::Unknown);
        auto made = create(withRequired("writer-made", rd::test::gatewayRequiredFields()), reader.get());
        QVERIFY2(made, qPrintable(why(made.error)));
        QCOMPARE(reader->writeAccess(), ApiClient::WriteAccess::Granted);
        QVERIFY(remove(QStringLiteral("writer-made"), reader.get()));

        // A token refused before anything was read is not known to read at all: the credentials are blamed.
        auto fresh = makeClient(kReadOnlyToken);
        auto early = create(withRequired("early-made", rd::test::gatewayRequiredFields()), fresh.get());
        QVERIFY(early.error && !early.error->writeDenied);
        QCOMPARE(fresh->writeAccess(), ApiClient::WriteAccess::Unknown);

        // Nothing happened.
        QVERIFY(get(QStringLiteral("reader-made")).error->isNotFound());
        auto still = get(QStringLiteral("demo-gateway"));
        QVERIFY2(still, qPrintable(why(still.error)));
        QVERIFY(still.value->cacheTtl() == demo.value->cacheTtl());
    }
};

TestApiGateways *TestApiGateways::s_instance = nullptr;

QTEST_GUILESS_MAIN(TestApiGateways)
#include "tst_apigateways.moc"
