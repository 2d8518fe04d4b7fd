#include "widgets/canvas/CardPaths.h"

#include "widgets/canvas/CanvasMetrics.h"

#include <memory>
#include <unordered_map>

namespace rd {

using namespace canvas;

const CardPaths *CardPaths::forHeight(qreal height)
{
    static std::unordered_map<qint64, std::unique_ptr<CardPaths>> made;
    std::unique_ptr<CardPaths> &paths = made[qRound64(height * 16)];
    if (!paths) {
        paths = std::make_unique<CardPaths>();
        const QRectF rect(0, 0, kNodeWidth, height);
        paths->card.addRoundedRect(rect, kCornerRadius, kCornerRadius);
        QPainterPath header;
        header.addRect(QRectF(0, 0, kNodeWidth, kHeaderHeight));
        paths->header = paths->card.intersected(header);
        // Ports stick out of the card: include them so a press on a port's outer half still reaches the card.
        paths->shape.addRoundedRect(rect.adjusted(-kPortRadius - 3, 0, kPortRadius + 3, 0), kCornerRadius,
                                    kCornerRadius);
    }
    return paths.get();
}

} // namespace rd
