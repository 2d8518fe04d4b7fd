#pragma once

#include "app/RouteDocument.h"

#include <QUndoCommand>

namespace rd {

// Base of the document's undo commands: the one place that may change the document's state directly.
class RouteDocumentCommand : public QUndoCommand
{
public:
    // QUndoCommand::id() values of the commands that merge.
    enum MergeId { MoveMergeId = 1, UpdateMergeId = 2 };

protected:
    RouteDocumentCommand(RouteDocument *document, const QString &text);

    RouteDocument *document() const { return m_document; }
    Route &route() const { return m_document->mutableRoute(); }
    RouteDocument::Positions &positions() const { return m_document->mutablePositions(); }
    // Ends every redo and undo, after the specific signals: validation (only when the route itself changed,
    // a move cannot change findings) and then the catch-all changed().
    void finish(bool routeChanged) const;

private:
    RouteDocument *m_document;
};

} // namespace rd
