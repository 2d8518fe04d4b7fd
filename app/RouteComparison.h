#pragma once

#include "model/Route.h"
#include "model/RouteDiff.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <optional>
#include <stop_token>

class QThreadPool;

namespace rd {

// RouteDiff::compare on a worker thread: a large comparison takes seconds, too long to hold the GUI thread.
//
// One comparison at a time: starting another, stop() or destroying this object stops the one under way and
// drops its answer. The worker compares its own copies of the routes and heeds the stop within milliseconds,
// so nothing waits long for it and nothing it touches goes away under it.
class RouteComparison : public QObject
{
    Q_OBJECT

public:
    explicit RouteComparison(QObject *parent = nullptr);
    ~RouteComparison() override;

    void start(Route from, Route to, RouteDiff::Options options = {});
    void stop();
    bool isRunning() const { return m_watcher != nullptr; }

    // The one thread comparisons run on, shared by all: one diff at a time is all a person waits for, and Qt's
    // global pool stays free for its own work (painting among others). Public so that a test can hold it and
    // look at a caller whose comparison is pending.
    static QThreadPool *pool();

signals:
    void finished(const rd::RouteDiff &diff);
    // No comparison could be made (out of memory, for one); `message` says why, as a sentence.
    void failed(const QString &message);

private:
    // What the worker hands back: the diff, or why there is none (nothing at all when it was stopped).
    struct Result
    {
        std::optional<RouteDiff> diff;
        QString error;
    };

    QFutureWatcher<Result> *m_watcher = nullptr;
    std::stop_source m_stop;
};

} // namespace rd
