#pragma once

#include "app/Connection.h"
#include "app/api/ApiCredentials.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QSettings;

namespace rd {

class SecretStore;

// The saved connections and which one is current. Everything but the secrets goes to the settings (group
// "connections"); each secret goes to the SecretStore under Connection::secretKey(). No current connection
// means the built-in sandbox.
//
// Changes that involve a secret answer asynchronously; the list changes only once the secret is stored, so there
// is never a saved connection whose secret was lost on the way.
class ConnectionStore : public QObject
{
    Q_OBJECT

public:
    // `error` is empty on success; otherwise one line safe to show.
    using DoneCallback = std::function<void(const QString &error)>;
    using CredentialsCallback =
        std::function<void(const std::optional<ApiCredentials> &credentials, const QString &error)>;

    // Neither is owned; both must outlive the store.
    ConnectionStore(QSettings *settings, SecretStore *secrets, QObject *parent = nullptr);
    ~ConnectionStore() override;

    SecretStore *secrets() const { return m_secrets; }

    QList<Connection> connections() const { return m_connections; }
    std::optional<Connection> connection(const QString &id) const;
    bool contains(const QString &id) const { return connection(id).has_value(); }

    // "" when the built-in sandbox is current.
    QString currentId() const { return m_currentId; }
    std::optional<Connection> current() const { return connection(m_currentId); }
    // "" (or an unknown id) selects the built-in sandbox.
    void setCurrentId(const QString &id);

    // Adds a connection with its secret and returns it as it will be saved: an empty id gets a new one.
    Connection add(Connection connection, const QString &secret, QObject *context, DoneCallback done);
    // Replaces a saved connection; an empty `secret` keeps the stored one.
    void update(const Connection &connection, const QString &secret, QObject *context, DoneCallback done);
    // Forgets a connection and deletes its secret; the sandbox becomes current if it was.
    void remove(const QString &id, QObject *context, DoneCallback done = {});
    // Remembers whether the connection's credentials were refused a write (see Connection::writeDenied).
    void setWriteDenied(const QString &id, bool denied);

    // Reads the secret and puts together what ApiClient needs.
    void credentialsFor(const Connection &connection, QObject *context, CredentialsCallback done);

    // The operations go on when `context` is destroyed; only its callback is dropped.

signals:
    void connectionsChanged();
    void currentChanged();

private:
    void load();
    void saveList();
    void saveCurrent();
    void put(const Connection &connection);
    qsizetype indexOf(const QString &id) const;

    QSettings *m_settings;
    SecretStore *m_secrets;
    QList<Connection> m_connections;
    QString m_currentId;
};

} // namespace rd
