#pragma once

#include "model/Element.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rd {

// A route as index arrays, for validation: one pass builds them, then every question (which elements the start
// reaches, which reach an end, which are caught in loops) is a linear walk. Wires go only along outputs a
// request can take (ElementTypeDescriptor::leadsOn).
class RouteGraph
{
public:
    // 32-bit indices halve the memory of the arrays; a route with four billion elements is not a route.
    using Index = std::uint32_t;
    static constexpr Index kNone = static_cast<Index>(-1);

    // `elements` must outlive the graph.
    explicit RouteGraph(const std::vector<Element> &elements);

    Index size() const { return m_n; }
    Index firstStart() const { return m_firstStart; } // kNone without a start
    bool hasEnd() const { return m_hasEnd; }
    // The first element with the same id as element `i` (the one outputs reach), or kNone.
    Index duplicateOf(Index i) const { return m_duplicateOf[i]; }
    // Where output `k` of element `i` leads: an element index, or kNone when unwired or to a missing id.
    Index outputTarget(Index i, Index k) const { return m_outputTarget[m_outputBegin[i] + k]; }

    // Element `u`'s wires are edges edgeBegin(u) to edgeBegin(u + 1) - 1.
    Index edgeBegin(Index u) const { return m_edgeBegin[u]; }
    Index edgeTarget(Index edge) const { return m_edgeTarget[edge]; }
    Index edgeOutput(Index edge) const { return m_edgeOutput[edge]; } // index into the source's outputs

    bool reachable(Index i) const { return m_reachable[i] != 0; }     // from the first start
    bool canReachEnd(Index i) const { return m_canReachEnd[i] != 0; } // some end lies downstream
    // Strongly connected components: an element's, how many elements one has, and its earliest in the route.
    Index component(Index i) const { return m_component[i]; }
    Index componentSize(Index component) const { return m_componentSize[component]; }
    Index componentFirst(Index component) const { return m_componentFirst[component]; }

private:
    void indexElements();
    void buildGraph();
    void markReachable();
    void markCanReachEnd();
    void findStronglyConnectedComponents();

    const std::vector<Element> &m_elements;
    const Index m_n;

    std::unordered_map<std::string_view, Index> m_indexById;
    std::vector<Index> m_duplicateOf;
    Index m_firstStart = kNone;
    bool m_hasEnd = false;

    std::vector<Index> m_edgeBegin;    // CSR offsets, size n + 1
    std::vector<Index> m_edgeTarget;   // element index
    std::vector<Index> m_edgeOutput;   // index into the source element's outputs
    std::vector<Index> m_outputBegin;  // per element, offset into m_outputTarget
    std::vector<Index> m_outputTarget; // per output, the resolved target index or kNone
    std::vector<char> m_reachable;
    std::vector<char> m_canReachEnd;
    std::vector<Index> m_component;
    std::vector<Index> m_componentSize;
    std::vector<Index> m_componentFirst;
};

} // namespace rd
