#pragma once

#include "app/RouteDocumentCommand.h"

#include <optional>
#include <string>
#include <vector>

namespace rd {

// Elements leave the route with every wire into them; undo puts each back at its index with its wires.
// Wires selected along with them (`unwired`: their sources' states before and after) go in the same step,
// so deleting a mixed selection is one undo.
class RemoveElementsCommand : public RouteDocumentCommand
{
public:
    struct Unwire
    {
        Element before;
        Element after;
    };

    // `ids`: distinct, existing and not duplicated in the route (Route::restoreElement refuses a taken id).
    // `unwired`: one entry per source element, none of them in `ids`.
    RemoveElementsCommand(RouteDocument *document, std::vector<std::string> ids, const QString &text,
                          std::vector<Unwire> unwired = {});

    void redo() override;
    void undo() override;

private:
    std::vector<std::string> m_ids;
    std::vector<std::optional<QPointF>> m_positions; // parallel to m_ids
    std::vector<Unwire> m_unwired;
    RemovedElements m_removed; // filled by redo, in one pass however many elements go
};

} // namespace rd
