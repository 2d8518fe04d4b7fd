#pragma once

#include <QObject>
#include <QPointer>

namespace rd {

class RemoteRoute;
class RouteDocument;

// For a route on the server, "unsaved changes" means the editor's elements differ from those of the version
// the tab matches (RemoteRoute::savedRoute), not that the undo history moved: dragging cards is layout, kept on
// this computer, and must not ask for a new version; undoing an edit back to the saved elements is clean again.
// Keeps the document's clean mark equal to that comparison, so the tab's bullet, the close prompt, the deploy
// prompt and autosave all follow it.
class ContentCleanTracker : public QObject
{
public:
    ContentCleanTracker(RouteDocument *document, RemoteRoute *remote, QObject *parent = nullptr);

    // Compares again (done on every change of either side).
    void update();

private:
    QPointer<RouteDocument> m_document;
    QPointer<RemoteRoute> m_remote;
};

} // namespace rd
