#include "app/RouteSnapshotCommand.h"

namespace rd {

RouteSnapshotCommand::RouteSnapshotCommand(RouteDocument *document, Route after,
                                           RouteDocument::Positions afterPositions, const QString &text)
    : RouteDocumentCommand(document, text), m_before(document->route()), m_beforePositions(document->positions()),
      m_after(std::move(after)), m_afterPositions(std::move(afterPositions))
{}

void RouteSnapshotCommand::redo()
{
    apply(m_after, m_afterPositions);
}

void RouteSnapshotCommand::undo()
{
    apply(m_before, m_beforePositions);
}

void RouteSnapshotCommand::apply(const Route &state, const RouteDocument::Positions &statePositions)
{
    route() = state;
    positions() = statePositions;
    emit document()->documentReset();
    finish(true);
}

} // namespace rd
