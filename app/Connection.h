#pragma once

#include "app/api/ApiClient.h"

#include <QString>
#include <QUrl>
#include <QUuid>

namespace rd {

// A saved way into a Cloudflare account. The secret is deliberately not part of it: this value is written to
// the settings file and passed around freely, while the secret lives in the keychain under secretKey().
struct Connection
{
    enum class Kind { ApiToken, GlobalKey };
    // System: the desktop's proxy settings; None: direct; Manual: through proxyUrl (http://host:port).
    enum class ProxyMode { System, None, Manual };

    QString id; // a uuid without braces; also names the keychain entry
    QString name;
    Kind kind = Kind::ApiToken;
    QString accountId;
    QString email; // GlobalKey only
    QUrl baseUrl = ApiClient::kCloudflareBaseUrl;
    ProxyMode proxyMode = ProxyMode::System;
    QUrl proxyUrl;
    // A PEM or DER file of CA certificates trusted besides the system's (a TLS-inspecting corporate proxy's).
    QString caCertificatesFile;
    // Learned from a 403 on a write (ApiTransport::WriteAccess::Denied), kept so that the next session warns
    // before the first edit; cleared when the secret is replaced or a write succeeds.
    bool writeDenied = false;

    static QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
    // Namespaced so other secrets the app may keep one day cannot collide with connections.
    QString secretKey() const { return QStringLiteral("connection/") + id; }
    bool isValid() const
    {
        return !id.isEmpty() && !accountId.isEmpty() && (kind == Kind::ApiToken || !email.isEmpty()) &&
               baseUrl.isValid() && (proxyMode != ProxyMode::Manual || proxyUrl.isValid());
    }

    friend bool operator==(const Connection &, const Connection &) = default;
};

} // namespace rd
