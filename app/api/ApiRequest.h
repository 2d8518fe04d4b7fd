#pragma once

#include "model/Json.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace rd {

// One request as the transport sends it: the endpoint catalogue (ApiEndpoints) fills these in, the transport
// (ApiTransport) adds the base address, the account and the credentials.
struct ApiRequest
{
    QByteArray method = "GET";
    QString path; // below /accounts/{account_id}, already percent-encoded
    QList<QPair<QString, QString>> query;
    std::optional<Json> body;
    QString action;  // for messages: "create route “x”"
    QString subject; // for not-found messages: "Route “abc”"; empty for "What <action> asked for"
};

} // namespace rd
