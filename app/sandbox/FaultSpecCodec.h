#pragma once

#include "app/sandbox/FaultSpec.h"
#include "model/Json.h"

#include <QString>

#include <optional>

namespace rd {

// FaultSpec from the two outside forms: the control endpoint's JSON and route-sandbox's --fault argument.
class FaultSpecCodec
{
public:
    // A slow fault without a delay would not be slow.
    static constexpr int kDefaultSlowDelayMs = 2000;

    // "slow", "server_error", "rate_limited", "malformed_json", "drop_connection".
    static QString kindName(FaultSpec::Kind kind);
    static std::optional<FaultSpec::Kind> kindFromName(const QString &name);

    // {"kind", "count"?, "delay_ms"?, "retry_after"?, "method"?, "path_contains"?, "apply_first"?}
    static std::optional<FaultSpec> fromJson(const Json &json, QString *error);
    static Json toJson(const FaultSpec &fault);
    // KIND[:COUNT[:PARAM]], PARAM being the delay in ms (slow), the Retry-After seconds (rate_limited) or
    // "apply_first" (drop_connection).
    static std::optional<FaultSpec> fromArgument(const QString &argument, QString *error);
};

} // namespace rd
