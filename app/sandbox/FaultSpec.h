#pragma once

#include <QString>

namespace rd {

// A misbehaviour the sandbox puts on its next `count` matching requests, so that tests and people can see
// how the client copes with a slow, failing, throttled, garbled or vanished answer.
struct FaultSpec
{
    enum class Kind { Slow, ServerError, RateLimited, MalformedJson, DropConnection };
    Kind kind = Kind::ServerError;
    int count = 1;             // how many matching requests it affects
    int delayMs = 0;           // Slow: wait this long, then answer normally
    int retryAfterSeconds = 1; // RateLimited: the Retry-After header value
    QString method;            // "" = any; else only this HTTP method
    QString pathContains;      // "" = any; else only paths containing this
    // DropConnection: perform the request's state change, THEN drop (the "POST applied but the client never
    // heard" case)
    bool applyFirst = false;
};

} // namespace rd
