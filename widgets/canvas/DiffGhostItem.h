#pragma once

#include "widgets/canvas/DiffMark.h"

#include <QGraphicsItem>

#include <string>

namespace rd {

// A removed element, drawn where the route being shown has no card for it: a dashed red outline with its
// type and id, so what a deployment takes away is on the canvas next to what it adds and changes.
class DiffGhostItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 21 };

    DiffGhostItem(std::string elementId, const DiffMark &mark);

    int type() const override { return Type; }
    const std::string &elementId() const { return m_id; }

    static QSizeF size();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void paintTag(QPainter *painter, qreal scale) const;
    void paintCompact(QPainter *painter, qreal lod) const;
    std::string m_id;
    DiffMark m_mark;
};

} // namespace rd
