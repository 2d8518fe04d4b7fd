#pragma once

#include <QtGlobal>

namespace rd {

// What one client may cost the sandbox. Every figure bounds memory, time or descriptors so that a broken or
// hostile client on the loopback interface cannot take the app's offline backend down with it. The defaults
// are for people and the official SDK; tests shrink the timeouts to see them act in milliseconds.
struct SandboxHttpLimits
{
    qsizetype maxRequestLineBytes = 8 * 1024; // beyond: 414
    qsizetype maxHeadBytes = 32 * 1024;       // request line and headers together; beyond: 431
    int maxHeaders = 100;                     // beyond: 431
    qsizetype maxBodyBytes = 5 * 1024 * 1024; // beyond: 413, answered before the body is read
    // After an early answer (401, 413, ...) the rest of a declared body is read and thrown away, up to this
    // much, so that a client still sending gets to read the answer instead of a reset connection.
    qsizetype maxDrainBytes = 16 * 1024 * 1024;
    int maxConnections = 256; // open at once; above it the server stops accepting until one closes
    // A request's head and body must arrive within this from its first byte (slow clients are closed with 408);
    // also how long an answer may take to be read before the connection is dropped.
    int requestTimeoutMs = 10000;
    // A connection with no request in progress is closed after this.
    int idleTimeoutMs = 10000;
    // After an early answer, how long the rest of the request is read and thrown away before closing.
    int lingerMs = 2000;
    // After the process ran out of descriptors, accepting is retried this much later.
    int acceptRetryMs = 250;
};

} // namespace rd
