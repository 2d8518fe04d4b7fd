#include "widgets/canvas/SceneItems.h"

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QSignalBlocker>

namespace rd {

bool SceneItems::selectExactly(QGraphicsScene *scene, const std::unordered_set<QGraphicsItem *> &wanted)
{
    bool changed = false;
    const QSignalBlocker quiet(scene);
    for (QGraphicsItem *item : scene->selectedItems()) {
        if (!wanted.contains(item)) {
            item->setSelected(false);
            changed = true;
        }
    }
    for (QGraphicsItem *item : wanted) {
        if (!item->isSelected()) {
            item->setSelected(true);
            changed = true;
        }
    }
    return changed;
}

bool SceneItems::deselectQuietly(QGraphicsScene *scene, const std::vector<QGraphicsItem *> &items)
{
    bool changed = false;
    const QSignalBlocker quiet(scene);
    for (QGraphicsItem *item : items) {
        if (item->isSelected()) {
            item->setSelected(false);
            changed = true;
        }
    }
    return changed;
}

void SceneItems::clearOwn(QGraphicsScene *scene, const std::function<bool(const QGraphicsItem *)> &ours)
{
    // clear() deletes every item in one pass (deleting them one at a time costs a linear scan of the scene's
    // item list each).
    std::vector<QGraphicsItem *> foreign;
    for (QGraphicsItem *item : scene->items()) {
        if (item->parentItem() == nullptr && !ours(item)) {
            foreign.push_back(item);
        }
    }
    for (QGraphicsItem *item : foreign) {
        scene->removeItem(item);
    }
    scene->clear();
    for (QGraphicsItem *item : foreign) {
        scene->addItem(item);
    }
}

} // namespace rd
