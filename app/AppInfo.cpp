#include "app/AppInfo.h"

namespace rd {

QString AppInfo::name()
{
    return QStringLiteral("Route Designer");
}

QString AppInfo::organization()
{
    return QStringLiteral("Route Designer");
}

QString AppInfo::version()
{
    return QStringLiteral(RD_VERSION);
}

QString AppInfo::desktopFileName()
{
    return QStringLiteral("route-designer");
}

QString AppInfo::tagline()
{
    return QStringLiteral("Design, validate and deploy Cloudflare AI Gateway dynamic routes.");
}

} // namespace rd
