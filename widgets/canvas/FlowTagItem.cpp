#include "widgets/canvas/FlowTagItem.h"

#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/ElementItem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <utility>

namespace rd {

using namespace canvas;

namespace {

constexpr qreal kRingGap = 5;
constexpr qreal kRingWidth = 3;
constexpr qreal kChipHeight = 17;
constexpr qreal kChipPadding = 8;

// Like the diff tags, the chips keep a readable size on screen when zoomed out.
QFont chipFont(qreal scale, bool bold)
{
    QFont f;
    f.setPixelSize(qRound(11 * scale));
    f.setBold(bold);
    return f;
}

} // namespace

qreal FlowTagItem::chipScale(qreal lod)
{
    // Grows when zoomed out so the figures stay legible, but less than the diff tags do: there is one on every
    // card and wire, and at full screen size they would bury the cards' titles.
    return std::min(keepScreenSize(lod), 1.8);
}

FlowTagItem::FlowTagItem(ElementItem *card, FlowOverlay::Card flow)
    : QGraphicsItem(card), m_card(card), m_flow(std::move(flow))
{
    // Above the card: the step number overlaps its corner. The ring stays outside the card, so nothing is hidden.
    setAcceptedMouseButtons(Qt::NoButton);
    // The card's own opacity fades the card when it is off the path; the ring and figures stay legible.
    setFlag(ItemIgnoresParentOpacity);
    if (!m_flow.tag.isEmpty()) {
        setToolTip(m_flow.tag);
    }
    // Measured once, at the design size: boundingRect() and paint() run often and only scale these.
    m_badgeAdvance = QFontMetricsF(chipFont(1, true)).horizontalAdvance(m_flow.badge);
    m_tagAdvance = QFontMetricsF(chipFont(1, false)).horizontalAdvance(m_flow.tag);
}

QRectF FlowTagItem::ringRect() const
{
    return m_card->cardRect().adjusted(-kRingGap, -kRingGap, kRingGap, kRingGap);
}

QRectF FlowTagItem::badgeRect(qreal lod) const
{
    const qreal scale = chipScale(lod);
    const qreal height = kChipHeight * scale;
    const qreal width = std::max(height, (m_badgeAdvance + kChipPadding) * scale);
    const QRectF ring = ringRect();
    return {ring.left() - width / 3, ring.top() - height / 2 - 2, width, height};
}

QRectF FlowTagItem::tagRect(qreal lod) const
{
    const qreal scale = chipScale(lod);
    const qreal width = (m_tagAdvance + 2 * kChipPadding) * scale;
    const qreal height = kChipHeight * scale;
    // Just above the card at the right, like a diff tag: the card's title stays readable, and under the card it
    // would sit on the next card down, which the layout puts closer than the one above.
    const QRectF card = m_card->cardRect();
    return {card.right() - width, card.top() - height - 2, width, height};
}

QRectF FlowTagItem::boundingRect() const
{
    QRectF r = ringRect();
    if (!m_flow.badge.isEmpty()) {
        r |= badgeRect(kLodShape);
    }
    if (!m_flow.tag.isEmpty()) {
        r |= tagRect(kLodShape);
    }
    return r.adjusted(-kRingWidth, -kRingWidth, kRingWidth, kRingWidth);
}

void FlowTagItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor color = FlowOverlay::color();
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (m_flow.lit) {
        painter->setPen(QPen(color, kRingWidth));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(ringRect(), kCornerRadius + kRingGap, kCornerRadius + kRingGap);
    }
    if (lod < kLodShape) {
        return;
    }
    const qreal scale = chipScale(lod);
    if (!m_flow.badge.isEmpty()) {
        const QRectF badge = badgeRect(lod);
        painter->setPen(QPen(Qt::white, 1.5 * scale));
        painter->setBrush(color);
        painter->drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        painter->setFont(chipFont(scale, true));
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, m_flow.badge);
    }
    if (!m_flow.tag.isEmpty()) {
        const QRectF tag = tagRect(lod);
        painter->setPen(QPen(color, 1));
        painter->setBrush(Qt::white);
        painter->drawRoundedRect(tag, tag.height() / 2, tag.height() / 2);
        painter->setFont(chipFont(scale, false));
        painter->setPen(color.darker(140));
        painter->drawText(tag, Qt::AlignCenter, m_flow.tag);
    }
}

} // namespace rd
