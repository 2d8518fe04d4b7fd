#pragma once

#include "model/ElementType.h"
#include "model/Json.h"
#include "model/Number.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace rd {

struct Element;

enum class PropertyKind { Text, Number, Json };

// The numbers the API accepts for a property (what validation enforces), and how far an editor's field goes.
struct NumberRange
{
    std::int64_t minimum = 0;
    bool minimumAllowed = true; // false: the value must be above `minimum`
    bool whole = false;         // a whole number, however written (2 or 2.0)
    // The most an editor offers. Not a validity rule: a file may hold more, and it is kept.
    double largestOffered = 1e12;

    // Whether `n` is at least (or above) the minimum; NaN is not.
    bool meetsMinimum(const Number &n) const;
    static bool isWhole(const Number &n);
};

// One value a text property may take, and what it means.
struct PropertyChoice
{
    std::string_view value{};   // the API's spelling: "count"
    std::string_view meaning{}; // how messages explain it: "a rate limit"
    std::string_view unit{};    // what an editor shows beside it: "requests"
};

// What Element::make gives a property: nothing (left out), or a starting value: `text` for text, `number` for a
// number, an empty object for JSON.
struct InitialValue
{
    bool present = false;
    std::string_view text{};
    std::int64_t number = 0;
};

// One property of an element type: its name in `properties`, its kind and rules, and where it lives in Element.
// The codec reads and writes it by this; the validator takes its rules from here; the inspector builds fields
// from it.
struct PropertyDescriptor
{
    // Where the value lives in Element. Function pointers rather than member pointers because the value sits
    // inside the type's own properties struct (e.model.timeout), which one member pointer cannot reach.
    using TextSlot = std::optional<std::string> &(*)(Element &);
    using NumberSlot = std::optional<Number> &(*)(Element &);
    using JsonSlot = std::optional<Json> &(*)(Element &);

    std::string_view name{};  // the API's key: "limitType"
    std::string_view label{}; // for people: "limit type"
    std::variant<TextSlot, NumberSlot, JsonSlot> slot{};
    NumberRange range{};                             // numbers only
    std::span<const PropertyChoice> choices{};       // text only; empty: any text
    std::span<const std::string_view> legacyNames{}; // older docs' spellings the codec translates to this one
    InitialValue initial{};

    PropertyKind kind() const { return static_cast<PropertyKind>(slot.index()); }
    // The value of this property in `element`; nullptr when the property is not of that kind.
    std::optional<std::string> *text(Element &element) const;
    const std::optional<std::string> *text(const Element &element) const;
    std::optional<Number> *number(Element &element) const;
    const std::optional<Number> *number(const Element &element) const;
    std::optional<Json> *json(Element &element) const;
    const std::optional<Json> *json(const Element &element) const;

    bool isSet(const Element &element) const;
    // The value as JSON; null when not set.
    Json toJson(const Element &element) const;
    // Sets the value from JSON; false (leaving it unset) when `value` is not of this property's kind.
    bool assign(Element &element, const Json &value) const;
    // Puts the initial value in (or leaves the property out).
    void initialise(Element &element) const;
    // What a value of this kind is called in a decode error: "a string", "a number".
    std::string_view expected() const;
    // The choice whose value is `value`; nullptr when there is none.
    const PropertyChoice *choice(std::string_view value) const;
};

// How an element type's outputs are named.
enum class OutputKind {
    Fixed,     // named ports, e.g. a rate's "success" and "fallback"
    Shares,    // keyed by share ("60%"), as many as the author adds
    Ignored,   // none that lead anywhere: outputs an end has are ignored by the gateway
    Unchecked, // an unknown type: any output may lead somewhere, nothing can be said about its names
};

// One fixed output port.
struct OutputPort
{
    std::string_view name{};
    bool fallback = false;          // the "something went wrong" branch, drawn as such
    std::string_view connectHint{}; // what to wire it to, for the message that says it is not wired
};

// Everything about one element type, in one place: see ElementTypes for the types and where they are read.
struct ElementTypeDescriptor
{
    ElementType type = ElementType::Unknown;
    std::string_view name{};        // the API's spelling; empty for Unknown
    std::string_view displayName{}; // for people: "Rate limit"
    std::string_view description{}; // one line for people: what it does
    std::uint32_t colour = 0;       // 0xRRGGBB: one colour per type, wherever it is shown

    OutputKind outputs = OutputKind::Fixed;
    std::span<const OutputPort> ports{};           // Fixed: in canonical order
    std::span<const std::string_view> portNames{}; // the same ports' names, for requiredOutputs
    std::string_view outputHint{}; // what to wire an output to that is none of the ports (Shares: each share)
    std::size_t maxOutputs = 0;    // Shares: how many the API allows
    std::string_view legacyRemainderOutput{}; // Shares: older docs' "whatever the others leave"
    bool hasInput = true;                     // false for start: nothing leads into it

    std::span<const PropertyDescriptor> properties{};            // in the order the codec writes them
    std::span<const std::string_view> legacyNames{};             // older docs' spellings of the type: "rate_limit"
    std::span<const std::string_view> droppedLegacyProperties{}; // older docs' properties the live API has not

    // What usually follows an element of this type, likeliest first (the quick-add list's order); after a
    // fallback output, `likelyNextAfterFallback` when it is not empty.
    std::span<const ElementType> likelyNext{};
    std::span<const ElementType> likelyNextAfterFallback{};

    // A one-line description of an element of this type: see Element::summary.
    std::string (*summary)(const Element &) = nullptr;

    const PropertyDescriptor *property(std::string_view key) const;
    const OutputPort *port(std::string_view output) const;
    bool isFallback(std::string_view output) const;
    // Whether a request can travel this output (see OutputKind).
    bool leadsOn(std::string_view output) const;
    // "model element"; "element" for Unknown.
    std::string label() const;
};

} // namespace rd
