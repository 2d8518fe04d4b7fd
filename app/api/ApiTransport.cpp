#include "app/api/ApiTransport.h"

#include "app/api/OneShotUpload.h"
#include "model/JsonText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QHostAddress>
#include <QNetworkProxyFactory>
#include <QSslConfiguration>
#include <QNetworkRequest>
#include <QRandomGenerator>

#include <cmath>

namespace rd {

namespace {

QString segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// Failures that happen before a single byte of the request leaves: repeating any request after them is safe.
bool nothingWasSent(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return true;
    default:
        return false;
    }
}

bool isTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

int parseRetryAfterMs(const QNetworkReply *reply)
{
    bool ok = false;
    const QByteArray ms = reply->rawHeader("retry-after-ms");
    if (!ms.isEmpty()) {
        const double value = ms.trimmed().toDouble(&ok);
        if (ok && value >= 0) {
            return static_cast<int>(std::min(value, 24.0 * 3600 * 1000));
        }
    }
    const QByteArray header = reply->rawHeader("Retry-After").trimmed();
    if (header.isEmpty()) {
        return -1;
    }
    const double seconds = header.toDouble(&ok);
    if (ok && seconds >= 0) {
        return static_cast<int>(std::min(seconds, 24.0 * 3600) * 1000);
    }
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(header), Qt::RFC2822Date);
    if (when.isValid()) {
        return static_cast<int>(std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(when), 0, 24 * 3600 * 1000));
    }
    return -1;
}

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QString secondsText(int ms)
{
    const int s = std::max(1, static_cast<int>(std::ceil(ms / 1000.0)));
    return ApiTransport::tr("%1 s").arg(s);
}

Decoded<Json> parseBody(const QByteArray &body)
{
    return JsonText::parse(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
}

} // namespace

ApiTransport::ApiTransport(QObject *parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    // Requests carry credentials: never follow a redirect to another origin with them.
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    QNetworkProxyFactory::setUseSystemConfiguration(true);
}

ApiTransport::~ApiTransport()
{
    m_destroying = true;
    cancelAll();
}

void ApiTransport::setCredentials(const ApiCredentials &credentials)
{
    const bool changed = !(credentials == m_credentials);
    m_credentials = credentials;
    if (changed) {
        m_readSucceeded = false;
        setWriteAccess(WriteAccess::Unknown);
    }
}

void ApiTransport::setWriteAccess(WriteAccess access)
{
    if (access != m_writeAccess) {
        m_writeAccess = access;
        emit writeAccessChanged(access);
    }
}

void ApiTransport::setOptions(const Options &options)
{
    m_options = options;
    // DefaultProxy: the application's proxy, which follows the system configuration (set in the constructor).
    m_network->setProxy(m_options.proxy.value_or(QNetworkProxy(QNetworkProxy::DefaultProxy)));
    // Connections already open (and TLS sessions) were made the old way: a new proxy or CA applies from the next
    // request, not after whatever the manager keeps alive runs out.
    m_network->clearConnectionCache();
    m_options.maxInFlight = std::max(1, m_options.maxInFlight);
    m_options.maxRetries = std::max(0, m_options.maxRetries);
    pump();
}

void ApiTransport::cancelAll()
{
    const auto calls = findChildren<ApiCall *>(QString(), Qt::FindDirectChildrenOnly);
    for (ApiCall *call : calls) {
        cancelCall(call);
    }
}

QUrl ApiTransport::urlFor(const ApiRequest &request) const
{
    QString base = m_options.baseUrl.toString(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    QString text = base + QStringLiteral("/accounts/") + segment(m_credentials.accountId()) + request.path;
    if (!request.query.isEmpty()) {
        QStringList items;
        for (const auto &[key, value] : request.query) {
            items << segment(key) + QLatin1Char('=') + segment(value);
        }
        text += QLatin1Char('?') + items.join(QLatin1Char('&'));
    }
    return QUrl::fromEncoded(text.toLatin1(), QUrl::StrictMode);
}

ApiCall *ApiTransport::start(ApiRequest request, QObject *context, EnvelopeCallback callback)
{
    auto *call = new ApiCall(this);
    call->m_action = request.action;
    call->m_subject = request.subject;
    call->m_method = request.method;
    call->m_url = urlFor(request);
    if (request.body) {
        call->m_hasBody = true;
        call->m_body = QByteArray::fromStdString(JsonText::compact(*request.body));
    }
    call->m_idempotent = request.method != "POST";
    if (context) {
        call->m_context = context;
        call->m_hasContext = true;
        // A QWidget announces its destruction from ~QWidget, before QObject clears the QPointer: the cancel's
        // callback would run into an object already half gone. Forget the context first.
        connect(context, &QObject::destroyed, call, [call] {
            call->m_context.clear();
            call->cancel();
        });
    }
    connect(&call->m_backoff, &QTimer::timeout, this, [this, call] {
        call->m_queued = true;
        m_queue.prepend(call); // a retry goes before calls that have not started yet
        pump();
    });
    call->m_complete = [this, call, callback = std::move(callback)](const HttpOutcome &outcome) {
        call->m_httpStatus = outcome.status;
        const ApiResult<ApiEnvelope> result = interpret(call, outcome);
        if (call->m_method != "GET" && !call->m_cancelled) {
            // Learned before the callback runs, so that whatever it shows already knows.
            if (result) {
                setWriteAccess(WriteAccess::Granted);
            } else if (result.error->writeDenied) {
                setWriteAccess(WriteAccess::Denied);
            }
        }
        callback(*call, result);
    };
    call->m_queued = true;
    m_queue.append(call);
    pump();
    return call;
}

ApiResult<ApiEnvelope> ApiTransport::interpret(const ApiCall *call, const HttpOutcome &outcome) const
{
    ApiResult<ApiEnvelope> result;
    if (call->m_cancelled) {
        result.error = cancelledError(call);
    } else if (outcome.timedOut || outcome.status < 200 || outcome.status >= 300) {
        result.error = makeError(call, outcome);
    } else if (auto json = parseBody(outcome.body); !json) {
        result.error = invalidResponse(*call, tr("not JSON: %1").arg(QString::fromStdString(json.error->toString())));
    } else if (auto envelope = ApiEnvelope::fromJson(*json.value); !envelope) {
        result.error = invalidResponse(*call, QString::fromStdString(envelope.error->toString()));
    } else if (!envelope.value->success) {
        result.error = makeError(call, outcome);
    } else {
        result.value = std::move(*envelope.value);
    }
    return result;
}

ApiError ApiTransport::cancelledError(const ApiCall *call) const
{
    ApiError e;
    e.kind = ApiError::Kind::Cancelled;
    e.summary = tr("Cancelled.");
    // A request on the wire when it was given up may have reached the server: not only a POST, a
    // PATCH or DELETE too (their retries are safe, but the cancel does not undo one already sent). A
    // POST waiting to retry was refused before (it is only retried then); a PATCH or DELETE may have
    // been applied by an earlier attempt whose answer was lost.
    e.mayHaveBeenApplied =
        call->m_method != "GET" && (call->m_cancelledInFlight || (call->m_idempotent && call->m_attempts > 0));
    return e;
}

ApiError ApiTransport::invalidResponse(const ApiCall &call, const QString &what) const
{
    ApiError e;
    e.kind = ApiError::Kind::InvalidResponse;
    e.httpStatus = call.m_httpStatus;
    e.summary = tr("The answer from %1 to %2 could not be read.").arg(hostOf(call.m_url), call.m_action);
    e.detail = m_credentials.redact(what);
    e.mayHaveBeenApplied = !call.m_idempotent;
    return e;
}

void ApiTransport::pump()
{
    while (m_running < m_options.maxInFlight && !m_queue.isEmpty()) {
        QPointer<ApiCall> call = m_queue.takeFirst();
        if (call && !call->m_finished) {
            call->m_queued = false;
            startAttempt(call);
        }
    }
}

void ApiTransport::startAttempt(ApiCall *call)
{
    QNetworkRequest request(call->m_url);
    m_credentials.applyTo(request);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("RouteDesigner/%1").arg(QCoreApplication::applicationVersion()));
    if (call->m_hasBody) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    if (!m_options.extraCaCertificates.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_options.extraCaCertificates);
        request.setSslConfiguration(ssl);
    }
    ++call->m_attempts;
    call->m_timedOut = false;
    ++m_running;
    call->m_clock.start();
    QNetworkReply *reply = nullptr;
    if (call->m_hasBody && !call->m_idempotent) {
        request.setHeader(QNetworkRequest::ContentLengthHeader, call->m_body.size());
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto *body = new OneShotUpload(call->m_body, nullptr);
        reply = m_network->sendCustomRequest(request, call->m_method, body);
        body->setParent(reply);
    } else if (call->m_hasBody) {
        reply = m_network->sendCustomRequest(request, call->m_method, call->m_body);
    } else {
        reply = m_network->sendCustomRequest(request, call->m_method);
    }
    call->m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] { onReplyFinished(call, reply); });
    call->m_timeout.disconnect();
    connect(&call->m_timeout, &QTimer::timeout, reply, [call, reply] {
        call->m_timedOut = true;
        reply->abort();
    });
    call->m_timeout.start(m_options.timeoutMs);
}

void ApiTransport::onReplyFinished(ApiCall *call, QNetworkReply *reply)
{
    call->m_timeout.stop();
    call->m_reply = nullptr;
    --m_running;
    reply->deleteLater();

    HttpOutcome outcome;
    outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    outcome.body = reply->readAll();
    outcome.networkError = reply->error();
    outcome.networkErrorString = reply->errorString();
    outcome.timedOut = call->m_timedOut;
    outcome.retryAfterMs = parseRetryAfterMs(reply);
    if (call->m_method == "GET" && outcome.status >= 200 && outcome.status < 300) {
        m_readSucceeded = true;
    }

    const QString status = outcome.timedOut     ? QStringLiteral("timed out")
                           : outcome.status > 0 ? QString::number(outcome.status)
                           : call->m_cancelled  ? QStringLiteral("cancelled")
                                                : QStringLiteral("network error %1").arg(outcome.networkError);
    emit requestLogged(
        m_credentials.redact(QStringLiteral("%1 %2 \u2192 %3 in %4 ms (attempt %5)")
                                 .arg(QString::fromLatin1(call->m_method),
                                      call->m_url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority), status)
                                 .arg(call->m_clock.elapsed())
                                 .arg(call->m_attempts)));

    QString reason;
    if (!call->m_cancelled && call->m_attempts <= m_options.maxRetries && shouldRetry(call, outcome, reason)) {
        const int delay = retryDelayMs(call, outcome);
        if (delay <= m_options.maxRetryAfterMs) {
            emit call->retrying(call->m_attempts, delay, reason);
            call->m_backoff.start(delay);
            pump();
            return;
        }
    }
    finishCall(call, outcome);
    pump();
}

bool ApiTransport::shouldRetry(const ApiCall *call, const HttpOutcome &outcome, QString &reason) const
{
    if (outcome.timedOut) {
        reason = tr("no answer within %1").arg(secondsText(m_options.timeoutMs));
        return call->m_idempotent;
    }
    if (outcome.status == 0) {
        if (!isTransient(outcome.networkError)) {
            return false;
        }
        reason = tr("network error");
        return call->m_idempotent || nothingWasSent(outcome.networkError);
    }
    switch (outcome.status) {
    case 429:
        reason = tr("rate limited");
        return true; // Cloudflare refuses before doing anything: safe even for a POST
    case 408:
        reason = tr("request timeout");
        return true;
    case 409:
        reason = tr("conflict");
        return call->m_idempotent;
    default:
        break;
    }
    if (outcome.status >= 500) {
        reason = tr("server error (HTTP %1)").arg(outcome.status);
        return call->m_idempotent;
    }
    return false;
}

int ApiTransport::retryDelayMs(const ApiCall *call, const HttpOutcome &outcome) const
{
    if (outcome.retryAfterMs >= 0) {
        return outcome.retryAfterMs;
    }
    const double base =
        std::min<double>(m_options.backoffMaxMs, m_options.backoffInitialMs * std::pow(2.0, call->m_attempts - 1));
    // Jitter spreads retries of many clients that failed at the same moment.
    const double jitter = 1.0 - 0.25 * QRandomGenerator::global()->generateDouble();
    return static_cast<int>(base * jitter);
}

ApiError ApiTransport::makeError(const ApiCall *call, const HttpOutcome &outcome) const
{
    ApiError e;
    e.httpStatus = outcome.status;
    e.retryAfterSeconds = outcome.retryAfterMs >= 0 ? (outcome.retryAfterMs + 999) / 1000 : -1;
    const QString host = hostOf(call->m_url);
    const QString mayBeApplied = QLatin1Char(' ') + tr("The request to %1 may have reached the server and been "
                                                       "applied; refresh before trying again.")
                                                        .arg(call->m_action);

    if (outcome.timedOut) {
        e.kind = ApiError::Kind::Timeout;
        e.summary = tr("No answer from %1 within %2.").arg(host, secondsText(m_options.timeoutMs));
        if (!call->m_idempotent) {
            e.mayHaveBeenApplied = true;
            e.summary += mayBeApplied;
        }
        return e;
    }
    if (outcome.status == 0) {
        e.kind = ApiError::Kind::Network;
        e.detail = m_credentials.redact(outcome.networkErrorString);
        // Through a proxy the socket goes to the proxy (Qt sends nothing for a loopback address through one):
        // refused or unknown is then about the proxy, which is what the person has to fix.
        const QHostAddress target(call->m_url.host());
        const bool viaProxy = m_options.proxy && m_options.proxy->type() == QNetworkProxy::HttpProxy &&
                              !(target.isLoopback() ||
                                call->m_url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0);
        if (viaProxy && (outcome.networkError == QNetworkReply::ConnectionRefusedError ||
                         outcome.networkError == QNetworkReply::HostNotFoundError)) {
            e.summary = tr("The proxy %1:%2 could not be reached: check its address under Connect \u203a Advanced.")
                            .arg(m_options.proxy->hostName())
                            .arg(m_options.proxy->port());
            return e; // nothing reached the server
        }
        switch (outcome.networkError) {
        case QNetworkReply::ConnectionRefusedError:
            e.summary = tr("Nothing answered at %1: is the server running and the address right?").arg(host);
            break;
        case QNetworkReply::HostNotFoundError:
            e.summary = tr("Cannot find %1: check the network connection and the API address.").arg(host);
            break;
        case QNetworkReply::RemoteHostClosedError:
            e.summary = tr("The connection to %1 closed before an answer arrived.").arg(host);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            e.summary = tr("A secure connection to %1 could not be made: its certificate is not trusted here. On a "
                           "network that inspects TLS, add your organisation's CA certificate under Connect \u203a "
                           "Advanced.")
                            .arg(host);
            break;
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyConnectionClosedError:
            e.summary = tr("The proxy refused or dropped the connection to %1: check the proxy address under "
                           "Connect \u203a Advanced.")
                            .arg(host);
            break;
        case QNetworkReply::ProxyNotFoundError:
            e.summary = tr("The proxy could not be found: check its address under Connect \u203a Advanced.");
            break;
        case QNetworkReply::ProxyTimeoutError:
            e.summary = tr("The proxy did not answer in time.");
            break;
        case QNetworkReply::ProxyAuthenticationRequiredError:
            e.summary = tr("The proxy asks for a password, which Route Designer does not support: use the system "
                           "proxy setting or a proxy that needs none.");
            break;
        default:
            e.summary = tr("Cannot reach %1.").arg(host);
            break;
        }
        if (!call->m_idempotent && !nothingWasSent(outcome.networkError)) {
            e.mayHaveBeenApplied = true;
            e.summary += mayBeApplied;
        }
        return e;
    }

    std::optional<ApiEnvelope> envelope;
    if (auto json = parseBody(outcome.body); json) {
        if (auto decoded = ApiEnvelope::fromJson(*json.value); decoded && !decoded.value->errors.empty()) {
            envelope = std::move(*decoded.value);
        }
    }
    e.kind = envelope ? ApiError::Kind::Api : ApiError::Kind::Http;
    QString firstMessage;
    if (envelope) {
        e.messages = envelope->errors;
        e.detail = m_credentials.redact(QString::fromStdString(envelope->errorSummary()));
        firstMessage = m_credentials.redact(QString::fromStdString(envelope->errors.front().message));
    } else {
        e.detail = QStringLiteral("HTTP %1").arg(outcome.status);
    }

    const int s = outcome.status;
    if (s == 403 && call->m_method != "GET" && m_readSucceeded) {
        // The same credentials read this account: a refused write is a missing permission, whatever code
        // Cloudflare gives it (it answers 10000 "Authentication error" to a read-only token too).
        e.writeDenied = true;
        e.summary = tr("The token can read this account but not change it: it lacks the \u201cAI Gateway Edit\u201d "
                       "permission. Nothing was changed on the server.");
        return e;
    }
    if (s == 401 || e.hasCode(10000) || e.hasCode(9106) || e.hasCode(9109)) {
        e.summary = tr("Cloudflare did not accept the credentials: check the API token (or the email and global API "
                       "key) and the account id in the connection settings.");
        if (s == 403 && !e.hasCode(10000) && !e.hasCode(9109)) {
            e.summary.clear(); // a 403 with another code is about permissions: handled below
        }
    }
    if (!e.summary.isEmpty()) {
        return e;
    }
    if (s == 403) {
        // Cloudflare's names for the two permissions: they stay as Cloudflare's dashboard spells them.
        e.summary = tr("The credentials lack the \u201cAI Gateway %1\u201d permission for this account.")
                        .arg(call->m_method == "GET" ? QStringLiteral("Read") : QStringLiteral("Write"));
    } else if (s == 404) {
        e.summary = call->m_subject.isEmpty() ? tr("What %1 asked for was not found.").arg(call->m_action)
                                              : tr("%1 was not found.").arg(call->m_subject);
    } else if (s == 429) {
        e.summary = e.retryAfterSeconds > 0
                        ? tr("Rate limited by Cloudflare: try again in %1 s.").arg(e.retryAfterSeconds)
                        : tr("Rate limited by Cloudflare: try again in a moment.");
    } else if (s >= 500) {
        e.summary = tr("%1 had a server error (HTTP %2) while trying to %3; try again shortly.")
                        .arg(host)
                        .arg(s)
                        .arg(call->m_action);
    } else if (!firstMessage.isEmpty()) {
        e.summary = tr("Cloudflare refused to %1: %2").arg(call->m_action, firstMessage);
        if (e.messages.size() > 1) {
            e.summary += QLatin1Char(' ') + tr("(and %n more)", nullptr, static_cast<int>(e.messages.size() - 1));
        }
    } else {
        e.summary = tr("Unexpected answer from %1 to %2 (HTTP %3).").arg(host, call->m_action).arg(s);
    }
    return e;
}

void ApiTransport::finishCall(ApiCall *call, const HttpOutcome &outcome)
{
    if (call->m_finished) {
        return;
    }
    call->m_finished = true;
    const bool contextAlive = !call->m_hasContext || call->m_context;
    if (!m_destroying && contextAlive && call->m_complete) {
        call->m_complete(outcome);
    }
    emit call->finished();
    call->deleteLater();
}

void ApiTransport::cancelCall(ApiCall *call)
{
    if (call->m_finished) {
        return;
    }
    call->m_cancelled = true;
    call->m_cancelledInFlight = call->m_reply != nullptr;
    if (call->m_reply) {
        call->m_reply->abort(); // finishes through onReplyFinished
        return;
    }
    call->m_backoff.stop();
    m_queue.removeAll(call);
    HttpOutcome outcome;
    outcome.networkError = QNetworkReply::OperationCanceledError;
    finishCall(call, outcome);
}

} // namespace rd
