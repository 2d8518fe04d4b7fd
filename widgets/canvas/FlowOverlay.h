#pragma once

#include <QColor>
#include <QString>

#include <map>
#include <string>
#include <utility>

namespace rd {

// What a trace or a simulation draws over the route: cards and wires lit or annotated, and optionally everything
// else faded, so the path a request takes (or the way traffic splits) reads at a glance. The scene applies it to
// its items; it survives edits and resets until replaced or cleared.
struct FlowOverlay
{
    struct Card
    {
        bool lit = false;
        QString badge; // a small chip at the card's top-left corner: the step number of a trace
        QString tag;   // a chip under the card: "742 requests · 74 %"
    };
    struct Wire
    {
        bool lit = false;
        double share = -1; // 0..1: the wire's width grows with it; < 0 keeps the normal width
        QString label;     // drawn at the wire's middle
    };
    using WireKey = std::pair<std::string, std::string>; // source element id, output name

    std::map<std::string, Card> cards;
    std::map<WireKey, Wire> wires;
    // Cards and wires not listed above (or listed but not lit, in a trace) are drawn faded.
    bool dimOthers = false;

    bool isEmpty() const { return cards.empty() && wires.empty() && !dimOthers; }

    // The colour of everything an overlay draws: a violet no type, status or selection uses.
    static QColor color() { return {0x6E, 0x3F, 0xF3}; }
    // How faded an element off the path is.
    static constexpr qreal kDimmedOpacity = 0.28;
};

} // namespace rd
