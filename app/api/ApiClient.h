#pragma once

#include "app/api/ApiCall.h"
#include "app/api/ApiCredentials.h"
#include "app/api/ApiResult.h"
#include "app/api/PageQuery.h"
#include "model/Gateway.h"
#include "model/ListPage.h"
#include "model/LogEntry.h"
#include "model/LogQuery.h"
#include "model/ProviderConfig.h"
#include "model/Route.h"
#include "model/RouteDeployment.h"
#include "model/RouteVersion.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace rd {

// Cloudflare's AI Gateway REST API over QNetworkAccessManager. Every call is asynchronous: it returns at
// once and later calls `callback` on the thread of the client with a typed value or an ApiError.
//
// Calls started for a `context` object are cancelled when that object is destroyed, and its callback is
// then never run: a window passes itself, and closing it stops its requests.
//
// Failed calls are retried with exponential backoff and jitter (honouring Retry-After) when that is safe:
// 408, 429, 5xx and network failures for reads and idempotent writes; only 429, 408 and failures before
// anything was sent for a POST, which the server may otherwise already have applied.
class ApiClient : public QObject
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
    };

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }
    void setCredentials(const ApiCredentials &credentials) { m_credentials = credentials; }
    const ApiCredentials &credentials() const { return m_credentials; }

    int inFlight() const { return m_running; }
    int queued() const { return static_cast<int>(m_queue.size()); }
    void cancelAll();

    // Gateways
    ApiCall *listGateways(const PageQuery &query, QObject *context, ApiCallback<ListPage<Gateway>> callback);
    ApiCall *getGateway(const QString &id, QObject *context, ApiCallback<Gateway> callback);
    ApiCall *createGateway(const Gateway &gateway, QObject *context, ApiCallback<Gateway> callback);
    ApiCall *updateGateway(const Gateway &gateway, QObject *context, ApiCallback<Gateway> callback);
    ApiCall *deleteGateway(const QString &id, QObject *context, ApiCallback<Gateway> callback);

    // Dynamic routes
    ApiCall *listRoutes(const QString &gatewayId, const PageQuery &query, QObject *context,
                        ApiCallback<ListPage<Route>> callback);
    ApiCall *getRoute(const QString &gatewayId, const QString &routeId, QObject *context, ApiCallback<Route> callback);
    ApiCall *createRoute(const QString &gatewayId, const Route &route, QObject *context, ApiCallback<Route> callback);
    ApiCall *renameRoute(const QString &gatewayId, const QString &routeId, const QString &name, QObject *context,
                         ApiCallback<Route> callback);
    ApiCall *deleteRoute(const QString &gatewayId, const QString &routeId, QObject *context,
                         ApiCallback<Route> callback);
    ApiCall *listVersions(const QString &gatewayId, const QString &routeId, const PageQuery &query, QObject *context,
                          ApiCallback<ListPage<RouteVersion>> callback);
    // Answers with the route (the API does not return the new version's id: find it in listVersions).
    ApiCall *createVersion(const QString &gatewayId, const QString &routeId, const Route &route, QObject *context,
                           ApiCallback<Route> callback);
    ApiCall *getVersion(const QString &gatewayId, const QString &routeId, const QString &versionId, QObject *context,
                        ApiCallback<RouteVersion> callback);
    // The same, decoded down to the version's graph: an unreadable graph is an InvalidResponse error.
    ApiCall *getVersionGraph(const QString &gatewayId, const QString &routeId, const QString &versionId,
                             QObject *context, ApiCallback<Route> callback);
    ApiCall *listDeployments(const QString &gatewayId, const QString &routeId, const PageQuery &query, QObject *context,
                             ApiCallback<ListPage<RouteDeployment>> callback);
    ApiCall *createDeployment(const QString &gatewayId, const QString &routeId, const QString &versionId,
                              QObject *context, ApiCallback<Route> callback);

    // Logs
    ApiCall *listLogs(const QString &gatewayId, const LogQuery &query, QObject *context,
                      ApiCallback<ListPage<LogEntry>> callback);
    ApiCall *getLog(const QString &gatewayId, const QString &logId, QObject *context, ApiCallback<LogEntry> callback);
    ApiCall *getLogRequest(const QString &gatewayId, const QString &logId, QObject *context,
                           ApiCallback<Json> callback);
    ApiCall *getLogResponse(const QString &gatewayId, const QString &logId, QObject *context,
                            ApiCallback<Json> callback);
    struct LogPatch
    {
        std::optional<int> feedback; // -1, 0 or 1
        std::optional<int> score;    // 0..100
        std::optional<Json> metadata;
    };
    ApiCall *patchLog(const QString &gatewayId, const QString &logId, const LogPatch &patch, QObject *context,
                      ApiCallback<Json> callback);
    ApiCall *deleteLogs(const QString &gatewayId, const std::vector<LogFilter> &filters, QObject *context,
                        ApiCallback<Json> callback);

    // Provider configs
    ApiCall *listProviderConfigs(const QString &gatewayId, const PageQuery &query, QObject *context,
                                 ApiCallback<ListPage<ProviderConfig>> callback);

signals:
    // One line per finished HTTP exchange, safe to log: method, path and query, status, time. No headers,
    // no bodies, and the secret redacted should a server ever echo it into a URL.
    void requestLogged(const QString &line);

private:
    struct Request
    {
        QByteArray method = "GET";
        QString path; // below /accounts/{account_id}
        QList<QPair<QString, QString>> query;
        std::optional<Json> body;
        QString action;  // for messages: "create route “x”"
        QString subject; // for not-found messages: "Route “abc”"
    };

    static Request versionRequest(const QString &gatewayId, const QString &routeId, const QString &versionId);
    template<class T, class Decode>
    ApiCall *send(Request request, QObject *context, ApiCallback<T> callback, Decode decode);
    ApiCall *enqueue(Request request, QObject *context);
    void pump();
    void startAttempt(ApiCall *call);
    void onReplyFinished(ApiCall *call, QNetworkReply *reply);
    void finishCall(ApiCall *call, const HttpOutcome &outcome);
    void cancelCall(ApiCall *call);
    bool shouldRetry(const ApiCall *call, const HttpOutcome &outcome, QString &reason) const;
    int retryDelayMs(const ApiCall *call, const HttpOutcome &outcome) const;
    ApiError makeError(const ApiCall *call, const HttpOutcome &outcome) const;
    QUrl urlFor(const Request &request) const;

    friend class ApiCall;

    QNetworkAccessManager *m_network;
    Options m_options;
    ApiCredentials m_credentials;
    QList<QPointer<ApiCall>> m_queue;
    int m_running = 0;
    bool m_destroying = false;
};

} // namespace rd
