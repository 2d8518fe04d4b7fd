#include "widgets/canvas/DiffGhostItem.h"

#include "widgets/ElementTypeStyle.h"
#include "widgets/canvas/CanvasMetrics.h"

#include <QPainter>

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
    return QRectF(QPointF(0, 0), size()).adjusted(-3, -kTagHeight - 3, 3, 3);
}

void DiffGhostItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
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
    QColor typeColor =
        m_mark.type == ElementType::Unknown ? QColor(0x66, 0x70, 0x85) : ElementTypeStyle::color(m_mark.type);
    typeColor.setAlpha(90);
    painter->setPen(Qt::NoPen);
    painter->setBrush(typeColor);
    painter->drawRoundedRect(card.adjusted(2, 2, -2, -(kHeight - kHeaderHeight)), kCornerRadius - 2, kCornerRadius - 2);

    const QString typeText =
        m_mark.type == ElementType::Unknown ? m_mark.typeName : ElementTypeStyle::displayName(m_mark.type);
    painter->setFont(font(13, true));
    painter->setPen(QColor(0x34, 0x40, 0x54));
    painter->drawText(card.adjusted(12, 0, -12, -(kHeight - kHeaderHeight)), Qt::AlignVCenter | Qt::AlignLeft,
                      typeText);
    painter->setFont(font(12, false));
    painter->drawText(card.adjusted(12, 0, -12, -(kHeight - kHeaderHeight)), Qt::AlignVCenter | Qt::AlignRight,
                      QString::fromStdString(m_id));
    painter->setPen(red);
    painter->setFont(font(11, false));
    painter->drawText(card.adjusted(12, kHeaderHeight + 4, -12, -6), Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                      QCoreApplication::translate("rd::DiffGhostItem", "Not in this version: deploying removes it."));

    const QString label = DiffMark::label(DiffMark::Kind::Removed).toUpper();
    QFont tagFont = font(10, true);
    painter->setFont(tagFont);
    const qreal width = painter->fontMetrics().horizontalAdvance(label) + 16;
    const QRectF tag(card.right() - width, -kTagHeight + 2, width, kTagHeight);
    painter->setPen(Qt::NoPen);
    painter->setBrush(red);
    painter->drawRoundedRect(tag, kTagHeight / 2, kTagHeight / 2);
    painter->setPen(Qt::white);
    painter->drawText(tag, Qt::AlignCenter, label);
}

} // namespace rd
