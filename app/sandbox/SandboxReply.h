#pragma once

#include "app/sandbox/SandboxResponse.h"
#include "model/ApiEnvelope.h"
#include "model/Json.h"
#include "model/PageInfo.h"

#include <QString>

#include <vector>

namespace rd {

// Response builders in Cloudflare's envelope shapes, and the error codes the sandbox answers with.
class SandboxReply
{
public:
    // Codes Cloudflare uses on these endpoints (7000-7003, 10000), and sandbox codes in the same style where
    // the public docs name none.
    static constexpr int kNoRoute = 7000;    // unknown URI
    static constexpr int kBadInput = 7001;   // malformed body, wrong types, rejected route
    static constexpr int kNotFound = 7003;   // unknown object id
    static constexpr int kAuth = 10000;      // missing or wrong credentials
    static constexpr int kInternal = 10001;  // server error (injected, or the database failed)
    static constexpr int kMethod = 10405;    // method not allowed on this path
    static constexpr int kTooLarge = 10413;  // body over the limit
    static constexpr int kBadHttp = 10400;   // a request that is not well-formed HTTP, or arrived too slowly
    static constexpr int kMediaType = 10415; // a body that is not declared as JSON
    static constexpr int kRateLimited = 10429;

    static SandboxResponse json(const Json &body, int status = 200);
    // {success, errors, messages, result[, result_info]}
    static SandboxResponse result(Json result);
    static SandboxResponse resultPage(Json items, const PageInfo &info);
    // {data, success}: the dynamic-routing lists
    static SandboxResponse data(Json data);
    // {route, success}: the dynamic-routing rename
    static SandboxResponse route(Json route);

    static SandboxResponse error(int status, int code, const QString &message);
    static SandboxResponse errors(int status, const std::vector<ApiMessage> &errors);
    static SandboxResponse badRequest(const QString &message) { return error(400, kBadInput, message); }
    static SandboxResponse notFound(const QString &message) { return error(404, kNotFound, message); }
    static SandboxResponse internalError() { return error(500, kInternal, QStringLiteral("Internal server error")); }

    // `name` in quotes for messages: 'demo-gateway'.
    static QString quoted(const QString &name);
};

} // namespace rd
