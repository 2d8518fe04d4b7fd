#include "widgets/canvas/CanvasActions.h"

#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteMinimap.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QAction>

#include <algorithm>

namespace rd {

CanvasActions::CanvasActions(RouteView *view) : QObject(view), m_view(view)
{
    m_delete = make(tr("&Delete"), QKeySequence::Delete, &RouteView::deleteSelection);
    m_delete->setShortcuts({QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_Backspace)});
    m_cut = make(tr("Cu&t"), QKeySequence::Cut, &RouteView::cutSelection);
    m_copy = make(tr("&Copy"), QKeySequence::Copy, &RouteView::copySelection);
    m_paste = make(tr("&Paste"), QKeySequence::Paste, &RouteView::paste);
    m_duplicate = make(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), &RouteView::duplicateSelection);
    m_selectAll = make(tr("Select &All"), QKeySequence::SelectAll, &RouteView::selectAll);
    m_connect = make(tr("Co&nnect Output…"), QKeySequence(Qt::Key_C), &RouteView::connectOutput);
    m_zoomIn = make(tr("Zoom &In"), QKeySequence(Qt::CTRL | Qt::Key_Equal), &RouteView::zoomIn);
    m_zoomIn->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(QKeySequence::ZoomIn)});
    m_zoomOut = make(tr("Zoom &Out"), QKeySequence(Qt::CTRL | Qt::Key_Minus), &RouteView::zoomOut);
    m_resetZoom = make(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0), &RouteView::resetZoom);
    m_fit = make(tr("&Fit to View"), QKeySequence(Qt::Key_F), &RouteView::fitToView);
    m_fitSelection = make(tr("Fit to &Selection"), QKeySequence(Qt::SHIFT | Qt::Key_F), &RouteView::fitToSelection);

    m_minimap = new QAction(tr("Show &Minimap"), view);
    m_minimap->setCheckable(true);
    m_minimap->setChecked(true);
    connect(m_minimap, &QAction::toggled, view->minimap(), &RouteMinimap::setWanted);
}

QAction *CanvasActions::make(const QString &text, const QKeySequence &shortcut, void (RouteView::*slot)())
{
    auto *action = new QAction(text, m_view);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, m_view, slot);
    m_view->addAction(action);
    return action;
}

QList<QAction *> CanvasActions::edit() const
{
    return {m_cut, m_copy, m_paste, m_duplicate, m_delete, m_selectAll, m_connect};
}

QList<QAction *> CanvasActions::view() const
{
    return {m_zoomIn, m_zoomOut, m_resetZoom, m_fit, m_fitSelection, m_minimap};
}

void CanvasActions::update()
{
    // Runs once per card selected or deleted: Select All and Delete on 3,000 cards call it 3,000 times, so it
    // only looks for one selected card instead of listing them all in route order.
    const RouteScene *scene = m_view->routeScene();
    const QList<QGraphicsItem *> selected = scene ? scene->selectedItems() : QList<QGraphicsItem *>();
    const bool any = !selected.isEmpty();
    const bool elements = std::any_of(selected.begin(), selected.end(),
                                      [](const QGraphicsItem *item) { return item->type() == ElementItem::Type; });
    const bool hasDocument = m_view->document() != nullptr;
    const bool editable = hasDocument && !m_view->isReadOnly();
    m_delete->setEnabled(any && editable);
    m_cut->setEnabled(elements && editable);
    m_copy->setEnabled(elements && hasDocument);
    m_paste->setEnabled(editable);
    m_duplicate->setEnabled(elements && editable);
    m_selectAll->setEnabled(hasDocument);
    m_fitSelection->setEnabled(elements);
    m_connect->setEnabled(elements && editable && scene->selectedElementIds().size() == 1);
}

} // namespace rd
