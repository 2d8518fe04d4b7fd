// Drafts and layouts as today's code writes them (tests/fixtures/schema/v1, made by the code before schema
// versions) load in this one; a newer app's files are skipped and never replaced or deleted.
#include "app/DraftOrigin.h"
#include "app/DraftStore.h"
#include "app/LayoutStore.h"
#include "model/JsonText.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>

using namespace rd;

namespace {

const QString kFixtures = QStringLiteral(RD_FIXTURES_DIR "/schema/v1");
const QString kFileDraftKey = QStringLiteral("file:/home/ops/routes/support-chat.json");
const QString kRouteDraftKey = QStringLiteral("gateway:production/route:8f14e45f-ceea-467f-a9a9-3bb2c9ed4b5e");

// The fixtures are copied: a test must never change them.
void copyFixtures(const QString &folder, const QString &to)
{
    const QDir from(kFixtures + QLatin1Char('/') + folder);
    ASSERT_TRUE(from.exists()) << from.path().toStdString();
    const QStringList names = from.entryList(QDir::Files);
    ASSERT_FALSE(names.isEmpty());
    for (const QString &name : names) {
        const QString target = to + QLatin1Char('/') + name;
        ASSERT_TRUE(QFile::copy(from.filePath(name), target));
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    }
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Json readJson(const QString &path)
{
    Decoded<Json> json = JsonText::readFile(QFile::encodeName(path).toStdString());
    return json ? *json.value : Json();
}

// Rewrites a stored file as a newer app would have written it.
void stampVersion(const QString &path, int version)
{
    Json json = readJson(path);
    ASSERT_TRUE(json.is_object()) << path.toStdString();
    json["version"] = version;
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    const std::string text = JsonText::format(json);
    file.write(text.data(), static_cast<qint64>(text.size()));
}

} // namespace

TEST(StoredFormats, TodaysDraftsAreRestored)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    copyFixtures(QStringLiteral("drafts"), dir.path());
    DraftStore store(dir.path());
    QStringList problems;
    const std::vector<Draft> drafts = store.pendingDrafts(&problems);
    EXPECT_TRUE(problems.isEmpty()) << problems.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(drafts.size(), 2u);
    std::map<QString, const Draft *> byKey;
    for (const Draft &draft : drafts) {
        byKey[draft.key] = &draft;
        EXPECT_TRUE(draft.savedAt.isValid());
        EXPECT_FALSE(draft.route.elements().empty());
        // Every element has its place: nothing is laid out afresh after a restore.
        for (const Element &e : draft.route.elements()) {
            EXPECT_TRUE(draft.positions.count(e.id)) << e.id;
        }
    }
    ASSERT_TRUE(byKey.count(kFileDraftKey));
    ASSERT_TRUE(byKey.count(kRouteDraftKey));
    const DraftOrigin file = DraftOrigin::fromJson(byKey[kFileDraftKey]->origin);
    EXPECT_EQ(file.kind, DraftOrigin::Kind::File);
    EXPECT_EQ(file.filePath, QStringLiteral("/home/ops/routes/support-chat.json"));
    const DraftOrigin route = DraftOrigin::fromJson(byKey[kRouteDraftKey]->origin);
    EXPECT_EQ(route.kind, DraftOrigin::Kind::Route);
    EXPECT_TRUE(route.connectionKnown);
    EXPECT_EQ(route.gatewayId, QStringLiteral("production"));
    EXPECT_EQ(route.routeId, QStringLiteral("8f14e45f-ceea-467f-a9a9-3bb2c9ed4b5e"));
    EXPECT_FALSE(route.baseVersionId.isEmpty());
    // The file draft holds the element added in it, the route draft only the demo's.
    EXPECT_EQ(byKey[kFileDraftKey]->route.size(), byKey[kRouteDraftKey]->route.size() + 1);
}

TEST(StoredFormats, ANewerAppsDraftIsSkippedAndKept)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    copyFixtures(QStringLiteral("drafts"), dir.path());
    DraftStore store(dir.path());
    store.setDelay(0);
    const QString newer = store.draftPath(kRouteDraftKey);
    ASSERT_TRUE(QFile::exists(newer));
    stampVersion(newer, 2);
    const QByteArray before = contents(newer);

    QStringList problems;
    const std::vector<Draft> drafts = store.pendingDrafts(&problems);
    ASSERT_EQ(drafts.size(), 1u);
    EXPECT_EQ(drafts.front().key, kFileDraftKey);
    ASSERT_EQ(problems.size(), 1);
    EXPECT_TRUE(problems.front().contains(newer)) << problems.front().toStdString();
    EXPECT_TRUE(problems.front().contains(QStringLiteral("newer Route Designer"))) << problems.front().toStdString();

    // Editing the same route here neither replaces nor deletes it, and says why once.
    RouteDocument document(drafts.front().route, drafts.front().positions);
    QSignalSpy failed(&store, &DraftStore::writeFailed);
    store.watch(&document, kRouteDraftKey,
                DraftOrigin::route({}, QStringLiteral("production"),
                                   QStringLiteral("8f14e45f-ceea-467f-a9a9-3bb2c9ed4b5e"),
                                   QStringLiteral("support-chat"))
                    .toJson());
    document.moveElements({{drafts.front().route.elements().front().id, QPointF(1, 2)}});
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
    EXPECT_TRUE(failed.front().at(1).toString().contains(QStringLiteral("newer")))
        << failed.front().at(1).toString().toStdString();
    document.moveElements({{drafts.front().route.elements().front().id, QPointF(3, 4)}});
    store.flush();
    EXPECT_EQ(failed.size(), 1);
    document.undoStack()->setClean(); // a document back at its saved state would delete its own draft
    store.flush();
    store.discard(kRouteDraftKey);
    EXPECT_EQ(contents(newer), before);

    // The same steps on this version's draft do replace and delete it: the protection is for newer ones only.
    const QString own = store.draftPath(kFileDraftKey);
    const QByteArray ownBefore = contents(own);
    RouteDocument edited(drafts.front().route, drafts.front().positions);
    store.watch(&edited, kFileDraftKey, DraftOrigin::file(QStringLiteral("/x.json"), QStringLiteral("x")).toJson());
    edited.moveElements({{drafts.front().route.elements().front().id, QPointF(5, 6)}});
    QTRY_VERIFY_WITH_TIMEOUT(contents(own) != ownBefore, 5000);
    store.discard(kFileDraftKey);
    EXPECT_FALSE(QFile::exists(own));
    EXPECT_EQ(failed.size(), 1);
}

TEST(StoredFormats, TodaysLayoutsLoadAndAreWrittenWithTheirVersion)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    copyFixtures(QStringLiteral("layouts"), dir.path());
    LayoutStore store(dir.path());
    const QString routeKey =
        LayoutStore::keyForRoute(QStringLiteral("production"), QStringLiteral("8f14e45f-ceea-467f-a9a9-3bb2c9ed4b5e"));
    const QString fileKey = QStringLiteral("file:/home/ops/routes/support-chat.json");
    for (const QString &key : {routeKey, fileKey}) {
        const Json stored = readJson(store.layoutPath(key));
        ASSERT_TRUE(stored.is_object()) << key.toStdString();
        EXPECT_FALSE(stored.contains("version")) << "the fixture is from before versions";
        QString problem;
        const RouteDocument::Positions positions = store.load(key, &problem);
        EXPECT_TRUE(problem.isEmpty()) << problem.toStdString();
        ASSERT_EQ(positions.size(), stored["positions"].size());
        for (const auto &[id, xy] : stored["positions"].items()) {
            ASSERT_TRUE(positions.count(id)) << id;
            EXPECT_EQ(positions.at(id), QPointF(xy[0].get<double>(), xy[1].get<double>())) << id;
        }
        // Saved again, the same layout now says its version.
        ASSERT_TRUE(store.save(key, positions));
        EXPECT_EQ(readJson(store.layoutPath(key)).value("version", Json()), Json(1));
        EXPECT_EQ(store.load(key).size(), positions.size());
    }
}

TEST(StoredFormats, ANewerAppsLayoutIsNeitherReadNorOverwritten)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    copyFixtures(QStringLiteral("layouts"), dir.path());
    LayoutStore store(dir.path());
    const QString key = QStringLiteral("file:/home/ops/routes/support-chat.json");
    const QString path = store.layoutPath(key);
    stampVersion(path, 7);
    const QByteArray before = contents(path);

    QString problem;
    EXPECT_TRUE(store.load(key, &problem).empty());
    EXPECT_TRUE(problem.contains(QStringLiteral("newer Route Designer"))) << problem.toStdString();
    EXPECT_TRUE(problem.contains(QStringLiteral("7"))) << problem.toStdString();
    problem.clear();
    EXPECT_FALSE(store.save(key, {{"start", QPointF(1, 1)}}, &problem));
    EXPECT_TRUE(problem.contains(QStringLiteral("newer Route Designer"))) << problem.toStdString();
    EXPECT_EQ(contents(path), before);

    // A version that is no number at all is not used either, but is no newer app's: it may be replaced.
    const Json json = readJson(path);
    Json bad = json;
    bad["version"] = "two";
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QByteArray::fromStdString(JsonText::format(bad)));
    file.close();
    problem.clear();
    EXPECT_TRUE(store.load(key, &problem).empty());
    EXPECT_FALSE(problem.isEmpty());
    EXPECT_TRUE(store.save(key, {{"start", QPointF(1, 1)}}));
    EXPECT_EQ(store.load(key).size(), 1u);
}
