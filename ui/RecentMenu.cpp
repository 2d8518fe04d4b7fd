#include "ui/RecentMenu.h"

#include "app/SessionStore.h"

#include <QMenu>

namespace rd {

RecentMenu::RecentMenu(SessionStore *session, QMenu *menu) : QObject(menu), m_session(session), m_menu(menu)
{
    connect(session, &SessionStore::recentChanged, this, &RecentMenu::rebuild);
    rebuild();
}

void RecentMenu::rebuild()
{
    m_menu->clear();
    const QList<RouteEntry> recent = m_session->recent();
    for (const RouteEntry &entry : recent) {
        QAction *action = m_menu->addAction(entry.label.isEmpty() ? entry.key() : entry.label);
        action->setToolTip(entry.key());
        connect(action, &QAction::triggered, this, [this, entry] { emit openRequested(entry); });
    }
    if (recent.isEmpty()) {
        m_menu->addAction(tr("No recent routes"))->setEnabled(false);
    } else {
        m_menu->addSeparator();
        m_menu->addAction(tr("Clear Menu"), m_session, &SessionStore::clearRecent);
    }
}

} // namespace rd
