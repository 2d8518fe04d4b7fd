#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "model/Json.h"

#include <QString>

#include <optional>

namespace rd {

// Request bodies: parsed as a JSON object with the model's limits, and fields read with messages that say
// what is wrong. Every reader returns false and fills `error` (a 400 response) on bad input.
class SandboxBody
{
public:
    // Requests over this are answered 413 before anything else looks at them.
    static constexpr qsizetype kMaxBytes = 5 * 1024 * 1024;

    static std::optional<Json> readObject(const SandboxRequest &request, SandboxResponse &error);

    // Required: absent or null is an error.
    static bool requireString(const Json &body, const char *key, QString &out, SandboxResponse &error);
    static bool requireBool(const Json &body, const char *key, bool &out, SandboxResponse &error);
    // Optional: absent leaves `out` untouched and returns true.
    static bool optionalString(const Json &body, const char *key, std::optional<QString> &out, SandboxResponse &error);

    // "a number", "an object", ... for messages.
    static QString kindOf(const Json &value);
};

} // namespace rd
