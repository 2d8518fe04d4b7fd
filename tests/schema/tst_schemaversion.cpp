#include "app/SchemaVersion.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace rd;

TEST(SchemaVersion, AMissingVersionIsTodaysFormat)
{
    const SchemaVersion version = SchemaVersion::ofJson(Json{{"key", "k"}}, 1);
    EXPECT_EQ(version.found(), SchemaVersion::kUnversioned);
    EXPECT_TRUE(version.isValid());
    EXPECT_FALSE(version.isNewer());
}

TEST(SchemaVersion, ReadsWholePositiveNumbersOnly)
{
    EXPECT_EQ(SchemaVersion::ofJson(Json{{"version", 1}}, 1).found(), 1);
    EXPECT_EQ(SchemaVersion::ofJson(Json{{"version", 3}}, 1).found(), 3);
    EXPECT_TRUE(SchemaVersion::ofJson(Json{{"version", 3}}, 1).isNewer());
    EXPECT_FALSE(SchemaVersion::ofJson(Json{{"version", 3}}, 3).isNewer());
    for (const Json &bad : {Json("2"), Json(1.5), Json(-1), Json(0), Json(nullptr), Json::array({2})}) {
        const SchemaVersion version = SchemaVersion::ofJson(Json{{"version", bad}}, 1);
        EXPECT_FALSE(version.isValid()) << bad.dump();
        EXPECT_FALSE(version.isNewer()) << bad.dump();
    }
    EXPECT_FALSE(SchemaVersion::ofJson(Json::array(), 1).isValid());
    // Larger than an int: still newer, never wrapped round to something small or negative.
    const SchemaVersion huge = SchemaVersion::ofJson(Json{{"version", 1ULL << 40}}, 1);
    EXPECT_TRUE(huge.isNewer());
    EXPECT_GT(huge.found(), 1);
}

TEST(SchemaVersion, FilesThatCannotBeReadAreNotProtected)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    EXPECT_FALSE(SchemaVersion::ofFile(dir.filePath(QStringLiteral("missing.json")), 1).isNewer());
    const QString path = dir.filePath(QStringLiteral("f.json"));
    const auto write = [&path](const QByteArray &bytes) {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    };
    write("{ not json");
    EXPECT_FALSE(SchemaVersion::ofFile(path, 1).isNewer());
    write("{\"version\": 2, \"key\": \"k\"}");
    EXPECT_TRUE(SchemaVersion::ofFile(path, 1).isNewer());
    EXPECT_EQ(SchemaVersion::ofFile(path, 1).found(), 2);
}

TEST(SchemaVersion, TheMessageSaysWhichVersions)
{
    const QString message = SchemaVersion(4, 1).newerMessage();
    EXPECT_TRUE(message.contains(QStringLiteral("newer"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("4"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("1"))) << message.toStdString();
}
