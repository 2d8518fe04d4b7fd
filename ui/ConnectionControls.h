#pragma once

#include <QObject>
#include <QString>

class QAction;
class QActionGroup;
class QMenu;
class QWidget;

namespace rd {

class ApiClient;
struct ApiError;
class ConnectionManager;
class StatusIndicator;

// What a person sees of the connections: File > Connection (a choice per connection, New, Edit, Remove), the
// indicator in the status bar that says which API the window works against and whether it answers, and the
// dialogs these open. The connections themselves are ConnectionManager's.
class ConnectionControls : public QObject
{
    Q_OBJECT

public:
    // `window` parents the dialogs.
    ConnectionControls(ConnectionManager *connections, QWidget *window);

    StatusIndicator *indicator() const { return m_indicator; }
    QAction *newConnectionAction() const { return m_newAction; }
    // Fills `menu` with the connections now, and again whenever they change.
    void setMenu(QMenu *menu);

    void newConnection();
    void editConnection();
    void removeConnection();

    // What the first request to the connection (its gateway list) found.
    void showGateways(int count);
    void showUnavailable(const ApiError &error);

signals:
    // A line for the status bar.
    void message(const QString &text, int timeout);

private:
    void rebuildMenu();
    void showConnecting(ApiClient *client, const QString &name);

    ConnectionManager *m_connections;
    QWidget *m_window;
    StatusIndicator *m_indicator;
    QMenu *m_menu = nullptr;
    QActionGroup *m_group;
    QAction *m_newAction;
    QAction *m_editAction;
    QAction *m_removeAction;
};

} // namespace rd
