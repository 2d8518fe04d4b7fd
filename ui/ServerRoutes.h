#pragma once

#include "app/AppServices.h"

#include <QObject>
#include <QSet>
#include <QString>

class QWidget;

namespace rd {

class ApiActivityBar;
class Route;
class RouteEditorPage;
class RouteSaveFlow;
class RouteTabs;

// Routes on a gateway in the window's tabs: opens one of the current connection (its deployed version), a
// version of one read-only, and keeps an open route in step with the server: what its History panel reads is
// what its header shows, a version restored from the history becomes an undoable edit, and a version whose save
// answer was lost is recognised on the next refresh.
class ServerRoutes : public QObject
{
    Q_OBJECT

public:
    ServerRoutes(const AppServices &services, RouteTabs *tabs, RouteSaveFlow *saveFlow, ApiActivityBar *activity,
                 QWidget *window);

    // Opens the route, or brings its tab forward. `behind`: a route the last session had open, which opens
    // behind whatever tab is in front by the time the server answers.
    void open(const QString &gatewayId, const QString &routeId, const QString &name = QString(), bool behind = false);
    // The editable tab of the route on the current connection.
    RouteEditorPage *find(const QString &gatewayId, const QString &routeId) const;
    RouteEditorPage *openVersion(RouteEditorPage *from, const Route &route, const QString &versionId);

signals:
    // A tab to add (connected directly: the window adds it before open() goes on), to the front or not.
    void editorCreated(rd::RouteEditorPage *editor, const QString &toolTip, bool toFront);
    void message(const QString &text, int timeout);
    // A deployment was made from a tab's history.
    void routesChanged();

private:
    void wire(RouteEditorPage *editor);

    AppServices m_services;
    RouteTabs *m_tabs;
    RouteSaveFlow *m_saveFlow;
    ApiActivityBar *m_activity;
    QWidget *m_window;
    QSet<QString> m_behind;
};

} // namespace rd
