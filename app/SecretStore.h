#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace QKeychain {
class Job;
}

namespace rd {

// Secrets in the operating system's keychain (Secret Service, Keychain, Credential Manager) through QtKeychain.
// Every call answers asynchronously, because the keychain may have to ask the user to unlock it.
//
// When the keychain cannot be used (no Secret Service on the bus, access denied) the store does not fail:
// it keeps secrets in memory until the app quits, turns persistent() false and says so once through
// keychainUnavailable(), so the UI can tell people they will have to enter the secret again next time.
//
// Calls started for a `context` object never call back once that object is gone, as with ApiClient.
// Nothing here logs a secret, and errors never contain one.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        bool ok = false;
        bool notFound = false; // read: nothing is stored under the key (ok is false)
        QString secret;        // read only
        QString error;         // when !ok and !notFound: one line safe to show
    };
    using Callback = std::function<void(const Result &)>;

    // `service` namespaces the entries in the keychain; "" = AppInfo::name().
    explicit SecretStore(QObject *parent = nullptr);
    explicit SecretStore(const QString &service, QObject *parent = nullptr);
    ~SecretStore() override;

    QString service() const { return m_service; }
    // True while secrets go to the keychain; false once it proved unusable, for the rest of the session.
    bool persistent() const { return m_persistent; }
    // Why the keychain could not be used, once persistent() is false.
    QString unavailableReason() const { return m_unavailableReason; }
    // The sentence the UI shows when persistent() is false.
    static QString sessionOnlyMessage();

    void write(const QString &key, const QString &secret, QObject *context, Callback callback);
    void read(const QString &key, QObject *context, Callback callback);
    // Succeeds when nothing was stored under the key either.
    void remove(const QString &key, QObject *context, Callback callback);
    // Finds out whether the keychain can be used without storing anything, so a dialog can warn before the
    // user types a secret. Answers ok = persistent().
    void probe(QObject *context, Callback callback);

signals:
    void keychainUnavailable(const QString &reason);

private:
    void startJob(QKeychain::Job *job, QObject *context, std::function<Result(QKeychain::Job *)> interpret,
                  Callback callback);
    // Deferred so that callers see the same order of events whether or not the keychain was involved.
    void answer(QObject *context, Callback callback, Result result);
    void fallBack(const QString &reason);

    QString m_service;
    bool m_persistent = true;
    QString m_unavailableReason;
    QHash<QString, QString> m_sessionSecrets;
};

} // namespace rd
