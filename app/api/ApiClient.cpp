#include "app/api/ApiClient.h"

#include "app/api/OneShotUpload.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkRequest>
#include <QRandomGenerator>

#include <cmath>

namespace rd {

namespace {

QString quoted(const QString &text)
{
    return QStringLiteral("\u201c%1\u201d").arg(text);
}

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
    return QStringLiteral("%1 s").arg(s);
}

template<class T>
Decoded<ListPage<T>> decodeList(const ApiEnvelope &envelope, const char *dataKey,
                                Decoded<T> (*decodeOne)(const Json &, std::string_view))
{
    auto one = [decodeOne](const Json &json, const std::string &path) {
        return decodeOne(json, path);
    };
    const PageInfo info = envelope.pageInfo.value_or(PageInfo{});
    if (envelope.payload.is_array()) {
        return ListPage<T>::decode(envelope.payload, info, "$.result", one);
    }
    if (envelope.payload.is_object()) {
        if (auto it = envelope.payload.find(dataKey); it != envelope.payload.end()) {
            return ListPage<T>::decode(*it, info, std::string("$.data.") + dataKey, one);
        }
    }
    return Decoded<ListPage<T>>::failure(
        {"$", std::string("expected a list (`result` array or `data.") + dataKey + "`)"});
}

Decoded<Route> decodeRoutePayload(const ApiEnvelope &envelope)
{
    return RouteCodec::decodeRoute(envelope.payload,
                                   envelope.payloadKind == ApiEnvelope::PayloadKind::Route ? "$.route" : "$.result");
}

Decoded<Json> rawPayload(const ApiEnvelope &envelope)
{
    return Decoded<Json>::success(envelope.payload);
}

Decoded<Route> decodeRouteEntry(const Json &json, std::string_view path)
{
    return RouteCodec::decodeRoute(json, path);
}

} // namespace

ApiClient::ApiClient(QObject *parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    // Requests carry credentials: never follow a redirect to another origin with them.
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    QNetworkProxyFactory::setUseSystemConfiguration(true);
}

ApiClient::~ApiClient()
{
    m_destroying = true;
    cancelAll();
}

void ApiClient::setOptions(const Options &options)
{
    m_options = options;
    m_options.maxInFlight = std::max(1, m_options.maxInFlight);
    m_options.maxRetries = std::max(0, m_options.maxRetries);
    pump();
}

void ApiClient::cancelAll()
{
    const auto calls = findChildren<ApiCall *>(QString(), Qt::FindDirectChildrenOnly);
    for (ApiCall *call : calls) {
        cancelCall(call);
    }
}

QUrl ApiClient::urlFor(const Request &request) const
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

ApiCall *ApiClient::enqueue(Request request, QObject *context)
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
    call->m_queued = true;
    m_queue.append(call);
    return call;
}

template<class T, class Decode>
ApiCall *ApiClient::send(Request request, QObject *context, ApiCallback<T> callback, Decode decode)
{
    ApiCall *call = enqueue(std::move(request), context);
    call->m_complete = [this, call, callback = std::move(callback), decode](const HttpOutcome &outcome) {
        ApiResult<T> result;
        auto invalid = [&](const QString &what) {
            ApiError e;
            e.kind = ApiError::Kind::InvalidResponse;
            e.httpStatus = outcome.status;
            e.summary =
                QStringLiteral("The answer from %1 to %2 could not be read.").arg(hostOf(call->m_url), call->m_action);
            e.detail = m_credentials.redact(what);
            e.mayHaveBeenApplied = !call->m_idempotent;
            result.error = std::move(e);
        };
        if (call->m_cancelled) {
            ApiError e;
            e.kind = ApiError::Kind::Cancelled;
            e.summary = QStringLiteral("Cancelled.");
            // A request on the wire when it was given up may have reached the server: not only a POST, a
            // PATCH or DELETE too (their retries are safe, but the cancel does not undo one already sent). A
            // POST waiting to retry was refused before (it is only retried then); a PATCH or DELETE may have
            // been applied by an earlier attempt whose answer was lost.
            e.mayHaveBeenApplied =
                call->m_method != "GET" && (call->m_cancelledInFlight || (call->m_idempotent && call->m_attempts > 0));
            result.error = std::move(e);
        } else if (outcome.timedOut || outcome.status < 200 || outcome.status >= 300) {
            result.error = makeError(call, outcome);
        } else if (auto json = JsonText::parse(
                       std::string_view(outcome.body.constData(), static_cast<std::size_t>(outcome.body.size())));
                   !json) {
            invalid(QStringLiteral("not JSON: ") + QString::fromStdString(json.error->toString()));
        } else if (auto envelope = ApiEnvelope::fromJson(*json.value); !envelope) {
            invalid(QString::fromStdString(envelope.error->toString()));
        } else if (!envelope.value->success) {
            HttpOutcome failed = outcome;
            result.error = makeError(call, failed);
        } else if (auto decoded = decode(*envelope.value); !decoded) {
            invalid(QStringLiteral("unexpected shape: ") + QString::fromStdString(decoded.error->toString()));
        } else {
            result.value = std::move(*decoded.value);
        }
        callback(result);
    };
    pump();
    return call;
}

void ApiClient::pump()
{
    while (m_running < m_options.maxInFlight && !m_queue.isEmpty()) {
        QPointer<ApiCall> call = m_queue.takeFirst();
        if (call && !call->m_finished) {
            call->m_queued = false;
            startAttempt(call);
        }
    }
}

void ApiClient::startAttempt(ApiCall *call)
{
    QNetworkRequest request(call->m_url);
    m_credentials.applyTo(request);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("RouteDesigner/%1").arg(QCoreApplication::applicationVersion()));
    if (call->m_hasBody) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
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

void ApiClient::onReplyFinished(ApiCall *call, QNetworkReply *reply)
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

bool ApiClient::shouldRetry(const ApiCall *call, const HttpOutcome &outcome, QString &reason) const
{
    if (outcome.timedOut) {
        reason = QStringLiteral("no answer within %1").arg(secondsText(m_options.timeoutMs));
        return call->m_idempotent;
    }
    if (outcome.status == 0) {
        if (!isTransient(outcome.networkError)) {
            return false;
        }
        reason = QStringLiteral("network error");
        return call->m_idempotent || nothingWasSent(outcome.networkError);
    }
    switch (outcome.status) {
    case 429:
        reason = QStringLiteral("rate limited");
        return true; // Cloudflare refuses before doing anything: safe even for a POST
    case 408:
        reason = QStringLiteral("request timeout");
        return true;
    case 409:
        reason = QStringLiteral("conflict");
        return call->m_idempotent;
    default:
        break;
    }
    if (outcome.status >= 500) {
        reason = QStringLiteral("server error (HTTP %1)").arg(outcome.status);
        return call->m_idempotent;
    }
    return false;
}

int ApiClient::retryDelayMs(const ApiCall *call, const HttpOutcome &outcome) const
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

ApiError ApiClient::makeError(const ApiCall *call, const HttpOutcome &outcome) const
{
    ApiError e;
    e.httpStatus = outcome.status;
    e.retryAfterSeconds = outcome.retryAfterMs >= 0 ? (outcome.retryAfterMs + 999) / 1000 : -1;
    const QString host = hostOf(call->m_url);
    const QString mayBeApplied = QStringLiteral(" The request to %1 may have reached the server and been applied; "
                                                "refresh before trying again.")
                                     .arg(call->m_action);

    if (outcome.timedOut) {
        e.kind = ApiError::Kind::Timeout;
        e.summary = QStringLiteral("No answer from %1 within %2.").arg(host, secondsText(m_options.timeoutMs));
        if (!call->m_idempotent) {
            e.mayHaveBeenApplied = true;
            e.summary += mayBeApplied;
        }
        return e;
    }
    if (outcome.status == 0) {
        e.kind = ApiError::Kind::Network;
        e.detail = m_credentials.redact(outcome.networkErrorString);
        switch (outcome.networkError) {
        case QNetworkReply::ConnectionRefusedError:
            e.summary =
                QStringLiteral("Nothing answered at %1: is the server running and the address right?").arg(host);
            break;
        case QNetworkReply::HostNotFoundError:
            e.summary = QStringLiteral("Cannot find %1: check the network connection and the API address.").arg(host);
            break;
        case QNetworkReply::RemoteHostClosedError:
            e.summary = QStringLiteral("The connection to %1 closed before an answer arrived.").arg(host);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            e.summary = QStringLiteral("A secure connection to %1 could not be made.").arg(host);
            break;
        default:
            e.summary = QStringLiteral("Cannot reach %1.").arg(host);
            break;
        }
        if (!call->m_idempotent && !nothingWasSent(outcome.networkError)) {
            e.mayHaveBeenApplied = true;
            e.summary += mayBeApplied;
        }
        return e;
    }

    std::optional<ApiEnvelope> envelope;
    if (auto json =
            JsonText::parse(std::string_view(outcome.body.constData(), static_cast<std::size_t>(outcome.body.size())));
        json) {
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
    if (s == 401 || e.hasCode(10000) || e.hasCode(9106) || e.hasCode(9109)) {
        e.summary = QStringLiteral("Cloudflare did not accept the credentials: check the API token (or the email and "
                                   "global API key) and the account id in the connection settings.");
        if (s == 403 && !e.hasCode(10000) && !e.hasCode(9109)) {
            e.summary.clear(); // a 403 with another code is about permissions: handled below
        }
    }
    if (!e.summary.isEmpty()) {
        return e;
    }
    if (s == 403) {
        e.summary = QStringLiteral("The credentials lack the \u201cAI Gateway %1\u201d permission for this account.")
                        .arg(call->m_method == "GET" ? QStringLiteral("Read") : QStringLiteral("Write"));
    } else if (s == 404) {
        e.summary =
            (call->m_subject.isEmpty() ? QStringLiteral("What %1 asked for").arg(call->m_action) : call->m_subject) +
            QStringLiteral(" was not found.");
    } else if (s == 429) {
        e.summary = e.retryAfterSeconds > 0
                        ? QStringLiteral("Rate limited by Cloudflare: try again in %1 s.").arg(e.retryAfterSeconds)
                        : QStringLiteral("Rate limited by Cloudflare: try again in a moment.");
    } else if (s >= 500) {
        e.summary = QStringLiteral("%1 had a server error (HTTP %2) while trying to %3; try again shortly.")
                        .arg(host)
                        .arg(s)
                        .arg(call->m_action);
    } else if (!firstMessage.isEmpty()) {
        e.summary = QStringLiteral("Cloudflare refused to %1: %2").arg(call->m_action, firstMessage);
        if (e.messages.size() > 1) {
            e.summary += QStringLiteral(" (and %1 more)").arg(e.messages.size() - 1);
        }
    } else {
        e.summary = QStringLiteral("Unexpected answer from %1 to %2 (HTTP %3).").arg(host, call->m_action).arg(s);
    }
    return e;
}

void ApiClient::finishCall(ApiCall *call, const HttpOutcome &outcome)
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

void ApiClient::cancelCall(ApiCall *call)
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

// Gateways

ApiCall *ApiClient::listGateways(const PageQuery &query, QObject *context, ApiCallback<ListPage<Gateway>> callback)
{
    Request r;
    r.path = QStringLiteral("/ai-gateway/gateways");
    r.query << qMakePair(QStringLiteral("page"), QString::number(query.page));
    if (query.perPage > 0) {
        r.query << qMakePair(QStringLiteral("per_page"), QString::number(query.perPage));
    }
    if (!query.search.isEmpty()) {
        r.query << qMakePair(QStringLiteral("search"), query.search);
    }
    if (!query.orderBy.isEmpty()) {
        r.query << qMakePair(QStringLiteral("order_by"), query.orderBy);
    }
    if (!query.orderByDirection.isEmpty()) {
        r.query << qMakePair(QStringLiteral("order_by_direction"), query.orderByDirection);
    }
    r.action = QStringLiteral("list gateways");
    return send<ListPage<Gateway>>(std::move(r), context, std::move(callback), [](const ApiEnvelope &e) {
        return decodeList<Gateway>(e, "gateways", &Gateway::fromJson);
    });
}

ApiCall *ApiClient::getGateway(const QString &id, QObject *context, ApiCallback<Gateway> callback)
{
    Request r;
    r.path = QStringLiteral("/ai-gateway/gateways/") + segment(id);
    r.action = QStringLiteral("get gateway %1").arg(quoted(id));
    r.subject = QStringLiteral("Gateway %1").arg(quoted(id));
    return send<Gateway>(std::move(r), context, std::move(callback),
                         [](const ApiEnvelope &e) { return Gateway::fromJson(e.payload, "$.result"); });
}

ApiCall *ApiClient::createGateway(const Gateway &gateway, QObject *context, ApiCallback<Gateway> callback)
{
    Request r;
    r.method = "POST";
    r.path = QStringLiteral("/ai-gateway/gateways");
    r.body = gateway.json();
    r.action = QStringLiteral("create gateway %1").arg(quoted(QString::fromStdString(gateway.id())));
    return send<Gateway>(std::move(r), context, std::move(callback),
                         [](const ApiEnvelope &e) { return Gateway::fromJson(e.payload, "$.result"); });
}

ApiCall *ApiClient::updateGateway(const Gateway &gateway, QObject *context, ApiCallback<Gateway> callback)
{
    const QString id = QString::fromStdString(gateway.id());
    Request r;
    r.method = "PUT";
    r.path = QStringLiteral("/ai-gateway/gateways/") + segment(id);
    Json body = gateway.json();
    // The id travels in the path; read-only fields would only be rejected or ignored.
    for (const char *key : {"id", "created_at", "modified_at"}) {
        body.erase(key);
    }
    r.body = std::move(body);
    r.action = QStringLiteral("update gateway %1").arg(quoted(id));
    r.subject = QStringLiteral("Gateway %1").arg(quoted(id));
    return send<Gateway>(std::move(r), context, std::move(callback),
                         [](const ApiEnvelope &e) { return Gateway::fromJson(e.payload, "$.result"); });
}

ApiCall *ApiClient::deleteGateway(const QString &id, QObject *context, ApiCallback<Gateway> callback)
{
    Request r;
    r.method = "DELETE";
    r.path = QStringLiteral("/ai-gateway/gateways/") + segment(id);
    r.action = QStringLiteral("delete gateway %1").arg(quoted(id));
    r.subject = QStringLiteral("Gateway %1").arg(quoted(id));
    return send<Gateway>(std::move(r), context, std::move(callback),
                         [](const ApiEnvelope &e) { return Gateway::fromJson(e.payload, "$.result"); });
}

// Dynamic routes

namespace {

QString routesPath(const QString &gatewayId)
{
    return QStringLiteral("/ai-gateway/gateways/") + segment(gatewayId) + QStringLiteral("/routes");
}

QString routePath(const QString &gatewayId, const QString &routeId)
{
    return routesPath(gatewayId) + QLatin1Char('/') + segment(routeId);
}

QList<QPair<QString, QString>> pageItems(const PageQuery &query)
{
    QList<QPair<QString, QString>> items;
    items << qMakePair(QStringLiteral("page"), QString::number(query.page));
    if (query.perPage > 0) {
        items << qMakePair(QStringLiteral("per_page"), QString::number(query.perPage));
    }
    if (!query.orderBy.isEmpty()) {
        items << qMakePair(QStringLiteral("order_by"), query.orderBy);
    }
    if (!query.orderByDirection.isEmpty()) {
        items << qMakePair(QStringLiteral("order_by_direction"), query.orderByDirection);
    }
    return items;
}

} // namespace

ApiCall *ApiClient::listRoutes(const QString &gatewayId, const PageQuery &query, QObject *context,
                               ApiCallback<ListPage<Route>> callback)
{
    Request r;
    r.path = routesPath(gatewayId);
    r.query = pageItems(query);
    r.action = QStringLiteral("list the routes of gateway %1").arg(quoted(gatewayId));
    r.subject = QStringLiteral("Gateway %1").arg(quoted(gatewayId));
    return send<ListPage<Route>>(std::move(r), context, std::move(callback), [](const ApiEnvelope &e) {
        return decodeList<Route>(e, "routes", &decodeRouteEntry);
    });
}

ApiCall *ApiClient::getRoute(const QString &gatewayId, const QString &routeId, QObject *context,
                             ApiCallback<Route> callback)
{
    Request r;
    r.path = routePath(gatewayId, routeId);
    r.action = QStringLiteral("get route %1").arg(quoted(routeId));
    r.subject = QStringLiteral("Route %1 in gateway %2").arg(quoted(routeId), quoted(gatewayId));
    return send<Route>(std::move(r), context, std::move(callback), &decodeRoutePayload);
}

ApiCall *ApiClient::createRoute(const QString &gatewayId, const Route &route, QObject *context,
                                ApiCallback<Route> callback)
{
    Request r;
    r.method = "POST";
    r.path = routesPath(gatewayId);
    r.body = RouteCodec::encodeCreateBody(route);
    r.action = QStringLiteral("create route %1").arg(quoted(QString::fromStdString(route.name())));
    r.subject = QStringLiteral("Gateway %1").arg(quoted(gatewayId));
    return send<Route>(std::move(r), context, std::move(callback), &decodeRoutePayload);
}

ApiCall *ApiClient::renameRoute(const QString &gatewayId, const QString &routeId, const QString &name, QObject *context,
                                ApiCallback<Route> callback)
{
    Request r;
    r.method = "PATCH";
    r.path = routePath(gatewayId, routeId);
    Json body = Json::object();
    body["name"] = name.toStdString();
    r.body = std::move(body);
    r.action = QStringLiteral("rename route %1 to %2").arg(quoted(routeId), quoted(name));
    r.subject = QStringLiteral("Route %1 in gateway %2").arg(quoted(routeId), quoted(gatewayId));
    return send<Route>(std::move(r), context, std::move(callback), &decodeRoutePayload);
}

ApiCall *ApiClient::deleteRoute(const QString &gatewayId, const QString &routeId, QObject *context,
                                ApiCallback<Route> callback)
{
    Request r;
    r.method = "DELETE";
    r.path = routePath(gatewayId, routeId);
    r.action = QStringLiteral("delete route %1").arg(quoted(routeId));
    r.subject = QStringLiteral("Route %1 in gateway %2").arg(quoted(routeId), quoted(gatewayId));
    return send<Route>(std::move(r), context, std::move(callback), &decodeRoutePayload);
}

ApiCall *ApiClient::listVersions(const QString &gatewayId, const QString &routeId, const PageQuery &query,
                                 QObject *context, ApiCallback<ListPage<RouteVersion>> callback)
{
    Request r;
    r.path = routePath(gatewayId, routeId) + QStringLiteral("/versions");
    r.query = pageItems(query);
    r.action = QStringLiteral("list the versions of route %1").arg(quoted(routeId));
    r.subject = QStringLiteral("Route %1 in gateway %2").arg(quoted(routeId), quoted(gatewayId));
    return send<ListPage<RouteVersion>>(std::move(r), context, std::move(callback), [](const ApiEnvelope &e) {
        return decodeList<RouteVersion>(e, "versions", &RouteVersion::fromJson);
    });
}

ApiCall *ApiClient::createVersion(const QString &gatewayId, const QString &routeId, const Route &route,
                                  QObject *context, ApiCallback<Route> callback)
{
    Request r;
    r.method = "POST";
    r.path = routePath(gatewayId, routeId) + QStringLiteral("/versions");
    r.body = RouteCodec::encodeVersionBody(route);
    r.action = QStringLiteral("save a new version of route %1").arg(quoted(routeId));
    r.subject = QStringLiteral("Route %1 in gateway %2").arg(quoted(routeId), quoted(gatewayId));
    return send<Route>(std::move(r), context, std::move(callback), &decodeRoutePayload);
}

ApiClient::Request ApiClient::versionRequest(const QString &gatewayId, const QString &routeId, const QString &versionId)
{
    Request r;
    r.path = routePath(gatewayId, routeId) + QStringLiteral("/versions/") + segment(versionId);
    r.action = QStringLiteral("get version %1 of route %2").arg(quoted(versionId), quoted(routeId));
    r.subject = QStringLiteral("Version %1 of route %2").arg(quoted(versionId), quoted(routeId));
    return r;
}

ApiCall *ApiClient::getVersion(const QString &gatewayId, const QString &routeId, const QString &versionId,
                               QObject *context, ApiCallback<RouteVersion> callback)
{
    return send<RouteVersion>(versionRequest(gatewayId, routeId, versionId), context, std::move(callback),
                              [](const ApiEnvelope &e) { return RouteVersion::fromJson(e.payload, "$.result"); });
}

ApiCall *ApiClient::getVersionGraph(const QString &gatewayId, const QString &routeId, const QString &versionId,
                                    QObject *context, ApiCallback<Route> callback)
{
    return send<Route>(versionRequest(gatewayId, routeId, versionId), context, std::move(callback),
                       [](const ApiEnvelope &e) -> Decoded<Route> {
                           Decoded<RouteVersion> version = RouteVersion::fromJson(e.payload, "$.result");
                           if (!version) {
                               return Decoded<Route>::failure(std::move(*version.error), std::move(version.warnings));
                           }
                           return version.value->route();
                       });
}

ApiCall *ApiClient::listDeployments(const QString &gatewayId, const QString &routeId, const PageQuery &query,
                                    QObject *context, ApiCallback<ListPage<RouteDeployment>> callback)
{
    Request r;
    r.path = routePath(gatewayId, routeId) + QStringLiteral("/deployments");
    r.query = pageItems(query);
    r.action = QStringLiteral("list the deployments of route %1").arg(quoted(routeId));
    r.subject = QStringLiteral("Route %1 in gateway %2").arg(quoted(routeId), quoted(gatewayId));
    return send<ListPage<RouteDeployment>>(std::move(r), context, std::move(callback), [](const ApiEnvelope &e) {
        return decodeList<RouteDeployment>(e, "deployments", &RouteDeployment::fromJson);
    });
}

ApiCall *ApiClient::createDeployment(const QString &gatewayId, const QString &routeId, const QString &versionId,
                                     QObject *context, ApiCallback<Route> callback)
{
    Request r;
    r.method = "POST";
    r.path = routePath(gatewayId, routeId) + QStringLiteral("/deployments");
    Json body = Json::object();
    body["version_id"] = versionId.toStdString();
    r.body = std::move(body);
    r.action = QStringLiteral("deploy version %1 of route %2").arg(quoted(versionId), quoted(routeId));
    r.subject = QStringLiteral("Version %1 of route %2").arg(quoted(versionId), quoted(routeId));
    return send<Route>(std::move(r), context, std::move(callback), &decodeRoutePayload);
}

// Logs

namespace {

QString logsPath(const QString &gatewayId)
{
    return QStringLiteral("/ai-gateway/gateways/") + segment(gatewayId) + QStringLiteral("/logs");
}

QList<QPair<QString, QString>> toQuery(const std::vector<std::pair<std::string, std::string>> &items)
{
    QList<QPair<QString, QString>> query;
    for (const auto &[key, value] : items) {
        query << qMakePair(QString::fromStdString(key), QString::fromStdString(value));
    }
    return query;
}

} // namespace

ApiCall *ApiClient::listLogs(const QString &gatewayId, const LogQuery &query, QObject *context,
                             ApiCallback<ListPage<LogEntry>> callback)
{
    Request r;
    r.path = logsPath(gatewayId);
    r.query = toQuery(query.toQueryItems());
    r.action = QStringLiteral("list the logs of gateway %1").arg(quoted(gatewayId));
    r.subject = QStringLiteral("Gateway %1").arg(quoted(gatewayId));
    return send<ListPage<LogEntry>>(std::move(r), context, std::move(callback), [](const ApiEnvelope &e) {
        return decodeList<LogEntry>(e, "logs", &LogEntry::fromJson);
    });
}

ApiCall *ApiClient::getLog(const QString &gatewayId, const QString &logId, QObject *context,
                           ApiCallback<LogEntry> callback)
{
    Request r;
    r.path = logsPath(gatewayId) + QLatin1Char('/') + segment(logId);
    r.action = QStringLiteral("get log %1").arg(quoted(logId));
    r.subject = QStringLiteral("Log %1").arg(quoted(logId));
    return send<LogEntry>(std::move(r), context, std::move(callback),
                          [](const ApiEnvelope &e) { return LogEntry::fromJson(e.payload, "$.result"); });
}

ApiCall *ApiClient::getLogRequest(const QString &gatewayId, const QString &logId, QObject *context,
                                  ApiCallback<Json> callback)
{
    Request r;
    r.path = logsPath(gatewayId) + QLatin1Char('/') + segment(logId) + QStringLiteral("/request");
    r.action = QStringLiteral("get the request body of log %1").arg(quoted(logId));
    r.subject = QStringLiteral("The request body of log %1").arg(quoted(logId));
    return send<Json>(std::move(r), context, std::move(callback), &rawPayload);
}

ApiCall *ApiClient::getLogResponse(const QString &gatewayId, const QString &logId, QObject *context,
                                   ApiCallback<Json> callback)
{
    Request r;
    r.path = logsPath(gatewayId) + QLatin1Char('/') + segment(logId) + QStringLiteral("/response");
    r.action = QStringLiteral("get the response body of log %1").arg(quoted(logId));
    r.subject = QStringLiteral("The response body of log %1").arg(quoted(logId));
    return send<Json>(std::move(r), context, std::move(callback), &rawPayload);
}

ApiCall *ApiClient::patchLog(const QString &gatewayId, const QString &logId, const LogPatch &patch, QObject *context,
                             ApiCallback<Json> callback)
{
    Request r;
    r.method = "PATCH";
    r.path = logsPath(gatewayId) + QLatin1Char('/') + segment(logId);
    Json body = Json::object();
    if (patch.feedback) {
        body["feedback"] = *patch.feedback;
    }
    if (patch.score) {
        body["score"] = *patch.score;
    }
    if (patch.metadata) {
        body["metadata"] = *patch.metadata;
    }
    r.body = std::move(body);
    r.action = QStringLiteral("update log %1").arg(quoted(logId));
    r.subject = QStringLiteral("Log %1").arg(quoted(logId));
    return send<Json>(std::move(r), context, std::move(callback), &rawPayload);
}

ApiCall *ApiClient::deleteLogs(const QString &gatewayId, const std::vector<LogFilter> &filters, QObject *context,
                               ApiCallback<Json> callback)
{
    Request r;
    r.method = "DELETE";
    r.path = logsPath(gatewayId);
    r.query = toQuery(LogQuery::encodeFilters(filters));
    r.action = QStringLiteral("delete logs of gateway %1").arg(quoted(gatewayId));
    r.subject = QStringLiteral("Gateway %1").arg(quoted(gatewayId));
    return send<Json>(std::move(r), context, std::move(callback), &rawPayload);
}

ApiCall *ApiClient::listProviderConfigs(const QString &gatewayId, const PageQuery &query, QObject *context,
                                        ApiCallback<ListPage<ProviderConfig>> callback)
{
    Request r;
    r.path = QStringLiteral("/ai-gateway/gateways/") + segment(gatewayId) + QStringLiteral("/provider_configs");
    r.query = pageItems(query);
    r.action = QStringLiteral("list the provider keys of gateway %1").arg(quoted(gatewayId));
    r.subject = QStringLiteral("Gateway %1").arg(quoted(gatewayId));
    return send<ListPage<ProviderConfig>>(std::move(r), context, std::move(callback), [](const ApiEnvelope &e) {
        return decodeList<ProviderConfig>(e, "provider_configs", &ProviderConfig::fromJson);
    });
}

} // namespace rd
