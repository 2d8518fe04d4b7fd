#include "app/ConnectionStore.h"
#include "app/SecretStore.h"
#include "app/sandbox/SandboxServer.h"
#include "ui/ConnectDialog.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUuid>

#include <memory>
#include <optional>

using namespace rd;

namespace {

const QByteArray kToken = "sandbox-token-c0nn3ct-9d1e5b";
const QString kAccount = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");
constexpr int kKeychainTimeoutMs = 15000;

// Runs the event loop until `value` is set or the time is up; the keychain answers over D-Bus.
template<class T> bool waitFor(const std::optional<T> &value, int timeoutMs = kKeychainTimeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!value && !deadline.hasExpired()) {
        QTest::qWait(10);
    }
    return value.has_value();
}

QString fileText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

template<class T> T *child(const QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(name));
    if (!found) {
        qFatal("no child %s", name);
    }
    return found;
}

} // namespace

class TestConnections : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    bool m_expectKeychain = false;
    // Unique per run so that entries from an earlier run (of a shared keyring) cannot answer for this one.
    QString m_service;
    QString m_iniPath;

    SecretStore::Result writeSecret(SecretStore &store, const QString &key, const QString &secret)
    {
        std::optional<SecretStore::Result> result;
        store.write(key, secret, this, [&](const SecretStore::Result &r) { result = r; });
        return waitFor(result) ? *result : SecretStore::Result{false, false, {}, QStringLiteral("test: timed out")};
    }
    SecretStore::Result readSecret(SecretStore &store, const QString &key)
    {
        std::optional<SecretStore::Result> result;
        store.read(key, this, [&](const SecretStore::Result &r) { result = r; });
        return waitFor(result) ? *result : SecretStore::Result{false, false, {}, QStringLiteral("test: timed out")};
    }
    SecretStore::Result removeSecret(SecretStore &store, const QString &key)
    {
        std::optional<SecretStore::Result> result;
        store.remove(key, this, [&](const SecretStore::Result &r) { result = r; });
        return waitFor(result) ? *result : SecretStore::Result{false, false, {}, QStringLiteral("test: timed out")};
    }
    QString addConnection(ConnectionStore &store, Connection &connection, const QString &secret)
    {
        std::optional<QString> error;
        connection = store.add(connection, secret, this, [&](const QString &e) { error = e; });
        return waitFor(error) ? *error : QStringLiteral("test: timed out");
    }
    std::optional<ApiCredentials> credentials(ConnectionStore &store, const Connection &connection,
                                              QString *errorOut = nullptr)
    {
        std::optional<std::optional<ApiCredentials>> result;
        store.credentialsFor(connection, this, [&](const std::optional<ApiCredentials> &c, const QString &error) {
            result = c;
            if (errorOut) {
                *errorOut = error;
            }
        });
        return waitFor(result) ? *result : std::nullopt;
    }
    // A fresh settings file per test, so that nothing one test saved can satisfy another.
    std::unique_ptr<QSettings> freshSettings(const QString &name)
    {
        m_iniPath = m_dir.filePath(name + QStringLiteral(".ini"));
        QFile::remove(m_iniPath);
        return std::make_unique<QSettings>(m_iniPath, QSettings::IniFormat);
    }
    static bool holdsSecret(const ApiCredentials &credentials, const QString &secret)
    {
        return credentials.redact(secret) == QLatin1String("[redacted]");
    }
    void screenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QTest::qWait(100);
            QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
        }
    }
    void fillDialog(ConnectDialog &dialog, const QString &token)
    {
        QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("Sandbox account"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "accountIdEdit"), kAccount);
        QTest::keyClicks(child<QLineEdit>(&dialog, "apiTokenEdit"), token);
        QTest::mouseClick(child<QToolButton>(&dialog, "advancedToggle"), Qt::LeftButton);
        QTest::keyClicks(child<QLineEdit>(&dialog, "baseUrlEdit"), m_server->baseUrl().toString());
    }

private slots:
    void initTestCase()
    {
        const QString expect = qEnvironmentVariable("RD_EXPECT_KEYCHAIN");
        QVERIFY2(expect == QLatin1String("1") || expect == QLatin1String("0"),
                 "set RD_EXPECT_KEYCHAIN=1 (under tests/connections/run-with-keyring.sh) or =0 (without D-Bus)");
        m_expectKeychain = expect == QLatin1String("1");
        m_service = QStringLiteral("Route Designer test ") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(m_dir.isValid());

        SandboxServer::Options options;
        options.databasePath = m_dir.filePath(QStringLiteral("sandbox.sqlite"));
        options.token = kToken;
        m_server = std::make_unique<SandboxServer>(options);
        QString error;
        QVERIFY2(m_server->start(0, &error), qPrintable(error));
    }

    void init() { m_server->clearFaults(); }

    void keychainAvailability()
    {
        SecretStore secrets(m_service);
        QSignalSpy unavailable(&secrets, &SecretStore::keychainUnavailable);
        QVERIFY(secrets.persistent()); // optimistic until the keychain was asked
        std::optional<SecretStore::Result> probed;
        secrets.probe(this, [&](const SecretStore::Result &r) { probed = r; });
        QVERIFY(waitFor(probed));
        QCOMPARE(probed->ok, m_expectKeychain);
        QCOMPARE(secrets.persistent(), m_expectKeychain);
        QCOMPARE(unavailable.count(), m_expectKeychain ? 0 : 1);
        QCOMPARE(secrets.unavailableReason().isEmpty(), m_expectKeychain);
    }

    void secretRoundTrip()
    {
        const QString key = QStringLiteral("roundtrip");
        const QString secret = QStringLiteral("rt-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        SecretStore writer(m_service);
        QSignalSpy unavailable(&writer, &SecretStore::keychainUnavailable);

        const SecretStore::Result written = writeSecret(writer, key, secret);
        QVERIFY2(written.ok, qPrintable(written.error));
        QCOMPARE(writer.persistent(), m_expectKeychain);
        QCOMPARE(unavailable.count(), m_expectKeychain ? 0 : 1);

        const SecretStore::Result sameStore = readSecret(writer, key);
        QVERIFY2(sameStore.ok, qPrintable(sameStore.error));
        QCOMPARE(sameStore.secret, secret);

        // A second store shares nothing in memory with the first: only the keychain can answer it.
        SecretStore reader(m_service);
        const SecretStore::Result fresh = readSecret(reader, key);
        if (m_expectKeychain) {
            QVERIFY2(fresh.ok, qPrintable(fresh.error));
            QCOMPARE(fresh.secret, secret);
            QVERIFY(reader.persistent());
        } else {
            QVERIFY(!fresh.ok);
            QVERIFY(!reader.persistent());
        }

        const SecretStore::Result removed = removeSecret(writer, key);
        QVERIFY2(removed.ok, qPrintable(removed.error));
        QVERIFY(readSecret(writer, key).notFound || !m_expectKeychain);
        QVERIFY(!readSecret(writer, key).ok);
        if (m_expectKeychain) {
            SecretStore again(m_service);
            QVERIFY(readSecret(again, key).notFound);
        }
        // Removing what is not there is not an error.
        QVERIFY(removeSecret(writer, key).ok);
    }

    void connectionStorePersistsWithoutSecret()
    {
        const QString secret = QStringLiteral("persist-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        Connection connection;
        connection.name = QStringLiteral("Production");
        connection.kind = Connection::Kind::GlobalKey;
        connection.accountId = kAccount;
        connection.email = QStringLiteral("ops@example.com");
        connection.baseUrl = m_server->baseUrl();

        SecretStore secrets(m_service);
        {
            auto settings = freshSettings(QStringLiteral("persist"));
            ConnectionStore store(settings.get(), &secrets);
            QVERIFY(store.connections().isEmpty());
            QVERIFY(store.currentId().isEmpty());
            QSignalSpy changed(&store, &ConnectionStore::connectionsChanged);
            QSignalSpy current(&store, &ConnectionStore::currentChanged);
            const QString error = addConnection(store, connection, secret);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(!connection.id.isEmpty());
            QCOMPARE(changed.count(), 1);
            QCOMPARE(store.connections().size(), 1);
            store.setCurrentId(connection.id);
            QCOMPARE(current.count(), 1);
            store.setCurrentId(QStringLiteral("no-such-id"));
            QVERIFY(store.currentId().isEmpty());
            store.setCurrentId(connection.id);
        }

        const QString ini = fileText(m_iniPath);
        QVERIFY2(ini.contains(kAccount), qPrintable(ini));
        QVERIFY(ini.contains(QStringLiteral("ops@example.com")));
        QVERIFY2(!ini.contains(secret), "the secret must never reach the settings file");

        // What a restart sees: the list from the file, the secret from the keychain (or, without one, nothing).
        QSettings reopened(m_iniPath, QSettings::IniFormat);
        SecretStore restartSecrets(m_service);
        ConnectionStore restarted(&reopened, &restartSecrets);
        QCOMPARE(restarted.connections().size(), 1);
        QCOMPARE(restarted.connections().first(), connection);
        QCOMPARE(restarted.currentId(), connection.id);
        QString error;
        const auto fromRestart = credentials(restarted, connection, &error);
        if (m_expectKeychain) {
            QVERIFY2(fromRestart, qPrintable(error));
            QCOMPARE(fromRestart->kind(), ApiCredentials::Kind::GlobalKey);
            QCOMPARE(fromRestart->accountId(), kAccount);
            QCOMPARE(fromRestart->email(), QStringLiteral("ops@example.com"));
            QVERIFY(holdsSecret(*fromRestart, secret));
        } else {
            QVERIFY(!fromRestart);
            QVERIFY(!error.isEmpty());
            // Within the session that kept it, the secret is still there.
            ConnectionStore sameSession(&reopened, &secrets);
            const auto fromSession = credentials(sameSession, connection);
            QVERIFY(fromSession && holdsSecret(*fromSession, secret));
        }
    }

    // Connect › Advanced's network choices and what was learned about the token's permissions: kept in the
    // settings file (no secret in any of them), read back on restart; a new secret forgets the refusal.
    void connectionStoreKeepsNetworkAndWriteAccess()
    {
        Connection connection;
        connection.name = QStringLiteral("Behind the proxy");
        connection.accountId = kAccount;
        connection.baseUrl = m_server->baseUrl();
        connection.proxyMode = Connection::ProxyMode::Manual;
        connection.proxyUrl = QUrl(QStringLiteral("http://proxy.corp.example:3128"));
        connection.caCertificatesFile = QStringLiteral("/etc/ssl/corp-ca.pem");
        SecretStore secrets(m_service);
        auto settings = freshSettings(QStringLiteral("network"));
        ConnectionStore store(settings.get(), &secrets);
        QVERIFY(addConnection(store, connection, QStringLiteral("network-secret-1")).isEmpty());
        store.setWriteDenied(connection.id, true);

        QSettings reopened(m_iniPath, QSettings::IniFormat);
        ConnectionStore restarted(&reopened, &secrets);
        QCOMPARE(restarted.connections().size(), 1);
        const Connection back = restarted.connections().first();
        QCOMPARE(back.proxyMode, Connection::ProxyMode::Manual);
        QCOMPARE(back.proxyUrl, connection.proxyUrl);
        QCOMPARE(back.caCertificatesFile, connection.caCertificatesFile);
        QVERIFY(back.writeDenied);
        QVERIFY(!fileText(m_iniPath).contains(QStringLiteral("network-secret-1")));

        // Editing without a new secret keeps what was learned; a new secret may carry other permissions.
        std::optional<QString> done;
        restarted.update(back, QString(), this, [&](const QString &error) { done = error; });
        QVERIFY(waitFor(done) && done->isEmpty());
        QVERIFY(restarted.connections().first().writeDenied);
        done.reset();
        restarted.update(back, QStringLiteral("network-secret-2"), this, [&](const QString &error) { done = error; });
        QVERIFY(waitFor(done));
        if (done->isEmpty()) { // without a keychain the secret cannot be written, nor the connection updated
            QVERIFY(!restarted.connections().first().writeDenied);
        }
        restarted.setWriteDenied(back.id, false);
        QVERIFY(!restarted.connections().first().writeDenied);
    }

    void dialogNetworkFields()
    {
        auto settings = freshSettings(QStringLiteral("dialog-network"));
        SecretStore secrets(m_service);
        ConnectionStore store(settings.get(), &secrets);
        ConnectDialog dialog(&store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fillDialog(dialog, QString::fromLatin1(kToken));
        auto *connect = child<QPushButton>(&dialog, "connectButton");
        auto *mode = child<QComboBox>(&dialog, "proxyMode");
        auto *address = child<QLineEdit>(&dialog, "proxyAddress");
        auto *proxyHint = child<QLabel>(&dialog, "proxyHint");
        auto *caFile = child<QLineEdit>(&dialog, "caCertificatesFile");
        auto *caHint = child<QLabel>(&dialog, "caHint");
        QVERIFY(mode->isVisible() && caFile->isVisible());
        QVERIFY(!address->isEnabled()); // the system's proxy by default
        QVERIFY(connect->isEnabled());

        mode->setCurrentIndex(mode->findData(int(Connection::ProxyMode::Manual)));
        QVERIFY(address->isEnabled());
        QVERIFY(!connect->isEnabled()); // a manual proxy needs an address
        QTest::keyClicks(address, QStringLiteral("http://me:pw@proxy.corp.example:3128"));
        QVERIFY(!connect->isEnabled());
        QVERIFY2(proxyHint->text().contains(QStringLiteral("password")), qPrintable(proxyHint->text()));
        address->clear();
        QTest::keyClicks(address, QStringLiteral("proxy.corp.example:3128"));
        QVERIFY(connect->isEnabled());
        QVERIFY(proxyHint->text().isEmpty());

        const QString notCert = m_dir.filePath(QStringLiteral("not-a-cert.txt"));
        QFile file(notCert);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello\n");
        file.close();
        QTest::keyClicks(caFile, notCert);
        QVERIFY(!connect->isEnabled());
        QVERIFY2(caHint->text().contains(QStringLiteral("no certificate")), qPrintable(caHint->text()));
        caFile->clear();
        QVERIFY(connect->isEnabled());
        screenshot(&dialog, QStringLiteral("connect-dialog-advanced.png"));

        // Connecting goes the connection's way: straight to the sandbox once "No proxy" is chosen.
        mode->setCurrentIndex(mode->findData(int(Connection::ProxyMode::None)));
        QSignalSpy finished(&dialog, &ConnectDialog::checkFinished);
        QTest::mouseClick(connect, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(store.connections().first().proxyMode, Connection::ProxyMode::None);
    }

    void removeDeletesSecret()
    {
        auto settings = freshSettings(QStringLiteral("remove"));
        SecretStore secrets(m_service);
        ConnectionStore store(settings.get(), &secrets);
        Connection connection;
        connection.name = QStringLiteral("Short-lived");
        connection.accountId = kAccount;
        const QString error = addConnection(store, connection, QStringLiteral("remove-me"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        store.setCurrentId(connection.id);
        QVERIFY(readSecret(secrets, connection.secretKey()).ok);

        QSignalSpy changed(&store, &ConnectionStore::connectionsChanged);
        QSignalSpy current(&store, &ConnectionStore::currentChanged);
        std::optional<QString> removed;
        store.remove(connection.id, this, [&](const QString &e) { removed = e; });
        QVERIFY(waitFor(removed));
        QVERIFY2(removed->isEmpty(), qPrintable(*removed));
        QVERIFY(store.connections().isEmpty());
        QVERIFY(store.currentId().isEmpty()); // back to the built-in sandbox
        QCOMPARE(changed.count(), 1);
        QCOMPARE(current.count(), 1);
        QVERIFY(!readSecret(secrets, connection.secretKey()).ok);
        if (m_expectKeychain) {
            SecretStore fresh(m_service);
            QVERIFY(readSecret(fresh, connection.secretKey()).notFound);
        }
        QSettings reopened(m_iniPath, QSettings::IniFormat);
        SecretStore otherSecrets(m_service);
        QVERIFY(ConnectionStore(&reopened, &otherSecrets).connections().isEmpty());
    }

    void dialogValidation()
    {
        auto settings = freshSettings(QStringLiteral("validation"));
        SecretStore secrets(m_service);
        ConnectionStore store(settings.get(), &secrets);
        ConnectDialog dialog(&store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *connect = child<QPushButton>(&dialog, "connectButton");
        auto *hint = child<QLabel>(&dialog, "accountIdHint");
        auto *token = child<QLineEdit>(&dialog, "apiTokenEdit");
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QCOMPARE(child<QLineEdit>(&dialog, "globalKeyEdit")->echoMode(), QLineEdit::Password);
        QVERIFY(!child<QLineEdit>(&dialog, "baseUrlEdit")->isVisible()); // advanced starts collapsed
        QVERIFY(!connect->isEnabled());

        QTest::keyClicks(child<QLineEdit>(&dialog, "accountIdEdit"), QStringLiteral("not-an-account"));
        QVERIFY(hint->isVisible()); // a warning, not a block
        QVERIFY(!connect->isEnabled());
        QTest::keyClicks(token, QStringLiteral("x"));
        QVERIFY(connect->isEnabled());

        QTest::mouseClick(child<QRadioButton>(&dialog, "globalKeyRadio"), Qt::LeftButton);
        QVERIFY(!token->isVisible());
        QVERIFY(child<QLineEdit>(&dialog, "emailEdit")->isVisible());
        QVERIFY(!connect->isEnabled());
        QTest::keyClicks(child<QLineEdit>(&dialog, "emailEdit"), QStringLiteral("ops@example.com"));
        QVERIFY(!connect->isEnabled());
        QTest::keyClicks(child<QLineEdit>(&dialog, "globalKeyEdit"), QStringLiteral("k"));
        QVERIFY(connect->isEnabled());

        QTest::mouseClick(child<QToolButton>(&dialog, "advancedToggle"), Qt::LeftButton);
        auto *baseUrl = child<QLineEdit>(&dialog, "baseUrlEdit");
        QVERIFY(baseUrl->isVisible());
        QTest::keyClicks(baseUrl, QStringLiteral("ftp://example.com"));
        QVERIFY(!connect->isEnabled());
        screenshot(&dialog, QStringLiteral("connect-dialog-validation.png"));
        baseUrl->clear();
        QVERIFY(connect->isEnabled());

        child<QLineEdit>(&dialog, "accountIdEdit")->setText(kAccount);
        QVERIFY(!hint->isVisible());
    }

    void dialogConnectsAndSaves()
    {
        auto settings = freshSettings(QStringLiteral("dialog"));
        SecretStore secrets(m_service);
        ConnectionStore store(settings.get(), &secrets);
        ConnectDialog dialog(&store);
        QSignalSpy finished(&dialog, &ConnectDialog::checkFinished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // The probe tells the dialog early whether the secret will outlive the session.
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(&dialog, "keychainNote")->isVisible(), !m_expectKeychain,
                                  kKeychainTimeoutMs);
        fillDialog(dialog, QString::fromLatin1(kToken));
        screenshot(&dialog, QStringLiteral("connect-dialog.png"));

        const int before = m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/ai-gateway/gateways"));
        auto *connect = child<QPushButton>(&dialog, "connectButton");
        QVERIFY(connect->isEnabled());
        QTest::mouseClick(connect, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
        // The check really went to the server.
        QVERIFY(m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/ai-gateway/gateways")) > before);

        QCOMPARE(store.connections().size(), 1);
        const Connection saved = store.connections().first();
        QCOMPARE(saved, dialog.connection());
        QCOMPARE(saved.name, QStringLiteral("Sandbox account"));
        QCOMPARE(saved.accountId, kAccount);
        QCOMPARE(saved.kind, Connection::Kind::ApiToken);
        QCOMPARE(saved.baseUrl, m_server->baseUrl());
        QCOMPARE(store.currentId(), saved.id);
        QVERIFY(!fileText(m_iniPath).contains(QString::fromLatin1(kToken)));
        const auto stored = credentials(store, saved);
        QVERIFY(stored && holdsSecret(*stored, QString::fromLatin1(kToken)));
        if (m_expectKeychain) {
            SecretStore fresh(m_service);
            const SecretStore::Result inKeychain = readSecret(fresh, saved.secretKey());
            QVERIFY2(inKeychain.ok, qPrintable(inKeychain.error));
            QCOMPARE(inKeychain.secret, QString::fromLatin1(kToken));
        }
    }

    void dialogRejectsWrongToken()
    {
        auto settings = freshSettings(QStringLiteral("wrong"));
        SecretStore secrets(m_service);
        ConnectionStore store(settings.get(), &secrets);
        QSignalSpy changed(&store, &ConnectionStore::connectionsChanged);
        ConnectDialog dialog(&store);
        QSignalSpy finished(&dialog, &ConnectDialog::checkFinished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fillDialog(dialog, QStringLiteral("wrong-token-5e1f"));
        QTest::mouseClick(child<QPushButton>(&dialog, "connectButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.first().first().toBool(), false);

        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isBusy());
        QVERIFY2(dialog.errorText().contains(QStringLiteral("did not accept the credentials")),
                 qPrintable(dialog.errorText()));
        QVERIFY(!dialog.errorText().contains(QStringLiteral("wrong-token-5e1f")));
        QVERIFY(child<QLabel>(&dialog, "connectError")->isVisible());
        QVERIFY(child<QPushButton>(&dialog, "connectButton")->isEnabled()); // fix the token and try again
        screenshot(&dialog, QStringLiteral("connect-dialog-error.png"));

        QVERIFY(store.connections().isEmpty());
        QCOMPARE(changed.count(), 0);
        QVERIFY(store.currentId().isEmpty());
        QVERIFY(!fileText(m_iniPath).contains(QStringLiteral("wrong-token-5e1f")));
        QVERIFY(!fileText(m_iniPath).contains(kAccount));
    }

    void dialogCancelStopsTheCheck()
    {
        auto settings = freshSettings(QStringLiteral("cancel"));
        SecretStore secrets(m_service);
        ConnectionStore store(settings.get(), &secrets);
        ConnectDialog dialog(&store);
        QSignalSpy finished(&dialog, &ConnectDialog::checkFinished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fillDialog(dialog, QString::fromLatin1(kToken));
        m_server->injectFault(FaultSpec{FaultSpec::Kind::Slow, 1, 1500, 1, QStringLiteral("GET"), {}, false});

        QTest::mouseClick(child<QPushButton>(&dialog, "connectButton"), Qt::LeftButton);
        QVERIFY(dialog.isBusy());
        QVERIFY(child<QProgressBar>(&dialog, "busyIndicator")->isVisible());
        QVERIFY(!child<QLineEdit>(&dialog, "apiTokenEdit")->isEnabled());
        QVERIFY(!child<QPushButton>(&dialog, "connectButton")->isEnabled());
        screenshot(&dialog, QStringLiteral("connect-dialog-busy.png"));

        QTest::mouseClick(child<QPushButton>(&dialog, "cancelButton"), Qt::LeftButton);
        QVERIFY(!dialog.isBusy());
        QVERIFY(dialog.isVisible()); // the first Cancel stops the check, it does not close
        QVERIFY(!child<QProgressBar>(&dialog, "busyIndicator")->isVisible());
        QVERIFY(child<QLineEdit>(&dialog, "apiTokenEdit")->isEnabled());
        QTest::qWait(2000); // past the slow answer: it must not count any more
        QCOMPARE(finished.count(), 0);
        QVERIFY(store.connections().isEmpty());

        QTest::mouseClick(child<QPushButton>(&dialog, "cancelButton"), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void dialogEditsAConnection()
    {
        auto settings = freshSettings(QStringLiteral("edit"));
        SecretStore secrets(m_service);
        ConnectionStore store(settings.get(), &secrets);
        Connection connection;
        connection.name = QStringLiteral("Before");
        connection.accountId = kAccount;
        connection.baseUrl = m_server->baseUrl();
        const QString error = addConnection(store, connection, QString::fromLatin1(kToken));
        QVERIFY2(error.isEmpty(), qPrintable(error));

        {
            // Renaming keeps the stored secret: the empty secret field still checks with it.
            ConnectDialog dialog(&store, connection);
            QSignalSpy finished(&dialog, &ConnectDialog::checkFinished);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QCOMPARE(child<QLineEdit>(&dialog, "accountIdEdit")->text(), kAccount);
            QVERIFY(child<QLineEdit>(&dialog, "baseUrlEdit")->isVisible()); // a custom URL is not hidden
            QVERIFY(child<QLineEdit>(&dialog, "apiTokenEdit")->text().isEmpty());
            auto *name = child<QLineEdit>(&dialog, "nameEdit");
            name->clear();
            QTest::keyClicks(name, QStringLiteral("After"));
            QVERIFY(child<QPushButton>(&dialog, "connectButton")->isEnabled());
            QTest::mouseClick(child<QPushButton>(&dialog, "connectButton"), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
            QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.errorText()));
        }
        QCOMPARE(store.connections().size(), 1);
        QCOMPARE(store.connections().first().name, QStringLiteral("After"));
        QCOMPARE(store.connections().first().id, connection.id);
        auto stored = credentials(store, store.connections().first());
        QVERIFY(stored && holdsSecret(*stored, QString::fromLatin1(kToken)));

        {
            // Switching to a global key needs the new secret; the sandbox takes its token as the key.
            ConnectDialog dialog(&store, store.connections().first());
            QSignalSpy finished(&dialog, &ConnectDialog::checkFinished);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QTest::mouseClick(child<QRadioButton>(&dialog, "globalKeyRadio"), Qt::LeftButton);
            QTest::keyClicks(child<QLineEdit>(&dialog, "emailEdit"), QStringLiteral("ops@example.com"));
            QVERIFY(!child<QPushButton>(&dialog, "connectButton")->isEnabled());
            QTest::keyClicks(child<QLineEdit>(&dialog, "globalKeyEdit"), QString::fromLatin1(kToken));
            QTest::mouseClick(child<QPushButton>(&dialog, "connectButton"), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
            QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.errorText()));
        }
        const Connection edited = store.connections().first();
        QCOMPARE(edited.kind, Connection::Kind::GlobalKey);
        QCOMPARE(edited.email, QStringLiteral("ops@example.com"));
        stored = credentials(store, edited);
        QVERIFY(stored && stored->kind() == ApiCredentials::Kind::GlobalKey);
        QVERIFY(!fileText(m_iniPath).contains(QString::fromLatin1(kToken)));
    }
};

QTEST_MAIN(TestConnections)
#include "tst_connections.moc"
