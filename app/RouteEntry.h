#pragma once

#include <QString>

#include <optional>

namespace rd {

// A route the session remembers (an open tab, a recent route): a file by its path, or a route on a gateway by
// the connection that opened it ("" = the local sandbox, else a saved connection's id: never a secret), gateway
// and route id. The settings keep one as its key ("file:<path>", "route:<connection>|<gateway>|<route>"), the
// spelling drafts of server routes are keyed by too; everywhere else it is this structure.
struct RouteEntry
{
    enum class Kind { File, ServerRoute };

    Kind kind = Kind::File;
    QString path;         // Kind::File
    QString connectionId; // Kind::ServerRoute, and the next two
    QString gatewayId;
    QString routeId;
    QString label; // what a menu shows; empty = the key

    static RouteEntry file(const QString &path, const QString &label = QString());
    static RouteEntry serverRoute(const QString &connectionId, const QString &gatewayId, const QString &routeId,
                                  const QString &label = QString());

    QString key() const;
    // Nothing for a key that is neither spelling (a hand-edited or damaged setting).
    static std::optional<RouteEntry> fromKey(const QString &key);

    bool isFile() const { return kind == Kind::File; }
    // Same file or same route of the same account, whatever the labels say.
    bool sameTarget(const RouteEntry &other) const { return key() == other.key(); }
};

} // namespace rd
