#pragma once

#include "app/RouteDocumentCommand.h"

#include <optional>
#include <string>
#include <vector>

namespace rd {

// An element takes a new id; every output that led to it follows, and so does its position.
class RenameElementCommand : public RouteDocumentCommand
{
public:
    // `from` exists exactly once, `to` is free (Route::renameElement's conditions).
    RenameElementCommand(RouteDocument *document, std::string from, std::string to, const QString &text);

    void redo() override;
    void undo() override;

private:
    void emitSignals(const std::string &from, const std::string &to);

    std::string m_from;
    std::string m_to;
    // Elements that already named `to` (a stale reference): after the rename it resolves, and undoing the
    // rename must not turn it into a reference to `from`.
    std::vector<Element> m_referencedTo;
    std::optional<QPointF> m_stalePositionOfTo;
};

} // namespace rd
