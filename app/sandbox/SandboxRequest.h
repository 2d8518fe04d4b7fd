#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace rd {

// A request as handlers see it: path split and decoded, query in order, headers by lower-case name. A value,
// so that a handler can run later (a slow fault) or twice over.
struct SandboxRequest
{
    QString method;       // "GET", "POST", ... as sent (methods are case-sensitive)
    QString path;         // percent-decoded, for matching and messages
    QStringList segments; // the path split on '/' before decoding, so an id with "%2F" stays one segment
    QList<std::pair<QString, QString>> query; // in order, repeated keys kept: log filters depend on both
    QMap<QByteArray, QByteArray> headers;     // names lower-cased
    QByteArray body;

    // From a parsed HTTP head: `target` is the origin-form request target, still percent-encoded. The body is
    // filled in later, once the head has been screened.
    static SandboxRequest fromHead(const QByteArray &method, const QByteArray &target,
                                   const QList<std::pair<QByteArray, QByteArray>> &headers);
    // Test and tooling entry: path and query as they would appear in a URL.
    static SandboxRequest make(QString method, const QString &pathAndQuery, QByteArray body = {});

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
    std::optional<QString> queryValue(const QString &key) const;
};

} // namespace rd
