#pragma once

#include "model/engine/CompiledRoute.h"
#include "model/engine/LatencyDistribution.h"
#include "model/engine/PriceTable.h"
#include "model/engine/ProviderBehaviour.h"
#include "model/engine/SplitMix64.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace rd {

struct RequestContext;

// Why a request was not served.
enum class Unserved : std::uint8_t {
    None,
    NoStart,     // the route has no start element
    NoModel,     // it reached end without passing a model
    AllFailed,   // every model it reached failed
    RateLimited, // a rate element held it back and no model answered after that
    DeadEnd,     // an output it took leads nowhere or to a missing element
    Loop,        // it took more steps than the route has elements
    UnknownType, // it reached an element of a type the engine does not know
    NoShare,     // it reached a percentage with no valid share to draw
};

// What the engine knows about one request before it runs: how each conditional decides it, which bucket of
// each rate element it counts against, and what one answer of each model costs. Conditions depend only on
// the request, so a simulation prepares each distinct request of its mix once, not once per request.
struct PreparedContext
{
    const RequestContext *context = nullptr;
    std::vector<std::uint8_t> conditionTrue; // per conditional
    std::vector<std::uint32_t> bucket;       // per rate: index into the runner's buckets
    std::vector<double> modelCost;           // per model: USD of one answer; NaN when unpriced
};

struct RunOutcome
{
    std::int32_t servedBy = -1; // index into CompiledRoute::models(), -1 when unserved
    Unserved unserved = Unserved::None;
    std::int32_t unservedAt = -1; // the node the reason names (for DeadEnd: the slot)
    double latencyMs = 0;
    double costUsd = 0;
    bool unpriced = false; // a model without a price answered it
};

struct TraceStep
{
    std::uint32_t node = 0;
    std::int32_t slot = -1; // the output taken; -1 at end, or where the walk stopped
    std::string reason;
};

// Walks requests through a compiled route, one at a time, keeping the state that outlives a request (the
// windows of rate elements) and the counts a report is made of. Trace and simulation are both this walk,
// so they cannot disagree.
class RouteRunner
{
public:
    RouteRunner(const CompiledRoute &route, const ProviderBehaviour &behaviour, const PriceTable &prices);

    PreparedContext prepare(const RequestContext &context);
    // Marks `used` (requests, or USD for a cost budget) as already spent in the current window of the bucket
    // `context` counts against at rate element `rateIndex`.
    void setRateUsed(std::uint32_t rateIndex, const PreparedContext &context, double used);

    // Runs one request arriving at `timeSeconds`, drawing from `rng`. With `trace`, appends one step per element.
    RunOutcome run(const PreparedContext &context, SplitMix64 &rng, double timeSeconds,
                   std::vector<TraceStep> *trace = nullptr);

    // A sentence for an outcome's `unserved`, e.g. "every model failed" or "rate-limited by free_rate_limit".
    std::string unservedReason(const RunOutcome &outcome) const;

    const CompiledRoute &route() const { return m_route; }
    // Counts since construction: per node, per slot, per model element.
    const std::vector<std::uint64_t> &entered() const { return m_entered; }
    const std::vector<std::uint64_t> &taken() const { return m_taken; }
    const std::vector<std::uint64_t> &attempts() const { return m_attempts; }
    const std::vector<std::uint64_t> &failures() const { return m_failures; }
    const std::vector<std::uint64_t> &served() const { return m_served; }

private:
    struct Bucket
    {
        std::int64_t window = -1;
        double used = 0;
    };
    struct ModelRuntime
    {
        std::uint64_t failBelow = 0; // an attempt fails when its draw is below this
        bool alwaysFails = false;
        std::uint32_t latency = 0; // index into m_latencies
    };

    const CompiledRoute &m_route;
    std::vector<ModelRuntime> m_modelRuntime;
    std::vector<LatencyDistribution> m_latencies;
    std::vector<std::optional<PriceTable::Price>> m_prices;                  // per model
    std::vector<std::unordered_map<std::string, std::uint32_t>> m_bucketIds; // per rate: key value -> bucket
    std::vector<Bucket> m_buckets;
    std::vector<std::uint32_t> m_chargeLater; // cost buckets the current request passed
    std::vector<std::uint64_t> m_entered, m_taken, m_attempts, m_failures, m_served;
};

} // namespace rd
