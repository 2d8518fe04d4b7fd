#include "widgets/canvas/FlowOverlayLayer.h"

#include "widgets/canvas/EdgeItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/FlowTagItem.h"

namespace rd {

void FlowOverlayLayer::apply(const FlowOverlay &overlay, const std::unordered_map<std::string, ElementItem *> &cards)
{
    for (const auto &[id, card] : cards) {
        const QList<QGraphicsItem *> children = card->childItems();
        for (QGraphicsItem *child : children) {
            if (child->type() == FlowTagItem::Type) {
                delete child;
            }
        }
        const auto flow = overlay.cards.find(id);
        const bool listed = flow != overlay.cards.end();
        const bool lit = listed && (flow->second.lit || !flow->second.tag.isEmpty());
        card->setOpacity(overlay.dimOthers && !lit ? FlowOverlay::kDimmedOpacity : 1.0);
        if (listed && (flow->second.lit || !flow->second.badge.isEmpty() || !flow->second.tag.isEmpty())) {
            new FlowTagItem(card, flow->second);
        }
        for (EdgeItem *edge : card->outgoing()) {
            const auto wire = overlay.wires.find({id, edge->output()});
            if (wire == overlay.wires.end()) {
                edge->setFlow(std::nullopt, overlay.dimOthers);
            } else {
                const bool wireLit = wire->second.lit || wire->second.share > 0;
                edge->setFlow(wire->second, overlay.dimOthers && !wireLit);
            }
        }
    }
}

} // namespace rd
