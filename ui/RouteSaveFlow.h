#pragma once

#include "app/AppServices.h"

#include <QObject>
#include <QString>

#include <functional>

class QWidget;

namespace rd {

class RouteEditorPage;
class RouteTabs;

// Save, Save As, Save Version, Deploy and "save before closing?" for the window's tabs, whatever the tab's
// source: a file is written at once, a version is asked of the server and answers later. Everything here is
// asynchronous where the server is involved (no nested event loop): a tab closing while its version is saved
// closes when the server has answered, and stays, with the changes, when the save fails. Autosave follows the
// tab's source too (watchDraft).
class RouteSaveFlow : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(bool saved)>;

    // `window` parents the dialogs; the services and `tabs` must outlive the flow.
    RouteSaveFlow(const AppServices &services, RouteTabs *tabs, QWidget *window);

    // Autosaves the tab's unsaved work: a file's under its path and route name, a server route's under its
    // connection, gateway and route, with the version it is based on.
    void watchDraft(RouteEditorPage *editor);

    // Save: the file in place (or Save As when it has no file of its own), or a new version of a server route.
    // False when nothing was started (cancelled, refused, failed at once); `done` hears how it ended.
    bool save(RouteEditorPage *editor, Done done = {});
    bool saveAs(RouteEditorPage *editor);
    bool saveFile(RouteEditorPage *editor, const QString &path);
    // A picture of the whole route, PNG or SVG, where the person says.
    void exportImage(RouteEditorPage *editor);
    // Refuses (with the reason) while validation finds errors, or while the route is busy.
    bool saveVersion(RouteEditorPage *editor, Done done = {});
    // The deploy dialog on the tab's route; with unsaved changes, offers to save them as a version first.
    void deploy(RouteEditorPage *editor);

    // Asks about unsaved changes; `done(true)` when the tab may go: it was clean, its changes were discarded, or
    // they were saved (a version: once the server said so). `done(false)` when the person cancelled or the save
    // failed: the tab and its changes stay.
    void askBeforeClosing(RouteEditorPage *editor, std::function<void(bool mayClose)> done);
    // Whether a tab's version is being saved for a close that waits on it.
    bool isClosing(const RouteEditorPage *editor) const;

    // When the tab's account is not the window's current connection: asks before `action` goes to it.
    bool confirmTabAccount(RouteEditorPage *editor, const QString &action);

signals:
    void message(const QString &text, int timeout);
    // A version was saved or a deployment made: lists of routes show when they were modified.
    void routesChanged();
    void deployed(rd::RouteEditorPage *editor, const QString &versionId);

private:
    static QString draftKey(const QString &sourcePath, const std::string &routeName);
    void openDeployDialog(RouteEditorPage *editor);

    AppServices m_services;
    RouteTabs *m_tabs;
    QWidget *m_window;
    QList<const RouteEditorPage *> m_closing;
};

} // namespace rd
