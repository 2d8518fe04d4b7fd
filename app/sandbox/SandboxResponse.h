#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace rd {

// What a handler answers; the HTTP layer writes it (or, under a fault, something else).
struct SandboxResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // beyond Content-Type and Content-Length
};

} // namespace rd
