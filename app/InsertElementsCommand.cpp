#include "app/InsertElementsCommand.h"

#include <algorithm>
#include <set>
#include <unordered_set>

namespace rd {

InsertElementsCommand::InsertElementsCommand(RouteDocument *document, std::vector<Element> elements,
                                             const RouteDocument::Positions &newPositions,
                                             std::optional<SourceChange> source, const QString &text)
    : RouteDocumentCommand(document, text), m_elements(std::move(elements)), m_source(std::move(source))
{
    m_positions.reserve(m_elements.size());
    m_displaced.reserve(m_elements.size());
    for (const Element &e : m_elements) {
        const auto it = newPositions.find(e.id);
        m_positions.push_back(it == newPositions.end() ? QPointF() : it->second);
        m_displaced.push_back(document->position(e.id));
    }
}

void InsertElementsCommand::redo()
{
    for (std::size_t i = 0; i < m_elements.size(); ++i) {
        route().addElement(m_elements[i]);
        positions()[m_elements[i].id] = m_positions[i];
    }
    if (m_source) {
        route().replaceElement(m_source->after);
    }

    // Outputs that named one of the new ids before it existed now lead somewhere: their wires appear.
    std::unordered_set<std::string> added;
    for (const Element &e : m_elements) {
        added.insert(e.id);
    }
    std::set<std::string> touched;
    if (m_source) {
        touched.insert(m_source->after.id);
    }
    for (const Element &e : route().elements()) {
        if (added.count(e.id)) {
            continue;
        }
        for (const Output &o : e.outputs) {
            if (added.count(o.target)) {
                touched.insert(e.id);
                break;
            }
        }
    }

    {
        const RouteDocument::BulkChange bulk(document(), m_elements.size());
        for (const Element &e : m_elements) {
            emit document()->elementAdded(e.id);
        }
        for (const std::string &id : touched) {
            emit document()->elementChanged(id);
        }
    }
    finish(true);
}

void InsertElementsCommand::undo()
{
    if (m_source) {
        route().replaceElement(m_source->before);
    }
    // Removing also strips outputs that pointed at the new ids. Those that were there before the insert (stale
    // references the new id happened to satisfy) go back where they were: removeElements records them in route
    // order, each source's in ascending output order. One pass, however many elements were pasted.
    std::vector<std::string> ids;
    ids.reserve(m_elements.size());
    for (const Element &e : m_elements) {
        ids.push_back(e.id);
    }
    const RemovedElements removed = route().removeElements(ids);
    std::set<std::string> touched;
    if (m_source) {
        touched.insert(m_source->before.id);
    }
    for (const IncomingRef &ref : removed.incoming) {
        Element *source = route().find(ref.source);
        if (!source) {
            continue;
        }
        const std::size_t at = std::min(ref.outputIndex, source->outputs.size());
        source->outputs.insert(source->outputs.begin() + static_cast<std::ptrdiff_t>(at), ref.output);
        touched.insert(ref.source);
    }
    for (std::size_t i = 0; i < m_elements.size(); ++i) {
        if (m_displaced[i]) {
            positions()[m_elements[i].id] = *m_displaced[i];
        } else {
            positions().erase(m_elements[i].id);
        }
    }

    {
        const RouteDocument::BulkChange bulk(document(), m_elements.size());
        for (auto it = m_elements.rbegin(); it != m_elements.rend(); ++it) {
            emit document()->elementRemoved(it->id);
        }
        for (const std::string &id : touched) {
            emit document()->elementChanged(id);
        }
    }
    finish(true);
}

} // namespace rd
