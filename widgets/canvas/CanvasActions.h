#pragma once

#include <QList>
#include <QObject>

class QAction;
class QKeySequence;
class QString;

namespace rd {

class RouteView;

// One RouteView's commands as actions: the window puts edit() in its Edit menu and view() in its View menu, the
// card menu takes Duplicate and Delete. Their shortcuts are WidgetWithChildrenShortcut, so they fire while the
// canvas has focus and leave other widgets' keys alone. Each triggers the view's slot of the same name.
class CanvasActions : public QObject
{
    Q_OBJECT

public:
    explicit CanvasActions(RouteView *view);

    // Cut, Copy, Paste, Duplicate, Delete, Select All, Connect Output.
    QList<QAction *> edit() const;
    // Zoom In, Zoom Out, Actual Size, Fit to View, Fit to Selection, Show Minimap.
    QList<QAction *> view() const;
    // Disables what does not apply (no selection, no document, read-only), so menus show what does.
    void update();

    QAction *deleteAction() const { return m_delete; }
    QAction *cutAction() const { return m_cut; }
    QAction *copyAction() const { return m_copy; }
    QAction *pasteAction() const { return m_paste; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *selectAllAction() const { return m_selectAll; }
    QAction *connectAction() const { return m_connect; }
    QAction *fitToViewAction() const { return m_fit; }
    QAction *fitToSelectionAction() const { return m_fitSelection; }
    QAction *minimapAction() const { return m_minimap; }

private:
    QAction *make(const QString &text, const QKeySequence &shortcut, void (RouteView::*slot)());

    RouteView *m_view;
    QAction *m_delete;
    QAction *m_cut;
    QAction *m_copy;
    QAction *m_paste;
    QAction *m_duplicate;
    QAction *m_selectAll;
    QAction *m_connect;
    QAction *m_zoomIn;
    QAction *m_zoomOut;
    QAction *m_resetZoom;
    QAction *m_fit;
    QAction *m_fitSelection;
    QAction *m_minimap;
};

} // namespace rd
