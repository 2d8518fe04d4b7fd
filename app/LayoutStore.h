#pragma once

#include "app/RouteDocument.h"

#include <QString>

#include <string>
#include <vector>

namespace rd {

// Where elements sit on the canvas, kept on this machine: the API stores routes without positions.
// One JSON file per route, keyed by gateway and route id or by the route file's path.
class LayoutStore
{
public:
    static QString defaultDirectory(); // <AppDataLocation>/layouts
    static QString keyForRoute(const QString &gatewayId, const QString &routeId);
    static QString keyForFile(const QString &path);

    explicit LayoutStore(QString directory = defaultDirectory());

    QString directory() const { return m_directory; }
    QString layoutPath(const QString &key) const;

    // Empty when nothing is stored (or the file is unreadable: a layout is worth less than a warning dialog).
    RouteDocument::Positions load(const QString &key) const;
    // Atomic (QSaveFile). False when the file cannot be written.
    bool save(const QString &key, const RouteDocument::Positions &positions) const;
    // Removes the layout, e.g. when its route is deleted.
    void remove(const QString &key) const;

    // The elements of `route` that `positions` does not place, in route order: the caller lays them out.
    static std::vector<std::string> unplaced(const Route &route, const RouteDocument::Positions &positions);

private:
    QString m_directory;
};

} // namespace rd
