#pragma once

#include "ui/OpenErrorsDialog.h"

#include <QObject>
#include <QStringList>

class QWidget;

namespace rd {

class RouteEditorPage;
class RouteTabs;
class SessionStore;

// Route files in the window's tabs: opens every route a file holds, each in its own tab (a file already open is
// brought to the front), with the layout last left for it when the file keeps none, and says in one place what
// could not be opened and why.
class FileRoutes : public QObject
{
    Q_OBJECT

public:
    FileRoutes(SessionStore *session, RouteTabs *tabs, QWidget *window);

    // On failure says why in a message box and returns false.
    bool open(const QString &path);
    // Several files (a command line, a drop): the ones that fail are listed together in one dialog.
    void openAll(const QStringList &paths);
    // The support-chat example built into the app.
    bool openExample();
    // Asks which file, starting where the last one was opened.
    void openWithDialog();

signals:
    // A tab to add (connected directly: the window adds it before open() goes on), to the front or not.
    void editorCreated(rd::RouteEditorPage *editor, const QString &toolTip, bool toFront);
    void message(const QString &text, int timeout);

private:
    // Opens without telling the person about a failure: `reason` says why it failed.
    bool load(const QString &path, QString *reason);
    void showErrors(const QList<OpenErrorsDialog::Failure> &failures);

    SessionStore *m_session;
    RouteTabs *m_tabs;
    QWidget *m_window;
};

} // namespace rd
