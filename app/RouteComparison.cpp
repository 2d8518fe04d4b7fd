#include "app/RouteComparison.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <new>
#include <utility>

namespace rd {

namespace {

// One thread: comparisons nobody waits for any more return as soon as they start, so the one wanted next does
// not wait long behind them. Destroyed at exit like Qt's global pool, after waiting for what still runs (by
// then stopped: every RouteComparison stops its own as it goes).
struct ComparisonPool : QThreadPool
{
    ComparisonPool()
    {
        setObjectName(QStringLiteral("routeComparisonPool"));
        setMaxThreadCount(1);
    }
};
Q_GLOBAL_STATIC(ComparisonPool, g_pool)

} // namespace

RouteComparison::RouteComparison(QObject *parent) : QObject(parent)
{}

RouteComparison::~RouteComparison()
{
    // Not started yet, the worker is run right here by waitForFinished and returns at once; running, it stops
    // within milliseconds. Either way it does not outlive its owner by more than that.
    if (m_watcher != nullptr) {
        m_stop.request_stop();
        QFuture<Result> future = m_watcher->future();
        delete std::exchange(m_watcher, nullptr);
        future.waitForFinished();
    }
}

QThreadPool *RouteComparison::pool()
{
    return g_pool();
}

void RouteComparison::start(Route from, Route to, RouteDiff::Options options)
{
    stop();
    m_stop = std::stop_source();
    auto *watcher = new QFutureWatcher<Result>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher != m_watcher) {
            return; // stopped: its answer is no longer wanted
        }
        m_watcher = nullptr;
        Result result = watcher->result();
        if (result.diff) {
            emit finished(*result.diff);
        } else {
            emit failed(result.error);
        }
    });
    watcher->setFuture(
        QtConcurrent::run(pool(), [from = std::move(from), to = std::move(to), options, stop = m_stop.get_token()] {
            Result result;
            try {
                result.diff = RouteDiff::compare(from, to, options, stop);
            } catch (const std::bad_alloc &) {
                result.error = tr("There was not enough memory to compare the versions.");
            } catch (const std::exception &e) {
                result.error = tr("Comparing the versions failed: %1").arg(QString::fromUtf8(e.what()));
            }
            return result;
        }));
}

void RouteComparison::stop()
{
    if (m_watcher == nullptr) {
        return;
    }
    // The watcher goes once its worker is done (deleteLater in its handler), which the stop makes soon.
    m_stop.request_stop();
    m_watcher = nullptr;
}

} // namespace rd
