#include "app/RenameElementCommand.h"

#include <set>

namespace rd {

RenameElementCommand::RenameElementCommand(RouteDocument *document, std::string from, std::string to,
                                           const QString &text)
    : RouteDocumentCommand(document, text), m_from(std::move(from)), m_to(std::move(to))
{
    for (const Element &e : route().elements()) {
        for (const Output &o : e.outputs) {
            if (o.target == m_to) {
                m_referencedTo.push_back(e);
                break;
            }
        }
    }
    m_stalePositionOfTo = document->position(m_to);
}

void RenameElementCommand::redo()
{
    route().renameElement(m_from, m_to);
    if (const auto it = positions().find(m_from); it != positions().end()) {
        const QPointF pos = it->second;
        positions().erase(it);
        positions()[m_to] = pos;
    } else {
        positions().erase(m_to);
    }
    emitSignals(m_from, m_to);
}

void RenameElementCommand::undo()
{
    route().renameElement(m_to, m_from);
    for (const Element &e : m_referencedTo) {
        route().replaceElement(e);
    }
    if (const auto it = positions().find(m_to); it != positions().end()) {
        const QPointF pos = it->second;
        positions().erase(it);
        positions()[m_from] = pos;
    }
    if (m_stalePositionOfTo) {
        positions()[m_to] = *m_stalePositionOfTo;
    }
    emitSignals(m_to, m_from);
}

void RenameElementCommand::emitSignals(const std::string &from, const std::string &to)
{
    std::set<std::string> touched;
    for (const Element &e : route().elements()) {
        for (const Output &o : e.outputs) {
            if (o.target == to && e.id != to) {
                touched.insert(e.id);
                break;
            }
        }
    }
    for (const Element &e : m_referencedTo) {
        touched.insert(e.id == m_from || e.id == m_to ? to : e.id);
    }
    touched.erase(to);
    emit document()->elementRenamed(from, to);
    emit document()->elementChanged(to);
    for (const std::string &id : touched) {
        emit document()->elementChanged(id);
    }
    finish(true);
}

} // namespace rd
