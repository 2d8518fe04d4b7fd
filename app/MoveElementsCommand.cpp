#include "app/MoveElementsCommand.h"

#include <algorithm>

namespace rd {

MoveElementsCommand::MoveElementsCommand(RouteDocument *document, std::vector<Entry> entries, const QString &text,
                                         bool mergeable)
    : RouteDocumentCommand(document, text), m_entries(std::move(entries)), m_mergeable(mergeable)
{}

void MoveElementsCommand::redo()
{
    for (const Entry &e : m_entries) {
        positions()[e.id] = e.after;
    }
    for (const Entry &e : m_entries) {
        emit document()->elementMoved(e.id);
    }
    finish(false);
}

void MoveElementsCommand::undo()
{
    for (const Entry &e : m_entries) {
        if (e.before) {
            positions()[e.id] = *e.before;
        } else {
            positions().erase(e.id);
        }
    }
    for (const Entry &e : m_entries) {
        emit document()->elementMoved(e.id);
    }
    finish(false);
}

int MoveElementsCommand::id() const
{
    return m_mergeable ? MoveMergeId : -1;
}

bool MoveElementsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = dynamic_cast<const MoveElementsCommand *>(other);
    if (!next || !m_mergeable || !next->m_mergeable || next->m_entries.size() != m_entries.size()) {
        return false;
    }
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].id != next->m_entries[i].id) {
            return false;
        }
    }
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        m_entries[i].after = next->m_entries[i].after;
    }
    // Dragged back to where it started: nothing left to undo.
    setObsolete(std::all_of(m_entries.begin(), m_entries.end(),
                            [](const Entry &e) { return e.before && *e.before == e.after; }));
    return true;
}

} // namespace rd
