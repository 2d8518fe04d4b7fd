#pragma once

#include "model/Decoded.h"
#include "model/Json.h"
#include "model/PageInfo.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rd {

// One entry of the envelope's `errors` or `messages`.
struct ApiMessage
{
    std::int64_t code = 0; // 0 when the server sent none, or none that is a whole number
    std::string message;
    std::string documentationUrl;
    Json source; // `source.pointer` and the like, kept as sent

    bool operator==(const ApiMessage &) const = default;
};

// Cloudflare's response envelope in the shapes the AI Gateway endpoints use: `{success, errors, messages,
// result, result_info}`, and the dynamic-routing variants `{data: {...}, success}` and `{route, success}`.
class ApiEnvelope
{
public:
    enum class PayloadKind { None, Result, Route, Data };

    // Fails only when the body is not an object at all; every other oddity is kept for the caller to judge. A
    // number that cannot be what its field means (an error code of 1e30, a page of 7e60) is left out, with a
    // warning naming it: see PageInfo::fromJson and the `code` of ApiMessage.
    static Decoded<ApiEnvelope> fromJson(const Json &json);

    // Envelope writers, for the sandbox that stands in for Cloudflare.
    static Json makeSuccess(Json payload, PayloadKind kind = PayloadKind::Result,
                            const std::optional<PageInfo> &resultInfo = std::nullopt);
    static Json makeFailure(const std::vector<ApiMessage> &errors);

    bool success = false;
    std::vector<ApiMessage> errors;
    std::vector<ApiMessage> messages;
    PayloadKind payloadKind = PayloadKind::None;
    Json payload;                     // `result`, `route` or `data`, whichever the response had
    std::optional<PageInfo> pageInfo; // `result_info`, or paging fields inside `data`

    // "[7003] Route not found; [1000] ..." — the errors as one line, for messages and logs.
    std::string errorSummary() const;
    bool hasErrorCode(std::int64_t code) const;
};

} // namespace rd
