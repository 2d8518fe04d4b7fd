#pragma once

#include <QColor>

namespace rd::canvas {

// The canvas's own paper and ink: neutral greys that say nothing but "card", "wire" or "grid". The canvas is
// light in every palette, like paper, so type colours read the same everywhere and these need no dark variants.
// Colours that mean something (selection, focus, errors, warnings, differences) come from StatusColors; a type's
// colour from its descriptor (model/ElementTypes).
inline const QColor kCanvasBackground{0xF4, 0xF5, 0xF7};
inline const QColor kGridDot{0xC8, 0xCD, 0xD5};
inline const QColor kGridDotMajor{0xA8, 0xB0, 0xBC};

inline const QColor kCardBorder{0xD0, 0xD5, 0xDD};
inline const QColor kCardSeparator{0xEA, 0xEC, 0xF0};
inline const QColor kCardInk{0x34, 0x40, 0x54};        // port labels, a removed card's title
inline const QColor kCardSummaryInk{0x47, 0x54, 0x67}; // the summary line under the header
// Input ports, and the header of a removed card whose type is unknown.
inline const QColor kNeutralInk{0x66, 0x70, 0x85};
// The id in a card's header, on the type's colour: white, a little faded beside the type's name.
inline const QColor kHeaderIdInk{255, 255, 255, 215};
inline const QColor kCardShadowNear{16, 24, 40, 22};
inline const QColor kCardShadowFar{16, 24, 40, 10};

inline const QColor kWire{0x7A, 0x86, 0x99};
// Fallback wires and their ports' labels: secondary paths, drawn fainter than the main ones.
inline const QColor kFallback{0x98, 0xA2, 0xB3};
inline const QColor kFallbackPort{0xB0, 0xB7, 0xC3};
inline const QColor kFarFallbackWire{0xC4, 0xCB, 0xD5}; // a hairline far out: lighter, or it reads as a wire
// The selection's ring zoomed far out: StatusColors' selection blue, darker so that a thin ring still stands
// out against every type colour.
inline const QColor kFarSelection{0x0B, 0x3D, 0x91};

inline const QColor kMinimapPaper{250, 251, 252, 235};
inline const QColor kMinimapShade{16, 24, 40, 28}; // over what the main view does not show

} // namespace rd::canvas
