#pragma once

#include <QString>

namespace rd {

// The product's identity in one place, so the window, the About box, the settings file and the desktop
// entry cannot drift apart.
class AppInfo
{
public:
    static QString name();         // "Route Designer": window title, QSettings application
    static QString organization(); // QSettings organization
    static QString version();
    static QString desktopFileName(); // matches resources/route-designer.desktop
    static QString tagline();         // what the app does, in one line
};

} // namespace rd
