#pragma once

#include "model/ElementType.h"

#include <QByteArray>
#include <QObject>
#include <QPointF>

namespace rd {

class RouteView;

// The edit commands of one RouteView on its selection: delete, cut, copy, paste, duplicate, select all, nudge,
// and adding a card in free space. Each is one document call, so one Ctrl+Z undoes it; in a read-only view (or
// without a document) the editing ones do nothing.
//
// It is its view's child; the scene and the document are looked up through the view on each use and may be gone.
class CanvasEdits : public QObject
{
    Q_OBJECT

public:
    explicit CanvasEdits(RouteView *view);

    // Removes the selected elements, and disconnects the selected wires, in one step.
    void deleteSelection();
    void copySelection();
    void cutSelection();
    // In the middle of the view, in free space: each paste of the same copy finds a new spot of its own.
    void paste();
    // Beside the original when it is in view, else in the middle of the view.
    void duplicateSelection();
    void selectAll();
    void nudge(QPointF offset);
    // An element of `type` in the middle of what is visible, or the nearest free spot to it: never on a card.
    void addElementAtCenter(ElementType type);
    // An element of `type` dropped at `scenePos`: its header under the cursor, as if picked up by it.
    void addElementAt(ElementType type, QPointF scenePos);

private:
    bool editable() const;
    // Pastes the copied cards as a group, centred as near `wantedCenter` as free space allows.
    void pasteData(const QByteArray &data, QPointF wantedCenter);

    RouteView *m_view;
};

} // namespace rd
