#pragma once

#include "model/Finding.h"
#include "model/Route.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <set>
#include <string>
#include <vector>

namespace rd {

class ApiCall;
class ApiClient;

// Warns about model nodes whose provider has no stored key (BYOK) on the route's gateway: such requests fail
// unless every caller sends its own key. The model's validator knows no gateway, so this check lives here: it
// reads each gateway's provider configs once (refresh() reads again), and its findings join the validator's in
// the route's document. Workers AI is Cloudflare's own and needs no key. Where callers do pass their own keys the
// warning is noise: silencing it is remembered per connection and gateway (QSettings; no secret is stored).
class GatewayKeyCheck : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kFindingCode = "missing-provider-key";

    // `connectionId` ("" = the local sandbox) keys the silenced gateways in the settings.
    GatewayKeyCheck(ApiClient *client, QString connectionId, QObject *parent = nullptr);

    ApiClient *client() const { return m_client; }
    QString connectionId() const { return m_connectionId; }

    // Whether the gateway's keys have been read; a read starts when they have not and none is running.
    bool isKnown(const QString &gatewayId) const { return m_keys.contains(gatewayId); }
    void ensure(const QString &gatewayId);
    // Reads the gateway's provider configs again (every page); changed() when the answer is in.
    void refresh(const QString &gatewayId);
    bool isLoading(const QString &gatewayId) const { return m_loading.contains(gatewayId); }
    // The providers with a stored key on the gateway (empty until known).
    std::set<std::string> storedProviders(const QString &gatewayId) const;
    // Why the last read failed, or empty.
    QString lastError(const QString &gatewayId) const { return m_errors.value(gatewayId); }

    bool isSilenced(const QString &gatewayId) const;
    void setSilenced(const QString &gatewayId, bool silenced);

    // A warning per model node whose provider has no stored key; none while the keys are unknown or the gateway
    // is silenced.
    std::vector<Finding> findings(const QString &gatewayId, const Route &route) const;
    // The check itself, with the gateway's stored providers given: what findings() runs, and tests call.
    static std::vector<Finding> check(const Route &route, const std::set<std::string> &storedProviders,
                                      const std::string &gatewayId);
    // The providers of the route's model nodes that need a key the gateway lacks, sorted.
    static std::vector<std::string> missingProviders(const Route &route, const std::set<std::string> &storedProviders);
    static bool needsKey(const std::string &provider);

signals:
    // The gateway's keys were read (or failed to be: lastError()), or its warning was silenced or unsilenced.
    void changed(const QString &gatewayId);

private:
    void readPage(const QString &gatewayId, int page, std::set<std::string> found);
    QString settingsKey(const QString &gatewayId) const;

    QPointer<ApiClient> m_client;
    QString m_connectionId;
    QHash<QString, std::set<std::string>> m_keys;
    QHash<QString, QString> m_errors;
    QHash<QString, QPointer<ApiCall>> m_loading;
};

} // namespace rd
