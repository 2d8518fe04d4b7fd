#pragma once

#include "app/RouteDocumentCommand.h"

namespace rd {

// The whole route and layout before and after. Only for edits the finer commands cannot invert exactly
// (elements sharing an id, which a file may contain): it copies everything, and views rebuild.
class RouteSnapshotCommand : public RouteDocumentCommand
{
public:
    RouteSnapshotCommand(RouteDocument *document, Route after, RouteDocument::Positions afterPositions,
                         const QString &text);

    void redo() override;
    void undo() override;

private:
    void apply(const Route &route, const RouteDocument::Positions &positions);

    Route m_before;
    RouteDocument::Positions m_beforePositions;
    Route m_after;
    RouteDocument::Positions m_afterPositions;
};

} // namespace rd
