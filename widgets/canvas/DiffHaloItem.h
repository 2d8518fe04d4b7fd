#pragma once

#include "widgets/canvas/DiffMark.h"

#include <QGraphicsItem>

namespace rd {

class ElementItem;

// The diff mark of one card: a coloured ring around it and a tag above it ("New", "Changed"). A child of
// the card, stacked behind it, so it follows the card and goes with it, and ElementItem knows nothing of it.
class DiffHaloItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 20 };

    DiffHaloItem(ElementItem *card, const DiffMark &mark);

    int type() const override { return Type; }
    DiffMark::Kind kind() const { return m_mark.kind; }
    const DiffMark &mark() const { return m_mark; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF ringRect() const;
    // The tag above the ring at a zoom (level of detail): larger in scene units when far out, so it reads.
    QRectF tagRect(qreal lod) const;

    ElementItem *m_card;
    DiffMark m_mark;
};

} // namespace rd
