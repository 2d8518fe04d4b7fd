#pragma once

#include <string_view>
#include <vector>

namespace rd {

// The groups the gateway settings editor shows, in its order.
enum class GatewaySettingGroup { Caching, RateLimiting, Retries, Logging, Security, Export, Billing, Other };

// How a setting's value is shaped. Dlp, Otel and Stripe are the seed's nested objects, checked field by field.
enum class GatewaySettingKind { Boolean, Number, String, Choice, Dlp, Otel, Stripe };

// One field of seed 001's gateway: its shape, its range, and the one line an editor says about it.
struct GatewaySetting
{
    std::string_view key;
    GatewaySettingGroup group;
    GatewaySettingKind kind;
    bool required = false; // create and update must send it
    double min = 0;        // Number: the range; String: the length. No bound when min == max == 0.
    double max = 0;
    std::vector<std::string_view> choices = {};
    std::string_view label = {};
    std::string_view explanation = {};
    bool readOnly = false;    // shown, never edited (is_default)
    bool holdsSecret = false; // an authorization inside: masked, sent only when changed, never kept by the app

    bool hasRange() const { return min != 0 || max != 0; }
};

} // namespace rd
