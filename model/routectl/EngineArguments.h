#pragma once

#include "model/Json.h"
#include "model/engine/ProviderBehaviour.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rd::routectl {

// The command line of `routectl trace` and `routectl simulate`, parsed and checked but not yet applied:
// files named here are read by EngineInput.
struct EngineArguments
{
    enum class Command { Trace, Simulate };

    // A run's latencies are kept for its percentiles: 100 million of them take 400 MB.
    static constexpr std::uint64_t kMaxRequests = 100'000'000;

    Command command = Command::Trace;
    std::string file;
    std::optional<std::string> route;
    std::vector<std::pair<std::string, Json>> metadata; // in command-line order; later wins
    std::optional<Json> context;
    std::vector<std::pair<std::string, double>> fail; // "provider[/model]" and the chance an attempt fails
    std::vector<std::pair<std::string, double>> rateUsed;
    std::vector<std::pair<std::string, ProviderBehaviour::Latency>> latency;
    std::uint64_t seed = 1;
    std::optional<std::string> expect;
    bool json = false;
    bool help = false;
    std::uint64_t requests = 0;
    std::optional<std::string> mixFile;
    double requestsPerSecond = 10;
    std::optional<std::string> pricesFile;

    // `args` starts with the command name. On a misuse, `error` says what is wrong.
    static EngineArguments parse(const std::vector<std::string> &args, std::string &error);
};

} // namespace rd::routectl
