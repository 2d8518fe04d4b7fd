#include "widgets/canvas/DiffGhostItem.h"

#include "widgets/ElementTypeStyle.h"
#include "widgets/canvas/CanvasColors.h"
#include "widgets/canvas/CanvasMetrics.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace rd {

using namespace canvas;

namespace {

constexpr qreal kHeight = 84;
constexpr qreal kTagHeight = 18;

QFont font(int pixels, bool bold)
{
    QFont f;
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

} // namespace

DiffGhostItem::DiffGhostItem(std::string elementId, const DiffMark &mark) : m_id(std::move(elementId)), m_mark(mark)
{
    setZValue(-2);
    setAcceptedMouseButtons(Qt::NoButton);
    setToolTip(QCoreApplication::translate("rd::DiffGhostItem", "Removed: “%1” is not in this version")
                   .arg(QString::fromStdString(m_id)));
}

QSizeF DiffGhostItem::size()
{
    return {kNodeWidth, kHeight};
}

QRectF DiffGhostItem::boundingRect() const
{
    // Room for the tag at its largest (zoomed out, where it keeps its size on screen).
    return QRectF(QPointF(0, 0), size()).adjusted(-3, -kTagHeight * keepScreenSize(kLodShape) - 3, 3, 3);
}

void DiffGhostItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor red = DiffMark::color(DiffMark::Kind::Removed);
    const QRectF card(QPointF(0, 0), size());
    painter->setRenderHint(QPainter::Antialiasing, true);

    QColor fill = red;
    fill.setAlpha(18);
    QPen dashed(red, 2, Qt::DashLine);
    dashed.setDashPattern({4, 3});
    painter->setPen(dashed);
    painter->setBrush(fill);
    painter->drawRoundedRect(card, kCornerRadius, kCornerRadius);

    // The header keeps the type's colour, faded: the card is recognisable but plainly not there any more.
    QColor typeColor = m_mark.type == ElementType::Unknown ? kNeutralInk : ElementTypeStyle::color(m_mark.type);
    typeColor.setAlpha(90);
    painter->setPen(Qt::NoPen);
    painter->setBrush(typeColor);
    painter->drawRoundedRect(card.adjusted(2, 2, -2, -(kHeight - kHeaderHeight)), kCornerRadius - 2, kCornerRadius - 2);

    if (lod < kLodShape) {
        return;
    }
    if (lod < kLodFull) {
        paintCompact(painter, lod);
        return;
    }
    const QString typeText =
        m_mark.type == ElementType::Unknown ? m_mark.typeName : ElementTypeStyle::displayName(m_mark.type);
    painter->setFont(font(13, true));
    painter->setPen(kCardInk);
    painter->drawText(card.adjusted(12, 0, -12, -(kHeight - kHeaderHeight)), Qt::AlignVCenter | Qt::AlignLeft,
                      typeText);
    painter->setFont(font(12, false));
    painter->drawText(card.adjusted(12, 0, -12, -(kHeight - kHeaderHeight)), Qt::AlignVCenter | Qt::AlignRight,
                      QString::fromStdString(m_id));
    painter->setPen(red);
    painter->setFont(font(11, false));
    painter->drawText(card.adjusted(12, kHeaderHeight + 4, -12, -6), Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                      QCoreApplication::translate("rd::DiffGhostItem", "Not in this version: deploying removes it."));

    paintTag(painter, 1.0);
}

void DiffGhostItem::paintTag(QPainter *painter, qreal scale) const
{
    const QString label = DiffMark::label(DiffMark::Kind::Removed).toUpper();
    painter->setFont(font(qRound(11 * scale), true));
    const qreal width = painter->fontMetrics().horizontalAdvance(label) + 16 * scale;
    const qreal height = kTagHeight * scale;
    const QRectF tag(size().width() - width, -height + 2, width, height);
    painter->setPen(Qt::NoPen);
    painter->setBrush(DiffMark::color(DiffMark::Kind::Removed));
    painter->drawRoundedRect(tag, height / 2, height / 2);
    painter->setPen(Qt::white);
    painter->drawText(tag, Qt::AlignCenter, label);
}

void DiffGhostItem::paintCompact(QPainter *painter, qreal lod) const
{
    // As the cards' compact face: the id and one line, in text sized for the screen (10 and 9 logical px).
    const qreal pad = 4 / lod;
    const qreal band = std::max(kHeaderHeight, 13 / lod);
    const QRectF card(QPointF(0, 0), size());
    const QFont title = font(qRound(10 / lod), true);
    const QFont line = font(qRound(9 / lod), false);
    painter->setPen(kCardInk);
    painter->setFont(title);
    painter->drawText(
        QRectF(pad, 0, card.width() - 2 * pad, band), Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetricsF(title).elidedText(QString::fromStdString(m_id), Qt::ElideRight, card.width() - 2 * pad));
    painter->setPen(DiffMark::color(DiffMark::Kind::Removed));
    painter->setFont(line);
    painter->drawText(
        QRectF(pad, band, card.width() - 2 * pad, card.height() - band), Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetricsF(line).elidedText(QCoreApplication::translate("rd::DiffGhostItem", "removed by deploying"),
                                       Qt::ElideRight, card.width() - 2 * pad));
    paintTag(painter, keepScreenSize(lod));
}

} // namespace rd
