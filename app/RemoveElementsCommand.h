#pragma once

#include "app/RouteDocumentCommand.h"

#include <optional>
#include <string>
#include <vector>

namespace rd {

// Elements leave the route with every wire into them; undo puts each back at its index with its wires.
class RemoveElementsCommand : public RouteDocumentCommand
{
public:
    // `ids`: distinct, existing and not duplicated in the route (Route::restoreElement refuses a taken id).
    RemoveElementsCommand(RouteDocument *document, std::vector<std::string> ids, const QString &text);

    void redo() override;
    void undo() override;

private:
    std::vector<std::string> m_ids;
    std::vector<std::optional<QPointF>> m_positions; // parallel to m_ids
    std::vector<RemovedElement> m_removed;           // in removal order, filled by redo
};

} // namespace rd
