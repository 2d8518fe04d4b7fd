#pragma once

#include "model/Json.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace rd {

// One real request through a gateway's OpenAI-compatible endpoint, as an application would send it: the route's
// name as the model (`dynamic/<route>`), the metadata in `cf-aig-metadata`, the gateway token in
// `cf-aig-authorization` when the gateway wants one, and a provider key when the gateway stores none. What comes
// back: the status, the time it took, the answer's text and Cloudflare's `cf-aig-*` headers. Tokens are never
// part of any text this class produces.
class GatewayTestRequest : public QObject
{
    Q_OBJECT

public:
    struct Input
    {
        QUrl url;      // from chatCompletionsUrl()
        QString model; // "dynamic/support-chat" or "openai/gpt-4o-mini"
        QString prompt;
        Json metadata = Json::object(); // empty: no header
        QString gatewayToken;           // empty: not sent
        QString providerKey;            // empty: not sent
        int timeoutMs = 120'000;
    };
    struct Outcome
    {
        bool sent = false;      // false: nothing reached the server (bad address, refused, cancelled before)
        int status = 0;         // HTTP status, 0 when none came back
        qint64 latencyMs = 0;   // from sending to the whole answer
        QString servedModel;    // cf-aig-model
        QString servedProvider; // cf-aig-provider
        QString answer;         // the first choice's text
        QString errorText;      // what went wrong, one line a person can act on; empty on success
        QString body;           // the response body as text (truncated), for the details view
        QList<QPair<QString, QString>> headers; // the cf-aig-* headers, in the order received
        bool ok() const { return status >= 200 && status < 300 && errorText.isEmpty(); }
    };
    using Done = std::function<void(const Outcome &)>;

    explicit GatewayTestRequest(QObject *parent = nullptr);
    ~GatewayTestRequest() override;

    // The endpoint for a gateway, from the API base the app talks to: Cloudflare's API gives
    // https://gateway.ai.cloudflare.com/v1/…; any other base (the local sandbox) answers the data plane itself,
    // at the same scheme, host and port.
    static QUrl chatCompletionsUrl(const QUrl &apiBaseUrl, const QString &accountId, const QString &gatewayId);
    // Whether a request to `url` goes to Cloudflare (and so reaches a provider that bills it).
    static bool isCloudflare(const QUrl &url);

    void send(const Input &input, Done done);
    // Stops waiting. A request already sent may still have been served (and billed): the outcome says so.
    void cancel();
    bool isRunning() const { return !m_reply.isNull(); }

private:
    void finish(QNetworkReply *reply);

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_clock;
    Done m_done;
    bool m_cancelled = false;
};

} // namespace rd
