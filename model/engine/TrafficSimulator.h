#pragma once

#include "model/engine/PriceTable.h"
#include "model/engine/ProviderBehaviour.h"
#include "model/engine/RequestContext.h"
#include "model/engine/SimulationReport.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace rd {

class Route;

struct WeightedContext
{
    RequestContext context;
    double weight = 1;
};

struct SimulationOptions
{
    std::uint64_t requests = 1000;
    std::uint64_t seed = 1;
    std::vector<WeightedContext> mix; // empty: every request is a default RequestContext
    ProviderBehaviour behaviour;
    double requestsPerSecond = 10; // requests arrive evenly spaced in simulated time
    PriceTable prices = PriceTable::builtIn();
    // Called after every kProgressStep requests with how many are done; returning false stops the run, which then
    // reports the requests done so far with `cancelled` set. For a worker thread's progress bar and Cancel.
    std::function<bool(std::uint64_t done)> progress;
    static constexpr std::uint64_t kProgressStep = 16384;
};

// Many requests through a route on one thread: request i arrives at i / rps seconds, draws its context from
// the mix by weight and its random turns from its own stream (SplitMix64::forRequest), so the same options
// give the same report, bit for bit, on every platform.
class TrafficSimulator
{
public:
    static SimulationReport run(const Route &route, const SimulationOptions &options);
};

} // namespace rd
