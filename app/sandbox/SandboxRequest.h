#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

class QHttpServerRequest;

namespace rd {

// A request copied out of Qt's HTTP server, so that a handler can run later (a slow fault) or twice over
// without the server's request object, which is reused for the connection's next request.
struct SandboxRequest
{
    QString method;       // "GET", "POST", ...; "UNKNOWN" for what Qt could not name
    QString path;         // percent-decoded, for matching and messages
    QStringList segments; // the path split on '/' before decoding, so an id with "%2F" stays one segment
    QList<std::pair<QString, QString>> query; // in order, repeated keys kept: log filters depend on both
    QMap<QByteArray, QByteArray> headers;     // names lower-cased
    QByteArray body;

    static SandboxRequest fromHttp(const QHttpServerRequest &request);
    // Test and tooling entry: path and query as they would appear in a URL.
    static SandboxRequest make(QString method, const QString &pathAndQuery, QByteArray body = {});

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
    std::optional<QString> queryValue(const QString &key) const;
};

} // namespace rd
