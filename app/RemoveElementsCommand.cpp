#include "app/RemoveElementsCommand.h"

#include <set>

namespace rd {

RemoveElementsCommand::RemoveElementsCommand(RouteDocument *document, std::vector<std::string> ids, const QString &text,
                                             std::vector<Unwire> unwired)
    : RouteDocumentCommand(document, text), m_ids(std::move(ids)), m_unwired(std::move(unwired))
{
    m_positions.reserve(m_ids.size());
    for (const std::string &id : m_ids) {
        m_positions.push_back(document->position(id));
    }
}

void RemoveElementsCommand::redo()
{
    // Unwiring first: the removals then record the sources as they are without those wires, which is the
    // state undo finds them in before it puts the saved "before" states back.
    for (const Unwire &u : m_unwired) {
        route().replaceElement(u.after);
    }
    m_removed = route().removeElements(m_ids);
    for (const std::string &id : m_ids) {
        positions().erase(id);
    }

    std::set<std::string> touched;
    for (const Unwire &u : m_unwired) {
        touched.insert(u.after.id);
    }
    for (const IncomingRef &ref : m_removed.incoming) {
        touched.insert(ref.source);
    }
    {
        const RouteDocument::BulkChange bulk(document(), m_removed.elements.size());
        for (const auto &[index, element] : m_removed.elements) {
            emit document()->elementRemoved(element.id);
        }
        for (const std::string &id : touched) {
            emit document()->elementChanged(id);
        }
    }
    finish(true);
}

void RemoveElementsCommand::undo()
{
    route().restoreElements(m_removed);
    for (auto it = m_unwired.rbegin(); it != m_unwired.rend(); ++it) {
        route().replaceElement(it->before);
    }
    for (std::size_t i = 0; i < m_ids.size(); ++i) {
        if (m_positions[i]) {
            positions()[m_ids[i]] = *m_positions[i];
        }
    }

    std::set<std::string> touched;
    for (const Unwire &u : m_unwired) {
        touched.insert(u.before.id);
    }
    for (const IncomingRef &ref : m_removed.incoming) {
        touched.insert(ref.source); // all of them stayed in the route: only their outputs went
    }
    {
        const RouteDocument::BulkChange bulk(document(), m_removed.elements.size());
        for (const auto &[index, element] : m_removed.elements) {
            emit document()->elementAdded(element.id);
        }
        for (const std::string &id : touched) {
            emit document()->elementChanged(id);
        }
    }
    finish(true);
}

} // namespace rd
