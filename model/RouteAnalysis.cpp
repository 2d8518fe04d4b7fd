#include "model/RouteAnalysis.h"

#include "model/ElementTypes.h"
#include "model/FindingText.h"

#include <algorithm>
#include <string>

namespace rd {

namespace {

// Beyond this many elements a loop is shown with its middle elided: the message is read, not parsed.
constexpr std::size_t kMaxCycleIdsShown = 10;

} // namespace

RouteAnalysis::RouteAnalysis(const Route &route)
    : m_elements(route.elements()), m_graph(m_elements), m_checks(m_elements, m_findings)
{}

std::vector<Finding> RouteAnalysis::run()
{
    if (m_graph.firstStart() == kNone) {
        addRouteLevel(Severity::Error, "start.missing",
                      "The route has no start element; add one and connect its \"next\" output to the first step.");
    }
    if (!m_graph.hasEnd()) {
        addRouteLevel(Severity::Error, "end.missing",
                      "The route has no end element; add one and connect the last step of every branch to it.");
    }
    for (Index i = 0; i < m_graph.size(); ++i) {
        checkElement(i);
    }
    return std::move(m_findings);
}

void RouteAnalysis::add(Severity severity, std::string_view code, Index element, std::string_view output,
                        std::string message)
{
    m_findings.push_back(
        Finding{severity, std::string(code), m_elements[element].id, std::string(output), std::move(message)});
}

void RouteAnalysis::addRouteLevel(Severity severity, std::string_view code, std::string message)
{
    m_findings.push_back(Finding{severity, std::string(code), {}, {}, std::move(message)});
}

void RouteAnalysis::checkElement(Index i)
{
    checkIdentity(i);
    checkGraph(i);
    checkCycle(i);
    m_checks.checkType(i);
    checkOutputs(i);
}

void RouteAnalysis::checkIdentity(Index i)
{
    const Element &e = m_elements[i];
    if (e.id.empty()) {
        add(Severity::Error, "element.empty-id", i, {},
            FindingText::capitalized(ElementTypes::of(e.type).label()) + " #" + std::to_string(i + 1) +
                " has no id; give it a unique id so outputs can point at it.");
    } else if (m_graph.duplicateOf(i) != kNone) {
        add(Severity::Error, "element.duplicate-id", i, {},
            "The id " + FindingText::inQuotes(e.id, '\'') + " is used by element #" +
                std::to_string(m_graph.duplicateOf(i) + 1) + " and again by element #" + std::to_string(i + 1) +
                "; outputs can only reach the first. Rename this one so every id is unique.");
    }
    if (e.type == ElementType::Unknown) {
        std::string message = FindingText::subject(e, i, true);
        if (e.unknownTypeName.empty()) {
            message += " has no type;";
        } else {
            message += " has type " + FindingText::inQuotes(e.unknownTypeName) + ", which the API does not accept;";
        }
        message += " set it to one of " + FindingText::knownTypes() + ".";
        add(Severity::Error, "element.unknown-type", i, {}, std::move(message));
    }
    if (e.type == ElementType::Start && i != m_graph.firstStart()) {
        add(Severity::Error, "start.multiple", i, {},
            FindingText::subject(e, i, true) + " is a second start, but a route has exactly one (the first is " +
                FindingText::subject(m_elements[m_graph.firstStart()], m_graph.firstStart(), false) +
                "); delete this one or change its type.");
    }
    if (e.type == ElementType::End && !e.outputs.empty()) {
        add(Severity::Warning, "end.has-outputs", i, {},
            FindingText::subject(e, i, true) +
                " has outputs, which are ignored because the request ends there; remove them.");
    }
}

void RouteAnalysis::checkGraph(Index i)
{
    const Element &e = m_elements[i];
    if (m_graph.firstStart() == kNone) {
        return; // without a start everything is unreachable, and start.missing already says why
    }
    if (!m_graph.reachable(i)) {
        // Extra starts, empty and repeated ids cannot be reached by design; their own error says what to do.
        const bool explained = e.type == ElementType::Start || e.id.empty() || m_graph.duplicateOf(i) != kNone;
        if (!explained) {
            add(Severity::Warning, "element.unreachable", i, {},
                FindingText::subject(e, i, true) +
                    " cannot be reached from the start, so no request will ever get there; connect an output to "
                    "it or delete it.");
        }
        return;
    }
    if (m_graph.hasEnd() && !m_graph.canReachEnd(i)) {
        add(Severity::Error, "path.no-end", i, {},
            "No path leads from " + FindingText::subject(e, i, false) +
                " to an end element (its outputs lead nowhere, to missing elements or only around a loop); connect "
                "it so that every branch finishes at an end.");
    }
}

void RouteAnalysis::checkCycle(Index i)
{
    const Index component = m_graph.component(i);
    if (m_graph.componentFirst(component) != i) {
        return;
    }
    const Index componentSize = m_graph.componentSize(component);
    if (componentSize == 1) {
        for (Index e = m_graph.edgeBegin(i); e < m_graph.edgeBegin(i + 1); ++e) {
            if (m_graph.edgeTarget(e) == i) {
                const std::string &output = m_elements[i].outputs[m_graph.edgeOutput(e)].name;
                add(Severity::Error, "graph.cycle", i, output,
                    FindingText::subject(m_elements[i], i, true) + " leads back to itself through its " +
                        FindingText::inQuotes(output) +
                        " output; a request could circle forever. Point that output elsewhere.");
                return;
            }
        }
        return;
    }

    // Breadth-first inside the component gives the shortest loop through this element: the easiest to read.
    if (m_traceParent.empty()) {
        m_traceParent.assign(m_graph.size(), kNone);
        m_traceEdge.assign(m_graph.size(), kNone);
    }
    std::vector<Index> queue{i};
    m_traceParent[i] = i;
    Index last = kNone;
    Index closingEdge = kNone;
    for (std::size_t head = 0; head < queue.size() && last == kNone; ++head) {
        const Index u = queue[head];
        for (Index e = m_graph.edgeBegin(u); e < m_graph.edgeBegin(u + 1); ++e) {
            const Index w = m_graph.edgeTarget(e);
            if (w == i) {
                last = u;
                closingEdge = e;
                break;
            }
            if (m_graph.component(w) == component && m_traceParent[w] == kNone) {
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
    add(Severity::Error, "graph.cycle", i, m_elements[i].outputs[m_graph.edgeOutput(firstEdge)].name,
        std::move(message));
}

void RouteAnalysis::checkOutputs(Index i)
{
    const Element &e = m_elements[i];
    const ElementTypeDescriptor &descriptor = ElementTypes::of(e.type);
    if (descriptor.outputs == OutputKind::Ignored) {
        return; // ignored by the gateway; end.has-outputs covers them
    }
    const bool fixedPorts = descriptor.outputs == OutputKind::Fixed;

    for (Index k = 0; k < e.outputs.size(); ++k) {
        const Output &o = e.outputs[k];
        bool wired = true; // whether an empty target is worth an output.missing
        if (fixedPorts && !descriptor.port(o.name)) {
            wired = false;
            add(Severity::Warning, "output.unknown-name", i, o.name,
                FindingText::subject(e, i, true) + " has an output " + FindingText::inQuotes(o.name) + " that a " +
                    descriptor.label() + " does not have (it has " + FindingText::listOutputs(descriptor.portNames) +
                    "), so it is ignored; remove it or rename it.");
        }
        m_checks.checkOutput(i, k);
        if (o.target.empty()) {
            if (wired && descriptor.outputs != OutputKind::Unchecked) {
                add(Severity::Error, "output.missing", i, o.name,
                    "Output " + FindingText::inQuotes(o.name) + " of " + FindingText::subject(e, i, false) +
                        " is not connected; " + std::string(FindingText::connectHint(e.type, o.name)) + ".");
            }
        } else if (m_graph.outputTarget(i, k) == kNone) {
            add(Severity::Error, "output.unknown-target", i, o.name,
                "Output " + FindingText::inQuotes(o.name) + " of " + FindingText::subject(e, i, false) + " points at " +
                    FindingText::inQuotes(o.target, '\'') +
                    ", which does not exist; connect it to an existing element.");
        }
    }

    for (const std::string_view required : requiredOutputs(e.type)) {
        const bool present =
            std::any_of(e.outputs.begin(), e.outputs.end(), [&](const Output &o) { return o.name == required; });
        if (!present) {
            add(Severity::Error, "output.missing", i, required,
                FindingText::subject(e, i, true) + " has no " + FindingText::inQuotes(required) + " output; " +
                    std::string(FindingText::connectHint(e.type, required)) + ".");
        }
    }
}

} // namespace rd
