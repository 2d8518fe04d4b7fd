#pragma once

#include "app/RouteDocumentCommand.h"

#include <optional>
#include <string>
#include <vector>

namespace rd {

// Elements change place on the canvas; the route itself does not change. A mergeable move absorbs the next
// mergeable move of the same set of elements, so one drag (many small moves) is one undo step.
class MoveElementsCommand : public RouteDocumentCommand
{
public:
    struct Entry
    {
        std::string id;
        std::optional<QPointF> before; // none: the element had no position
        QPointF after;
    };

    // `entries` sorted by id.
    MoveElementsCommand(RouteDocument *document, std::vector<Entry> entries, const QString &text, bool mergeable);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    std::vector<Entry> m_entries;
    bool m_mergeable;
};

} // namespace rd
