#pragma once

#include "model/Json.h"
#include "model/engine/RouteTracer.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rd {

class Route;

// The metadata a caller of a route has to send for the route to tell requests apart, with example values that
// take a meaningful path: the keys its conditions test and its rate elements key on, each with a value read
// from the conditions where one is written there (the first `$eq`, bare value or `$in` member), otherwise an
// invented one (a rate key only needs to be the caller's own). Cloudflare accepts at most five entries in
// `cf-aig-metadata`: keys past five are left out, and named, so the caller can swap them in.
struct RouteCallExample
{
    std::vector<std::pair<std::string, Json>> metadata; // key (without "metadata."), example value
    std::vector<std::string> leftOut;                   // keys the route reads that did not fit
    // What the route engine does with a request carrying exactly `metadata`; none when the trace failed.
    std::optional<TraceResult> trace;

    static RouteCallExample make(const Route &route);
    // The metadata as the header's JSON object, in the order found.
    Json metadataObject() const;
    // "plan_check (true) → free_rate_limit (success) → llama_8b: workers-ai/@cf/…", or why nothing served it.
    std::string pathText() const;
};

} // namespace rd
