// Where an open route comes from and where Save puts it: each kind says what may be done with it and how the
// session remembers it, and a file is written for real (read back through RouteFile).
#include "app/LayoutStore.h"
#include "app/RemoteRoute.h"
#include "app/RouteDocument.h"
#include "app/RouteFile.h"
#include "app/RouteSource.h"
#include "app/api/ApiClient.h"
#include "support/RouteGenerator.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace rd;
using rd::test::makeDemoRoute;

namespace {

std::optional<RouteSource::SaveOutcome> saveNow(RouteSource &source, const QString &path = QString())
{
    std::optional<RouteSource::SaveOutcome> outcome;
    const auto done = [&outcome](const RouteSource::SaveOutcome &o) {
        outcome = o;
    };
    if (path.isEmpty()) {
        source.save(done);
    } else {
        source.saveAs(path, done);
    }
    return outcome;
}

} // namespace

TEST(RouteSource, AFileIsSavedInPlaceAndRememberedByItsPath)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("route.json"));
    RouteDocument document(makeDemoRoute(), {{"start", QPointF(10, 20)}});
    RouteSource source(&document, path);
    EXPECT_EQ(source.kind(), RouteSource::Kind::File);
    EXPECT_TRUE(source.canSaveInPlace());
    EXPECT_FALSE(source.canDeploy());
    EXPECT_FALSE(source.isReadOnly());
    ASSERT_TRUE(source.entry().has_value());
    EXPECT_EQ(source.entry()->key(), QStringLiteral("file:") + path);
    EXPECT_EQ(source.layoutKey(), LayoutStore::keyForFile(path));

    document.moveElements({{"start", QPointF(77, 88)}});
    ASSERT_FALSE(document.isClean());
    const std::optional<RouteSource::SaveOutcome> outcome = saveNow(source);
    ASSERT_TRUE(outcome.has_value()); // a file answers before save() returns
    EXPECT_EQ(outcome->kind, RouteSource::SaveOutcome::Kind::Saved);
    EXPECT_TRUE(document.isClean());
    const RouteFile back = RouteFile::open(path);
    ASSERT_TRUE(back.isValid()) << back.errorText().toStdString();
    ASSERT_EQ(back.document()->routes.size(), 1u);
    Route route = back.document()->routes.front();
    EXPECT_EQ(route.name(), makeDemoRoute().name());
    EXPECT_EQ(RouteFile::takePositions(route).at("start"), QPointF(77, 88));
}

TEST(RouteSource, SaveAsMovesTheFileAndSaysSo)
{
    QTemporaryDir dir;
    RouteDocument document(makeDemoRoute());
    RouteSource source(&document, QString());
    EXPECT_FALSE(source.canSaveInPlace());
    EXPECT_FALSE(source.entry().has_value());
    // Nothing to save in place: refused at once, nothing written.
    const std::optional<RouteSource::SaveOutcome> refused = saveNow(source);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->kind, RouteSource::SaveOutcome::Kind::Failed);
    EXPECT_FALSE(refused->fileError.isEmpty());

    QSignalSpy changed(&source, &RouteSource::changed);
    const QString path = dir.filePath(QStringLiteral("new.json"));
    const std::optional<RouteSource::SaveOutcome> saved = saveNow(source, path);
    ASSERT_TRUE(saved.has_value());
    EXPECT_TRUE(saved->saved());
    EXPECT_EQ(source.path(), path);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_TRUE(source.canSaveInPlace());

    // A folder that does not exist: the reason, and the route keeps its path.
    const std::optional<RouteSource::SaveOutcome> failed = saveNow(source, dir.filePath(QStringLiteral("no/x.json")));
    ASSERT_TRUE(failed.has_value());
    EXPECT_EQ(failed->kind, RouteSource::SaveOutcome::Kind::Failed);
    EXPECT_FALSE(failed->fileError.isEmpty());
    EXPECT_EQ(source.path(), path);
}

TEST(RouteSource, ABuiltInExampleIsNeverWrittenBack)
{
    RouteDocument document(makeDemoRoute());
    RouteSource source(&document, QStringLiteral(":/routes/demo-route.json"));
    EXPECT_TRUE(source.isBuiltIn());
    EXPECT_FALSE(source.canSaveInPlace());
    EXPECT_FALSE(source.entry().has_value());
    EXPECT_TRUE(source.layoutKey().isEmpty());
    const std::optional<RouteSource::SaveOutcome> refused = saveNow(source);
    ASSERT_TRUE(refused.has_value());
    EXPECT_FALSE(refused->saved());
}

TEST(RouteSource, AServerRouteIsRememberedWithTheConnectionThatOpenedIt)
{
    ApiClient client;
    RouteDocument document(makeDemoRoute());
    RouteSource source(&document, QString());
    auto *remote = new RemoteRoute(&client, QStringLiteral("gw"), QStringLiteral("r1"));
    remote->rename(QStringLiteral("Support"));
    remote->setConnection(QStringLiteral("conn-1"), QStringLiteral("Work"));
    QSignalSpy changed(&source, &RouteSource::changed);
    source.setServerRoute(remote);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(remote->parent(), &source);
    EXPECT_EQ(source.kind(), RouteSource::Kind::ServerRoute);
    EXPECT_TRUE(source.canSaveInPlace());
    EXPECT_TRUE(source.canDeploy());
    ASSERT_TRUE(source.entry().has_value());
    EXPECT_EQ(source.entry()->key(), QStringLiteral("route:conn-1|gw|r1"));
    EXPECT_EQ(source.entry()->label, QStringLiteral("Support (gw)"));
    EXPECT_EQ(source.layoutKey(), LayoutStore::keyForRoute(QStringLiteral("gw"), QStringLiteral("r1")));
    // Only a file is saved to a path.
    const std::optional<RouteSource::SaveOutcome> refused = saveNow(source, QStringLiteral("/tmp/x.json"));
    ASSERT_TRUE(refused.has_value());
    EXPECT_FALSE(refused->saved());
}

TEST(RouteSource, AVersionIsReadOnly)
{
    ApiClient client;
    RouteDocument document(makeDemoRoute());
    RouteSource source(&document, QString());
    source.setVersion(QStringLiteral("v-123"));
    source.setServerRoute(new RemoteRoute(&client, QStringLiteral("gw"), QStringLiteral("r1")));
    EXPECT_EQ(source.kind(), RouteSource::Kind::Version);
    EXPECT_TRUE(source.isReadOnly());
    EXPECT_FALSE(source.canSaveInPlace());
    EXPECT_FALSE(source.canDeploy());
    EXPECT_FALSE(source.entry().has_value());
    EXPECT_TRUE(source.layoutKey().isEmpty());
    const std::optional<RouteSource::SaveOutcome> refused = saveNow(source);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->kind, RouteSource::SaveOutcome::Kind::Failed);
    EXPECT_TRUE(document.isClean());
}
