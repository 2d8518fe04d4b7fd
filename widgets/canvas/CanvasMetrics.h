#pragma once

#include <QPointF>
#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace rd::canvas {

// One place for the canvas's measurements so the items, the view and the tests agree on them.
inline constexpr qreal kGrid = 20;
// Shift+arrow moves by this many grid steps: a fine 1 px nudge would leave elements off the grid that
// dragging snaps to, so the coarse step is the useful one.
inline constexpr int kCoarseNudgeSteps = 5;

inline constexpr qreal kNodeWidth = 220;
inline constexpr qreal kHeaderHeight = 30;
inline constexpr qreal kSummaryHeight = 24;
inline constexpr qreal kPortRowHeight = 22;
inline constexpr qreal kPortsTop = kHeaderHeight + kSummaryHeight + 4;
inline constexpr qreal kPortRadius = 5;
inline constexpr qreal kCornerRadius = 8;
inline constexpr qreal kBadgeRadius = 9;

// The smallest text on a card (summary line, port labels), in scene units; at zoom 1 a scene unit is one
// logical pixel.
inline constexpr qreal kSmallTextPixels = 11;
// Text smaller than this many logical pixels on screen is not read, only guessed at.
inline constexpr qreal kLegibleTextPixels = 9;
// The least zoom at which every text on a card's full face is legible (kLodFull).
inline constexpr qreal kLegibleZoom = kLegibleTextPixels / kSmallTextPixels;

// Levels of detail (QStyleOptionGraphicsItem::levelOfDetailFromTransform, logical pixels per scene unit at
// any device pixel ratio): from kLodFull up a card shows everything at its design size; from kLodShape up to
// kLodFull its compact face (title, summary and badge sized in screen pixels, port dots without labels); below
// kLodShape only a filled shape.
inline constexpr qreal kLodFull = kLegibleZoom;
// Where the compact face starts: its two lines (a 13 px band, a 9 px summary) still fit the shortest card, an
// end card of 80 units, in its 24 px; a card 66 px wide shows ten characters or so of each.
inline constexpr qreal kLodShape = 0.3;
// The compact face's text, in logical pixels on screen whatever the zoom: the title a little larger and bold.
inline constexpr qreal kCompactTitlePixels = 10;
inline constexpr qreal kCompactSummaryPixels = 9;
inline constexpr qreal kCompactBandPixels = 13;
inline constexpr qreal kCompactPadPixels = 4;
// How much a mark drawn at its full-detail size (a diff tag) grows in scene units at `lod` so that on screen it
// stays as large as at kLodFull: 1 from kLodFull up, kLodFull / kLodShape at the farthest zoom that draws it.
inline qreal keepScreenSize(qreal lod)
{
    return kLodFull / std::clamp(lod, kLodShape, kLodFull);
}
// Below this zoom the view stops painting items one by one and draws the whole route in a few batched calls
// (RouteScene::drawOverview): at fit-to-view on thousands of cards, Qt's per-item dispatch alone costs more
// than a frame. Items stay in the scene, so selection and hit tests work as usual.
inline constexpr qreal kLodOverview = 0.2;

// Big enough for any route people draw, fixed so Qt never grows it by walking every item's bounds.
inline constexpr qreal kSceneExtent = 200000;

// Where an element without a stored position goes: rows of ten, left to right.
inline constexpr int kFallbackColumns = 10;
inline constexpr qreal kFallbackColumnStep = 300;
inline constexpr qreal kFallbackRowStep = 220;

inline qreal snapToGrid(qreal v)
{
    return std::round(v / kGrid) * kGrid;
}

inline QPointF snapToGrid(QPointF p)
{
    return {snapToGrid(p.x()), snapToGrid(p.y())};
}

} // namespace rd::canvas
