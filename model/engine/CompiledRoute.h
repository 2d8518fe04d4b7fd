#pragma once

#include "model/ElementType.h"
#include "model/Json.h"
#include "model/engine/FieldPath.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace rd {

class Route;

// A route flattened for the engine: elements as indexes, outputs as one array of slots whose targets are
// indexes, shares as cumulative integers, properties parsed once. Walking it touches no strings and no maps,
// which is what lets a simulation spend about 100 ns a request. It points into the Route it was made from
// (conditions), which must outlive it.
class CompiledRoute
{
public:
    static constexpr std::int32_t kNoTarget = -1;      // the output is absent or has an empty elementId
    static constexpr std::int32_t kMissingTarget = -2; // the elementId names no element
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

    struct Slot
    {
        std::string name;
        std::string targetId;
        std::int32_t target = kNoTarget;
    };

    // Fixed-port types put their ports first in the API's order (start: next; conditional: true, false; rate
    // and model: success, fallback), then any other outputs in file order; shares stay in file order.
    struct Node
    {
        ElementType type = ElementType::Unknown;
        std::uint32_t firstSlot = 0;
        std::uint32_t slotCount = 0;
        std::uint32_t detail = kNone; // index into conditionals, percentages, rates or models
    };

    struct Conditional
    {
        const Json *conditions = nullptr; // null: none written, which is never true
    };

    struct Percentage
    {
        std::vector<std::int64_t> upTo; // per slot: the draw (in Share millionths) below which it is taken
        std::int64_t total = 0;         // the sum of the valid shares; a draw is in [0, total)
    };

    struct Rate
    {
        FieldPath key;
        double limit = std::numeric_limits<double>::infinity(); // none written: nothing is ever held back
        bool cost = false;                                      // limitType "cost": USD, else a request count
        double windowSeconds = 0;                               // 0: one window for the whole run
    };

    struct Model
    {
        std::string provider;
        std::string model;
        std::uint32_t attempts = 1;                                 // 1 + retries, at most kMaxAttempts
        double timeoutMs = std::numeric_limits<double>::infinity(); // none written: no timeout
        std::uint32_t key = 0;                                      // index into modelKeys()
    };

    // Retries beyond this are not simulated: a route with `retries: 1e9` must not stall the engine.
    static constexpr std::uint32_t kMaxAttempts = 101;

    explicit CompiledRoute(const Route &route);

    const Route &route() const { return m_route; }
    const std::vector<Node> &nodes() const { return m_nodes; }
    const std::vector<Slot> &outputSlots() const { return m_slots; }
    const std::vector<Conditional> &conditionals() const { return m_conditionals; }
    const std::vector<Percentage> &percentages() const { return m_percentages; }
    const std::vector<Rate> &rates() const { return m_rates; }
    const std::vector<Model> &models() const { return m_models; }
    // The distinct "provider/model" names of model elements, in route order.
    const std::vector<std::string> &modelKeys() const { return m_modelKeys; }
    // The first start element, or -1.
    std::int32_t start() const { return m_start; }

private:
    const Route &m_route;
    std::vector<Node> m_nodes;
    std::vector<Slot> m_slots;
    std::vector<Conditional> m_conditionals;
    std::vector<Percentage> m_percentages;
    std::vector<Rate> m_rates;
    std::vector<Model> m_models;
    std::vector<std::string> m_modelKeys;
    std::int32_t m_start = -1;
};

} // namespace rd
