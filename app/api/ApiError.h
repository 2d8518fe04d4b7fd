#pragma once

#include "model/ApiEnvelope.h"

#include <QString>

#include <vector>

namespace rd {

// Every way a call can fail, as one value: what kind, the HTTP status and Cloudflare's own codes and
// messages when there were any, and one line a person can act on.
struct ApiError
{
    enum class Kind {
        Network,         // no connection, DNS, TLS, connection dropped
        Timeout,         // no complete answer within the request timeout
        Http,            // an HTTP error status without a readable Cloudflare envelope
        Api,             // Cloudflare answered with success: false
        InvalidResponse, // 2xx, but the body is not the JSON or shape the endpoint promises
        Cancelled,
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;
    std::vector<ApiMessage> messages; // Cloudflare's `errors`
    QString summary;                  // "The token lacks the AI Gateway Write permission."
    QString detail;                   // what went wrong technically, for a details pane
    int retryAfterSeconds = -1;       // from Retry-After on 429/503, else -1
    // True when a request that changes state may have reached the server before the failure, so it was
    // not repeated: the caller should refresh before trying again.
    bool mayHaveBeenApplied = false;
    // A write refused (403) with credentials that can read: the token lacks the write permission.
    bool writeDenied = false;

    bool isAuthError() const { return httpStatus == 401 || httpStatus == 403; }
    bool isNotFound() const { return httpStatus == 404; }
    bool hasCode(std::int64_t code) const;
    QString toString() const; // summary, plus detail when it adds something
};

} // namespace rd
