#include "model/GatewaySettings.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace rd {

namespace {

using Group = GatewaySettingGroup;
using Kind = GatewaySettingKind;

// Each "{}" in `pattern` takes the next argument, as std::format would (libstdc++ 12, Debian 12's, has no <format>).
template<class... Args> std::string format(std::string_view pattern, const Args &...args)
{
    std::ostringstream out;
    out.precision(15);
    std::size_t from = 0;
    auto next = [&](const auto &arg) {
        const std::size_t at = pattern.find("{}", from);
        out << pattern.substr(from, at - from) << arg;
        from = at + 2;
    };
    (next(args), ...);
    out << pattern.substr(from);
    return out.str();
}

std::string quotedList(const std::vector<std::string_view> &choices)
{
    std::string text;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        text += (i == 0 ? "" : ", ") + format("\"{}\"", choices[i]);
    }
    return text;
}

std::string number(double value)
{
    return format("{}", value);
}

// Length in characters as the API counts them (UTF-8 code points), not bytes.
std::size_t characters(const std::string &text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::optional<std::string> needString(const Json &object, const char *key, const std::string &path)
{
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) {
        return format("{}.{} must be a string", path, key);
    }
    return std::nullopt;
}

std::optional<std::string> needBool(const Json &object, const char *key, const std::string &path)
{
    auto it = object.find(key);
    if (it == object.end() || !it->is_boolean()) {
        return format("{}.{} must be true or false", path, key);
    }
    return std::nullopt;
}

std::optional<std::string> needChoice(const Json &object, const char *key, const std::vector<std::string_view> &choices,
                                      const std::string &path)
{
    auto it = object.find(key);
    if (it == object.end() || !it->is_string() ||
        std::find(choices.begin(), choices.end(), it->get_ref<const std::string &>()) == choices.end()) {
        return format("{}.{} must be one of {}", path, key, quotedList(choices));
    }
    return std::nullopt;
}

std::optional<std::string> needStrings(const Json &object, const char *key, const std::string &path,
                                       const std::vector<std::string_view> &choices = {})
{
    auto it = object.find(key);
    if (it == object.end() || !it->is_array()) {
        return format("{}.{} must be an array of strings", path, key);
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json &item = (*it)[i];
        if (!item.is_string()) {
            return format("{}.{}[{}] must be a string", path, key, i);
        }
        if (!choices.empty() &&
            std::find(choices.begin(), choices.end(), item.get_ref<const std::string &>()) == choices.end()) {
            return format("{}.{}[{}] must be one of {}", path, key, i, quotedList(choices));
        }
    }
    return std::nullopt;
}

template<class... Checks> std::optional<std::string> first(Checks &&...checks)
{
    std::optional<std::string> found;
    ((found ? void() : void(found = checks())), ...);
    return found;
}

// Seed 001 gives DLP two shapes: the older one with one action over profiles, and one with policies.
std::optional<std::string> dlpProblem(const Json &dlp)
{
    if (!dlp.is_object()) {
        return "dlp must be an object";
    }
    static const std::vector<std::string_view> actions{"BLOCK", "FLAG"};
    if (!dlp.contains("policies")) {
        return first([&] { return needChoice(dlp, "action", actions, "dlp"); },
                     [&] { return needBool(dlp, "enabled", "dlp"); },
                     [&] { return needStrings(dlp, "profiles", "dlp"); });
    }
    if (auto issue = needBool(dlp, "enabled", "dlp")) {
        return issue;
    }
    const Json &policies = dlp["policies"];
    if (!policies.is_array()) {
        return "dlp.policies must be an array";
    }
    static const std::vector<std::string_view> checks{"REQUEST", "RESPONSE"};
    for (std::size_t i = 0; i < policies.size(); ++i) {
        const Json &policy = policies[i];
        const std::string path = format("dlp.policies[{}]", i);
        if (!policy.is_object()) {
            return path + " must be an object";
        }
        if (auto issue = first([&] { return needString(policy, "id", path); },
                               [&] { return needChoice(policy, "action", actions, path); },
                               [&] { return needStrings(policy, "check", path, checks); },
                               [&] { return needBool(policy, "enabled", path); },
                               [&] { return needStrings(policy, "profiles", path); })) {
            return issue;
        }
    }
    return std::nullopt;
}

std::optional<std::string> otelProblem(const Json &otel)
{
    if (!otel.is_array()) {
        return "otel must be an array";
    }
    static const std::vector<std::string_view> contentTypes{"json", "protobuf"};
    for (std::size_t i = 0; i < otel.size(); ++i) {
        const Json &exporter = otel[i];
        const std::string path = format("otel[{}]", i);
        if (!exporter.is_object()) {
            return path + " must be an object";
        }
        if (auto issue = first([&] { return needString(exporter, "authorization", path); },
                               [&] { return needString(exporter, "url", path); })) {
            return issue;
        }
        auto headers = exporter.find("headers");
        if (headers == exporter.end() || !headers->is_object()) {
            return path + ".headers must be an object of strings";
        }
        for (const auto &[name, value] : headers->items()) {
            if (!value.is_string()) {
                return format("{}.headers.{} must be a string", path, name);
            }
        }
        if (exporter.contains("content_type") && !exporter["content_type"].is_null()) {
            if (auto issue = needChoice(exporter, "content_type", contentTypes, path)) {
                return issue;
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> stripeProblem(const Json &stripe)
{
    if (!stripe.is_object()) {
        return "stripe must be an object";
    }
    if (auto issue = needString(stripe, "authorization", "stripe")) {
        return issue;
    }
    auto events = stripe.find("usage_events");
    if (events == stripe.end() || !events->is_array()) {
        return "stripe.usage_events must be an array";
    }
    for (std::size_t i = 0; i < events->size(); ++i) {
        const Json &event = (*events)[i];
        const std::string path = format("stripe.usage_events[{}]", i);
        if (!event.is_object()) {
            return path + " must be an object";
        }
        if (auto issue = needString(event, "payload", path)) {
            return issue;
        }
    }
    return std::nullopt;
}

} // namespace

const std::vector<GatewaySetting> &GatewaySettings::all()
{
    // Ranges and enums are seed 001's; where the seed gives only a minimum, so do we. The explanations are what
    // Cloudflare's docs say each does, in a line.
    static const std::vector<GatewaySetting> settings{
        {"cache_invalidate_on_update",
         Group::Caching,
         Kind::Boolean,
         true,
         0,
         0,
         {},
         "Invalidate on update",
         "Drop the cache when these settings change, so no answer outlives a change of configuration."},
        {"cache_ttl",
         Group::Caching,
         Kind::Number,
         true,
         0,
         0,
         {},
         "Cache TTL (seconds)",
         "How long an identical request is answered from the cache; 0 turns caching off."},
        {"collect_logs",
         Group::Logging,
         Kind::Boolean,
         true,
         0,
         0,
         {},
         "Collect logs",
         "Log every request; traffic on the graph, analytics and evaluations read these logs."},
        {"rate_limiting_interval",
         Group::RateLimiting,
         Kind::Number,
         true,
         0,
         0,
         {},
         "Interval (seconds)",
         "The window the limit counts requests in; 0 with a limit of 0 means no rate limit."},
        {"rate_limiting_limit",
         Group::RateLimiting,
         Kind::Number,
         true,
         0,
         0,
         {},
         "Limit (requests)",
         "Requests allowed per interval; over it the gateway answers 429."},
        {"authentication",
         Group::Security,
         Kind::Boolean,
         false,
         0,
         0,
         {},
         "Authenticated gateway",
         "Callers must send cf-aig-authorization with a gateway token; others are refused."},
        {"dlp",
         Group::Security,
         Kind::Dlp,
         false,
         0,
         0,
         {},
         "Data loss prevention",
         "Scan prompts and responses with DLP profiles and flag or block what matches."},
        {"is_default",
         Group::Other,
         Kind::Boolean,
         false,
         0,
         0,
         {},
         "Default gateway",
         "The account's default gateway; set by Cloudflare.",
         true},
        {"log_management",
         Group::Logging,
         Kind::Number,
         false,
         10000,
         10000000,
         {},
         "Logs kept",
         "The most logs the gateway keeps (10,000 to 10,000,000)."},
        {"log_management_strategy",
         Group::Logging,
         Kind::Choice,
         false,
         0,
         0,
         {"STOP_INSERTING", "DELETE_OLDEST"},
         "When full",
         "At the limit: stop logging new requests, or delete the oldest logs to make room."},
        {"logpush",
         Group::Export,
         Kind::Boolean,
         false,
         0,
         0,
         {},
         "Logpush",
         "Send logs to a Logpush job, encrypted with the public key below."},
        {"logpush_public_key",
         Group::Export,
         Kind::String,
         false,
         16,
         1024,
         {},
         "Logpush public key",
         "The public key Logpush encrypts logs with (16 to 1,024 characters)."},
        {"otel",
         Group::Export,
         Kind::Otel,
         false,
         0,
         0,
         {},
         "OpenTelemetry exporters",
         "Export traces of each request to these OTLP endpoints.",
         false,
         true},
        {"rate_limiting_technique",
         Group::RateLimiting,
         Kind::Choice,
         false,
         0,
         0,
         {"fixed", "sliding"},
         "Technique",
         "fixed: the count restarts each interval; sliding: the last interval is counted at every request."},
        {"retry_backoff",
         Group::Retries,
         Kind::Choice,
         false,
         0,
         0,
         {"constant", "linear", "exponential"},
         "Backoff",
         "How the delay grows between retries of a failed request."},
        {"retry_delay",
         Group::Retries,
         Kind::Number,
         false,
         0,
         5000,
         {},
         "Delay (ms)",
         "Delay between retry attempts in milliseconds (0 to 5,000)."},
        {"retry_max_attempts",
         Group::Retries,
         Kind::Number,
         false,
         1,
         5,
         {},
         "Attempts",
         "Maximum number of retry attempts for failed requests (1 to 5)."},
        {"store_id",
         Group::Other,
         Kind::String,
         false,
         0,
         0,
         {},
         "Store id",
         "An identifier the API accepts for the gateway's store; Cloudflare documents no more."},
        {"stripe",
         Group::Billing,
         Kind::Stripe,
         false,
         0,
         0,
         {},
         "Stripe usage billing",
         "Send usage events to Stripe for each request, with this authorization.",
         false,
         true},
        {"workers_ai_billing_mode",
         Group::Billing,
         Kind::Choice,
         false,
         0,
         0,
         {"postpaid"},
         "Workers AI billing",
         "How Workers AI calls through this gateway are billed; only postpaid is supported."},
        {"zdr",
         Group::Security,
         Kind::Boolean,
         false,
         0,
         0,
         {},
         "Zero data retention",
         "Ask providers to keep no copy of requests and responses."},
    };
    return settings;
}

const GatewaySetting *GatewaySettings::find(std::string_view key)
{
    const auto &settings = all();
    auto it = std::find_if(settings.begin(), settings.end(), [&](const GatewaySetting &s) { return s.key == key; });
    return it == settings.end() ? nullptr : &*it;
}

std::string_view GatewaySettings::groupTitle(GatewaySettingGroup group)
{
    switch (group) {
    case Group::Caching:
        return "Caching";
    case Group::RateLimiting:
        return "Rate limiting";
    case Group::Retries:
        return "Retries";
    case Group::Logging:
        return "Logging and log management";
    case Group::Security:
        return "Security";
    case Group::Export:
        return "Export";
    case Group::Billing:
        return "Billing";
    case Group::Other:
        return "Other";
    }
    return "Other";
}

std::string GatewaySettings::describe(const GatewaySetting &setting)
{
    switch (setting.kind) {
    case Kind::Boolean:
        return "true or false";
    case Kind::Number:
        if (setting.hasRange()) {
            return format("a number from {} to {}", number(setting.min), number(setting.max));
        }
        return "a number of at least 0";
    case Kind::String:
        if (setting.hasRange()) {
            return format("a string of {} to {} characters", number(setting.min), number(setting.max));
        }
        return "a string";
    case Kind::Choice:
        return "one of " + quotedList(setting.choices);
    case Kind::Dlp:
        return "an object {action, enabled, profiles} or {enabled, policies}";
    case Kind::Otel:
        return "an array of {authorization, headers, url, content_type}";
    case Kind::Stripe:
        return "an object {authorization, usage_events}";
    }
    return "a value";
}

std::optional<std::string> GatewaySettings::problem(const GatewaySetting &setting, const Json &value)
{
    const std::string key(setting.key);
    switch (setting.kind) {
    case Kind::Boolean:
        if (value.is_boolean()) {
            return std::nullopt;
        }
        break;
    case Kind::Number: {
        if (!value.is_number()) {
            break;
        }
        const double n = value.get<double>();
        const double max = setting.hasRange() ? setting.max : HUGE_VAL;
        if (std::isfinite(n) && n >= setting.min && n <= max) {
            return std::nullopt;
        }
        break;
    }
    case Kind::String:
        if (value.is_string()) {
            const std::size_t length = characters(value.get_ref<const std::string &>());
            if (!setting.hasRange() || (length >= setting.min && length <= setting.max)) {
                return std::nullopt;
            }
        }
        break;
    case Kind::Choice:
        if (value.is_string() && std::find(setting.choices.begin(), setting.choices.end(),
                                           value.get_ref<const std::string &>()) != setting.choices.end()) {
            return std::nullopt;
        }
        break;
    case Kind::Dlp:
        return dlpProblem(value);
    case Kind::Otel:
        return otelProblem(value);
    case Kind::Stripe:
        return stripeProblem(value);
    }
    return key + " must be " + describe(setting);
}

std::optional<std::string> GatewaySettings::idProblem(std::string_view id)
{
    if (id.empty()) {
        return "A gateway id cannot be empty.";
    }
    if (id.size() > kIdMaxLength) {
        return format("A gateway id has at most {} characters; this one has {}.", kIdMaxLength, id.size());
    }
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return "Use lowercase letters, digits and '-' only.";
        }
    }
    return std::nullopt;
}

std::vector<std::string> GatewaySettings::secretPointers(const Json &gateway)
{
    std::vector<std::string> pointers;
    if (!gateway.is_object()) {
        return pointers;
    }
    if (auto otel = gateway.find("otel"); otel != gateway.end() && otel->is_array()) {
        for (std::size_t i = 0; i < otel->size(); ++i) {
            if ((*otel)[i].is_object() && (*otel)[i].contains("authorization")) {
                pointers.push_back(format("/otel/{}/authorization", i));
            }
        }
    }
    if (auto stripe = gateway.find("stripe");
        stripe != gateway.end() && stripe->is_object() && stripe->contains("authorization")) {
        pointers.push_back("/stripe/authorization");
    }
    return pointers;
}

} // namespace rd
