#pragma once

#include <functional>
#include <unordered_set>
#include <vector>

class QGraphicsItem;
class QGraphicsScene;

namespace rd {

// Changes to many items of a QGraphicsScene at once, at the cost of one pass and one selectionChanged, where
// Qt's own calls cost a signal per item (every listener then walks the whole selection: quadratic at 5,000
// cards) or a scan of the scene's item list per removal.
class SceneItems
{
public:
    // Exactly `wanted` selected afterwards. The scene is silent meanwhile; true when the selection changed, for
    // the caller to emit selectionChanged once.
    static bool selectExactly(QGraphicsScene *scene, const std::unordered_set<QGraphicsItem *> &wanted);
    // Deselects those of `items` that are selected, silently; true when any was.
    static bool deselectQuietly(QGraphicsScene *scene, const std::vector<QGraphicsItem *> &items);
    // Deletes every top-level item `ours` accepts in one pass of QGraphicsScene::clear(): the others are lifted
    // out first and put back (a view's wire being dragged is not deleted under it).
    static void clearOwn(QGraphicsScene *scene, const std::function<bool(const QGraphicsItem *)> &ours);
};

} // namespace rd
