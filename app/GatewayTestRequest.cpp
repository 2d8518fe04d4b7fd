#include "app/GatewayTestRequest.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace rd {

namespace {

constexpr qsizetype kBodyShown = 64 * 1024;

QString errorMessageOf(const Json &body)
{
    // OpenAI's shape {"error": {"message": …}} and Cloudflare's envelope {"errors": [{"message": …}]}.
    if (body.is_object()) {
        if (const auto e = body.find("error"); e != body.end() && e->is_object()) {
            if (const auto m = e->find("message"); m != e->end() && m->is_string()) {
                return QString::fromStdString(m->get<std::string>());
            }
        }
        if (const auto es = body.find("errors"); es != body.end() && es->is_array() && !es->empty()) {
            const Json &first = es->front();
            if (first.is_object() && first.contains("message") && first["message"].is_string()) {
                return QString::fromStdString(first["message"].get<std::string>());
            }
        }
    }
    return {};
}

} // namespace

GatewayTestRequest::GatewayTestRequest(QObject *parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{}

GatewayTestRequest::~GatewayTestRequest()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

QUrl GatewayTestRequest::chatCompletionsUrl(const QUrl &apiBaseUrl, const QString &accountId, const QString &gatewayId)
{
    const QString path = QStringLiteral("/v1/%1/%2/compat/chat/completions")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(accountId)),
                                  QString::fromLatin1(QUrl::toPercentEncoding(gatewayId)));
    QUrl url;
    if (apiBaseUrl.host() == QLatin1String("api.cloudflare.com")) {
        url.setScheme(QStringLiteral("https"));
        url.setHost(QStringLiteral("gateway.ai.cloudflare.com"));
    } else {
        url.setScheme(apiBaseUrl.scheme());
        url.setHost(apiBaseUrl.host());
        url.setPort(apiBaseUrl.port());
    }
    url.setPath(path, QUrl::StrictMode);
    return url;
}

bool GatewayTestRequest::isCloudflare(const QUrl &url)
{
    return url.host() == QLatin1String("gateway.ai.cloudflare.com") ||
           url.host().endsWith(QLatin1String(".cloudflare.com"));
}

void GatewayTestRequest::send(const Input &input, Done done)
{
    if (m_reply) {
        return;
    }
    m_done = std::move(done);
    m_cancelled = false;
    QNetworkRequest request(input.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(input.timeoutMs);
    if (input.metadata.is_object() && !input.metadata.empty()) {
        request.setRawHeader("cf-aig-metadata", QByteArray::fromStdString(input.metadata.dump(
                                                    -1, ' ', false, Json::error_handler_t::replace)));
    }
    if (!input.gatewayToken.isEmpty()) {
        request.setRawHeader("cf-aig-authorization", "Bearer " + input.gatewayToken.toUtf8());
    }
    if (!input.providerKey.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + input.providerKey.toUtf8());
    }
    const Json body{{"model", input.model.toStdString()},
                    {"messages", Json::array({Json{{"role", "user"}, {"content", input.prompt.toStdString()}}})}};
    m_clock.start();
    m_reply = m_network->post(request, QByteArray::fromStdString(body.dump()));
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finish(reply); });
}

void GatewayTestRequest::cancel()
{
    if (m_reply) {
        m_cancelled = true;
        m_reply->abort(); // finished() follows, with OperationCanceledError
    }
}

void GatewayTestRequest::finish(QNetworkReply *reply)
{
    reply->deleteLater();
    m_reply = nullptr;
    Outcome out;
    out.latencyMs = m_clock.elapsed();
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Any status means the server had the request; a cancel or a lost connection before one leaves it unknown
    // whether it was served (and billed), and the message says so rather than claiming it was not.
    out.sent = out.status != 0 || reply->error() == QNetworkReply::OperationCanceledError ||
               reply->error() == QNetworkReply::RemoteHostClosedError || reply->error() == QNetworkReply::TimeoutError;
    for (const QNetworkReply::RawHeaderPair &header : reply->rawHeaderPairs()) {
        const QString name = QString::fromLatin1(header.first).toLower();
        if (name.startsWith(QLatin1String("cf-aig-")) || name == QLatin1String("retry-after")) {
            out.headers.append({name, QString::fromUtf8(header.second)});
        }
    }
    out.servedModel = QString::fromUtf8(reply->rawHeader("cf-aig-model"));
    out.servedProvider = QString::fromUtf8(reply->rawHeader("cf-aig-provider"));
    const QByteArray data = reply->readAll();
    out.body = QString::fromUtf8(data.left(kBodyShown));
    const Json json = Json::parse(data.toStdString(), nullptr, false);

    if (out.status == 0) {
        if (m_cancelled) {
            out.errorText = tr("Cancelled. The request may already have reached the gateway and been served: its "
                               "logs will tell.");
        } else if (reply->error() == QNetworkReply::TimeoutError ||
                   reply->error() == QNetworkReply::OperationCanceledError) {
            out.errorText = tr("No answer in time. The request may still have been served: check the gateway's "
                               "logs before sending it again.");
        } else if (out.sent) {
            out.errorText = tr("The connection closed before an answer came (%1). The request may have been "
                               "served: check the gateway's logs.")
                                .arg(reply->errorString());
        } else {
            out.errorText = tr("The gateway could not be reached: %1").arg(reply->errorString());
        }
    } else if (out.status < 200 || out.status >= 300) {
        const QString message = json.is_discarded() ? QString() : errorMessageOf(json);
        out.errorText = message.isEmpty() ? tr("The gateway answered HTTP %1.").arg(out.status)
                                          : tr("The gateway answered HTTP %1: %2").arg(out.status).arg(message);
        if (out.status == 401) {
            out.errorText += QLatin1Char(' ') + tr("Check the gateway token (the gateway has authentication on).");
        }
    } else if (!json.is_discarded() && json.is_object()) {
        const Json *content = nullptr;
        if (const auto choices = json.find("choices");
            choices != json.end() && choices->is_array() && !choices->empty()) {
            const Json &first = choices->front();
            if (first.is_object() && first.contains("message") && first["message"].is_object()) {
                const Json &message = first["message"];
                if (message.contains("content") && message["content"].is_string()) {
                    content = &message["content"];
                }
            }
        }
        if (content) {
            out.answer = QString::fromStdString(content->get<std::string>());
        } else {
            out.errorText = tr("The answer is not a chat completion: no choices[0].message.content.");
        }
    } else {
        out.errorText = tr("The answer is not JSON.");
    }
    Done done = std::move(m_done);
    m_done = nullptr;
    if (done) {
        done(out);
    }
}

} // namespace rd
