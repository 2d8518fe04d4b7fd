#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace rd {

class ApiClient;
class ConnectionStore;

// Which API the window works against, and a client for each: the built-in sandbox's, and one per saved
// connection, made on first use and kept, so that a tab opened from an account keeps its client after the window
// switches to another. Switching to a saved connection is asynchronous: its secret comes from the keychain.
class ConnectionManager : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionManager(QObject *parent = nullptr);
    ~ConnectionManager() override;

    // The sandbox's client and the saved connections; either may be null. Switches to the store's current
    // connection, and follows it from then on.
    void setSources(ApiClient *sandboxClient, ConnectionStore *store);
    ApiClient *sandboxClient() const { return m_sandboxClient; }
    // The local sandbox's gateways accept its session token as their gateway token (cf-aig-authorization): the
    // test request fills it in. In memory only, for this run.
    void setSandboxGatewayToken(const QString &token) { m_sandboxGatewayToken = token; }
    QString sandboxGatewayToken() const { return m_sandboxGatewayToken; }
    ConnectionStore *store() const { return m_store; }

    // What the window works against now (null until a switch ends), its name as people read it, and its id
    // ("" = the local sandbox).
    ApiClient *client() const { return m_client; }
    QString name() const { return m_name; }
    QString currentId() const;

    // Switches to a saved connection ("" = the local sandbox): at once for the sandbox, once the secret is read
    // for an account. An id the store does not hold is ignored.
    void switchTo(const QString &connectionId);
    // Makes `client` current under `name` without a store (a client made elsewhere, as tests do).
    void use(ApiClient *client, const QString &name);

    // Which connection `client` belongs to: "" for the local sandbox, a saved connection's id, or none.
    std::optional<QString> connectionOf(const ApiClient *client) const;
    // Whether the connection can be used: the sandbox is running, or the saved connection still exists.
    bool has(const QString &connectionId) const;

signals:
    // A switch to a saved connection started: its secret is being read.
    void switching(const QString &name);
    void clientChanged(rd::ApiClient *client, const QString &name);
    // A saved connection cannot be used: its secret could not be read, or its CA file; `error` is one line
    // safe to show.
    void secretUnreadable(const QString &name, const QString &error);
    // Connections were added, edited or removed, or another became current: menus listing them rebuild.
    void connectionsChanged();
    // The keychain cannot keep secrets beyond this session.
    void keychainUnavailable();

private:
    ApiClient *m_sandboxClient = nullptr;
    QString m_sandboxGatewayToken;
    ConnectionStore *m_store = nullptr;
    QHash<QString, ApiClient *> m_accountClients;
    QPointer<ApiClient> m_client;
    QString m_name;
};

} // namespace rd
