#pragma once

#include "app/RouteEntry.h"

#include <QList>
#include <QObject>
#include <QString>

namespace rd {

// What one session of the window leaves for the next: the tabs that were open, the routes opened lately (for
// File > Open Recent), the gateway last looked at and the folder last opened from. Kept in the settings under
// "session/" and "mainWindow/"; SettingsSchema migrates what older versions wrote.
class SessionStore : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxRecent = 8;

    explicit SessionStore(QObject *parent = nullptr);

    QList<RouteEntry> openTabs() const;
    void setOpenTabs(const QList<RouteEntry> &tabs);

    // Newest first, at most kMaxRecent, each target once.
    QList<RouteEntry> recent() const;
    void addRecent(const RouteEntry &entry);
    void clearRecent();

    QString lastGateway() const;
    void setLastGateway(const QString &gatewayId);
    QString lastDirectory() const;
    void setLastDirectory(const QString &directory);

signals:
    void recentChanged();
};

} // namespace rd
