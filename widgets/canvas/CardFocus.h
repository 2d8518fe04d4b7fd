#pragma once

#include "model/ElementType.h"

#include <QObject>
#include <QPoint>
#include <QPointer>

#include <optional>
#include <string>
#include <vector>

class QMenu;

namespace rd {

class ElementItem;
class RouteDocument;
class RouteView;
class RouteScene;

// Building a route with the keyboard alone, for one RouteView: which card has the keyboard focus (drawn as
// a focus ring on the card, ElementItem::setFocusRing), Tab order through the cards, arrow keys along the
// wires, and connecting the focused card's output to an existing or a new element through the view's
// quick-add popup in connect mode (the C key, or the card's context menu › Connect Output).
//
// Focusing a card also selects it, so Delete, Copy, Duplicate and the inspector act on what the ring shows.
// A mouse press on the canvas, Esc, or focus leaving the canvas ends keyboard focus (the arrows then nudge the
// selection again, as they always did).
//
// It is its view's child, so the view is there as long as it is; the scene and the document are not the view's,
// so they are looked up through it on each use and may be gone.
class CardFocus : public QObject
{
    Q_OBJECT

public:
    explicit CardFocus(RouteView *view);

    // The focused card's element id; empty when no card has keyboard focus.
    const std::string &focusedId() const { return m_id; }
    bool isActive() const { return !m_id.empty(); }
    // Focuses `id` (selecting it and scrolling it into view); `cameFrom` is the card the focus arrived from
    // along a wire, which Left goes back to and whose other outputs Up and Down walk through.
    void focus(std::string id, std::string cameFrom = {});
    void clear();

    // Cards left to right, then top to bottom (route order breaks ties): the Tab order.
    std::vector<std::string> tabOrder() const;
    // Tab and Shift+Tab: focuses the next (previous) card, or with none focused the selected card, or the
    // first (last). False past the end, so the caller lets Tab leave the canvas.
    bool tab(bool forward);
    // Right: to the card the first wired output leads to. Left: back to a card leading into this one (the one
    // the focus came from, else the topmost). Up/Down: after arriving along a wire, among the cards the same
    // parent's outputs lead to, in port order; otherwise (or past the last sibling) to the nearest card above
    // or below. False when there is nowhere to go.
    bool arrow(int key);

    // The element C and the context menu act on: the focused card, else the only selected one.
    std::string actionTarget() const;
    // Opens the connect picker for `id`'s output `output` (the first unwired one when empty, else the first).
    void openConnectPicker(const std::string &id, const std::string &output = {});
    // The card's context menu (Connect Output ▸ one entry per output, Duplicate, Delete) at `globalPos`.
    QMenu *showContextMenu(const std::string &id, QPoint globalPos);

private:
    RouteScene *scene() const;
    RouteDocument *document() const;
    ElementItem *item(const std::string &id) const;
    std::vector<std::string> sources(const std::string &id) const;
    std::string topmost(const std::vector<std::string> &ids) const;
    std::string nearestVertically(bool up) const;
    void onElementChosen(const std::string &id);
    void onTypeChosen(ElementType type);

    RouteView *m_view;
    std::string m_id;
    std::string m_cameFrom;
    // The connect picker's source while it is open (its output is the popup's current one).
    std::optional<std::string> m_connecting;
    QPointer<QMenu> m_menu;
};

} // namespace rd
