#pragma once

#include "model/GatewaySetting.h"
#include "model/Json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

// Seed 001's gateway fields as one table, shared by the sandbox (which enforces it with Cloudflare's error
// envelope) and the settings editor (which groups, explains and checks them before anything is sent).
class GatewaySettings
{
public:
    // Every field but id, created_at and modified_at, in the order Cloudflare writes them.
    static const std::vector<GatewaySetting> &all();
    static const GatewaySetting *find(std::string_view key);
    static std::string_view groupTitle(GatewaySettingGroup group);

    // What a value of this setting must be, for a message: "a number from 0 to 5000", "one of "fixed", "sliding"".
    static std::string describe(const GatewaySetting &setting);
    // Why `value` is not acceptable for `setting` (nested fields named by path: "otel[0].url must be a string"),
    // or nullopt when it is. Null is for the caller to treat as absent.
    static std::optional<std::string> problem(const GatewaySetting &setting, const Json &value);

    // Gateway ids: 1 to 64 characters (seed 001) of lowercase letters, digits and '-', as the dashboard asks.
    static constexpr int kIdMaxLength = 64;
    static std::optional<std::string> idProblem(std::string_view id);

    // The secrets inside a gateway (otel[].authorization, stripe.authorization), as JSON pointers that exist in
    // `gateway`. An editor masks them; a log line or a settings file must never hold them.
    static std::vector<std::string> secretPointers(const Json &gateway);
};

} // namespace rd
