#include "model/Validator.h"

#include "model/Share.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rd {

std::string_view severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    }
    return "error";
}

namespace {

// 32-bit indices halve the memory of the graph arrays; a route with four billion elements is not a route.
using Index = std::uint32_t;
constexpr Index kNone = static_cast<Index>(-1);

constexpr std::size_t kMaxPercentageOutputs = 5;
// Beyond this many elements a loop is shown with its middle elided: the message is read, not parsed.
constexpr std::size_t kMaxCycleIdsShown = 10;

constexpr std::string_view kConditionsExample = R"({"metadata.plan": {"$eq": "free"}})";

enum class ShareStatus { Ok, NotShare, OutOfRange };

struct ParsedShare
{
    ShareStatus status = ShareStatus::NotShare;
    std::int64_t value = 0; // exact millionths of a percent (Share), when status is Ok
};

// Share does the parsing so that the validator and the editor agree on what a share is; the API's range
// is ours to enforce. "0%" parses: it gets its own warning.
ParsedShare parseShare(std::string_view key)
{
    const auto value = Share::parseMillionths(key);
    if (!value) {
        return {};
    }
    if (*value > Share::kWhole) {
        return {ShareStatus::OutOfRange, 0};
    }
    return {ShareStatus::Ok, *value};
}

bool isPositive(const Number &n)
{
    // Written as `> 0` for reals so that NaN counts as not positive.
    return n.isInteger() ? n.toInteger() > 0 : n.toDouble() > 0.0;
}

bool isZero(const Number &n)
{
    return n.isInteger() ? n.toInteger() == 0 : n.toDouble() == 0.0;
}

bool isNegative(const Number &n)
{
    return n.isInteger() ? n.toInteger() < 0 : n.toDouble() < 0.0;
}

bool isWhole(const Number &n)
{
    if (n.isInteger()) {
        return true;
    }
    const double d = n.toDouble();
    return std::isfinite(d) && std::trunc(d) == d;
}

bool isRequiredOutput(ElementType type, std::string_view name)
{
    const auto required = requiredOutputs(type);
    return std::find(required.begin(), required.end(), name) != required.end();
}

// Whether the output is a wire a request can travel: the named ports of fixed-port types, every share of a
// percentage, and anything on an unknown type (we cannot tell, and guessing "no" would flood the route with
// unreachable warnings). End outputs and names a type does not have are ignored by the gateway.
bool followsOutput(ElementType type, std::string_view name)
{
    switch (type) {
    case ElementType::Percentage:
    case ElementType::Unknown:
        return true;
    case ElementType::End:
        return false;
    case ElementType::Start:
    case ElementType::Conditional:
    case ElementType::Rate:
    case ElementType::Model:
        break;
    }
    return isRequiredOutput(type, name);
}

std::string_view typeLabel(ElementType type)
{
    switch (type) {
    case ElementType::Start:
        return "start element";
    case ElementType::Conditional:
        return "conditional element";
    case ElementType::Percentage:
        return "percentage element";
    case ElementType::Rate:
        return "rate element";
    case ElementType::Model:
        return "model element";
    case ElementType::End:
        return "end element";
    case ElementType::Unknown:
        break;
    }
    return "element";
}

std::string inQuotes(std::string_view text, char quote = '"')
{
    std::string s;
    s.reserve(text.size() + 2);
    s += quote;
    s += text;
    s += quote;
    return s;
}

std::string capitalized(std::string_view text)
{
    std::string s(text);
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') {
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    }
    return s;
}

// "'m1'", or "#4 (no id)".
std::string reference(const Element &element, Index index)
{
    return element.id.empty() ? "#" + std::to_string(index + 1) + " (no id)" : inQuotes(element.id, '\'');
}

// "model element 'm1'", or "model element #4 (no id)" when there is no id to name it by.
std::string subject(const Element &element, Index index, bool capital)
{
    std::string s = capital ? capitalized(typeLabel(element.type)) : std::string(typeLabel(element.type));
    s += ' ';
    s += reference(element, index);
    return s;
}

std::string listOutputs(std::span<const std::string_view> names)
{
    std::string s;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            s += i + 1 == names.size() ? " and " : ", ";
        }
        s += inQuotes(names[i]);
    }
    return s;
}

std::string withArticle(std::string_view jsonType)
{
    if (jsonType == "null") {
        return "null";
    }
    const bool vowel = !jsonType.empty() && std::string_view("aeiou").find(jsonType[0]) != std::string_view::npos;
    return (vowel ? "an " : "a ") + std::string(jsonType);
}

// What an unwired output is for, so the fix names the right destination.
std::string connectHint(ElementType type, std::string_view output)
{
    switch (type) {
    case ElementType::Start:
        return "connect it to the first step of the route";
    case ElementType::Conditional:
        return output == "true" ? "connect it to where requests that match the conditions should go"
                                : "connect it to where requests that do not match should go";
    case ElementType::Percentage:
        return "connect it to where this share of the traffic should go";
    case ElementType::Rate:
        return output == "success" ? "connect it to where requests within the limit should go"
                                   : "connect it to where requests over the limit should go, e.g. a cheaper model "
                                     "or the end";
    case ElementType::Model:
        return output == "success" ? "connect it to what follows a successful answer, usually the end"
                                   : "connect it to where the request should go when this model fails, e.g. "
                                     "another model or the end";
    case ElementType::End:
    case ElementType::Unknown:
        break;
    }
    return "connect it to the element that should come next";
}

// The route as index arrays: one pass to build, then every analysis is a linear walk.
struct Graph
{
    std::vector<Index> edgeBegin;  // CSR offsets, size n + 1
    std::vector<Index> edgeTarget; // element index
    std::vector<Index> edgeOutput; // index into the source element's outputs
};

class Analysis
{
public:
    explicit Analysis(const Route &route) : m_elements(route.elements()), m_n(static_cast<Index>(m_elements.size())) {}

    std::vector<Finding> run();

private:
    void indexElements();
    void buildGraph();
    void markReachable();
    void markCanReachEnd();
    void findStronglyConnectedComponents();

    void checkElement(Index i);
    void checkIdentity(Index i);
    void checkGraph(Index i);
    void checkCycle(Index i);
    void checkConditional(Index i);
    void checkRate(Index i);
    void checkModel(Index i);
    void checkPercentage(Index i);
    void checkOutputs(Index i);

    void add(Severity severity, std::string_view code, Index element, std::string_view output, std::string message);
    void addRouteLevel(Severity severity, std::string_view code, std::string message);

    const std::vector<Element> &m_elements;
    const Index m_n;
    std::vector<Finding> m_findings;

    std::unordered_map<std::string_view, Index> m_indexById;
    std::vector<Index> m_duplicateOf; // the first element with the same id, or kNone
    Index m_firstStart = kNone;
    bool m_hasEnd = false;

    Graph m_graph;
    std::vector<Index> m_outputBegin;    // per element, offset into m_outputTarget
    std::vector<Index> m_outputTarget;   // per output, the resolved target index or kNone
    std::vector<char> m_reachable;       // from the first start
    std::vector<char> m_canReachEnd;     // some end element lies downstream
    std::vector<Index> m_component;      // strongly connected component of each element
    std::vector<Index> m_componentSize;  // per component
    std::vector<Index> m_componentFirst; // per component, its element earliest in the route

    // Scratch for tracing one loop through a component; sized on first use.
    std::vector<Index> m_traceParent;
    std::vector<Index> m_traceEdge;
    std::vector<ParsedShare> m_shares;
};

std::vector<Finding> Analysis::run()
{
    indexElements();
    buildGraph();
    markReachable();
    markCanReachEnd();
    findStronglyConnectedComponents();

    if (m_firstStart == kNone) {
        addRouteLevel(Severity::Error, "start.missing",
                      "The route has no start element; add one and connect its \"next\" output to the first step.");
    }
    if (!m_hasEnd) {
        addRouteLevel(Severity::Error, "end.missing",
                      "The route has no end element; add one and connect the last step of every branch to it.");
    }
    for (Index i = 0; i < m_n; ++i) {
        checkElement(i);
    }
    return std::move(m_findings);
}

void Analysis::indexElements()
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

void Analysis::buildGraph()
{
    std::size_t outputCount = 0;
    for (const Element &e : m_elements) {
        outputCount += e.outputs.size();
    }
    m_graph.edgeBegin.resize(std::size_t{m_n} + 1);
    m_graph.edgeTarget.reserve(outputCount);
    m_graph.edgeOutput.reserve(outputCount);
    m_outputBegin.resize(std::size_t{m_n} + 1);
    m_outputTarget.resize(outputCount, kNone);

    Index outputOffset = 0;
    for (Index i = 0; i < m_n; ++i) {
        const Element &e = m_elements[i];
        m_graph.edgeBegin[i] = static_cast<Index>(m_graph.edgeTarget.size());
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
            if (target != kNone && followsOutput(e.type, o.name)) {
                m_graph.edgeTarget.push_back(target);
                m_graph.edgeOutput.push_back(k);
            }
        }
        outputOffset += static_cast<Index>(e.outputs.size());
    }
    m_graph.edgeBegin[m_n] = static_cast<Index>(m_graph.edgeTarget.size());
    m_outputBegin[m_n] = outputOffset;
}

void Analysis::markReachable()
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
        for (Index e = m_graph.edgeBegin[u]; e < m_graph.edgeBegin[u + 1]; ++e) {
            const Index v = m_graph.edgeTarget[e];
            if (!m_reachable[v]) {
                m_reachable[v] = 1;
                queue.push_back(v);
            }
        }
    }
}

void Analysis::markCanReachEnd()
{
    m_canReachEnd.assign(m_n, 0);
    if (!m_hasEnd) {
        return;
    }
    // Reverse adjacency by counting sort on the target.
    std::vector<Index> reverseBegin(std::size_t{m_n} + 1, 0);
    for (const Index v : m_graph.edgeTarget) {
        ++reverseBegin[v + 1];
    }
    for (Index i = 0; i < m_n; ++i) {
        reverseBegin[i + 1] += reverseBegin[i];
    }
    std::vector<Index> reverseSource(m_graph.edgeTarget.size());
    std::vector<Index> fill(reverseBegin.begin(), reverseBegin.end() - 1);
    for (Index u = 0; u < m_n; ++u) {
        for (Index e = m_graph.edgeBegin[u]; e < m_graph.edgeBegin[u + 1]; ++e) {
            reverseSource[fill[m_graph.edgeTarget[e]]++] = u;
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
void Analysis::findStronglyConnectedComponents()
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
        calls.push_back({root, m_graph.edgeBegin[root]});
        while (!calls.empty()) {
            const Index v = calls.back().node;
            if (calls.back().nextEdge < m_graph.edgeBegin[v + 1]) {
                const Index w = m_graph.edgeTarget[calls.back().nextEdge++];
                if (order[w] == kNone) {
                    order[w] = low[w] = counter++;
                    stack.push_back(w);
                    onStack[w] = 1;
                    calls.push_back({w, m_graph.edgeBegin[w]});
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

void Analysis::add(Severity severity, std::string_view code, Index element, std::string_view output,
                   std::string message)
{
    m_findings.push_back(
        Finding{severity, std::string(code), m_elements[element].id, std::string(output), std::move(message)});
}

void Analysis::addRouteLevel(Severity severity, std::string_view code, std::string message)
{
    m_findings.push_back(Finding{severity, std::string(code), {}, {}, std::move(message)});
}

void Analysis::checkElement(Index i)
{
    checkIdentity(i);
    checkGraph(i);
    checkCycle(i);
    switch (m_elements[i].type) {
    case ElementType::Conditional:
        checkConditional(i);
        break;
    case ElementType::Rate:
        checkRate(i);
        break;
    case ElementType::Model:
        checkModel(i);
        break;
    case ElementType::Percentage:
        checkPercentage(i);
        break;
    case ElementType::Start:
    case ElementType::End:
    case ElementType::Unknown:
        break;
    }
    checkOutputs(i);
}

void Analysis::checkIdentity(Index i)
{
    const Element &e = m_elements[i];
    if (e.id.empty()) {
        add(Severity::Error, "element.empty-id", i, {},
            capitalized(typeLabel(e.type)) + " #" + std::to_string(i + 1) +
                " has no id; give it a unique id so outputs can point at it.");
    } else if (m_duplicateOf[i] != kNone) {
        add(Severity::Error, "element.duplicate-id", i, {},
            "The id " + inQuotes(e.id, '\'') + " is used by element #" + std::to_string(m_duplicateOf[i] + 1) +
                " and again by element #" + std::to_string(i + 1) +
                "; outputs can only reach the first. Rename this one so every id is unique.");
    }
    if (e.type == ElementType::Unknown) {
        std::string message = subject(e, i, true);
        if (e.unknownTypeName.empty()) {
            message += " has no type;";
        } else {
            message += " has type " + inQuotes(e.unknownTypeName) + ", which the API does not accept;";
        }
        message += " set it to one of start, conditional, percentage, rate, model or end.";
        add(Severity::Error, "element.unknown-type", i, {}, std::move(message));
    }
    if (e.type == ElementType::Start && i != m_firstStart) {
        add(Severity::Error, "start.multiple", i, {},
            subject(e, i, true) + " is a second start, but a route has exactly one (the first is " +
                subject(m_elements[m_firstStart], m_firstStart, false) + "); delete this one or change its type.");
    }
    if (e.type == ElementType::End && !e.outputs.empty()) {
        add(Severity::Warning, "end.has-outputs", i, {},
            subject(e, i, true) + " has outputs, which are ignored because the request ends there; remove them.");
    }
}

void Analysis::checkGraph(Index i)
{
    const Element &e = m_elements[i];
    if (m_firstStart == kNone) {
        return; // without a start everything is unreachable, and start.missing already says why
    }
    if (!m_reachable[i]) {
        // Extra starts, empty and repeated ids cannot be reached by design; their own error says what to do.
        const bool explained = e.type == ElementType::Start || e.id.empty() || m_duplicateOf[i] != kNone;
        if (!explained) {
            add(Severity::Warning, "element.unreachable", i, {},
                subject(e, i, true) +
                    " cannot be reached from the start, so no request will ever get there; connect an output to "
                    "it or delete it.");
        }
        return;
    }
    if (m_hasEnd && !m_canReachEnd[i]) {
        add(Severity::Error, "path.no-end", i, {},
            "No path leads from " + subject(e, i, false) +
                " to an end element (its outputs lead nowhere, to missing elements or only around a loop); connect "
                "it so that every branch finishes at an end.");
    }
}

void Analysis::checkCycle(Index i)
{
    const Index component = m_component[i];
    if (m_componentFirst[component] != i) {
        return;
    }
    const Index componentSize = m_componentSize[component];
    if (componentSize == 1) {
        for (Index e = m_graph.edgeBegin[i]; e < m_graph.edgeBegin[i + 1]; ++e) {
            if (m_graph.edgeTarget[e] == i) {
                const std::string &output = m_elements[i].outputs[m_graph.edgeOutput[e]].name;
                add(Severity::Error, "graph.cycle", i, output,
                    subject(m_elements[i], i, true) + " leads back to itself through its " + inQuotes(output) +
                        " output; a request could circle forever. Point that output elsewhere.");
                return;
            }
        }
        return;
    }

    // Breadth-first inside the component gives the shortest loop through this element: the easiest to read.
    if (m_traceParent.empty()) {
        m_traceParent.assign(m_n, kNone);
        m_traceEdge.assign(m_n, kNone);
    }
    std::vector<Index> queue{i};
    m_traceParent[i] = i;
    Index last = kNone;
    Index closingEdge = kNone;
    for (std::size_t head = 0; head < queue.size() && last == kNone; ++head) {
        const Index u = queue[head];
        for (Index e = m_graph.edgeBegin[u]; e < m_graph.edgeBegin[u + 1]; ++e) {
            const Index w = m_graph.edgeTarget[e];
            if (w == i) {
                last = u;
                closingEdge = e;
                break;
            }
            if (m_component[w] == component && m_traceParent[w] == kNone) {
                m_traceParent[w] = u;
                m_traceEdge[w] = e;
                queue.push_back(w);
            }
        }
    }
    // Components are disjoint, so resetting only what this trace touched keeps the scratch clean.
    std::vector<Index> loop;
    for (Index v = last; v != i; v = m_traceParent[v]) {
        loop.push_back(v);
    }
    loop.push_back(i);
    std::reverse(loop.begin(), loop.end());
    const Index firstEdge = loop.size() > 1 ? m_traceEdge[loop[1]] : closingEdge;
    for (const Index v : queue) {
        m_traceParent[v] = kNone;
    }

    std::string ids;
    auto append = [&](Index v) {
        if (!ids.empty()) {
            ids += " \u2192 ";
        }
        ids += m_elements[v].id;
    };
    if (loop.size() <= kMaxCycleIdsShown) {
        for (const Index v : loop) {
            append(v);
        }
    } else {
        for (std::size_t k = 0; k + 2 < kMaxCycleIdsShown; ++k) {
            append(loop[k]);
        }
        ids += " \u2192 \u2026";
        append(loop.back());
    }
    append(i);

    std::string message = "Elements " + ids;
    if (loop.size() > kMaxCycleIdsShown) {
        message += " (" + std::to_string(loop.size()) + " elements)";
    }
    message += " form a loop";
    if (componentSize > loop.size()) {
        message += " (" + std::to_string(componentSize) + " elements in all are caught in loops with it)";
    }
    message += "; a request could circle forever. Point one of these outputs elsewhere.";
    add(Severity::Error, "graph.cycle", i, m_elements[i].outputs[m_graph.edgeOutput[firstEdge]].name,
        std::move(message));
}

void Analysis::checkConditional(Index i)
{
    const Element &e = m_elements[i];
    const auto &conditions = e.conditional.conditions;
    if (!conditions) {
        add(Severity::Error, "conditional.conditions", i, {},
            subject(e, i, true) + " has no conditions; set a query such as " + std::string(kConditionsExample) + ".");
    } else if (!conditions->is_object()) {
        add(Severity::Error, "conditional.conditions", i, {},
            subject(e, i, true) + " has conditions that are " + withArticle(conditions->type_name()) +
                ", not a JSON object; write them as an object such as " + std::string(kConditionsExample) + ".");
    } else if (conditions->empty()) {
        add(Severity::Warning, "conditional.always-true", i, {},
            subject(e, i, true) +
                " has empty conditions, so every request takes its \"true\" output; add a condition such as " +
                std::string(kConditionsExample) + ".");
    }
}

void Analysis::checkRate(Index i)
{
    const Element &e = m_elements[i];
    const RateProperties &rate = e.rate;
    if (!rate.key || rate.key->empty()) {
        add(Severity::Error, "rate.key", i, {},
            subject(e, i, true) + " has no key; set what requests are counted per, e.g. \"metadata.user_id\".");
    }
    if (!rate.limit) {
        add(Severity::Error, "rate.limit", i, {},
            subject(e, i, true) + " has no limit; set how much each key may use per window, e.g. 100.");
    } else if (!isPositive(*rate.limit)) {
        add(Severity::Error, "rate.limit", i, {},
            subject(e, i, true) + " has limit " + rate.limit->toString() + "; set a limit above 0, e.g. 100.");
    }
    if (!rate.window) {
        add(Severity::Error, "rate.window", i, {},
            subject(e, i, true) + " has no window; set the period in seconds, e.g. 60.");
    } else if (!isPositive(*rate.window)) {
        add(Severity::Error, "rate.window", i, {},
            subject(e, i, true) + " has window " + rate.window->toString() +
                "; set a period above 0 seconds, e.g. 60.");
    }
    if (!rate.limitType || (*rate.limitType != "count" && *rate.limitType != "cost")) {
        std::string message = subject(e, i, true);
        if (!rate.limitType) {
            message += " has no limit type;";
        } else {
            message += " has limit type " + inQuotes(*rate.limitType) + ", which the API does not accept;";
        }
        message += " set it to \"count\" (a rate limit) or \"cost\" (a budget).";
        add(Severity::Error, "rate.limit-type", i, {}, std::move(message));
    }
}

void Analysis::checkModel(Index i)
{
    const Element &e = m_elements[i];
    const ModelProperties &model = e.model;
    if (!model.provider || model.provider->empty()) {
        add(Severity::Error, "model.provider", i, {},
            subject(e, i, true) + " has no provider; set the provider, e.g. \"openai\".");
    }
    if (!model.model || model.model->empty()) {
        add(Severity::Error, "model.model", i, {},
            subject(e, i, true) + " has no model; set the model to call, e.g. \"gpt-4o-mini\".");
    }
    if (!model.timeout) {
        add(Severity::Error, "model.timeout", i, {},
            subject(e, i, true) + " has no timeout; set one in milliseconds, e.g. 30000.");
    } else if (!isPositive(*model.timeout)) {
        add(Severity::Error, "model.timeout", i, {},
            subject(e, i, true) + " has timeout " + model.timeout->toString() +
                "; set a timeout above 0 milliseconds, e.g. 30000.");
    }
    if (!model.retries) {
        add(Severity::Error, "model.retries", i, {},
            subject(e, i, true) + " has no retries; set how many times to retry, e.g. 1 (0 for none).");
    } else if (!isWhole(*model.retries)) {
        add(Severity::Error, "model.retries", i, {},
            subject(e, i, true) + " has retries " + model.retries->toString() +
                "; set a whole number of attempts, e.g. 1 or 2.");
    } else if (isNegative(*model.retries)) {
        add(Severity::Error, "model.retries", i, {},
            subject(e, i, true) + " has retries " + model.retries->toString() + "; set 0 or more, e.g. 1.");
    }
    if (model.timeout && model.retries && isZero(*model.timeout) && isZero(*model.retries)) {
        add(Severity::Warning, "model.zero-timeout-zero-retries", i, {},
            subject(e, i, true) +
                " has timeout 0 and retries 0, which has been reported to break routes in production; set a "
                "timeout above 0, e.g. 30000.");
    }
}

void Analysis::checkPercentage(Index i)
{
    const Element &e = m_elements[i];
    if (e.outputs.empty()) {
        add(Severity::Error, "percentage.output-count", i, {},
            subject(e, i, true) + " has no outputs; add between 1 and 5 shares, e.g. \"60%\" and \"40%\".");
    } else if (e.outputs.size() > kMaxPercentageOutputs) {
        add(Severity::Error, "percentage.output-count", i, {},
            subject(e, i, true) + " has " + std::to_string(e.outputs.size()) +
                " outputs, but the API allows at most 5; remove or merge shares until 5 remain.");
    }

    m_shares.clear();
    std::int64_t total = 0;
    bool anyShare = false;
    for (const Output &o : e.outputs) {
        m_shares.push_back(parseShare(o.name));
        if (m_shares.back().status == ShareStatus::Ok) {
            total += m_shares.back().value;
            anyShare = true;
        }
    }
    // With no parsable share the total says nothing that the bad-share findings do not.
    if (anyShare && total != Share::kWhole) {
        add(Severity::Error, "percentage.total", i, {},
            "Shares of " + reference(e, i) + " add up to " + Share::format(total) + "; they must total exactly 100%.");
    }
}

void Analysis::checkOutputs(Index i)
{
    const Element &e = m_elements[i];
    const ElementType type = e.type;
    if (type == ElementType::End) {
        return; // ignored by the gateway; end.has-outputs covers them
    }
    const bool fixedPorts = !requiredOutputs(type).empty();
    const Index offset = m_outputBegin[i];

    for (Index k = 0; k < e.outputs.size(); ++k) {
        const Output &o = e.outputs[k];
        bool wired = true; // whether an empty target is worth an output.missing
        if (fixedPorts && !isRequiredOutput(type, o.name)) {
            wired = false;
            add(Severity::Warning, "output.unknown-name", i, o.name,
                subject(e, i, true) + " has an output " + inQuotes(o.name) + " that a " + std::string(typeLabel(type)) +
                    " does not have (it has " + listOutputs(requiredOutputs(type)) +
                    "), so it is ignored; remove it or rename it.");
        }
        if (type == ElementType::Percentage) {
            const ParsedShare share = m_shares[k];
            if (o.name == "else") {
                std::string message = subject(e, i, true) +
                                      " has an \"else\" output, which the API rejects (error 7001); rename it to an "
                                      "explicit share";
                std::int64_t rest = Share::kWhole;
                for (const ParsedShare &s : m_shares) {
                    rest -= s.status == ShareStatus::Ok ? s.value : 0;
                }
                message += rest > 0 ? ", e.g. " + inQuotes(Share::format(rest)) + " (what the other shares leave)."
                                    : " and adjust the others so they total 100%.";
                add(Severity::Error, "percentage.else", i, o.name, std::move(message));
            } else if (share.status != ShareStatus::Ok) {
                std::string message = "Output " + inQuotes(o.name) + " of " + subject(e, i, false);
                switch (share.status) {
                case ShareStatus::OutOfRange:
                    message += " is more than 100%; a share must be above 0% and at most 100%.";
                    break;
                case ShareStatus::NotShare:
                case ShareStatus::Ok:
                    message += " is not a share; name it like \"25%\" or \"33.5%\" (above 0, at most 100).";
                    break;
                }
                add(Severity::Error, "percentage.bad-share", i, o.name, std::move(message));
            } else if (share.value == 0) {
                add(Severity::Warning, "percentage.zero-share", i, o.name,
                    "Share " + inQuotes(o.name) + " of " + subject(e, i, false) +
                        " never receives traffic; remove it or give it a share above 0%.");
            }
        }
        if (o.target.empty()) {
            if (wired && type != ElementType::Unknown) {
                add(Severity::Error, "output.missing", i, o.name,
                    "Output " + inQuotes(o.name) + " of " + subject(e, i, false) + " is not connected; " +
                        connectHint(type, o.name) + ".");
            }
        } else if (m_outputTarget[offset + k] == kNone) {
            add(Severity::Error, "output.unknown-target", i, o.name,
                "Output " + inQuotes(o.name) + " of " + subject(e, i, false) + " points at " +
                    inQuotes(o.target, '\'') + ", which does not exist; connect it to an existing element.");
        }
    }

    for (const std::string_view required : requiredOutputs(type)) {
        const bool present =
            std::any_of(e.outputs.begin(), e.outputs.end(), [&](const Output &o) { return o.name == required; });
        if (!present) {
            add(Severity::Error, "output.missing", i, required,
                subject(e, i, true) + " has no " + inQuotes(required) + " output; " + connectHint(type, required) +
                    ".");
        }
    }
}

} // namespace

std::vector<Finding> Validator::validate(const Route &route)
{
    return Analysis(route).run();
}

bool Validator::hasErrors(const std::vector<Finding> &findings)
{
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding &f) { return f.severity == Severity::Error; });
}

} // namespace rd
