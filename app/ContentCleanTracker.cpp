#include "app/ContentCleanTracker.h"

#include "app/RemoteRoute.h"
#include "app/RouteDocument.h"

#include <QUndoStack>

namespace rd {

ContentCleanTracker::ContentCleanTracker(RouteDocument *document, RemoteRoute *remote, QObject *parent)
    : QObject(parent), m_document(document), m_remote(remote)
{
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &ContentCleanTracker::update);
    connect(document, &RouteDocument::documentReset, this, &ContentCleanTracker::update);
    connect(remote, &RemoteRoute::savedRouteChanged, this, &ContentCleanTracker::update);
    update();
}

void ContentCleanTracker::update()
{
    if (!m_document || !m_remote) {
        return;
    }
    QUndoStack *stack = m_document->undoStack();
    const bool same = RemoteRoute::sameElements(m_document->route(), m_remote->savedRoute());
    if (same && !stack->isClean()) {
        stack->setClean();
    } else if (!same && stack->isClean()) {
        stack->resetClean();
    }
}

} // namespace rd
