#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace rd {

class ApiClient;
class SandboxServer;

// The built-in sandbox the app talks to when no Cloudflare account is set up: a SandboxServer on a free
// loopback port, with a token made up for this run only, and an ApiClient pointed at it. The database lives
// in the user's data folder, so what someone builds offline is still there next time.
class LocalSandbox : public QObject
{
    Q_OBJECT

public:
    // `databasePath` "" = the default file under the app's data folder.
    explicit LocalSandbox(const QString &databasePath = QString(), QObject *parent = nullptr);
    ~LocalSandbox() override;

    // False with `error` set when the server cannot start (no free port, unwritable database).
    bool start(QString *error = nullptr);
    bool isRunning() const { return m_running; }
    ApiClient *client() const { return m_client; }
    SandboxServer *server() const { return m_server.get(); }
    // This run's token: the API's, and the gateways' when they have authentication on.
    QString token() const { return m_token; }
    // The account id the sandbox data is kept under.
    static QString accountId();

private:
    std::unique_ptr<SandboxServer> m_server;
    ApiClient *m_client = nullptr;
    bool m_running = false;
    QString m_token;
};

} // namespace rd
