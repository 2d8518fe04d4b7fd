#pragma once

#include <QIcon>
#include <QString>

namespace rd {

class RouteEditorPage;

// How a tab tells where its route lives. A route file and a server route may share a name: the tab of a server
// route carries a cloud badge on its health icon and a tooltip naming account, gateway and route; a file's tab
// keeps the plain health icon and names its path.
class RemoteTabLook
{
public:
    static QIcon icon(const RouteEditorPage *editor);
    static QString toolTip(const RouteEditorPage *editor);
};

} // namespace rd
