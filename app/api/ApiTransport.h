#pragma once

#include "app/api/ApiCall.h"
#include "app/api/ApiCredentials.h"
#include "app/api/ApiRequest.h"
#include "app/api/ApiResult.h"
#include "model/ApiEnvelope.h"
#include "model/Decoded.h"

#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QSslCertificate>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <utility>

class QNetworkAccessManager;

namespace rd {

// How requests to Cloudflare's API travel, whatever the endpoint: a queue with a bound on what is on the wire,
// a timeout per attempt, retries, the credentials, one ApiError for every way a call can fail, and a secret that
// never reaches a message or the request log. What an endpoint is (its address, body and answer) is the
// catalogue's business (ApiEndpoints); ApiClient puts the two together.
//
// Every call is asynchronous: it returns at once and later calls back on the thread of the transport. Calls
// started for a `context` object are cancelled when that object is destroyed, and then never call back.
//
// Failed calls are retried with exponential backoff and jitter (honouring Retry-After) when that is safe:
// 408, 429, 5xx and network failures for reads and idempotent writes; only 429, 408 and failures before
// anything was sent for a POST, which the server may otherwise already have applied.
class ApiTransport : public QObject
{
    Q_OBJECT

public:
    static inline const QUrl kCloudflareBaseUrl{QStringLiteral("https://api.cloudflare.com/client/v4")};

    struct Options
    {
        QUrl baseUrl = kCloudflareBaseUrl;
        int timeoutMs = 30000;      // per attempt
        int maxRetries = 2;         // attempts after the first
        int maxInFlight = 6;        // requests on the wire at once; more wait in a queue
        int backoffInitialMs = 500; // first retry delay, doubling up to backoffMaxMs
        int backoffMaxMs = 8000;
        int maxRetryAfterMs = 60000; // a longer Retry-After is reported instead of waited out
        // How requests leave the machine: nullopt follows the system's proxy settings; a NoProxy proxy goes
        // direct; an HttpProxy goes through that proxy (corporate networks that have no system setting).
        std::optional<QNetworkProxy> proxy;
        // Trusted besides the system's: a corporate TLS-inspecting proxy's CA, say.
        QList<QSslCertificate> extraCaCertificates;
    };

    // What the credentials may do, learned from answers: nothing in the API reveals a token's permissions up
    // front. Denied after a write is refused with 403 while reads with the same credentials succeed; Granted
    // after a write succeeds. Unknown until then, and again after new credentials.
    enum class WriteAccess { Unknown, Granted, Denied };

    // A successful answer's envelope (`success: true`, 2xx), or why there is none.
    using EnvelopeCallback = std::function<void(const ApiCall &call, const ApiResult<ApiEnvelope> &answer)>;

    explicit ApiTransport(QObject *parent = nullptr);
    ~ApiTransport() override;

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }
    void setCredentials(const ApiCredentials &credentials);
    const ApiCredentials &credentials() const { return m_credentials; }

    WriteAccess writeAccess() const { return m_writeAccess; }
    // Seeds what an earlier session learned about these credentials (ConnectionManager keeps it per connection).
    void setWriteAccess(WriteAccess access);

    int inFlight() const { return m_running; }
    int queued() const { return static_cast<int>(m_queue.size()); }
    void cancelAll();

    // Queues `request`; `callback` hears the envelope of the final answer or the error.
    ApiCall *start(ApiRequest request, QObject *context, EnvelopeCallback callback);
    // The same, with the envelope decoded to a T by `decode` (a Decoded<T>(const ApiEnvelope &)): an answer of
    // another shape is an InvalidResponse error.
    template<class T, class Decode>
    ApiCall *send(ApiRequest request, QObject *context, ApiCallback<T> callback, Decode decode);

    // The full address of `request` for the current options and account.
    QUrl urlFor(const ApiRequest &request) const;

signals:
    // One line per finished HTTP exchange, safe to log: method, path and query, status, time. No headers,
    // no bodies, and the secret redacted should a server ever echo it into a URL.
    void requestLogged(const QString &line);
    void writeAccessChanged(rd::ApiTransport::WriteAccess access);

private:
    friend class ApiCall;

    void pump();
    void startAttempt(ApiCall *call);
    void onReplyFinished(ApiCall *call, QNetworkReply *reply);
    void finishCall(ApiCall *call, const HttpOutcome &outcome);
    void cancelCall(ApiCall *call);
    ApiResult<ApiEnvelope> interpret(const ApiCall *call, const HttpOutcome &outcome) const;
    bool shouldRetry(const ApiCall *call, const HttpOutcome &outcome, QString &reason) const;
    int retryDelayMs(const ApiCall *call, const HttpOutcome &outcome) const;
    ApiError makeError(const ApiCall *call, const HttpOutcome &outcome) const;
    ApiError cancelledError(const ApiCall *call) const;
    // A 2xx answer the client cannot read: `what` says how, for the details.
    ApiError invalidResponse(const ApiCall &call, const QString &what) const;

    QNetworkAccessManager *m_network;
    Options m_options;
    ApiCredentials m_credentials;
    QList<QPointer<ApiCall>> m_queue;
    int m_running = 0;
    bool m_destroying = false;
    bool m_readSucceeded = false; // a GET with these credentials was answered 2xx
    WriteAccess m_writeAccess = WriteAccess::Unknown;
};

template<class T, class Decode>
ApiCall *ApiTransport::send(ApiRequest request, QObject *context, ApiCallback<T> callback, Decode decode)
{
    return start(
        std::move(request), context,
        [this, callback = std::move(callback), decode](const ApiCall &call, const ApiResult<ApiEnvelope> &answer) {
            ApiResult<T> result;
            if (!answer) {
                result.error = answer.error;
            } else if (Decoded<T> decoded = decode(*answer.value); !decoded) {
                result.error = invalidResponse(
                    call, tr("unexpected shape: %1").arg(QString::fromStdString(decoded.error->toString())));
            } else {
                result.value = std::move(*decoded.value);
            }
            callback(result);
        });
}

} // namespace rd
