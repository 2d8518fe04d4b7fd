#pragma once

#include "app/api/ApiResult.h"

#include <QEventLoop>
#include <QString>
#include <QTimer>

#include <optional>

namespace rd::test {

// Runs the event loop until an API call's callback has run, and returns what it got; after `timeoutMs`
// without one, an error saying so (so a hung call fails the test instead of hanging it).
template <class T, class Start>
ApiResult<T> await(Start start, int timeoutMs = 20000)
{
    std::optional<ApiResult<T>> result;
    QEventLoop loop;
    start([&](const ApiResult<T> &r) {
        result = r;
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!result) {
        ApiResult<T> timedOut;
        timedOut.error = ApiError{};
        timedOut.error->summary = QStringLiteral("test: no callback within %1 ms").arg(timeoutMs);
        return timedOut;
    }
    return *result;
}

// An API error as text for a failure message; empty when there is none.
inline QString why(const std::optional<ApiError> &error)
{
    return error ? error->toString() : QString();
}

} // namespace rd::test
