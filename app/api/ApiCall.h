#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace rd {

class ApiTransport;

// What one HTTP exchange came to, before any interpretation.
struct HttpOutcome
{
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    bool timedOut = false;
    int retryAfterMs = -1; // from retry-after-ms or Retry-After
};

// One logical API call, across its retries. Owned by the ApiTransport; deletes itself once finished.
// cancel() stops it and its callback runs once with an ApiError of kind Cancelled (callers usually ignore
// that); destroying the context object it was started for stops it with no callback at all. A write cancelled
// while its request was on the wire cannot be taken back: its error says mayHaveBeenApplied, and the caller
// must read the server to learn what happened. Cancelled while queued or waiting to retry, nothing was sent.
class ApiCall : public QObject
{
    Q_OBJECT

public:
    QString action() const { return m_action; }
    QByteArray method() const { return m_method; }
    QUrl url() const { return m_url; }
    int attempts() const { return m_attempts; }
    bool isFinished() const { return m_finished; }
    // The HTTP status of the last answer; 0 while none arrived.
    int httpStatus() const { return m_httpStatus; }

    // What to show while a retry is pending: "rate limited — retrying in 12 s".
    static QString describeRetry(const QString &reason, int delayMs);

public slots:
    void cancel();

signals:
    // Before waiting to try again: `reason` is for people ("rate limited"), `delayMs` how long until then.
    void retrying(int attempt, int delayMs, const QString &reason);
    void finished();

private:
    friend class ApiTransport;
    explicit ApiCall(ApiTransport *transport);

    ApiTransport *m_transport;
    QString m_action;  // "list routes of gateway “demo”": used in messages
    QString m_subject; // "Route “abc”": used for not-found messages
    QByteArray m_method;
    QUrl m_url;
    QByteArray m_body;
    bool m_hasBody = false;
    bool m_idempotent = true;

    int m_attempts = 0;
    int m_httpStatus = 0;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_cancelledInFlight = false; // a request was on the wire when cancel() came: it may have been applied
    bool m_timedOut = false;
    bool m_queued = false;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QTimer m_backoff;
    QElapsedTimer m_clock;
    QPointer<QObject> m_context;
    bool m_hasContext = false;
    // Set by ApiTransport::start: turns the final reply into a result and calls the user back.
    std::function<void(const HttpOutcome &outcome)> m_complete;
};

} // namespace rd
