#include "app/ConnectionStore.h"

#include "app/SecretStore.h"

#include <QPointer>
#include <QSettings>

namespace rd {

namespace {

const QString kGroup = QStringLiteral("connections");
const QString kList = QStringLiteral("list");
const QString kCurrent = QStringLiteral("current");

QString kindName(Connection::Kind kind)
{
    return kind == Connection::Kind::GlobalKey ? QStringLiteral("globalKey") : QStringLiteral("apiToken");
}

std::optional<Connection::Kind> kindFromName(const QString &name)
{
    if (name == QLatin1String("apiToken")) {
        return Connection::Kind::ApiToken;
    }
    if (name == QLatin1String("globalKey")) {
        return Connection::Kind::GlobalKey;
    }
    return std::nullopt;
}

// Callers' callbacks run only while their context lives, but the store's own bookkeeping always completes.
template<class Callback> auto guarded(QObject *context, Callback callback)
{
    return [guard = QPointer<QObject>(context), hasContext = context != nullptr,
            callback = std::move(callback)](auto &&...args) {
        if ((hasContext && !guard) || !callback) {
            return;
        }
        callback(std::forward<decltype(args)>(args)...);
    };
}

} // namespace

ConnectionStore::ConnectionStore(QSettings *settings, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_settings(settings), m_secrets(secrets)
{
    load();
}

ConnectionStore::~ConnectionStore() = default;

std::optional<Connection> ConnectionStore::connection(const QString &id) const
{
    const qsizetype i = indexOf(id);
    return i < 0 ? std::nullopt : std::optional<Connection>(m_connections.at(i));
}

void ConnectionStore::setCurrentId(const QString &id)
{
    const QString next = contains(id) ? id : QString();
    if (next == m_currentId) {
        return;
    }
    m_currentId = next;
    saveCurrent();
    emit currentChanged();
}

Connection ConnectionStore::add(Connection connection, const QString &secret, QObject *context, DoneCallback done)
{
    if (connection.id.isEmpty()) {
        connection.id = Connection::newId();
    }
    auto reply = guarded(context, std::move(done));
    if (contains(connection.id)) {
        reply(tr("A connection with this id is already saved."));
        return connection;
    }
    if (secret.isEmpty()) {
        reply(tr("A connection needs its secret."));
        return connection;
    }
    m_secrets->write(connection.secretKey(), secret, this,
                     [this, connection, reply](const SecretStore::Result &result) {
                         if (!result.ok) {
                             reply(result.error);
                             return;
                         }
                         put(connection);
                         reply(QString());
                     });
    return connection;
}

void ConnectionStore::update(const Connection &connection, const QString &secret, QObject *context, DoneCallback done)
{
    auto reply = guarded(context, std::move(done));
    if (!contains(connection.id)) {
        reply(tr("The connection “%1” is no longer saved.").arg(connection.name));
        return;
    }
    if (secret.isEmpty()) {
        put(connection);
        reply(QString());
        return;
    }
    // A new secret may carry other permissions: what the old one was refused is forgotten.
    Connection renewed = connection;
    renewed.writeDenied = false;
    m_secrets->write(connection.secretKey(), secret, this,
                     [this, connection = renewed, reply](const SecretStore::Result &result) {
                         if (!result.ok) {
                             reply(result.error);
                             return;
                         }
                         // It may have been removed while the keychain was busy; do not bring it back.
                         if (contains(connection.id)) {
                             put(connection);
                         }
                         reply(QString());
                     });
}

void ConnectionStore::remove(const QString &id, QObject *context, DoneCallback done)
{
    auto reply = guarded(context, std::move(done));
    const qsizetype i = indexOf(id);
    if (i < 0) {
        reply(QString());
        return;
    }
    const Connection removed = m_connections.takeAt(i);
    saveList();
    const bool wasCurrent = m_currentId == id;
    if (wasCurrent) {
        m_currentId.clear();
        saveCurrent();
    }
    emit connectionsChanged();
    if (wasCurrent) {
        emit currentChanged();
    }
    m_secrets->remove(removed.secretKey(), this,
                      [reply](const SecretStore::Result &result) { reply(result.ok ? QString() : result.error); });
}

void ConnectionStore::setWriteDenied(const QString &id, bool denied)
{
    const qsizetype i = indexOf(id);
    if (i >= 0 && m_connections.at(i).writeDenied != denied) {
        Connection changed = m_connections.at(i);
        changed.writeDenied = denied;
        put(changed);
    }
}

void ConnectionStore::credentialsFor(const Connection &connection, QObject *context, CredentialsCallback done)
{
    auto reply = guarded(context, std::move(done));
    m_secrets->read(connection.secretKey(), this, [connection, reply](const SecretStore::Result &result) {
        if (!result.ok) {
            reply(std::nullopt,
                  result.notFound
                      ? tr("No secret is stored for “%1”: edit the connection to enter it again.").arg(connection.name)
                      : result.error);
            return;
        }
        reply(connection.kind == Connection::Kind::GlobalKey
                  ? ApiCredentials::globalKey(connection.accountId, connection.email, result.secret)
                  : ApiCredentials::apiToken(connection.accountId, result.secret),
              QString());
    });
}

void ConnectionStore::put(const Connection &connection)
{
    const qsizetype i = indexOf(connection.id);
    if (i >= 0 && m_connections.at(i) == connection) {
        return;
    }
    if (i >= 0) {
        m_connections[i] = connection;
    } else {
        m_connections.append(connection);
    }
    saveList();
    emit connectionsChanged();
}

qsizetype ConnectionStore::indexOf(const QString &id) const
{
    if (id.isEmpty()) {
        return -1;
    }
    for (qsizetype i = 0; i < m_connections.size(); ++i) {
        if (m_connections.at(i).id == id) {
            return i;
        }
    }
    return -1;
}

void ConnectionStore::load()
{
    m_settings->beginGroup(kGroup);
    const int size = m_settings->beginReadArray(kList);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        Connection c;
        c.id = m_settings->value(QStringLiteral("id")).toString();
        c.name = m_settings->value(QStringLiteral("name")).toString();
        const auto kind = kindFromName(m_settings->value(QStringLiteral("kind")).toString());
        c.accountId = m_settings->value(QStringLiteral("accountId")).toString();
        c.email = m_settings->value(QStringLiteral("email")).toString();
        c.baseUrl =
            QUrl(m_settings->value(QStringLiteral("baseUrl"), ApiClient::kCloudflareBaseUrl.toString()).toString());
        const QString proxy = m_settings->value(QStringLiteral("proxy"), QStringLiteral("system")).toString();
        c.proxyMode = proxy == QLatin1String("none")     ? Connection::ProxyMode::None
                      : proxy == QLatin1String("manual") ? Connection::ProxyMode::Manual
                                                         : Connection::ProxyMode::System;
        c.proxyUrl = QUrl(m_settings->value(QStringLiteral("proxyUrl")).toString());
        c.caCertificatesFile = m_settings->value(QStringLiteral("caCertificatesFile")).toString();
        c.writeDenied = m_settings->value(QStringLiteral("writeDenied"), false).toBool();
        if (!kind || indexOf(c.id) >= 0) {
            continue; // written by a newer version, or edited by hand: skip rather than guess
        }
        c.kind = *kind;
        if (c.isValid()) {
            m_connections.append(c);
        }
    }
    m_settings->endArray();
    const QString current = m_settings->value(kCurrent).toString();
    m_settings->endGroup();
    m_currentId = contains(current) ? current : QString();
}

void ConnectionStore::saveList()
{
    m_settings->beginGroup(kGroup);
    m_settings->remove(kList);
    m_settings->beginWriteArray(kList, int(m_connections.size()));
    for (int i = 0; i < m_connections.size(); ++i) {
        const Connection &c = m_connections.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("id"), c.id);
        m_settings->setValue(QStringLiteral("name"), c.name);
        m_settings->setValue(QStringLiteral("kind"), kindName(c.kind));
        m_settings->setValue(QStringLiteral("accountId"), c.accountId);
        if (c.kind == Connection::Kind::GlobalKey) {
            m_settings->setValue(QStringLiteral("email"), c.email);
        }
        m_settings->setValue(QStringLiteral("baseUrl"), c.baseUrl.toString());
        if (c.proxyMode != Connection::ProxyMode::System) {
            m_settings->setValue(QStringLiteral("proxy"), c.proxyMode == Connection::ProxyMode::None
                                                              ? QStringLiteral("none")
                                                              : QStringLiteral("manual"));
        }
        if (c.proxyMode == Connection::ProxyMode::Manual) {
            // Never with a password: ConnectDialog refuses a proxy address that carries one.
            m_settings->setValue(QStringLiteral("proxyUrl"), c.proxyUrl.toString(QUrl::RemoveUserInfo));
        }
        if (!c.caCertificatesFile.isEmpty()) {
            m_settings->setValue(QStringLiteral("caCertificatesFile"), c.caCertificatesFile);
        }
        if (c.writeDenied) {
            m_settings->setValue(QStringLiteral("writeDenied"), true);
        }
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->sync();
}

void ConnectionStore::saveCurrent()
{
    m_settings->beginGroup(kGroup);
    if (m_currentId.isEmpty()) {
        m_settings->remove(kCurrent);
    } else {
        m_settings->setValue(kCurrent, m_currentId);
    }
    m_settings->endGroup();
    m_settings->sync();
}

} // namespace rd
