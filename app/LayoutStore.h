#pragma once

#include "app/RouteDocument.h"

#include <QCoreApplication>
#include <QString>

#include <string>
#include <vector>

namespace rd {

// Where elements sit on the canvas, kept on this machine: the API stores routes without positions.
// One JSON file per route, keyed by gateway and route id or by the route file's path. A layout that a newer
// Route Designer wrote (a newer format version) is neither read nor overwritten: the route is laid out afresh.
class LayoutStore
{
    Q_DECLARE_TR_FUNCTIONS(rd::LayoutStore)

public:
    static QString defaultDirectory(); // <AppDataLocation>/layouts
    static QString keyForRoute(const QString &gatewayId, const QString &routeId);
    static QString keyForFile(const QString &path);

    explicit LayoutStore(QString directory = defaultDirectory());

    QString directory() const { return m_directory; }
    QString layoutPath(const QString &key) const;

    // Empty when nothing is stored (or the file is unreadable: a layout is worth less than a warning dialog).
    // `problem`, when given, says why a stored layout was not used: a newer app's, or an unknown version.
    RouteDocument::Positions load(const QString &key, QString *problem = nullptr) const;
    // Atomic (QSaveFile). False when the file cannot be written or is a newer app's; `problem` says which.
    bool save(const QString &key, const RouteDocument::Positions &positions, QString *problem = nullptr) const;
    // Removes the layout, e.g. when its route is deleted.
    void remove(const QString &key) const;

    // The elements of `route` that `positions` does not place, in route order: the caller lays them out.
    static std::vector<std::string> unplaced(const Route &route, const RouteDocument::Positions &positions);

private:
    QString m_directory;
};

} // namespace rd
