#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QAction;

namespace rd {

class ApiClient;
class ConnectionManager;
class GatewayKeyCheck;
class RouteEditorPage;
class UseRouteDialog;

// What a route needs to be used from an application, for the window: "Use This Route…", and the warning for
// model nodes whose provider has no key stored on the gateway. Each remote tab's document gets the gateway's
// key check (one GatewayKeyCheck per client, so gateways are read once for all tabs), and the warnings join its
// problems and canvas as the validator's do.
class RouteUseFlow : public QObject
{
    Q_OBJECT

public:
    explicit RouteUseFlow(ConnectionManager *connections, QObject *parent = nullptr);

    // Gives a remote tab the key check; file tabs are left alone (they have no gateway).
    void attach(RouteEditorPage *editor);
    // The check that warns for `editor`'s gateway, or null for a file tab.
    GatewayKeyCheck *checkOf(RouteEditorPage *editor);
    // Empty when "Use This Route…" works for `editor`; otherwise why not, as a sentence.
    static QString unavailableReason(RouteEditorPage *editor);
    // Opens the dialog (non-modal, deleted on close) for a remote tab; the gateway's keys are read again.
    UseRouteDialog *open(RouteEditorPage *editor, QWidget *parent);
    // The silencing, for the tab's gateway.
    bool callersPassKeys(RouteEditorPage *editor);
    void setCallersPassKeys(RouteEditorPage *editor, bool on);

    // The window's two actions for `editor`: Use This Route enabled or saying why not in its tip, and the
    // silencing checked as the gateway's setting is.
    void updateActions(RouteEditorPage *editor, QAction *useRoute, QAction *callersPassKeys);
    // A key was stored on `gatewayId` (Provider Keys…): the tabs on it read its keys again.
    void refreshKeys(ApiClient *client, const QString &gatewayId);

signals:
    // A gateway's key facts changed (read, or silenced): the window updates its checkable action.
    void keysChanged();

private:
    GatewayKeyCheck *checkFor(ApiClient *client, const QString &connectionId);

    ConnectionManager *m_connections;
    QHash<ApiClient *, QPointer<GatewayKeyCheck>> m_checks;
};

} // namespace rd
