#pragma once

#include "widgets/canvas/FlowOverlay.h"

#include <QGraphicsItem>

namespace rd {

class ElementItem;

// A card's part of a flow overlay: a ring when the card is on a traced path, a step number at its corner and a
// figure under it. A child of the card, like the diff halo, so ElementItem knows nothing of it.
class FlowTagItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 21 };

    FlowTagItem(ElementItem *card, FlowOverlay::Card flow);

    int type() const override { return Type; }
    const FlowOverlay::Card &flow() const { return m_flow; }

    // How much the chips grow in scene units at a zoom: shared with the wires' labels.
    static qreal chipScale(qreal lod);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF ringRect() const;
    QRectF badgeRect(qreal lod) const;
    QRectF tagRect(qreal lod) const;

    ElementItem *m_card;
    FlowOverlay::Card m_flow;
    qreal m_badgeAdvance = 0; // the texts' widths at the design size (scale 1)
    qreal m_tagAdvance = 0;
};

} // namespace rd
