#pragma once

#include "app/RouteEntry.h"

#include <QList>
#include <QTabWidget>

class QUndoGroup;

namespace rd {

class AnalyticsPage;
class ApiClient;
class EvaluationsPage;
class LogsPage;
class RouteEditorPage;

// The window's tabs: a route editor per open route, and a logs and an analytics page per gateway. It keeps each tab's
// text, icon and tooltip in step with its route (a bullet marks unsaved changes), follows the tab in front with the
// undo history, and finds tabs by what they show, so the window never walks the tab list itself.
class RouteTabs : public QTabWidget
{
    Q_OBJECT

public:
    explicit RouteTabs(QWidget *parent = nullptr);

    QUndoGroup *undoGroup() const { return m_undoGroup; }

    RouteEditorPage *currentEditor() const;
    RouteEditorPage *editorAt(int index) const;
    QList<RouteEditorPage *> editors() const;

    // Adds `editor` behind the current tab; `toolTip` for a file (a server route's names its account and route).
    void addEditor(RouteEditorPage *editor, const QString &toolTip);
    // The logs of the gateway on `client` in front, in a tab of their own made the first time.
    LogsPage *showLogs(ApiClient *client, const QString &gatewayId);
    // The same for the gateway's analytics.
    AnalyticsPage *showAnalytics(ApiClient *client, const QString &gatewayId);
    // The gateway's datasets and evaluations in front, in a tab of their own made the first time.
    EvaluationsPage *showEvaluations(ApiClient *client, const QString &gatewayId);
    // Removes the tab and deletes its page; an editor's layout is kept where its source keeps it.
    void removePage(int index);

    // The editable tab of a file (by its absolute path), of a route of `client`, or of a version shown read-only.
    RouteEditorPage *findFile(const QString &path) const;
    RouteEditorPage *findServerRoute(const ApiClient *client, const QString &gatewayId, const QString &routeId) const;
    RouteEditorPage *findVersion(const QString &versionId) const;
    LogsPage *findLogs(const ApiClient *client, const QString &gatewayId) const;
    AnalyticsPage *findAnalytics(const ApiClient *client, const QString &gatewayId) const;
    EvaluationsPage *findEvaluations(const ApiClient *client, const QString &gatewayId) const;

    // What the session reopens: editable files with a path of their own and server routes, left to right.
    QList<RouteEntry> sessionEntries() const;

    void updateTab(RouteEditorPage *editor);

signals:
    // The tab's title, health or clean state changed.
    void editorChanged(rd::RouteEditorPage *editor);

private:
    QUndoGroup *m_undoGroup;
};

} // namespace rd
