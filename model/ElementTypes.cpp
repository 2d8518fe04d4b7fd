#include "model/ElementTypes.h"

#include "model/Element.h"

#include <array>
#include <cstdint>

namespace rd {

namespace {

using T = ElementType;
using Slot = std::optional<std::string> &;
using NumberSlot = std::optional<Number> &;
using JsonSlot = std::optional<Json> &;

// A type's fixed ports and, built from them, their names: requiredOutputs hands out the names as a span, and
// writing them twice would let the two lists drift apart.
template<std::size_t N> struct PortList
{
    std::array<OutputPort, N> ports;
    std::array<std::string_view, N> names{};

    constexpr explicit PortList(const std::array<OutputPort, N> &list) : ports(list)
    {
        for (std::size_t i = 0; i < N; ++i) {
            names[i] = list[i].name;
        }
    }
};

constexpr std::string_view kNoFurtherHint = "connect it to the element that should come next";

// What routes usually do next: a start opens with a decision, decisions lead to models, a model that answered
// ends the route and one that failed falls back to another model.
constexpr ElementType kAfterStart[] = {T::Conditional, T::Percentage, T::Rate, T::Model, T::End};
constexpr ElementType kAfterConditional[] = {T::Model, T::Percentage, T::Rate, T::Conditional, T::End};
constexpr ElementType kAfterPercentage[] = {T::Model, T::Rate, T::Conditional, T::Percentage, T::End};
constexpr ElementType kAfterRate[] = {T::Model, T::Percentage, T::Conditional, T::Rate, T::End};
constexpr ElementType kAfterModel[] = {T::End, T::Model, T::Rate, T::Conditional, T::Percentage};
constexpr ElementType kAfterFallback[] = {T::Model, T::End, T::Rate, T::Conditional, T::Percentage};
constexpr ElementType kAfterAnything[] = {T::Model, T::Conditional, T::Percentage, T::Rate, T::End};

// Summaries (Element::summary) are elided to this many bytes: a card line, not a document.
constexpr std::size_t kSummaryLength = 48;

std::string formatWindow(const Number &seconds)
{
    if (!seconds.isInteger()) {
        return seconds.toString() + " s";
    }
    const std::int64_t s = seconds.toInteger();
    if (s > 0 && s % 86400 == 0) {
        return std::to_string(s / 86400) + " d";
    }
    if (s > 0 && s % 3600 == 0) {
        return std::to_string(s / 3600) + " h";
    }
    if (s > 0 && s % 60 == 0) {
        return std::to_string(s / 60) + " min";
    }
    return std::to_string(s) + " s";
}

std::string elide(std::string text)
{
    if (text.size() > kSummaryLength) {
        // Cut on a UTF-8 boundary so the summary stays valid text.
        std::size_t cut = kSummaryLength - 1;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        text.resize(cut);
        text += "\u2026";
    }
    return text;
}

std::string compactJson(const Json &json)
{
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// --- start -------------------------------------------------------------------------------------------------

constexpr PortList<1> kStartPorts{std::array<OutputPort, 1>{{
    {"next", false, "connect it to the first step of the route"},
}}};

std::string startSummary(const Element &)
{
    return "Incoming request";
}

constexpr ElementTypeDescriptor kStart{
    .type = T::Start,
    .name = "start",
    .displayName = "Start",
    .description = "Where every request enters the route",
    .colour = 0x1E8E3E,
    .outputs = OutputKind::Fixed,
    .ports = kStartPorts.ports,
    .portNames = kStartPorts.names,
    .outputHint = kNoFurtherHint,
    .hasInput = false,
    .likelyNext = kAfterStart,
    .summary = startSummary,
};

// --- conditional -------------------------------------------------------------------------------------------

constexpr PortList<2> kConditionalPorts{std::array<OutputPort, 2>{{
    {"true", false, "connect it to where requests that match the conditions should go"},
    {"false", false, "connect it to where requests that do not match should go"},
}}};

constexpr std::string_view kConditionLegacy[] = {"condition"};

constexpr PropertyDescriptor kConditionalProperties[] = {
    // Kept exactly as written: Cloudflare publishes no operator list.
    {.name = "conditions",
     .label = "conditions",
     .slot = +[](Element &e) -> JsonSlot { return e.conditional.conditions; },
     .legacyNames = kConditionLegacy,
     .initial = {.present = true}},
};

std::string conditionalSummary(const Element &element)
{
    if (!element.conditional.conditions) {
        return "no condition";
    }
    const Json &c = *element.conditional.conditions;
    // The common one-field form reads better without JSON punctuation: metadata.plan $eq "free".
    if (c.is_object() && c.size() == 1) {
        const std::string &field = c.begin().key();
        const Json &test = c.begin().value();
        if (test.is_object() && test.size() == 1) {
            return elide(field + " " + test.begin().key() + " " + compactJson(test.begin().value()));
        }
        if (!test.is_object() && !test.is_array()) {
            return elide(field + " = " + compactJson(test));
        }
    }
    return elide(compactJson(c));
}

constexpr ElementTypeDescriptor kConditional{
    .type = T::Conditional,
    .name = "conditional",
    .displayName = "Conditional",
    .description = "Branches on a condition over the request's metadata",
    .colour = 0x8E44AD,
    .outputs = OutputKind::Fixed,
    .ports = kConditionalPorts.ports,
    .portNames = kConditionalPorts.names,
    .outputHint = kNoFurtherHint,
    .properties = kConditionalProperties,
    .likelyNext = kAfterConditional,
    .summary = conditionalSummary,
};

// --- percentage --------------------------------------------------------------------------------------------

std::string percentageSummary(const Element &element)
{
    std::string s;
    for (const Output &o : element.outputs) {
        if (!s.empty()) {
            s += " / ";
        }
        s += o.name;
    }
    return s.empty() ? "no branches" : elide(s);
}

constexpr ElementTypeDescriptor kPercentage{
    .type = T::Percentage,
    .name = "percentage",
    .displayName = "Percentage split",
    .description = "Splits traffic between branches by share",
    .colour = 0x1A73E8,
    .outputs = OutputKind::Shares,
    .outputHint = "connect it to where this share of the traffic should go",
    .maxOutputs = 5,
    .legacyRemainderOutput = "else",
    .likelyNext = kAfterPercentage,
    .summary = percentageSummary,
};

// --- rate --------------------------------------------------------------------------------------------------

constexpr PortList<2> kRatePorts{std::array<OutputPort, 2>{{
    {"success", false, "connect it to where requests within the limit should go"},
    {"fallback", true, "connect it to where requests over the limit should go, e.g. a cheaper model or the end"},
}}};

constexpr PropertyChoice kLimitTypes[] = {
    {"count", "a rate limit", "requests"},
    {"cost", "a budget", "USD budget"},
};
constexpr std::string_view kWindowLegacy[] = {"interval"};
constexpr std::string_view kRateLegacyNames[] = {"rate_limit"};
constexpr std::string_view kRateDroppedLegacy[] = {"technique"};

constexpr PropertyDescriptor kRateProperties[] = {
    {.name = "key",
     .label = "key",
     .slot = +[](Element &e) -> Slot { return e.rate.key; },
     .initial = {.present = true}},
    // A cost budget can be a fraction of a dollar: a limit need not be whole.
    {.name = "limit",
     .label = "limit",
     .slot = +[](Element &e) -> NumberSlot { return e.rate.limit; },
     .range = {.minimum = 0, .minimumAllowed = false}},
    {.name = "limitType",
     .label = "limit type",
     .slot = +[](Element &e) -> Slot { return e.rate.limitType; },
     .choices = kLimitTypes,
     .initial = {.present = true, .text = "count"}},
    {.name = "window", // seconds, as far as the docs tell
     .label = "window",
     .slot = +[](Element &e) -> NumberSlot { return e.rate.window; },
     .range = {.minimum = 0, .minimumAllowed = false},
     .legacyNames = kWindowLegacy},
};

std::string rateSummary(const Element &element)
{
    const RateProperties &rate = element.rate;
    std::string s = rate.limit ? rate.limit->toString() : "?";
    const bool cost = rate.limitType && *rate.limitType == "cost";
    s = cost ? "$" + s : s + " requests";
    s += " per ";
    s += rate.window ? formatWindow(*rate.window) : "?";
    return s;
}

constexpr ElementTypeDescriptor kRate{
    .type = T::Rate,
    .name = "rate",
    .displayName = "Rate limit",
    .description = "Passes requests under a limit; the rest take the fallback",
    .colour = 0x00897B,
    .outputs = OutputKind::Fixed,
    .ports = kRatePorts.ports,
    .portNames = kRatePorts.names,
    .outputHint = kNoFurtherHint,
    .properties = kRateProperties,
    .legacyNames = kRateLegacyNames,
    .droppedLegacyProperties = kRateDroppedLegacy,
    .likelyNext = kAfterRate,
    .likelyNextAfterFallback = kAfterFallback,
    .summary = rateSummary,
};

// --- model -------------------------------------------------------------------------------------------------

constexpr PortList<2> kModelPorts{std::array<OutputPort, 2>{{
    {"success", false, "connect it to what follows a successful answer, usually the end"},
    {"fallback", true,
     "connect it to where the request should go when this model fails, e.g. another model or the end"},
}}};

constexpr PropertyDescriptor kModelProperties[] = {
    {.name = "provider",
     .label = "provider",
     .slot = +[](Element &e) -> Slot { return e.model.provider; },
     .initial = {.present = true}},
    {.name = "model",
     .label = "model",
     .slot = +[](Element &e) -> Slot { return e.model.model; },
     .initial = {.present = true}},
    // Milliseconds; ten minutes is as long as an editor offers.
    {.name = "timeout",
     .label = "timeout",
     .slot = +[](Element &e) -> NumberSlot { return e.model.timeout; },
     .range = {.minimum = 0, .minimumAllowed = false, .largestOffered = 600000},
     .initial = {.present = true, .number = 30000}},
    // How many times a failed attempt is retried: 2 means at most 3 attempts.
    {.name = "retries",
     .label = "retries",
     .slot = +[](Element &e) -> NumberSlot { return e.model.retries; },
     .range = {.minimum = 0, .minimumAllowed = true, .whole = true, .largestOffered = 10},
     .initial = {.present = true, .number = 0}},
};

std::string modelSummary(const Element &element)
{
    const std::string m = element.model.model.value_or("");
    const std::string p = element.model.provider.value_or("");
    if (m.empty() && p.empty()) {
        return "no model";
    }
    return elide(p.empty() ? m : (m.empty() ? p : m + " (" + p + ")"));
}

constexpr ElementTypeDescriptor kModel{
    .type = T::Model,
    .name = "model",
    .displayName = "Model",
    .description = "Sends the request to a provider's model; failures take the fallback",
    .colour = 0xF38020,
    .outputs = OutputKind::Fixed,
    .ports = kModelPorts.ports,
    .portNames = kModelPorts.names,
    .outputHint = kNoFurtherHint,
    .properties = kModelProperties,
    .likelyNext = kAfterModel,
    .likelyNextAfterFallback = kAfterFallback,
    .summary = modelSummary,
};

// --- end ---------------------------------------------------------------------------------------------------

std::string endSummary(const Element &)
{
    return "Return response";
}

constexpr ElementTypeDescriptor kEnd{
    .type = T::End,
    .name = "end",
    .displayName = "End",
    .description = "Returns the response",
    .colour = 0x5F6368,
    .outputs = OutputKind::Ignored,
    .outputHint = kNoFurtherHint,
    .likelyNext = kAfterAnything,
    .summary = endSummary,
};

// --- unknown -----------------------------------------------------------------------------------------------

std::string unknownSummary(const Element &element)
{
    return "unknown type \"" + element.unknownTypeName + "\"";
}

constexpr ElementTypeDescriptor kUnknown{
    .type = T::Unknown,
    .displayName = "Unknown",
    .colour = 0x9AA0A6,
    .outputs = OutputKind::Unchecked,
    .outputHint = kNoFurtherHint,
    .likelyNext = kAfterAnything,
    .summary = unknownSummary,
};

} // namespace

const ElementTypeDescriptor &ElementTypes::of(ElementType type)
{
    switch (type) {
    case T::Start:
        return kStart;
    case T::Conditional:
        return kConditional;
    case T::Percentage:
        return kPercentage;
    case T::Rate:
        return kRate;
    case T::Model:
        return kModel;
    case T::End:
        return kEnd;
    case T::Unknown:
        break;
    }
    return kUnknown;
}

const ElementTypeDescriptor *ElementTypes::fromName(std::string_view name)
{
    for (ElementType type : kKnownElementTypes) {
        if (of(type).name == name) {
            return &of(type);
        }
    }
    return nullptr;
}

const ElementTypeDescriptor *ElementTypes::fromLegacyName(std::string_view name)
{
    for (ElementType type : kKnownElementTypes) {
        for (std::string_view legacy : of(type).legacyNames) {
            if (legacy == name) {
                return &of(type);
            }
        }
    }
    return nullptr;
}

} // namespace rd
