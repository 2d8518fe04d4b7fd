#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;
class QUndoGroup;

namespace rd {

// The main window's commands, as a person finds them: each action with its name, shortcut, icon and tip, and
// the menus and toolbar they sit in. What an action does is the window's to connect; the Edit and Canvas menus
// are refilled with the current tab's own actions as tabs change.
class WindowActions : public QObject
{
    Q_OBJECT

public:
    WindowActions(QUndoGroup *undoGroup, QMainWindow *window);

    // Builds the menu bar and the toolbar; `connectionMenu` and `recentMenu` are filled by their owners.
    void install(QMainWindow *window);
    // Edit: undo, redo and the canvas's edit actions; View > Canvas: its view actions and Auto Layout.
    void showEditorActions(const QList<QAction *> &editActions, const QList<QAction *> &viewActions);

    QAction *open;
    QAction *openExample;
    QAction *connectAccount;
    QAction *save;
    QAction *saveAs;
    QAction *exportImage;
    QAction *close;
    QAction *quit;
    QAction *undo;
    QAction *redo;
    QAction *autoLayout;
    QAction *saveVersion;
    QAction *deploy;
    QAction *trace;
    QAction *simulate;
    QAction *traffic;
    QAction *compareBranches;
    QAction *testRequest;
    QAction *useRoute;
    QAction *callersPassKeys;
    QAction *logs;
    QAction *modelLogs;
    QAction *analytics;
    QAction *evaluations;
    QAction *statusBar;
    QAction *fullScreen;
    QAction *about;
    QAction *aboutQt;

    QMenu *connectionMenu = nullptr;
    QMenu *recentMenu = nullptr;
    QMenu *viewMenu = nullptr;

private:
    QAction *make(const QString &text, const char *objectName, const QString &icon = QString());

    QMenu *m_editMenu = nullptr;
    QMenu *m_canvasMenu = nullptr;
};

} // namespace rd
