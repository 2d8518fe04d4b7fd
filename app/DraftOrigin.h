#pragma once

#include <QJsonObject>
#include <QString>

namespace rd {

// Where an autosaved draft came from, as written into the draft file: enough to put the draft back where it
// belongs after a crash. A route file is named by its path and the route's name; a server route by the
// connection that opened it ("" = the local sandbox, else a saved connection's id: never a secret), gateway,
// route and the version the editor started from, with what was deployed and newest then, so a restore can tell
// whether the route moved on since.
struct DraftOrigin
{
    enum class Kind { Unknown, File, Route };

    Kind kind = Kind::Unknown;
    QString routeName;
    // Kind::File
    QString filePath;
    // Kind::Route
    QString connection;
    bool connectionKnown = true; // false for drafts written before the connection was recorded
    QString gatewayId;
    QString routeId;
    QString baseVersionId;
    QString deployedVersionId;
    QString latestVersionId;

    static DraftOrigin file(const QString &path, const QString &routeName);
    static DraftOrigin route(const QString &connection, const QString &gatewayId, const QString &routeId,
                             const QString &routeName);

    QJsonObject toJson() const;
    // Also reads the first format ({"file": path} or {"route": "route:<gateway>/<route>"}).
    static DraftOrigin fromJson(const QJsonObject &json);

    // The sentence that says what happened on the server since the draft's base, given what the server says
    // now; empty when nothing did.
    QString serverChanges(const QString &deployedNow, const QString &latestNow) const;
};

} // namespace rd
