#pragma once

// Gateway bodies for the sandbox's and the client's gateway tests: one valid value for every field of
// GatewaySettings::all() (two different sets, for a create and an update), and the values each field must refuse,
// just outside each bound. Generated from the table where it can be, so a field added to the table without a case
// here fails the tests that walk it.
#include "model/GatewaySettings.h"
#include "model/Json.h"

#include <string>
#include <vector>

namespace rd::test {

// A value the server must refuse for `key`, and what its message must mention.
struct GatewayFieldCase
{
    std::string name;
    std::string key;
    Json value;
    std::string mentions;
};

inline Json gatewayRequiredFields()
{
    return Json{{"cache_invalidate_on_update", false},
                {"cache_ttl", 0},
                {"collect_logs", true},
                {"rate_limiting_interval", 0},
                {"rate_limiting_limit", 0}};
}

// Secrets in the samples: distinctive enough that a test can look for them in logs and files.
inline const char *kOtelSecretA = "Bearer otel-secret-A-5d1f0c";
inline const char *kOtelSecretB = "Bearer otel-secret-B-93ab27";
inline const char *kStripeSecret = "sk_test_stripe-secret-4e6a91";

// Every field of GatewaySettings::all() at a valid value; `second` gives another value for each (the other DLP
// shape, other enum members, the other end of each range), so an update changes every one of them.
inline Json gatewayAllFields(bool second)
{
    Json body = Json::object();
    for (const GatewaySetting &setting : GatewaySettings::all()) {
        const std::string key(setting.key);
        switch (setting.kind) {
        case GatewaySettingKind::Boolean:
            // Create sets each flag, the update clears it (the defaults are false, so the create proves something).
            body[key] = !second;
            break;
        case GatewaySettingKind::Number:
            if (setting.hasRange()) {
                body[key] = second ? setting.max : setting.min;
            } else {
                body[key] = second ? 86400 : 30;
            }
            // Whole numbers go as integers, as the app writes them.
            body[key] = static_cast<long long>(body[key].get<double>());
            break;
        case GatewaySettingKind::String:
            if (setting.hasRange()) {
                body[key] =
                    std::string(static_cast<std::size_t>(second ? setting.max : setting.min), second ? 'k' : 'K');
            } else {
                body[key] = second ? "store-b" : "store-a";
            }
            break;
        case GatewaySettingKind::Choice:
            body[key] = std::string(second ? setting.choices.back() : setting.choices.front());
            break;
        case GatewaySettingKind::Dlp:
            body[key] = second ? Json{{"enabled", false},
                                      {"policies", Json::array({Json{{"id", "policy-1"},
                                                                     {"action", "FLAG"},
                                                                     {"check", Json::array({"REQUEST", "RESPONSE"})},
                                                                     {"enabled", true},
                                                                     {"profiles", Json::array({"profile-x"})}},
                                                                Json{{"id", "policy-2"},
                                                                     {"action", "BLOCK"},
                                                                     {"check", Json::array({"RESPONSE"})},
                                                                     {"enabled", false},
                                                                     {"profiles", Json::array()}}})}}
                               : Json{{"action", "BLOCK"},
                                      {"enabled", true},
                                      {"profiles", Json::array({"profile-a", "profile-b"})}};
            break;
        case GatewaySettingKind::Otel:
            body[key] = second ? Json::array({Json{{"authorization", kOtelSecretB},
                                                   {"headers", Json::object()},
                                                   {"url", "https://otel-b.example.com/v1/traces"},
                                                   {"content_type", "protobuf"}},
                                              Json{{"authorization", kOtelSecretA},
                                                   {"headers", Json{{"x-tenant", "blue"}}},
                                                   {"url", "https://otel-a.example.com/v1/traces"}}})
                               : Json::array({Json{{"authorization", kOtelSecretA},
                                                   {"headers", Json{{"x-team", "routing"}, {"x-env", "test"}}},
                                                   {"url", "https://otel-a.example.com/v1/traces"},
                                                   {"content_type", "json"}}});
            break;
        case GatewaySettingKind::Stripe:
            body[key] = Json{{"authorization", kStripeSecret},
                             {"usage_events", second ? Json::array({Json{{"payload", "{\"event\":\"tokens\"}"}},
                                                                    Json{{"payload", "{\"event\":\"requests\"}"}}})
                                                     : Json::array({Json{{"payload", "{\"event\":\"cost\"}"}}})}};
            break;
        }
    }
    return body;
}

// For each field, values just outside what it accepts; then the nested shapes' own fields.
inline std::vector<GatewayFieldCase> gatewayRefusedCases()
{
    std::vector<GatewayFieldCase> cases;
    auto add = [&](std::string name, const std::string &key, Json value, std::string mentions = {}) {
        cases.push_back({std::move(name), key, std::move(value), mentions.empty() ? key : std::move(mentions)});
    };
    for (const GatewaySetting &setting : GatewaySettings::all()) {
        const std::string key(setting.key);
        switch (setting.kind) {
        case GatewaySettingKind::Boolean:
            add(key + " as a string", key, "true");
            break;
        case GatewaySettingKind::Number:
            add(key + " below its minimum", key, static_cast<long long>(setting.min) - 1);
            if (setting.hasRange()) {
                add(key + " above its maximum", key, static_cast<long long>(setting.max) + 1);
            }
            add(key + " as a string", key, "10");
            break;
        case GatewaySettingKind::String:
            if (setting.hasRange()) {
                add(key + " too short", key, std::string(static_cast<std::size_t>(setting.min) - 1, 'k'));
                add(key + " too long", key, std::string(static_cast<std::size_t>(setting.max) + 1, 'k'));
            }
            add(key + " as a number", key, 12);
            break;
        case GatewaySettingKind::Choice:
            add(key + " not a choice", key, "bogus");
            // Enums are case-sensitive: the first choice with its case flipped.
            {
                std::string flipped(setting.choices.front());
                for (char &c : flipped) {
                    c = (c >= 'a' && c <= 'z')   ? static_cast<char>(c - 32)
                        : (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32)
                                                 : c;
                }
                add(key + " in the wrong case", key, flipped);
            }
            break;
        case GatewaySettingKind::Dlp:
            add("dlp action not an action", key,
                Json{{"action", "ALLOW"}, {"enabled", true}, {"profiles", Json::array()}}, "dlp.action");
            add("dlp profiles not strings", key,
                Json{{"action", "FLAG"}, {"enabled", true}, {"profiles", Json::array({1})}}, "dlp.profiles[0]");
            add("dlp policy check not a check", key,
                Json{{"enabled", true},
                     {"policies", Json::array({Json{{"id", "p"},
                                                    {"action", "FLAG"},
                                                    {"check", Json::array({"BODY"})},
                                                    {"enabled", true},
                                                    {"profiles", Json::array()}}})}},
                "dlp.policies[0].check[0]");
            add("dlp policy without id", key,
                Json{{"enabled", true},
                     {"policies", Json::array({Json{{"action", "FLAG"},
                                                    {"check", Json::array({"REQUEST"})},
                                                    {"enabled", true},
                                                    {"profiles", Json::array()}}})}},
                "dlp.policies[0].id");
            add("dlp not an object", key, "on", "dlp");
            break;
        case GatewaySettingKind::Otel:
            add("otel content_type xml", key,
                Json::array({Json{{"authorization", "Bearer x"},
                                  {"headers", Json::object()},
                                  {"url", "https://otel.example.com"},
                                  {"content_type", "xml"}}}),
                "otel[0].content_type");
            add("otel without url", key,
                Json::array({Json{{"authorization", "Bearer x"}, {"headers", Json::object()}}}), "otel[0].url");
            add("otel header not a string", key,
                Json::array({Json{{"authorization", "Bearer x"},
                                  {"headers", Json{{"x-n", 5}}},
                                  {"url", "https://otel.example.com"}}}),
                "otel[0].headers.x-n");
            add("otel not an array", key, Json::object(), "otel");
            break;
        case GatewaySettingKind::Stripe:
            add("stripe without usage_events", key, Json{{"authorization", "sk_x"}}, "stripe.usage_events");
            add("stripe payload not a string", key,
                Json{{"authorization", "sk_x"}, {"usage_events", Json::array({Json{{"payload", 1}}})}},
                "stripe.usage_events[0].payload");
            break;
        }
    }
    return cases;
}

} // namespace rd::test
