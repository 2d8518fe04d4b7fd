#pragma once

#include "app/RouteDocumentCommand.h"

#include <optional>
#include <string>
#include <vector>

namespace rd {

// New elements appended to the route with their positions (add, paste, duplicate), and optionally one
// existing element rewired in the same step (dropping a new element onto a dragged wire).
class InsertElementsCommand : public RouteDocumentCommand
{
public:
    struct SourceChange
    {
        Element before;
        Element after;
    };

    // The elements' ids must be free in the route and distinct.
    InsertElementsCommand(RouteDocument *document, std::vector<Element> elements,
                          const RouteDocument::Positions &newPositions, std::optional<SourceChange> source,
                          const QString &text);

    void redo() override;
    void undo() override;

private:
    std::vector<Element> m_elements;
    std::vector<QPointF> m_positions;                // parallel to m_elements
    std::vector<std::optional<QPointF>> m_displaced; // a stale position held under a new id, put back on undo
    std::optional<SourceChange> m_source;
};

} // namespace rd
