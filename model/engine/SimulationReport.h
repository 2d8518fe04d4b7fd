#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rd {

// What a simulation counted. Everything is listed in route order with zero counts included, so that two
// reports of the same route line up and a script can read any element's figures without checking for keys.
struct SimulationReport
{
    struct ElementCounts
    {
        std::string id;
        std::string type;
        std::uint64_t entered = 0;
        std::vector<std::pair<std::string, std::uint64_t>> outputs; // every output, in the element's order
    };
    struct ModelCounts
    {
        std::string key; // "provider/model"
        std::uint64_t attempts = 0;
        std::uint64_t failures = 0; // failed or timed-out attempts
        std::uint64_t served = 0;   // requests it served in the end
    };

    std::uint64_t seed = 1;
    std::uint64_t requests = 0; // run: fewer than asked when cancelled
    bool cancelled = false;
    std::vector<ElementCounts> elements;
    std::vector<ModelCounts> models;
    std::uint64_t unserved = 0;
    std::vector<std::pair<std::string, std::uint64_t>> unservedReasons; // most frequent first
    std::uint64_t fallbacks = 0;   // times a model element took its fallback output
    std::uint64_t rateLimited = 0; // times a rate element took its fallback output
    double costUsd = 0;
    std::uint64_t unpriced = 0;    // requests answered at least once by a model without a price
    std::int64_t latencyP50Ms = 0; // nearest rank, whole milliseconds, over every request
    std::int64_t latencyP95Ms = 0;
};

} // namespace rd
