#include "SandboxTestClient.h"

#include "model/JsonText.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkRequest>
#include <QTimer>

namespace rd::test {

QByteArray TestReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

const Json &TestReply::result() const
{
    static const Json none;
    auto it = json.is_object() ? json.find("result") : json.end();
    return json.is_object() && it != json.end() ? *it : none;
}

std::int64_t TestReply::errorCode() const
{
    if (!json.is_object() || !json.contains("errors") || !json["errors"].is_array() || json["errors"].empty()) {
        return 0;
    }
    return json["errors"][0].value("code", std::int64_t{0});
}

QString TestReply::errorMessage() const
{
    if (!json.is_object() || !json.contains("errors") || !json["errors"].is_array() || json["errors"].empty()) {
        return {};
    }
    return QString::fromStdString(json["errors"][0].value("message", std::string()));
}

TestReply SandboxTestClient::send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                                  const Headers &headers, bool authenticate)
{
    const QUrl url = QUrl::fromEncoded(m_base.toEncoded() + pathAndQuery.toUtf8());
    return exchange(verb, url, body, headers, authenticate);
}

TestReply SandboxTestClient::sendRoot(const QByteArray &verb, const QString &path, const QByteArray &body)
{
    QUrl url = m_base;
    url.setPath(path);
    return exchange(verb, url, body, {}, true);
}

TestReply SandboxTestClient::sendRootAs(const QByteArray &verb, const QString &path, const QByteArray &body,
                                        const Headers &headers)
{
    QUrl url = m_base;
    url.setPath(path);
    return exchange(verb, url, body, headers, false);
}

TestReply SandboxTestClient::exchange(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                                      const Headers &headers, bool authenticate)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(20000);
    if (authenticate) {
        request.setRawHeader("Authorization", "Bearer " + m_token);
    }
    if (!body.isEmpty()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    for (const auto &[name, value] : headers) {
        request.setRawHeader(name, value);
    }
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply =
        body.isEmpty() ? m_nam.sendCustomRequest(request, verb) : m_nam.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, [&] { reply->abort(); });
    if (!reply->isFinished()) {
        loop.exec();
    }
    TestReply out;
    out.elapsedMs = clock.elapsed();
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    auto parsed = JsonText::parse(std::string_view(out.body.constData(), static_cast<std::size_t>(out.body.size())));
    out.parsed = parsed.value.has_value();
    if (parsed) {
        out.json = std::move(*parsed.value);
    }
    reply->deleteLater();
    return out;
}

} // namespace rd::test
