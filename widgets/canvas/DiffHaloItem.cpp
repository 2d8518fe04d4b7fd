#include "widgets/canvas/DiffHaloItem.h"

#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/ElementItem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace rd {

using namespace canvas;

namespace {

constexpr qreal kRingGap = 6;
constexpr qreal kRingWidth = 3;
constexpr qreal kTagHeight = 18;
constexpr qreal kTagPadding = 8;

// Zoomed out, the tag keeps a readable size on screen (about 9 logical pixels of text, like the cards' compact
// face) instead of shrinking with the card: in a fitted deploy preview "CHANGED" must still read.
QFont tagFont(qreal scale)
{
    QFont f;
    f.setPixelSize(qRound(11 * scale));
    f.setBold(true);
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.6 * scale);
    return f;
}

} // namespace

DiffHaloItem::DiffHaloItem(ElementItem *card, const DiffMark &mark) : QGraphicsItem(card), m_card(card), m_mark(mark)
{
    setFlag(ItemStacksBehindParent);
    // Clicks go to the card (or the canvas) as if the halo were not there.
    setAcceptedMouseButtons(Qt::NoButton);
    setToolTip(m_mark.description.isEmpty()
                   ? DiffMark::label(m_mark.kind)
                   : QStringLiteral("%1: %2").arg(DiffMark::label(m_mark.kind), m_mark.description));
}

QRectF DiffHaloItem::ringRect() const
{
    return m_card->cardRect().adjusted(-kRingGap, -kRingGap, kRingGap, kRingGap);
}

QRectF DiffHaloItem::tagRect(qreal lod) const
{
    const qreal scale = keepScreenSize(lod);
    const qreal width = QFontMetricsF(tagFont(scale)).horizontalAdvance(DiffMark::label(m_mark.kind).toUpper()) +
                        2 * kTagPadding * scale;
    const qreal height = kTagHeight * scale;
    const QRectF ring = ringRect();
    return {ring.right() - width, ring.top() - height + kRingWidth, width, height};
}

QRectF DiffHaloItem::boundingRect() const
{
    // The tag is largest at the farthest zoom that still draws it: one rect for every zoom.
    return (ringRect() | tagRect(kLodShape)).adjusted(-kRingWidth, -kRingWidth, kRingWidth, kRingWidth);
}

void DiffHaloItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor color = DiffMark::color(m_mark.kind);
    QColor glow = color;
    glow.setAlpha(46);
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(QPen(color, kRingWidth));
    painter->setBrush(glow);
    painter->drawRoundedRect(ringRect(), kCornerRadius + kRingGap, kCornerRadius + kRingGap);

    if (lod < kLodShape) {
        return; // far out only the ring marks the card
    }
    const QRectF tag = tagRect(lod);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(tag, tag.height() / 2, tag.height() / 2);
    painter->setFont(tagFont(keepScreenSize(lod)));
    painter->setPen(Qt::white);
    painter->drawText(tag, Qt::AlignCenter, DiffMark::label(m_mark.kind).toUpper());
}

} // namespace rd
