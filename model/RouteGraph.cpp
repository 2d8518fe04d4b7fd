#include "model/RouteGraph.h"

#include "model/ElementTypes.h"

#include <algorithm>

namespace rd {

RouteGraph::RouteGraph(const std::vector<Element> &elements)
    : m_elements(elements), m_n(static_cast<Index>(elements.size()))
{
    indexElements();
    buildGraph();
    markReachable();
    markCanReachEnd();
    findStronglyConnectedComponents();
}

void RouteGraph::indexElements()
{
    m_indexById.reserve(m_n);
    m_duplicateOf.assign(m_n, kNone);
    for (Index i = 0; i < m_n; ++i) {
        const Element &e = m_elements[i];
        if (!e.id.empty()) {
            // First wins, as in Route::find: that is the element an output naming this id reaches.
            const auto [it, inserted] = m_indexById.try_emplace(e.id, i);
            if (!inserted) {
                m_duplicateOf[i] = it->second;
            }
        }
        if (e.type == ElementType::Start && m_firstStart == kNone) {
            m_firstStart = i;
        }
        m_hasEnd = m_hasEnd || e.type == ElementType::End;
    }
}

void RouteGraph::buildGraph()
{
    std::size_t outputCount = 0;
    for (const Element &e : m_elements) {
        outputCount += e.outputs.size();
    }
    m_edgeBegin.resize(std::size_t{m_n} + 1);
    m_edgeTarget.reserve(outputCount);
    m_edgeOutput.reserve(outputCount);
    m_outputBegin.resize(std::size_t{m_n} + 1);
    m_outputTarget.resize(outputCount, kNone);

    Index outputOffset = 0;
    for (Index i = 0; i < m_n; ++i) {
        const Element &e = m_elements[i];
        m_edgeBegin[i] = static_cast<Index>(m_edgeTarget.size());
        m_outputBegin[i] = outputOffset;
        for (Index k = 0; k < e.outputs.size(); ++k) {
            const Output &o = e.outputs[k];
            Index target = kNone;
            if (!o.target.empty()) {
                if (const auto it = m_indexById.find(o.target); it != m_indexById.end()) {
                    target = it->second;
                }
            }
            m_outputTarget[outputOffset + k] = target;
            if (target != kNone && ElementTypes::of(e.type).leadsOn(o.name)) {
                m_edgeTarget.push_back(target);
                m_edgeOutput.push_back(k);
            }
        }
        outputOffset += static_cast<Index>(e.outputs.size());
    }
    m_edgeBegin[m_n] = static_cast<Index>(m_edgeTarget.size());
    m_outputBegin[m_n] = outputOffset;
}

void RouteGraph::markReachable()
{
    m_reachable.assign(m_n, 0);
    if (m_firstStart == kNone) {
        return;
    }
    std::vector<Index> queue;
    queue.reserve(m_n);
    queue.push_back(m_firstStart);
    m_reachable[m_firstStart] = 1;
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const Index u = queue[head];
        for (Index e = m_edgeBegin[u]; e < m_edgeBegin[u + 1]; ++e) {
            const Index v = m_edgeTarget[e];
            if (!m_reachable[v]) {
                m_reachable[v] = 1;
                queue.push_back(v);
            }
        }
    }
}

void RouteGraph::markCanReachEnd()
{
    m_canReachEnd.assign(m_n, 0);
    if (!m_hasEnd) {
        return;
    }
    // Reverse adjacency by counting sort on the target.
    std::vector<Index> reverseBegin(std::size_t{m_n} + 1, 0);
    for (const Index v : m_edgeTarget) {
        ++reverseBegin[v + 1];
    }
    for (Index i = 0; i < m_n; ++i) {
        reverseBegin[i + 1] += reverseBegin[i];
    }
    std::vector<Index> reverseSource(m_edgeTarget.size());
    std::vector<Index> fill(reverseBegin.begin(), reverseBegin.end() - 1);
    for (Index u = 0; u < m_n; ++u) {
        for (Index e = m_edgeBegin[u]; e < m_edgeBegin[u + 1]; ++e) {
            reverseSource[fill[m_edgeTarget[e]]++] = u;
        }
    }

    std::vector<Index> queue;
    queue.reserve(m_n);
    for (Index i = 0; i < m_n; ++i) {
        // An element of unknown type already carries an error; counting it as an exit keeps the elements
        // before it from each getting a path.no-end about the same fault.
        const ElementType t = m_elements[i].type;
        if (t == ElementType::End || t == ElementType::Unknown) {
            m_canReachEnd[i] = 1;
            queue.push_back(i);
        }
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const Index v = queue[head];
        for (Index r = reverseBegin[v]; r < reverseBegin[v + 1]; ++r) {
            const Index u = reverseSource[r];
            if (!m_canReachEnd[u]) {
                m_canReachEnd[u] = 1;
                queue.push_back(u);
            }
        }
    }
}

// Tarjan's algorithm with an explicit call stack: a recursive version overflows the stack on the long
// chains that generated or imported routes have.
void RouteGraph::findStronglyConnectedComponents()
{
    std::vector<Index> order(m_n, kNone);
    std::vector<Index> low(m_n, 0);
    std::vector<char> onStack(m_n, 0);
    std::vector<Index> stack;
    struct Frame
    {
        Index node;
        Index nextEdge;
    };
    std::vector<Frame> calls;
    m_component.assign(m_n, kNone);
    Index counter = 0;

    for (Index root = 0; root < m_n; ++root) {
        if (order[root] != kNone) {
            continue;
        }
        order[root] = low[root] = counter++;
        stack.push_back(root);
        onStack[root] = 1;
        calls.push_back({root, m_edgeBegin[root]});
        while (!calls.empty()) {
            const Index v = calls.back().node;
            if (calls.back().nextEdge < m_edgeBegin[v + 1]) {
                const Index w = m_edgeTarget[calls.back().nextEdge++];
                if (order[w] == kNone) {
                    order[w] = low[w] = counter++;
                    stack.push_back(w);
                    onStack[w] = 1;
                    calls.push_back({w, m_edgeBegin[w]});
                } else if (onStack[w]) {
                    low[v] = std::min(low[v], order[w]);
                }
                continue;
            }
            if (low[v] == order[v]) {
                const auto component = static_cast<Index>(m_componentSize.size());
                Index size = 0;
                Index w = kNone;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[w] = 0;
                    m_component[w] = component;
                    ++size;
                } while (w != v);
                m_componentSize.push_back(size);
            }
            calls.pop_back();
            if (!calls.empty()) {
                const Index u = calls.back().node;
                low[u] = std::min(low[u], low[v]);
            }
        }
    }

    m_componentFirst.assign(m_componentSize.size(), kNone);
    for (Index i = 0; i < m_n; ++i) {
        if (m_componentFirst[m_component[i]] == kNone) {
            m_componentFirst[m_component[i]] = i;
        }
    }
}

} // namespace rd
