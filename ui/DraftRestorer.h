#pragma once

#include "app/DraftOrigin.h"
#include "app/DraftStore.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QMessageBox;

namespace rd {

class MainWindow;
class RouteEditorPage;

// Puts autosaved drafts back after a crash, each where it came from: a route file's draft into that file's
// tab, a server route's draft into the tab of that route on the same connection (opened if need be, or the
// one session restore opens), as one undo step on top of what the file or server has now. A draft whose
// connection is not the current one waits until it is; one that cannot be placed stays on disk. The draft is
// then watched under its tab's key like any unsaved work, so saving or discarding the tab removes it.
class DraftRestorer : public QObject
{
    Q_OBJECT

public:
    DraftRestorer(MainWindow *window, DraftStore *drafts);

    // Offers the drafts on disk: Restore, Discard, or Later (kept, offered again next start). Window-modal,
    // non-blocking; does nothing when there are none.
    void offer();
    // Restores `drafts` now (what the offer's Restore does).
    void restore(std::vector<Draft> drafts);
    // A tab was added: it takes a waiting draft that belongs to it.
    void editorAdded(RouteEditorPage *editor);
    // Drafts waiting for their tab: another connection's, or a route still loading.
    int waitingCount() const { return static_cast<int>(m_waiting.size()); }

private:
    struct Waiting
    {
        Draft draft;
        DraftOrigin origin;
    };

    void connectionReady();
    bool belongsTo(const Waiting &waiting, RouteEditorPage *editor) const;
    RouteEditorPage *findEditor(const Waiting &waiting) const;
    void restoreFile(Waiting waiting);
    // True once the draft is placed or asked for; false (with `problem`) when it cannot be now.
    bool restoreRoute(Waiting waiting, QString *problem);
    void tryOpen(const Waiting &waiting);
    void apply(RouteEditorPage *editor, const Waiting &waiting);
    QString describe(const Draft &draft, const DraftOrigin &origin) const;
    QString connectionName(const QString &connection) const;

    MainWindow *m_window;
    DraftStore *m_drafts;
    std::vector<Waiting> m_waiting;
    QPointer<QMessageBox> m_changedBox;
};

} // namespace rd
