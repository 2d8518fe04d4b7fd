// The sandbox's database as today's code writes it (tests/fixtures/schema/v1/sandbox.sqlite: made by
// route-sandbox at schema 1 for the account "fixtureaccount", its 420 demo logs cut to 5) opens with this code
// with everything in it; a newer sandbox's file is refused with a reason and left exactly as it was.
#include "app/sandbox/SandboxDeploymentRows.h"
#include "app/sandbox/SandboxRouteRows.h"
#include "app/sandbox/SandboxStore.h"
#include "app/sandbox/SandboxVersionRows.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace rd;

namespace {

const QString kFixture = QStringLiteral(RD_FIXTURES_DIR "/schema/v1/sandbox.sqlite");
const QString kAccount = QStringLiteral("fixtureaccount");
const QString kGateway = QStringLiteral("demo-gateway");

QString copyFixture(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("sandbox.sqlite"));
    EXPECT_TRUE(QFile::copy(kFixture, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Sets PRAGMA user_version as a newer sandbox would have left it: SQLite keeps it big-endian at byte 60 of the
// file's header (the fixture is in rollback-journal mode, so the header in the file is the whole truth).
void setUserVersion(const QString &path, quint32 version)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    ASSERT_TRUE(file.seek(60));
    const char bytes[4] = {char(version >> 24), char(version >> 16), char(version >> 8), char(version)};
    ASSERT_EQ(file.write(bytes, 4), 4);
}

} // namespace

TEST(SandboxSchema, TodaysFileOpensWithEverythingInIt)
{
    QTemporaryDir dir;
    const QString path = copyFixture(dir);
    SandboxStore store(path);
    QString error;
    ASSERT_TRUE(store.open(&error)) << error.toStdString();
    // The account is known: it is not seeded with demo data a second time.
    EXPECT_EQ(store.registerAccount(kAccount), std::optional<bool>(false));
    const auto routes = store.routes().list(kAccount, kGateway, SandboxSlice{});
    ASSERT_TRUE(routes.has_value());
    ASSERT_EQ(routes->total, 2);
    QStringList names;
    QString supportChat;
    for (const SandboxRouteRows::Row &route : routes->items) {
        names << route.name;
        if (route.name == QStringLiteral("support-chat")) {
            supportChat = route.id;
        }
    }
    names.sort();
    EXPECT_EQ(names, (QStringList{QStringLiteral("quick-answers"), QStringLiteral("support-chat")}));
    const auto versions = store.versions().list(supportChat, SandboxSlice{});
    ASSERT_TRUE(versions.has_value());
    EXPECT_EQ(versions->total, 2);
    const auto deployed = store.deployments().current(supportChat);
    ASSERT_TRUE(deployed.has_value());
    EXPECT_FALSE(deployed->versionId.isEmpty());
    EXPECT_FALSE(store.versions().find(supportChat, deployed->versionId)->id.isEmpty());
}

// Schema 2 added datasets and evaluations: a schema-1 file gains the empty tables and takes rows in them.
TEST(SandboxSchema, AVersionOneFileGainsDatasetsAndEvaluations)
{
    QTemporaryDir dir;
    const QString path = copyFixture(dir);
    SandboxStore store(path);
    QString error;
    ASSERT_TRUE(store.open(&error)) << error.toStdString();
    const auto none = store.datasets().list(kAccount, kGateway, SandboxDatasetRows::Filter{}, SandboxSlice{});
    ASSERT_TRUE(none.has_value());
    EXPECT_EQ(none->total, 0);
    const Json dataset{{"id", "ds-1"},
                       {"name", "all"},
                       {"enable", true},
                       {"created_at", "2026-01-01T00:00:00.000Z"},
                       {"filters", Json::array()}};
    ASSERT_TRUE(store.datasets().insert(kAccount, kGateway, dataset));
    EXPECT_EQ(store.datasets().find(kAccount, kGateway, QStringLiteral("ds-1")), std::optional<Json>(dataset));
    const auto evaluations =
        store.evaluations().list(kAccount, kGateway, SandboxEvaluationRows::Filter{}, SandboxSlice{});
    ASSERT_TRUE(evaluations.has_value());
    EXPECT_EQ(evaluations->total, 0);
}

TEST(SandboxSchema, ANewerSandboxsFileIsRefusedAndLeftAlone)
{
    QTemporaryDir dir;
    const QString path = copyFixture(dir);
    setUserVersion(path, 99);
    const QByteArray before = bytesOf(path);
    ASSERT_FALSE(before.isEmpty());
    QString error;
    {
        SandboxStore store(path);
        EXPECT_FALSE(store.open(&error));
    }
    EXPECT_TRUE(error.contains(QStringLiteral("newer sandbox"))) << error.toStdString();
    // Not even its journal mode changed: a newer sandbox finds its file as it left it.
    EXPECT_EQ(bytesOf(path), before);
    EXPECT_FALSE(QFile::exists(path + QStringLiteral("-wal")) && QFile(path + QStringLiteral("-wal")).size() > 0);
}
