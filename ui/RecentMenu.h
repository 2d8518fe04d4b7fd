#pragma once

#include "app/RouteEntry.h"

#include <QObject>

class QMenu;

namespace rd {

class SessionStore;

// File > Open Recent: the routes the session store remembers, newest first, kept in step with it.
class RecentMenu : public QObject
{
    Q_OBJECT

public:
    RecentMenu(SessionStore *session, QMenu *menu);

signals:
    void openRequested(const rd::RouteEntry &entry);

private:
    void rebuild();

    SessionStore *m_session;
    QMenu *m_menu;
};

} // namespace rd
