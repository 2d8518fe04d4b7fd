#include "widgets/canvas/DiffHaloItem.h"

#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/ElementItem.h"

#include <QFontMetricsF>
#include <QPainter>

namespace rd {

using namespace canvas;

namespace {

constexpr qreal kRingGap = 6;
constexpr qreal kRingWidth = 3;
constexpr qreal kTagHeight = 18;
constexpr qreal kTagPadding = 8;

const QFont &tagFont()
{
    static const QFont font = [] {
        QFont f;
        f.setPixelSize(10);
        f.setBold(true);
        f.setLetterSpacing(QFont::AbsoluteSpacing, 0.6);
        return f;
    }();
    return font;
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

QRectF DiffHaloItem::tagRect() const
{
    const qreal width =
        QFontMetricsF(tagFont()).horizontalAdvance(DiffMark::label(m_mark.kind).toUpper()) + 2 * kTagPadding;
    const QRectF ring = ringRect();
    return {ring.right() - width, ring.top() - kTagHeight + kRingWidth, width, kTagHeight};
}

QRectF DiffHaloItem::boundingRect() const
{
    return (ringRect() | tagRect()).adjusted(-kRingWidth, -kRingWidth, kRingWidth, kRingWidth);
}

void DiffHaloItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QColor color = DiffMark::color(m_mark.kind);
    QColor glow = color;
    glow.setAlpha(46);
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(QPen(color, kRingWidth));
    painter->setBrush(glow);
    painter->drawRoundedRect(ringRect(), kCornerRadius + kRingGap, kCornerRadius + kRingGap);

    const QRectF tag = tagRect();
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(tag, kTagHeight / 2, kTagHeight / 2);
    painter->setFont(tagFont());
    painter->setPen(Qt::white);
    painter->drawText(tag, Qt::AlignCenter, DiffMark::label(m_mark.kind).toUpper());
}

} // namespace rd
