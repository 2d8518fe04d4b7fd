#include "app/ConnectionManager.h"

#include "app/ConnectionNetwork.h"
#include "app/ConnectionStore.h"
#include "app/SecretStore.h"
#include "app/api/ApiClient.h"

namespace rd {

ConnectionManager::ConnectionManager(QObject *parent) : QObject(parent)
{}

ConnectionManager::~ConnectionManager() = default;

void ConnectionManager::setSources(ApiClient *sandboxClient, ConnectionStore *store)
{
    if (m_store) {
        m_store->disconnect(this);
        m_store->secrets()->disconnect(this);
    }
    m_sandboxClient = sandboxClient;
    m_store = store;
    if (store) {
        connect(store, &ConnectionStore::connectionsChanged, this, &ConnectionManager::connectionsChanged);
        connect(store, &ConnectionStore::currentChanged, this, [this] {
            emit connectionsChanged();
            switchTo(m_store->currentId());
        });
        connect(store->secrets(), &SecretStore::keychainUnavailable, this,
                [this](const QString &) { emit keychainUnavailable(); });
    }
    emit connectionsChanged();
    switchTo(store ? store->currentId() : QString());
}

QString ConnectionManager::currentId() const
{
    return m_store ? m_store->currentId() : QString();
}

void ConnectionManager::switchTo(const QString &connectionId)
{
    if (connectionId.isEmpty() || !m_store) {
        if (m_sandboxClient) {
            use(m_sandboxClient, tr("Local sandbox"));
        }
        return;
    }
    const std::optional<Connection> connection = m_store->connection(connectionId);
    if (!connection) {
        return;
    }
    emit switching(connection->name);
    m_store->credentialsFor(
        *connection, this,
        [this, connection = *connection](const std::optional<ApiCredentials> &credentials, const QString &error) {
            if (!credentials) {
                emit secretUnreadable(connection.name, error);
                return;
            }
            ApiClient::Options options = m_accountClients.value(connection.id)
                                                 ? m_accountClients.value(connection.id)->options()
                                                 : ApiClient::Options{};
            options.baseUrl = connection.baseUrl;
            if (const auto problem = ConnectionNetwork::applyTo(connection, options)) {
                emit secretUnreadable(connection.name, *problem);
                return;
            }
            ApiClient *&client = m_accountClients[connection.id];
            if (!client) {
                client = new ApiClient(this);
                // Remembered per connection, so that the next session warns before the first edit.
                connect(client, &ApiClient::writeAccessChanged, this,
                        [this, id = connection.id](ApiTransport::WriteAccess access) {
                            if (m_store && access != ApiTransport::WriteAccess::Unknown) {
                                m_store->setWriteDenied(id, access == ApiTransport::WriteAccess::Denied);
                            }
                        });
            }
            client->setOptions(options);
            client->setCredentials(*credentials);
            if (connection.writeDenied && client->writeAccess() == ApiTransport::WriteAccess::Unknown) {
                client->setWriteAccess(ApiTransport::WriteAccess::Denied);
            }
            use(client, connection.name);
        });
}

void ConnectionManager::use(ApiClient *client, const QString &name)
{
    m_client = client;
    m_name = name;
    emit clientChanged(client, name);
}

std::optional<QString> ConnectionManager::connectionOf(const ApiClient *client) const
{
    if (!client) {
        return std::nullopt;
    }
    if (client == m_sandboxClient) {
        return QString();
    }
    for (auto it = m_accountClients.cbegin(); it != m_accountClients.cend(); ++it) {
        if (it.value() == client) {
            return it.key();
        }
    }
    return std::nullopt;
}

bool ConnectionManager::has(const QString &connectionId) const
{
    if (connectionId.isEmpty()) {
        return m_sandboxClient != nullptr;
    }
    return m_store && m_store->contains(connectionId);
}

} // namespace rd
