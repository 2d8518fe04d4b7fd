#include "app/SessionStore.h"

#include <QDir>
#include <QSettings>
#include <QStringList>

#include <algorithm>

namespace rd {

namespace {

const QString kOpenTabsKey = QStringLiteral("session/openTabs");
const QString kRecentKey = QStringLiteral("session/recent");
const QString kLastGatewayKey = QStringLiteral("session/lastGateway");
const QString kLastDirectoryKey = QStringLiteral("mainWindow/lastDirectory");

// A recent route is stored as "<key>\t<label>": the menu names routes without asking the server.
QString recentLine(const RouteEntry &entry)
{
    return entry.key() + QLatin1Char('\t') + entry.label;
}

std::optional<RouteEntry> fromRecentLine(const QString &line)
{
    std::optional<RouteEntry> entry = RouteEntry::fromKey(line.section(QLatin1Char('\t'), 0, 0));
    if (entry) {
        entry->label = line.section(QLatin1Char('\t'), 1);
    }
    return entry;
}

} // namespace

SessionStore::SessionStore(QObject *parent) : QObject(parent)
{}

QList<RouteEntry> SessionStore::openTabs() const
{
    QList<RouteEntry> tabs;
    for (const QString &key : QSettings().value(kOpenTabsKey).toStringList()) {
        if (std::optional<RouteEntry> entry = RouteEntry::fromKey(key)) {
            tabs << *entry;
        }
    }
    return tabs;
}

void SessionStore::setOpenTabs(const QList<RouteEntry> &tabs)
{
    QStringList keys;
    for (const RouteEntry &entry : tabs) {
        keys << entry.key();
    }
    QSettings().setValue(kOpenTabsKey, keys);
}

QList<RouteEntry> SessionStore::recent() const
{
    QList<RouteEntry> entries;
    for (const QString &line : QSettings().value(kRecentKey).toStringList()) {
        if (std::optional<RouteEntry> entry = fromRecentLine(line)) {
            entries << *entry;
        }
    }
    return entries;
}

void SessionStore::addRecent(const RouteEntry &entry)
{
    QList<RouteEntry> entries = recent();
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&entry](const RouteEntry &old) { return old.sameTarget(entry); }),
                  entries.end());
    entries.prepend(entry);
    QStringList lines;
    for (qsizetype i = 0; i < entries.size() && i < kMaxRecent; ++i) {
        lines << recentLine(entries[i]);
    }
    QSettings().setValue(kRecentKey, lines);
    emit recentChanged();
}

void SessionStore::clearRecent()
{
    QSettings().remove(kRecentKey);
    emit recentChanged();
}

QString SessionStore::lastGateway() const
{
    return QSettings().value(kLastGatewayKey).toString();
}

void SessionStore::setLastGateway(const QString &gatewayId)
{
    if (!gatewayId.isEmpty()) {
        QSettings().setValue(kLastGatewayKey, gatewayId);
    }
}

QString SessionStore::lastDirectory() const
{
    return QSettings().value(kLastDirectoryKey, QDir::homePath()).toString();
}

void SessionStore::setLastDirectory(const QString &directory)
{
    QSettings().setValue(kLastDirectoryKey, directory);
}

} // namespace rd
