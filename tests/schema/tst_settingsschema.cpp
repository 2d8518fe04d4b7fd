// Settings as today's code writes them (tests/fixtures/schema/v1/settings.conf, written by MainWindow and
// ConnectionStore before schema versions) are upgraded in place, keep every value and still load; a newer app's
// settings are not touched.
#include "app/ConnectionStore.h"
#include "app/SecretStore.h"
#include "app/SettingsSchema.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <map>

using namespace rd;

namespace {

const QString kFixture = QStringLiteral(RD_FIXTURES_DIR "/schema/v1/settings.conf");

QString copyFixture(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("settings.conf"));
    EXPECT_TRUE(QFile::copy(kFixture, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

std::map<QString, QVariant> everything(const QSettings &settings)
{
    std::map<QString, QVariant> values;
    const QStringList keys = settings.allKeys();
    for (const QString &key : keys) {
        values[key] = settings.value(key);
    }
    return values;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

TEST(SettingsSchema, TodaysSettingsAreUpgradedAndKeepEveryValue)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = copyFixture(dir);
    QSettings settings(path, QSettings::IniFormat);
    ASSERT_FALSE(settings.contains(SettingsSchema::versionKey())) << "the fixture is from before versions";
    std::map<QString, QVariant> before = everything(settings);
    // What the next session will restore: the fixture has both kinds of open tab and a recent route.
    const QStringList tabs = settings.value(QStringLiteral("session/openTabs")).toStringList();
    ASSERT_EQ(tabs.size(), 2);
    EXPECT_TRUE(tabs[0].startsWith(QStringLiteral("file:"))) << tabs[0].toStdString();
    EXPECT_TRUE(tabs[1].startsWith(QStringLiteral("route:"))) << tabs[1].toStdString();
    EXPECT_FALSE(settings.value(QStringLiteral("session/recent")).toStringList().isEmpty());
    EXPECT_FALSE(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray().isEmpty());

    // Today's layout is version 1, this build's too: nothing to rewrite, only the version to record.
    const SettingsSchema::Result result = SettingsSchema().migrate(settings);
    EXPECT_EQ(result.outcome, SettingsSchema::Outcome::Current);
    EXPECT_EQ(result.found, 1);
    EXPECT_TRUE(result.message.isEmpty());

    QSettings reread(path, QSettings::IniFormat);
    EXPECT_EQ(reread.value(SettingsSchema::versionKey()).toInt(), SettingsSchema().version());
    std::map<QString, QVariant> after = everything(reread);
    after.erase(SettingsSchema::versionKey());
    EXPECT_EQ(after, before);

    // The saved connections still load, as the app will read them.
    SecretStore secrets(QStringLiteral("route-designer-schema-test"));
    ConnectionStore connections(&reread, &secrets);
    const QList<Connection> saved = connections.connections();
    ASSERT_EQ(saved.size(), 2);
    EXPECT_EQ(saved[0].name, QStringLiteral("Work account"));
    EXPECT_EQ(saved[0].kind, Connection::Kind::ApiToken);
    EXPECT_EQ(saved[1].kind, Connection::Kind::GlobalKey);
    EXPECT_FALSE(saved[1].email.isEmpty());
    for (const Connection &c : saved) {
        EXPECT_TRUE(c.isValid()) << c.name.toStdString();
    }

    // Recorded: read as version 1 from now on, not as settings from before versions.
    EXPECT_EQ(SettingsSchema().migrate(reread).found, 1);
}

TEST(SettingsSchema, AFirstStartIsCurrent)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("empty.conf")), QSettings::IniFormat);
    int ran = 0;
    const SettingsSchema schema({[&ran](QSettings &) {
        ++ran;
    }});
    const SettingsSchema::Result result = schema.migrate(settings);
    EXPECT_EQ(result.outcome, SettingsSchema::Outcome::Current);
    EXPECT_EQ(ran, 0) << "there is nothing to migrate in no settings";
    EXPECT_EQ(settings.value(SettingsSchema::versionKey()).toInt(), 2);
}

TEST(SettingsSchema, StepsRunInOrderFromTheStoredVersion)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    std::vector<int> ran;
    // A version 2 that moves the open tabs under a group of their own, and a version 3 that counts them.
    const SettingsSchema schema(
        {[&ran](QSettings &s) {
             ran.push_back(2);
             s.setValue(QStringLiteral("tabs/entries"), s.value(QStringLiteral("session/openTabs")));
             s.remove(QStringLiteral("session/openTabs"));
         },
         [&ran](QSettings &s) {
             ran.push_back(3);
             s.setValue(QStringLiteral("tabs/count"), s.value(QStringLiteral("tabs/entries")).toStringList().size());
         }});
    EXPECT_EQ(schema.version(), 3);

    QSettings fromOne(copyFixture(dir), QSettings::IniFormat);
    const SettingsSchema::Result upgraded = schema.migrate(fromOne);
    EXPECT_EQ(upgraded.outcome, SettingsSchema::Outcome::Upgraded);
    EXPECT_EQ(ran, (std::vector<int>{2, 3}));
    EXPECT_FALSE(fromOne.contains(QStringLiteral("session/openTabs")));
    EXPECT_EQ(fromOne.value(QStringLiteral("tabs/count")).toInt(), 2);
    EXPECT_EQ(fromOne.value(SettingsSchema::versionKey()).toInt(), 3);

    ran.clear();
    QSettings fromTwo(dir.filePath(QStringLiteral("two.conf")), QSettings::IniFormat);
    fromTwo.setValue(SettingsSchema::versionKey(), 2);
    fromTwo.setValue(QStringLiteral("tabs/entries"), QStringList{QStringLiteral("file:/a.json")});
    EXPECT_EQ(schema.migrate(fromTwo).found, 2);
    EXPECT_EQ(ran, (std::vector<int>{3}));
    EXPECT_EQ(fromTwo.value(QStringLiteral("tabs/count")).toInt(), 1);
}

TEST(SettingsSchema, ANewerAppsSettingsAreLeftAsTheyAre)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = copyFixture(dir);
    {
        QSettings stamp(path, QSettings::IniFormat);
        stamp.setValue(SettingsSchema::versionKey(), 3); // newer than both schemas below
    }
    const QByteArray before = contents(path);
    int ran = 0;
    {
        QSettings settings(path, QSettings::IniFormat);
        const SettingsSchema::Result result = SettingsSchema({[&ran](QSettings &) {
                                                  ++ran;
                                              }}).migrate(settings);
        EXPECT_EQ(result.outcome, SettingsSchema::Outcome::Newer);
        EXPECT_EQ(result.found, 3);
        EXPECT_TRUE(result.message.contains(QStringLiteral("newer version"))) << result.message.toStdString();
        EXPECT_TRUE(result.message.contains(path)) << result.message.toStdString();
    }
    EXPECT_EQ(ran, 0);
    EXPECT_EQ(contents(path), before);

    // A version that is not a number is no less unknown.
    {
        QSettings stamp(path, QSettings::IniFormat);
        stamp.setValue(SettingsSchema::versionKey(), QStringLiteral("two"));
    }
    const QByteArray unknown = contents(path);
    {
        QSettings settings(path, QSettings::IniFormat);
        const SettingsSchema::Result result = SettingsSchema().migrate(settings);
        EXPECT_EQ(result.outcome, SettingsSchema::Outcome::Newer);
        EXPECT_TRUE(result.message.contains(QStringLiteral("“two”"))) << result.message.toStdString();
    }
    EXPECT_EQ(contents(path), unknown);
}

TEST(SettingsSchema, ASessionOnACopyWritesNothingBack)
{
    QStandardPaths::setTestModeEnabled(true);
    // As in the app, which names one: without an organization QSettings() reports an access error.
    QCoreApplication::setOrganizationName(QStringLiteral("route-designer-tests"));
    QTemporaryDir dir;
    QTemporaryDir copyDir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_TRUE(copyDir.isValid());
    const QString path = copyFixture(dir);
    const QByteArray before = contents(path);
    QSettings original(path, QSettings::IniFormat);

    ASSERT_TRUE(SettingsSchema::useCopyIn(original, copyDir.path()));
    QSettings session; // what MainWindow and the rest construct
    EXPECT_TRUE(session.fileName().startsWith(copyDir.path())) << session.fileName().toStdString();
    EXPECT_EQ(everything(session), everything(original));
    session.setValue(QStringLiteral("session/openTabs"), QStringList());
    session.remove(QStringLiteral("connections"));
    session.sync();
    EXPECT_EQ(contents(path), before);
}
