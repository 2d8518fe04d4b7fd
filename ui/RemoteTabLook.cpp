#include "ui/RemoteTabLook.h"

#include "app/RemoteRoute.h"
#include "ui/RouteEditorPage.h"
#include "ui/VersionText.h"

#include <QCoreApplication>
#include <QDir>
#include <QPainter>
#include <QPixmap>

namespace rd {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RemoteTabLook", text);
}

QPixmap badged(const QIcon &health, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    // The cloud says "on the server" at a glance; the route's health rides on it as a badge, bottom right,
    // over a disc that keeps the two apart.
    painter.drawPixmap(QRect(0, 0, size, size), QIcon(QStringLiteral(":/icons/cloud.svg")).pixmap(size * 2, size * 2));
    const int badge = size * 9 / 16;
    const QRect badgeRect(size - badge, size - badge, badge, badge);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 230));
    painter.drawEllipse(badgeRect.adjusted(-1, -1, 1, 1));
    painter.drawPixmap(badgeRect, health.pixmap(badge * 2, badge * 2));
    return pixmap;
}

} // namespace

QIcon RemoteTabLook::icon(const RouteEditorPage *editor)
{
    const QIcon health = editor->statusIcon();
    if (!editor->isRemote()) {
        return health;
    }
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        icon.addPixmap(badged(health, size));
    }
    return icon;
}

QString RemoteTabLook::toolTip(const RouteEditorPage *editor)
{
    const RemoteRoute *remote = editor->remote();
    if (!remote) {
        const QString path = editor->sourcePath();
        if (path.startsWith(QLatin1Char(':'))) {
            return tr("Built-in example");
        }
        return tr("Route file %1").arg(QDir::toNativeSeparators(path));
    }
    const QString account = remote->connectionName().isEmpty() ? tr("this connection") : remote->connectionName();
    QString tip = editor->isReadOnly() ? tr("Version %1 of server route “%2”, read-only")
                                             .arg(VersionText::shortId(editor->readOnlyVersion()), remote->name())
                                       : tr("Server route “%1”").arg(remote->name());
    tip += QLatin1Char('\n') + tr("Account: %1").arg(account);
    tip += QLatin1Char('\n') + tr("Gateway: %1").arg(remote->gatewayId());
    tip += QLatin1Char('\n') + tr("Route id: %1").arg(remote->routeId());
    return tip;
}

} // namespace rd
