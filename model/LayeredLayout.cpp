#include "model/LayeredLayout.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <string_view>
#include <type_traits>
#include <utility>

namespace rd {

namespace {

using Index = std::size_t;

double snapNearest(double value, double grid)
{
    return grid > 0 ? std::round(value / grid) * grid : value;
}

double snapDown(double value, double grid)
{
    return grid > 0 ? std::floor(value / grid) * grid : value;
}

// The first grid line at or after `value`: a card placed there cannot overlap what ends before `value`.
double snapUp(double value, double grid)
{
    return grid > 0 ? std::ceil(value / grid - 1e-9) * grid : value;
}

double sane(double extent)
{
    return std::isfinite(extent) && extent > 0 ? extent : 0;
}

// Adjacency lists in one array: node u's entries are items[begin[u]] to items[begin[u + 1] - 1].
template<typename T> struct Csr
{
    std::vector<Index> begin;
    std::vector<T> items;

    std::size_t count(Index u) const { return begin[u + 1] - begin[u]; }
    const T *first(Index u) const { return items.data() + begin[u]; }
    const T *last(Index u) const { return items.data() + begin[u + 1]; }
};

// A wire that takes part in layering and ordering: out of a node that is not an end, into one that is not an
// end, not a self-loop.
struct Wire
{
    Index from = 0;
    Index to = 0;
    double portOffset = 0; // in (-0.5, 0.5): where the output sits among its node's outputs, top to bottom
    bool reversed = false; // a back wire of the depth-first walk: layered as if it ran the other way
};

struct Neighbour
{
    Index node = 0;
    double portOffset = 0;
};

// The wires grouped by their `key` end, each entry naming the `other` end (with the port offset, for
// Neighbour), in wire order: so each list keeps port order.
template<typename T> Csr<T> groupBy(std::size_t n, const std::vector<Wire> &wires, Index Wire::*key, Index Wire::*other)
{
    Csr<T> csr;
    csr.begin.assign(n + 1, 0);
    for (const Wire &w : wires) {
        ++csr.begin[w.*key + 1];
    }
    std::partial_sum(csr.begin.begin(), csr.begin.end(), csr.begin.begin());
    csr.items.resize(wires.size());
    std::vector<Index> fill(csr.begin.begin(), csr.begin.end() - 1);
    for (const Wire &w : wires) {
        if constexpr (std::is_same_v<T, Neighbour>) {
            csr.items[fill[w.*key]++] = Neighbour{w.*other, w.portOffset};
        } else {
            csr.items[fill[w.*key]++] = w.*other;
        }
    }
    return csr;
}

class Layouter
{
public:
    Layouter(const std::vector<LayeredLayout::Node> &nodes, const LayeredLayout::Options &options)
        : m_nodes(nodes), m_options(options), m_n(nodes.size()), m_nodeGap(std::max(0.0, options.nodeGap))
    {}

    std::vector<LayeredLayout::Point> run()
    {
        if (m_n == 0) {
            return {};
        }
        collectWires();
        breakCycles();
        buildLayeringGraph();
        assignLayers();
        orderLayers();
        return placeNodes();
    }

private:
    bool valid(Index target, Index from) const { return target < m_n && target != from; }

    void collectWires()
    {
        m_outBegin.assign(m_n + 1, 0);
        for (Index u = 0; u < m_n; ++u) {
            const auto &outputs = m_nodes[u].outputs;
            const std::size_t ports = outputs.size();
            for (std::size_t k = 0; k < ports; ++k) {
                const Index v = outputs[k];
                if (!valid(v, u)) {
                    continue; // unwired, dangling, or a self-loop: nothing to place by
                }
                if (m_nodes[v].end) {
                    if (!m_nodes[u].end) {
                        m_endWires.push_back({u, v, 0, false});
                    }
                    continue;
                }
                if (m_nodes[u].end) {
                    continue; // out of an element pinned to the last layer: it can only go back
                }
                const double offset = (static_cast<double>(k) + 0.5) / static_cast<double>(ports) - 0.5;
                m_wires.push_back({u, v, offset, false});
            }
            m_outBegin[u + 1] = m_wires.size();
        }
    }

    // Iterative depth-first walk (thousands of elements in a chain would overflow a recursive one). Roots: the
    // start elements in node order, then every node not yet reached, in node order. Wires into a start count
    // as back wires too, so that the start stays in the first column whatever leads into it. (Nothing then
    // leads into a start in the layering, so no cycle can pass through one: the graph stays acyclic.)
    void breakCycles()
    {
        enum : unsigned char { Unseen, OnPath, Done };
        std::vector<unsigned char> state(m_n, Unseen);
        m_discovery.assign(m_n, 0);
        std::size_t discovered = 0;
        std::vector<std::pair<Index, Index>> stack; // node, next wire
        auto walk = [&](Index root) {
            if (state[root] != Unseen) {
                return;
            }
            state[root] = OnPath;
            m_discovery[root] = discovered++;
            stack.emplace_back(root, m_outBegin[root]);
            while (!stack.empty()) {
                auto &[u, next] = stack.back();
                if (next == m_outBegin[u + 1]) {
                    state[u] = Done;
                    stack.pop_back();
                    continue;
                }
                Wire &wire = m_wires[next++];
                const Index v = wire.to;
                if (state[v] == OnPath || m_nodes[v].start) {
                    wire.reversed = true;
                } else if (state[v] == Unseen) {
                    state[v] = OnPath;
                    m_discovery[v] = discovered++;
                    stack.emplace_back(v, m_outBegin[v]); // may move the frame `u` and `next` referred to
                }
            }
        };
        for (Index u = 0; u < m_n; ++u) {
            if (m_nodes[u].start) {
                walk(u);
            }
        }
        for (Index u = 0; u < m_n; ++u) {
            walk(u);
        }
    }

    // Layering keeps every wire, back wires turned round; ordering and alignment only the forward ones: a wire
    // back to the start would pull every card that loops back into the start's row.
    void buildLayeringGraph()
    {
        std::vector<Wire> turned = m_wires;
        std::vector<Wire> forward;
        forward.reserve(m_wires.size());
        for (Wire &w : turned) {
            if (w.reversed) {
                std::swap(w.from, w.to);
            } else {
                forward.push_back(w);
            }
        }
        m_layerPreds = groupBy<Index>(m_n, turned, &Wire::to, &Wire::from);
        m_layerSuccs = groupBy<Index>(m_n, turned, &Wire::from, &Wire::to);
        m_preds = groupBy<Neighbour>(m_n, forward, &Wire::to, &Wire::from);
        m_succs = groupBy<Neighbour>(m_n, forward, &Wire::from, &Wire::to);
    }

    void assignLayers()
    {
        // Longest path in topological order (Kahn's); the order of the queue does not change the result. When
        // the route has a start, the first column is the starts' alone: other sources (elements nothing leads
        // to, loops nothing leads into) begin in the second.
        const bool anyStart = std::any_of(m_nodes.begin(), m_nodes.end(), [](const auto &n) { return n.start; });
        m_layer.assign(m_n, 0);
        std::vector<Index> waiting(m_n);
        std::vector<Index> queue;
        queue.reserve(m_n);
        for (Index u = 0; u < m_n; ++u) {
            waiting[u] = m_layerPreds.count(u);
            if (waiting[u] == 0) {
                queue.push_back(u);
                m_layer[u] = anyStart && !m_nodes[u].start ? 1 : 0;
            }
        }
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const Index u = queue[head];
            for (const Index *s = m_layerSuccs.first(u); s != m_layerSuccs.last(u); ++s) {
                m_layer[*s] = std::max(m_layer[*s], m_layer[u] + 1);
                if (--waiting[*s] == 0) {
                    queue.push_back(*s);
                }
            }
        }
        // A source other than a start (an element nothing leads to) sits just before its first successor
        // rather than in the start's column with a long wire.
        for (Index u = 0; u < m_n; ++u) {
            if (!m_nodes[u].start && !m_nodes[u].end && m_layerPreds.count(u) == 0 && m_layerSuccs.count(u) > 0) {
                std::size_t nearest = static_cast<std::size_t>(-1);
                for (const Index *s = m_layerSuccs.first(u); s != m_layerSuccs.last(u); ++s) {
                    nearest = std::min(nearest, m_layer[*s]);
                }
                m_layer[u] = nearest - 1;
            }
        }
        std::size_t last = 0;
        bool anyInner = false;
        for (Index u = 0; u < m_n; ++u) {
            if (!m_nodes[u].end) {
                last = std::max(last, m_layer[u]);
                anyInner = true;
            }
        }
        for (Index u = 0; u < m_n; ++u) {
            if (m_nodes[u].end) {
                m_layer[u] = anyInner ? last + 1 : 0;
            }
        }
        // Drop empty layers, so that every column holds a card.
        std::vector<std::size_t> used(m_n + 1, 0);
        for (Index u = 0; u < m_n; ++u) {
            used[m_layer[u]] = 1;
        }
        std::vector<std::size_t> dense(used.size(), 0);
        std::size_t layers = 0;
        for (std::size_t l = 0; l < used.size(); ++l) {
            dense[l] = layers;
            layers += used[l];
        }
        m_layers.assign(layers, {});
        for (Index u = 0; u < m_n; ++u) {
            m_layer[u] = dense[m_layer[u]];
        }
        // Depth-first discovery order: a parent's children arrive in the order of its outputs.
        std::vector<Index> byDiscovery(m_n);
        for (Index u = 0; u < m_n; ++u) {
            byDiscovery[m_discovery[u]] = u;
        }
        for (const Index u : byDiscovery) {
            m_layers[m_layer[u]].push_back(u);
        }
    }

    void updatePositions(const std::vector<Index> &layer)
    {
        for (std::size_t i = 0; i < layer.size(); ++i) {
            m_position[layer[i]] = static_cast<double>(i);
        }
    }

    // Each node of `layer` moves to the mean position of its neighbours in `neighbours` (nodes without any
    // stay where they are, ties keep the current order).
    void sortLayer(std::vector<Index> &layer, const Csr<Neighbour> &neighbours, bool usePorts)
    {
        if (layer.size() < 2) {
            return;
        }
        std::vector<std::pair<double, Index>> keyed;
        keyed.reserve(layer.size());
        for (const Index u : layer) {
            double key = m_position[u];
            if (const std::size_t count = neighbours.count(u)) {
                double sum = 0;
                for (const Neighbour *nb = neighbours.first(u); nb != neighbours.last(u); ++nb) {
                    sum += m_position[nb->node] + (usePorts ? nb->portOffset : 0.0);
                }
                key = sum / static_cast<double>(count);
            }
            keyed.emplace_back(key, u);
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (std::size_t i = 0; i < layer.size(); ++i) {
            layer[i] = keyed[i].second;
        }
        updatePositions(layer);
    }

    // Long wires get no dummy nodes: a wire spanning many layers pulls with its far end's position in that
    // end's own layer. Dummies would cost one node per layer crossed (quadratic for a route whose start or
    // fallback wires reach far), and the canvas draws wires straight from port to port, so the lanes they
    // would reserve would only be gaps.
    void orderLayers()
    {
        m_position.assign(m_n, 0);
        for (const auto &layer : m_layers) {
            updatePositions(layer);
        }
        const std::size_t count = m_layers.size();
        auto down = [&] {
            for (std::size_t l = 1; l < count; ++l) {
                sortLayer(m_layers[l], m_preds, true);
            }
        };
        for (int sweep = 0; sweep < m_options.orderingSweeps; ++sweep) {
            down();
            for (std::size_t l = count - 1; l-- > 0;) {
                sortLayer(m_layers[l], m_succs, false);
            }
        }
        down(); // last, so that siblings end in their parent's port order
    }

    // Weighted isotonic regression (pool adjacent violators) of the tops of one layer's cards: each card as
    // close as it can get to `want` (weighted by `weight`) while the order and the gaps stay.
    void alignLayer(const std::vector<Index> &layer, const std::vector<double> &want, const std::vector<double> &weight)
    {
        struct Block
        {
            double value;
            double weight;
            std::size_t size;
        };
        std::vector<Block> blocks;
        blocks.reserve(layer.size());
        double offset = 0; // room the cards above take, gaps included
        std::vector<double> offsets(layer.size());
        for (std::size_t i = 0; i < layer.size(); ++i) {
            offsets[i] = offset;
            blocks.push_back({want[i] - offset, weight[i], 1});
            while (blocks.size() > 1 && blocks[blocks.size() - 2].value > blocks.back().value) {
                const Block b = blocks.back();
                blocks.pop_back();
                Block &a = blocks.back();
                const double total = a.weight + b.weight;
                a.value = (a.value * a.weight + b.value * b.weight) / total;
                a.weight = total;
                a.size += b.size;
            }
            offset += sane(m_nodes[layer[i]].height) + m_nodeGap;
        }
        std::size_t i = 0;
        for (const Block &b : blocks) {
            for (std::size_t k = 0; k < b.size; ++k, ++i) {
                m_top[layer[i]] = b.value + offsets[i];
            }
        }
    }

    double centre(Index u) const { return m_top[u] + sane(m_nodes[u].height) / 2; }

    // What share of the paths from the sources passes through each card: a source has 1, and every card
    // hands its share out evenly over its wires (wires into end elements left out). A card with several
    // parents lines up with those most paths come through. With plain means, a block whose condition leads to
    // two cards on one side and three on the other pulled the next block towards the three, a little further
    // with every block: 1,400 units of drift over a 1,000-element synthetic route, none with flows.
    // Cards of one column that want the same place share it by weight: their flow times how far the route
    // goes on after them, so that a condition ladder's next condition (everything after hangs from it) keeps
    // the line and the short branch beside it, with as much flow, gives way.
    void computeFlow()
    {
        m_flow.assign(m_n, 0);
        for (const auto &layer : m_layers) {
            for (const Index u : layer) {
                if (m_preds.count(u) == 0) {
                    m_flow[u] = 1;
                    continue;
                }
                for (const Neighbour *p = m_preds.first(u); p != m_preds.last(u); ++p) {
                    m_flow[u] += m_flow[p->node] / static_cast<double>(m_succs.count(p->node));
                }
            }
        }
        // How many layers of cards still follow each card (1 for a card that leads nowhere).
        m_depthAfter.assign(m_n, 1);
        for (auto layer = m_layers.rbegin(); layer != m_layers.rend(); ++layer) {
            for (const Index u : *layer) {
                for (const Neighbour *c = m_succs.first(u); c != m_succs.last(u); ++c) {
                    m_depthAfter[u] = std::max(m_depthAfter[u], m_depthAfter[c->node] + 1);
                }
            }
        }
    }

    // One alignment pass over every layer, towards the parents (down) or the children (up).
    void alignPass(bool downwards, const Csr<Neighbour> &endSources)
    {
        const Csr<Neighbour> &neighbours = downwards ? m_preds : m_succs;
        std::vector<double> want;
        std::vector<double> weight;
        const std::size_t count = m_layers.size();
        for (std::size_t step = 0; step < count; ++step) {
            const std::vector<Index> &layer = m_layers[downwards ? step : count - 1 - step];
            want.assign(layer.size(), 0);
            weight.assign(layer.size(), 0);
            double layerFlow = 0;
            for (const Index u : layer) {
                layerFlow = std::max(layerFlow, m_flow[u] * m_depthAfter[u]);
            }
            for (std::size_t i = 0; i < layer.size(); ++i) {
                const Index u = layer[i];
                const bool end = m_nodes[u].end;
                const Csr<Neighbour> &from = end ? endSources : neighbours;
                // An end follows only its sources in the nearest column: centred on all of them (a thousand
                // wires from every column) it would hang far from the cards that lead into it last.
                std::size_t nearest = 0;
                for (const Neighbour *nb = from.first(u); end && nb != from.last(u); ++nb) {
                    nearest = std::max(nearest, m_layer[nb->node]);
                }
                std::size_t n = 0;
                double sum = 0;
                double flowSum = 0;
                double flowTotal = 0;
                for (const Neighbour *nb = from.first(u); (downwards || !end) && nb != from.last(u); ++nb) {
                    if (!end || m_layer[nb->node] == nearest) {
                        const double c = centre(nb->node);
                        sum += c;
                        ++n;
                        if (downwards && !end) {
                            const double f = m_flow[nb->node] / static_cast<double>(m_succs.count(nb->node));
                            flowSum += c * f;
                            flowTotal += f;
                        }
                    }
                }
                // Down the layers, parents count by the paths they pass on, and a card weighs its flow times
                // the layers after it (computeFlow), so that the line most paths take stays straight and side
                // branches give way. Flows too small for a double (thousands of splits deep) fall back to
                // plain means.
                const bool byFlow = flowTotal > 0 && std::isfinite(flowSum / flowTotal) && layerFlow > 0;
                const double mean = byFlow ? flowSum / flowTotal : n > 0 ? sum / static_cast<double>(n) : 0;
                // Cards with nothing to follow keep their place, with a weight light enough to give way.
                want[i] = n > 0 ? mean - sane(m_nodes[u].height) / 2 : m_top[u];
                weight[i] = byFlow  ? std::max(m_flow[u] * m_depthAfter[u] / layerFlow, 1e-3)
                            : n > 0 ? static_cast<double>(n)
                                    : 0.01;
            }
            alignLayer(layer, want, weight);
        }
    }

    std::vector<LayeredLayout::Point> placeNodes()
    {
        const double grid = m_options.gridSize;
        const double nodeGap = m_nodeGap;
        // Columns: each starts after the widest card of the one before, plus the gap.
        std::vector<double> columnX(m_layers.size(), 0);
        std::vector<double> columnWidth(m_layers.size(), 0);
        double x = 0;
        for (std::size_t l = 0; l < m_layers.size(); ++l) {
            columnX[l] = x;
            for (const Index u : m_layers[l]) {
                columnWidth[l] = std::max(columnWidth[l], sane(m_nodes[u].width));
            }
            x = snapUp(x + columnWidth[l] + std::max(0.0, m_options.layerGap), grid);
        }
        // Rows: stacked in order, then aligned.
        m_top.assign(m_n, 0);
        for (const auto &layer : m_layers) {
            double y = 0;
            for (const Index u : layer) {
                m_top[u] = y;
                y += sane(m_nodes[u].height) + nodeGap;
            }
        }
        const Csr<Neighbour> endSources = groupBy<Neighbour>(m_n, m_endWires, &Wire::to, &Wire::from);
        computeFlow();
        for (int pass = 0; pass < m_options.alignmentPasses; ++pass) {
            alignPass(pass % 2 == 0, endSources);
        }
        const double minTop = *std::min_element(m_top.begin(), m_top.end());
        std::vector<LayeredLayout::Point> points(m_n);
        for (std::size_t l = 0; l < m_layers.size(); ++l) {
            double free = 0; // where the next card of this column may start
            bool any = false;
            for (const Index u : m_layers[l]) {
                double y = snapNearest(m_top[u] - minTop, grid);
                if (any) {
                    y = std::max(y, snapUp(free, grid));
                }
                any = true;
                free = y + sane(m_nodes[u].height) + nodeGap;
                // Centred in its column; rounded down, so a card never reaches past the column's widest.
                const double left = snapDown(columnX[l] + (columnWidth[l] - sane(m_nodes[u].width)) / 2, grid);
                points[u] = {std::max(left, columnX[l]), y};
            }
        }
        return points;
    }

    const std::vector<LayeredLayout::Node> &m_nodes;
    const LayeredLayout::Options &m_options;
    const std::size_t m_n;
    const double m_nodeGap; // never negative (nor NaN): cards of a column never overlap

    std::vector<Wire> m_wires;     // grouped by source, in port order
    std::vector<Index> m_outBegin; // node u's wires: m_wires[m_outBegin[u]] to m_wires[m_outBegin[u + 1] - 1]
    std::vector<Wire> m_endWires;  // into end elements: only the ends' own rows follow them
    std::vector<std::size_t> m_discovery;
    Csr<Index> m_layerPreds; // every wire, back wires turned round
    Csr<Index> m_layerSuccs;
    Csr<Neighbour> m_preds; // forward wires only
    Csr<Neighbour> m_succs;
    std::vector<std::size_t> m_layer;
    std::vector<std::vector<Index>> m_layers;
    std::vector<double> m_position;
    std::vector<double> m_top;
    std::vector<double> m_flow;
    std::vector<double> m_depthAfter; // layers of cards after each, itself included
};

} // namespace

std::vector<LayeredLayout::Point> LayeredLayout::layout(const std::vector<Node> &nodes, const Options &options)
{
    return Layouter(nodes, options).run();
}

std::vector<LayeredLayout::Node> LayeredLayout::nodesFor(const std::vector<const Element *> &elements,
                                                         const std::vector<Size> &sizes)
{
    std::unordered_map<std::string_view, Index> indexOf;
    indexOf.reserve(elements.size());
    for (Index i = 0; i < elements.size(); ++i) {
        indexOf.try_emplace(elements[i]->id, i);
    }
    std::vector<Node> nodes(elements.size());
    for (Index i = 0; i < elements.size(); ++i) {
        const Element &e = *elements[i];
        Node &node = nodes[i];
        if (i < sizes.size()) {
            node.width = sizes[i].width;
            node.height = sizes[i].height;
        }
        node.start = e.type == ElementType::Start;
        node.end = e.type == ElementType::End;
        node.outputs.reserve(e.outputs.size());
        for (const Output &output : e.outputs) {
            const auto it = output.target.empty() ? indexOf.end() : indexOf.find(output.target);
            node.outputs.push_back(it == indexOf.end() ? kNoTarget : it->second);
        }
    }
    return nodes;
}

std::unordered_map<std::string, LayeredLayout::Point>
LayeredLayout::layout(const Route &route, const std::unordered_map<std::string, Size> &sizes, const Options &options,
                      Size defaultSize)
{
    std::vector<const Element *> elements;
    std::unordered_map<std::string_view, Index> seen;
    elements.reserve(route.size());
    for (const Element &e : route.elements()) {
        if (seen.try_emplace(e.id, elements.size()).second) {
            elements.push_back(&e);
        }
    }
    std::vector<Size> nodeSizes;
    nodeSizes.reserve(elements.size());
    for (const Element *e : elements) {
        const auto it = sizes.find(e->id);
        Size size = it == sizes.end() ? defaultSize : it->second;
        if (sane(size.width) == 0 || sane(size.height) == 0) {
            size = defaultSize;
        }
        nodeSizes.push_back(size);
    }
    const std::vector<Point> points = layout(nodesFor(elements, nodeSizes), options);
    std::unordered_map<std::string, Point> positions;
    positions.reserve(elements.size());
    for (Index i = 0; i < elements.size(); ++i) {
        positions.emplace(elements[i]->id, points[i]);
    }
    return positions;
}

} // namespace rd
