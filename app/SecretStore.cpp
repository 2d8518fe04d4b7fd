#include "app/SecretStore.h"

#include "app/AppInfo.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

namespace rd {

namespace {

// Reading a key nobody writes tells whether the keychain answers without storing anything and, unlike reading a
// real entry, without making the keychain ask to unlock an item.
const QString kProbeKey = QStringLiteral("keychain-probe");

QString describeJobError(const QKeychain::Job *job)
{
    const QString text = job->errorString().trimmed();
    return text.isEmpty() ? QStringLiteral("error %1").arg(int(job->error())) : text;
}

} // namespace

SecretStore::SecretStore(QObject *parent) : SecretStore(QString(), parent)
{}

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent), m_service(service.isEmpty() ? AppInfo::name() : service)
{}

SecretStore::~SecretStore() = default;

QString SecretStore::sessionOnlyMessage()
{
    return tr("No keychain available: the secret is kept until you quit.");
}

void SecretStore::write(const QString &key, const QString &secret, QObject *context, Callback callback)
{
    if (!m_persistent) {
        m_sessionSecrets.insert(key, secret);
        answer(context, std::move(callback), Result{true, false, {}, {}});
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(secret);
    startJob(
        job, context,
        [this, key, secret](QKeychain::Job *job) {
            if (job->error() != QKeychain::NoError) {
                // Whatever the reason, the user still wants to connect now: keep the secret for this session.
                fallBack(describeJobError(job));
                m_sessionSecrets.insert(key, secret);
            }
            return Result{true, false, {}, {}};
        },
        std::move(callback));
}

void SecretStore::read(const QString &key, QObject *context, Callback callback)
{
    if (const auto it = m_sessionSecrets.constFind(key); it != m_sessionSecrets.constEnd()) {
        answer(context, std::move(callback), Result{true, false, *it, {}});
        return;
    }
    if (!m_persistent) {
        answer(context, std::move(callback), Result{false, true, {}, {}});
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    startJob(
        job, context,
        [this](QKeychain::Job *job) {
            switch (job->error()) {
            case QKeychain::NoError:
                return Result{true, false, static_cast<QKeychain::ReadPasswordJob *>(job)->textData(), {}};
            case QKeychain::EntryNotFound:
                return Result{false, true, {}, {}};
            default:
                break;
            }
            const QString reason = describeJobError(job);
            fallBack(reason);
            return Result{
                false, false, {}, tr("The keychain could not be read (%1): enter the secret again.").arg(reason)};
        },
        std::move(callback));
}

void SecretStore::remove(const QString &key, QObject *context, Callback callback)
{
    m_sessionSecrets.remove(key);
    if (!m_persistent) {
        answer(context, std::move(callback), Result{true, false, {}, {}});
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    startJob(
        job, context,
        [this](QKeychain::Job *job) {
            switch (job->error()) {
            case QKeychain::NoError:
            case QKeychain::EntryNotFound:
                return Result{true, false, {}, {}};
            case QKeychain::CouldNotDeleteEntry:
                return Result{
                    false, false, {}, tr("The keychain could not delete the secret: %1").arg(describeJobError(job))};
            default:
                break;
            }
            // A keychain we cannot reach holds nothing we could still delete in this session.
            fallBack(describeJobError(job));
            return Result{true, false, {}, {}};
        },
        std::move(callback));
}

void SecretStore::probe(QObject *context, Callback callback)
{
    if (!m_persistent) {
        answer(context, std::move(callback), Result{false, false, {}, m_unavailableReason});
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(kProbeKey);
    startJob(
        job, context,
        [this](QKeychain::Job *job) {
            if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound) {
                return Result{true, false, {}, {}};
            }
            fallBack(describeJobError(job));
            return Result{false, false, {}, m_unavailableReason};
        },
        std::move(callback));
}

void SecretStore::startJob(QKeychain::Job *job, QObject *context, std::function<Result(QKeychain::Job *)> interpret,
                           Callback callback)
{
    // Jobs get no parent: destroying a job while the keychain still works on it is not safe, so each one runs
    // to its end and deletes itself; connecting to `this` drops the answer if the store is gone by then.
    job->setAutoDelete(true);
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    connect(job, &QKeychain::Job::finished, this,
            [guard, hasContext, interpret = std::move(interpret), callback = std::move(callback)](QKeychain::Job *job) {
                const Result result = interpret(job);
                if ((hasContext && !guard) || !callback) {
                    return;
                }
                callback(result);
            });
    job->start();
}

void SecretStore::answer(QObject *context, Callback callback, Result result)
{
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    QMetaObject::invokeMethod(
        this,
        [guard, hasContext, callback = std::move(callback), result = std::move(result)] {
            if ((hasContext && !guard) || !callback) {
                return;
            }
            callback(result);
        },
        Qt::QueuedConnection);
}

void SecretStore::fallBack(const QString &reason)
{
    if (!m_persistent) {
        return;
    }
    m_persistent = false;
    m_unavailableReason = reason;
    emit keychainUnavailable(reason);
}

} // namespace rd
