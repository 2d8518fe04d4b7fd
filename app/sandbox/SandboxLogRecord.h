#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace rd {

// One gateway log as the sandbox stores it: the list fields, the detail fields and the bodies.
struct SandboxLogRecord
{
    QString id;
    QString createdAt;
    QString provider;
    QString model;
    QString modelType;
    QString path;
    bool success = true;
    bool cached = false;
    int statusCode = 200;
    qint64 duration = 0; // ms
    qint64 tokensIn = 0;
    qint64 tokensOut = 0;
    double cost = 0.0; // USD
    bool customCost = false;
    QString metadata; // JSON text, as the API returns it
    QString requestType;
    QString requestContentType;
    QString responseContentType;
    QString userAgent;
    QString eventId;
    int step = 0;
    std::optional<int> feedback; // -1, 0 or 1, once someone rated the answer
    std::optional<int> score;    // 0..100
    QString requestHead;         // JSON text of the request headers
    QString responseHead;
    QByteArray requestBody;
    QByteArray responseBody;
};

} // namespace rd
