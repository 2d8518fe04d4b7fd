#pragma once

#include "model/ElementType.h"
#include "model/Json.h"
#include "model/Number.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

// One entry of an element's `outputs` map: `"<name>": {"elementId": "<target>", ...}`.
struct Output
{
    std::string name;
    std::string target; // empty when the file had an empty elementId
    Json extra{}; // fields of the output object other than elementId (null while there are none: no allocation)

    bool operator==(const Output &) const = default;
};

struct ConditionalProperties
{
    std::optional<Json> conditions; // kept exactly as written: Cloudflare publishes no operator list

    bool operator==(const ConditionalProperties &) const = default;
};

struct RateProperties
{
    std::optional<std::string> key;
    std::optional<Number> limit;
    std::optional<std::string> limitType; // "count" | "cost"; anything else is a validation error
    std::optional<Number> window;

    bool operator==(const RateProperties &) const = default;
};

struct ModelProperties
{
    std::optional<std::string> provider;
    std::optional<std::string> model;
    std::optional<Number> timeout; // milliseconds
    std::optional<Number> retries;

    bool operator==(const ModelProperties &) const = default;
};

// A route element. Typed fields cover what the API defines; `extra` and `extraProperties` carry everything
// else verbatim, because the API will grow and a round trip through the editor must not drop it.
struct Element
{
    std::string id;
    ElementType type = ElementType::Unknown;
    std::string unknownTypeName; // the verbatim `type` when type == Unknown

    std::vector<Output> outputs; // in file order; fixed-port types are written in canonical order

    ConditionalProperties conditional; // meaningful for ElementType::Conditional
    RateProperties rate;               // meaningful for ElementType::Rate
    ModelProperties model;             // meaningful for ElementType::Model
    bool hasProperties = false;        // whether `properties` is written even when nothing is in it
    // Null while empty: most elements have no unknown fields, and a 10,000-element route should not pay for
    // 20,000 empty objects.
    Json extraProperties;
    Json extra;

    // A new element of `type` with the properties it needs present (empty), as the editor creates it.
    static Element make(ElementType type, std::string id);

    std::string_view typeName() const;
    const Output *output(std::string_view name) const;
    Output *output(std::string_view name);
    // Sets the target of `name`, appending the output if absent.
    void setOutput(std::string_view name, std::string target);
    bool removeOutput(std::string_view name);
    // A one-line description for titles and lists: the model name; the limit and window; the shares.
    std::string summary() const;

    bool operator==(const Element &) const = default;
};

} // namespace rd
