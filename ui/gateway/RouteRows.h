#pragma once

#include "model/Route.h"

#include <QString>

#include <vector>

class QTreeWidget;
class QTreeWidgetItem;

namespace rd {

// The gateway browser's route list, row by row: what a route's row shows and holds, the name a new route may
// have, and the graph it starts with. Kept apart from the panel so the panel is about its actions.
class RouteRows
{
public:
    static constexpr int kIdRole = Qt::UserRole + 1;
    static constexpr int kNameRole = Qt::UserRole + 2;

    // Why `name` cannot be a route's name (clients call it as dynamic/<name>), or "" when it can.
    static QString nameProblem(const QString &name);
    // What a new route starts as: the smallest graph the API accepts, ready to edit.
    static Route starterRoute(const QString &name);
    // Replaces the rows of `list` (columns: GatewayBrowser::RouteColumn) and selects the route `keepId`.
    static void fill(QTreeWidget *list, const std::vector<Route> &routes, const QString &keepId);
    static QTreeWidgetItem *find(const QTreeWidget *list, const QString &routeId);
};

} // namespace rd
