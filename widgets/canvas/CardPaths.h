#pragma once

#include <QPainterPath>

namespace rd {

// A card's outline, header and hit shape. Cards differ in height only (by their number of ports), so these are
// made once per height and shared by every card (QPainterPath is implicitly shared): QPainterPath::intersected,
// which the header needs, cost more than the rest of making a card, and 5,000 cards held 15,000 paths.
struct CardPaths
{
    QPainterPath card;
    QPainterPath header;
    QPainterPath shape;

    // Those of a card `height` units tall; GUI thread only. Never null, never freed.
    static const CardPaths *forHeight(qreal height);
};

} // namespace rd
