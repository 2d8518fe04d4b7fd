#pragma once

#include <QString>

namespace rd {

class RouteEditorPage;
class WriteCheck;
struct ApiError;

// Says in an editor's header what became of a Save Version whose answer never came (cancelled after it was sent,
// or lost): first that the server is being asked, then what it shows. The check itself adopts a version it finds
// (RemoteRoute), which marks the tab clean; this only words it.
class SaveCheckNotice
{
public:
    static void follow(WriteCheck *check, RouteEditorPage *editor, const ApiError &error);
};

} // namespace rd
