#pragma once

#include "model/Json.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

#include <utility>

namespace rd::test {

// One finished exchange, read in full.
struct TestReply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMs = 0;
    bool parsed = false; // whether `body` is JSON
    Json json;

    QByteArray header(const QByteArray &name) const;
    // The first error's code, or 0.
    std::int64_t errorCode() const;
    QString errorMessage() const;
    // `result`, or null when the body has none.
    const Json &result() const;
};

// A plain QNetworkAccessManager that runs an event loop per request: the sandbox tests must not depend on
// the app's API client, which they exist to support.
class SandboxTestClient
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    SandboxTestClient(QUrl baseUrl, QByteArray token) : m_base(std::move(baseUrl)), m_token(std::move(token)) {}

    // `pathAndQuery` goes after the base URL and must be percent-encoded already.
    TestReply send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body = {},
                   const Headers &headers = {}, bool authenticate = true);
    TestReply get(const QString &pathAndQuery) { return send("GET", pathAndQuery); }
    TestReply post(const QString &pathAndQuery, const Json &body) { return send("POST", pathAndQuery, dump(body)); }
    TestReply put(const QString &pathAndQuery, const Json &body) { return send("PUT", pathAndQuery, dump(body)); }
    TestReply patch(const QString &pathAndQuery, const Json &body) { return send("PATCH", pathAndQuery, dump(body)); }
    TestReply del(const QString &pathAndQuery) { return send("DELETE", pathAndQuery); }

    // Requests outside /client/v4, like the fault control endpoint.
    TestReply sendRoot(const QByteArray &verb, const QString &path, const QByteArray &body = {});
    // The same with headers of one's own and no API token: how a client calls the gateway's data plane.
    TestReply sendRootAs(const QByteArray &verb, const QString &path, const QByteArray &body, const Headers &headers);

    static QByteArray dump(const Json &json) { return QByteArray::fromStdString(json.dump()); }

private:
    TestReply exchange(const QByteArray &verb, const QUrl &url, const QByteArray &body, const Headers &headers,
                       bool authenticate);

    QNetworkAccessManager m_nam;
    QUrl m_base;
    QByteArray m_token;
};

} // namespace rd::test
