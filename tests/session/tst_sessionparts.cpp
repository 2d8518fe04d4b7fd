// What the session remembers, as structures: route entries read back from the spelling the settings keep, the
// session store over settings today's code wrote (tests/fixtures/schema/v1), and the connection manager.
#include "app/ConnectionManager.h"
#include "app/RouteEntry.h"
#include "app/SessionStore.h"
#include "app/api/ApiClient.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>

#include <gtest/gtest.h>

using namespace rd;

namespace {

const QString kFixture = QStringLiteral(RD_FIXTURES_DIR "/schema/v1/settings.conf");
const QString kRouteId = QStringLiteral("5d42119f-c821-41cb-9634-d5fe8be6a4e4");

// The app's settings become the fixture's, in the test's own settings folder.
void loadFixtureSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings settings;
    settings.clear();
    const QSettings fixture(kFixture, QSettings::IniFormat);
    for (const QString &key : fixture.allKeys()) {
        settings.setValue(key, fixture.value(key));
    }
}

} // namespace

TEST(RouteEntry, KeysReadBackAsTheSameEntry)
{
    const RouteEntry file = RouteEntry::file(QStringLiteral("/home/ops/routes/a b.json"));
    EXPECT_EQ(file.key(), QStringLiteral("file:/home/ops/routes/a b.json"));
    const RouteEntry route = RouteEntry::serverRoute(QString(), QStringLiteral("gw"), kRouteId);
    EXPECT_EQ(route.key(), QStringLiteral("route:|gw|") + kRouteId);
    for (const RouteEntry &entry :
         {file, route, RouteEntry::serverRoute(QStringLiteral("c1"), QStringLiteral("g"), QStringLiteral("r"))}) {
        const std::optional<RouteEntry> back = RouteEntry::fromKey(entry.key());
        ASSERT_TRUE(back.has_value()) << entry.key().toStdString();
        EXPECT_TRUE(back->sameTarget(entry));
        EXPECT_EQ(back->kind, entry.kind);
        EXPECT_EQ(back->path, entry.path);
        EXPECT_EQ(back->connectionId, entry.connectionId);
        EXPECT_EQ(back->gatewayId, entry.gatewayId);
        EXPECT_EQ(back->routeId, entry.routeId);
    }
}

TEST(RouteEntry, DamagedKeysAreNoEntry)
{
    for (const char *key : {"", "file:", "route:", "route:gw|r", "route:|gw|", "route:||r", "route:a|b|c|d",
                            "http://example.com", "File:/x.json"}) {
        EXPECT_FALSE(RouteEntry::fromKey(QString::fromLatin1(key)).has_value()) << key;
    }
}

TEST(SessionStore, ReadsWhatTodaysSettingsHold)
{
    loadFixtureSettings();
    SessionStore session;
    const QList<RouteEntry> tabs = session.openTabs();
    ASSERT_EQ(tabs.size(), 2);
    EXPECT_TRUE(tabs[0].isFile());
    EXPECT_EQ(tabs[0].path, QStringLiteral("/tmp/rdgen-home/routes/support-chat.json"));
    EXPECT_EQ(tabs[1].kind, RouteEntry::Kind::ServerRoute);
    EXPECT_EQ(tabs[1].connectionId, QString());
    EXPECT_EQ(tabs[1].gatewayId, QStringLiteral("demo-gateway"));
    EXPECT_EQ(tabs[1].routeId, kRouteId);

    const QList<RouteEntry> recent = session.recent();
    ASSERT_EQ(recent.size(), 1);
    EXPECT_EQ(recent[0].routeId, kRouteId);
    EXPECT_EQ(recent[0].label, QStringLiteral("quick-answers (demo-gateway)"));
    EXPECT_EQ(session.lastGateway(), QStringLiteral("demo-gateway"));
    EXPECT_EQ(session.lastDirectory(), QStringLiteral("/tmp/rdgen-home"));
}

TEST(SessionStore, WritesTheSpellingAnOlderAppReads)
{
    loadFixtureSettings();
    SessionStore session;
    const QList<RouteEntry> tabs = session.openTabs();
    session.setOpenTabs(tabs);
    EXPECT_EQ(QSettings().value(QStringLiteral("session/openTabs")).toStringList(),
              QSettings(kFixture, QSettings::IniFormat).value(QStringLiteral("session/openTabs")).toStringList());
    // A damaged entry is dropped on reading, the others kept.
    QSettings().setValue(QStringLiteral("session/openTabs"),
                         QStringList{QStringLiteral("route:broken"), QStringLiteral("file:/a.json")});
    ASSERT_EQ(session.openTabs().size(), 1);
    EXPECT_EQ(session.openTabs()[0].path, QStringLiteral("/a.json"));
}

TEST(SessionStore, RecentIsNewestFirstOnceEachAndBounded)
{
    loadFixtureSettings();
    SessionStore session;
    QSignalSpy changed(&session, &SessionStore::recentChanged);
    for (int i = 0; i < SessionStore::kMaxRecent + 3; ++i) {
        session.addRecent(RouteEntry::file(QStringLiteral("/r/%1.json").arg(i), QStringLiteral("route %1").arg(i)));
    }
    EXPECT_EQ(changed.count(), SessionStore::kMaxRecent + 3);
    // The fixture's route opened again, under a new name: it moves to the top, once.
    session.addRecent(RouteEntry::serverRoute(QString(), QStringLiteral("demo-gateway"), kRouteId,
                                              QStringLiteral("renamed (demo-gateway)")));
    session.addRecent(RouteEntry::file(QStringLiteral("/r/10.json"), QStringLiteral("route 10")));
    const QList<RouteEntry> recent = session.recent();
    ASSERT_EQ(recent.size(), SessionStore::kMaxRecent);
    EXPECT_EQ(recent[0].path, QStringLiteral("/r/10.json"));
    EXPECT_EQ(recent[1].routeId, kRouteId);
    EXPECT_EQ(recent[1].label, QStringLiteral("renamed (demo-gateway)"));
    EXPECT_EQ(recent[2].path, QStringLiteral("/r/9.json"));
    EXPECT_EQ(recent.last().path, QStringLiteral("/r/4.json"));
    session.clearRecent();
    EXPECT_TRUE(session.recent().isEmpty());
}

TEST(ConnectionManager, TheSandboxIsTheConnectionWithoutAStore)
{
    ConnectionManager manager;
    ApiClient sandbox;
    QSignalSpy changed(&manager, &ConnectionManager::clientChanged);
    EXPECT_FALSE(manager.has(QString()));
    manager.setSources(&sandbox, nullptr);
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(manager.client(), &sandbox);
    EXPECT_EQ(manager.name(), QStringLiteral("Local sandbox"));
    EXPECT_EQ(manager.currentId(), QString());
    EXPECT_TRUE(manager.has(QString()));
    EXPECT_FALSE(manager.has(QStringLiteral("no-such-connection")));
    EXPECT_EQ(manager.connectionOf(&sandbox), std::optional<QString>(QString()));

    // A client made elsewhere belongs to no connection; an id nobody saved changes nothing.
    ApiClient other;
    manager.use(&other, QStringLiteral("Elsewhere"));
    EXPECT_EQ(manager.client(), &other);
    EXPECT_EQ(manager.connectionOf(&other), std::nullopt);
    EXPECT_EQ(manager.connectionOf(nullptr), std::nullopt);
    manager.switchTo(QString());
    EXPECT_EQ(manager.client(), &sandbox);
    EXPECT_EQ(changed.count(), 3);
}
