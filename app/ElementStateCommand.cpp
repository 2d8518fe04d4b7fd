#include "app/ElementStateCommand.h"

namespace rd {

ElementStateCommand::ElementStateCommand(RouteDocument *document, Element before, Element after, const QString &text,
                                         QString mergeKey)
    : RouteDocumentCommand(document, text), m_before(std::move(before)), m_after(std::move(after)),
      m_mergeKey(std::move(mergeKey))
{}

void ElementStateCommand::redo()
{
    apply(m_after);
}

void ElementStateCommand::undo()
{
    apply(m_before);
}

void ElementStateCommand::apply(const Element &state)
{
    route().replaceElement(state);
    emit document()->elementChanged(state.id);
    finish(true);
}

int ElementStateCommand::id() const
{
    return m_mergeKey.isEmpty() ? -1 : UpdateMergeId;
}

bool ElementStateCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = dynamic_cast<const ElementStateCommand *>(other);
    if (!next || m_mergeKey.isEmpty() || next->m_mergeKey != m_mergeKey || next->m_after.id != m_after.id) {
        return false;
    }
    m_after = next->m_after;
    // Typing a value and then its old value back leaves nothing to undo.
    setObsolete(m_after == m_before);
    return true;
}

} // namespace rd
