#pragma once

#include "app/RouteDocumentCommand.h"

namespace rd {

// One element goes from one state to another (same id): property edits, wiring, percentage branches.
// Edits with the same non-empty merge key on the same element merge, so typing into a field is one step.
class ElementStateCommand : public RouteDocumentCommand
{
public:
    ElementStateCommand(RouteDocument *document, Element before, Element after, const QString &text,
                        QString mergeKey = {});

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    void apply(const Element &state);

    Element m_before;
    Element m_after;
    QString m_mergeKey;
};

} // namespace rd
