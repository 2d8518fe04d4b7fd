#include "DocumentTestUtil.h"
#include "app/DraftOrigin.h"
#include "app/DraftStore.h"
#include "support/RouteGenerator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>
#include <memory>

using namespace rd;
using namespace rd::test;

namespace {

RouteDocument::Positions somePositions(const Route &route)
{
    RouteDocument::Positions positions;
    double x = 0.5;
    for (const Element &e : route.elements()) {
        positions[e.id] = QPointF(x, -x / 3); // fractions and negatives must survive exactly
        x += 123.25;
    }
    return positions;
}

const QJsonObject kOrigin{{QStringLiteral("gateway"), QStringLiteral("gw-1")},
                          {QStringLiteral("route"), QStringLiteral("r-42")}};

QStringList draftFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*")}, QDir::Files);
}

} // namespace

TEST(DraftStore, DebouncedWriteAndCrashRestore)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString key = QStringLiteral("gateway:gw-1/route:r-42");
    DocumentState edited;
    {
        auto store = std::make_unique<DraftStore>(dir.path());
        store->setDelay(50);
        auto doc = std::make_unique<RouteDocument>(makeDemoRoute(), somePositions(makeDemoRoute()));
        store->watch(doc.get(), key, kOrigin);

        doc->addElement(ElementType::Model, QPointF(7.5, 8.25));
        doc->moveElements({{"start", QPointF(-3.125, 4)}});
        doc->disconnectOutput("plan_check", "true");
        EXPECT_TRUE(draftFiles(dir.path()).isEmpty()) << "written before the debounce delay";
        QTRY_COMPARE_WITH_TIMEOUT(draftFiles(dir.path()).size(), 1, 5000);
        // No temporary files left next to it: QSaveFile renamed its temporary into place.
        EXPECT_EQ(draftFiles(dir.path()).front(), QFileInfo(store->draftPath(key)).fileName());
        edited = stateOf(*doc);
        // A kill: no discard, no flush, no orderly anything.
    }
    DraftStore fresh(dir.path());
    QStringList problems;
    const std::vector<Draft> drafts = fresh.pendingDrafts(&problems);
    EXPECT_TRUE(problems.isEmpty()) << problems.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(drafts.size(), 1u);
    EXPECT_EQ(drafts[0].key, key);
    EXPECT_EQ(drafts[0].origin, kOrigin);
    EXPECT_TRUE(drafts[0].savedAt.isValid());
    EXPECT_LE(drafts[0].savedAt.secsTo(QDateTime::currentDateTimeUtc()), 60);

    RouteDocument restored(drafts[0].route, drafts[0].positions);
    EXPECT_EQ(stateOf(restored), edited);

    fresh.discard(key);
    EXPECT_TRUE(fresh.pendingDrafts().empty());
    EXPECT_TRUE(draftFiles(dir.path()).isEmpty());
}

TEST(DraftStore, FlushWritesImmediatelyAndDebounceRestarts)
{
    QTemporaryDir dir;
    DraftStore store(dir.path());
    store.setDelay(60 * 60 * 1000); // never fires on its own in this test
    RouteDocument doc(makeDemoRoute());
    store.watch(&doc, QStringLiteral("/tmp/a route.json"),
                {{QStringLiteral("file"), QStringLiteral("/tmp/a route.json")}});
    doc.addElement(ElementType::End, QPointF());
    EXPECT_TRUE(draftFiles(dir.path()).isEmpty());
    store.flush();
    ASSERT_EQ(store.pendingDrafts().size(), 1u);
    EXPECT_EQ(routeJson(store.pendingDrafts()[0].route), routeJson(doc.route()));
}

TEST(DraftStore, CleanDocumentHasNoDraft)
{
    QTemporaryDir dir;
    DraftStore store(dir.path());
    store.setDelay(10);
    RouteDocument doc(makeDemoRoute());
    const QString key = QStringLiteral("k");
    store.watch(&doc, key, {});
    doc.addElement(ElementType::End, QPointF());
    QTRY_COMPARE_WITH_TIMEOUT(draftFiles(dir.path()).size(), 1, 5000);
    // Undo back to the saved state: the draft goes.
    doc.undoStack()->undo();
    QTRY_COMPARE_WITH_TIMEOUT(draftFiles(dir.path()).size(), 0, 5000);
    // A save (setClean) removes it too, though the route did not change.
    doc.addElement(ElementType::End, QPointF());
    QTRY_COMPARE_WITH_TIMEOUT(draftFiles(dir.path()).size(), 1, 5000);
    doc.setClean();
    QTRY_COMPARE_WITH_TIMEOUT(draftFiles(dir.path()).size(), 0, 5000);
}

TEST(DraftStore, CorruptDraftsAreSkippedAndReported)
{
    QTemporaryDir dir;
    const auto writeFile = [&](const QString &name, const QByteArray &bytes) {
        QFile f(dir.filePath(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    writeFile(QStringLiteral("truncated.json"), "{\"format\": \"route-designer-draft\", \"key\": \"x\", \"rou");
    writeFile(QStringLiteral("binary.json"), QByteArray("\x00\xff\xfe garbage", 12));
    writeFile(QStringLiteral("other.json"), "{\"hello\": 1}");
    writeFile(QStringLiteral("badroute.json"),
              "{\"format\": \"route-designer-draft\", \"key\": \"x\", \"route\": {\"elements\": 5}}");
    writeFile(QStringLiteral("badpos.json"), "{\"format\": \"route-designer-draft\", \"key\": \"x\", \"route\": "
                                             "{\"elements\": []}, \"positions\": {\"a\": \"here\"}}");
    writeFile(QStringLiteral("empty.json"), "");

    DraftStore store(dir.path());
    RouteDocument doc(makeDemoRoute());
    store.watch(&doc, QStringLiteral("good"), {});
    doc.addElement(ElementType::End, QPointF());
    store.flush();

    QStringList problems;
    const std::vector<Draft> drafts = store.pendingDrafts(&problems);
    ASSERT_EQ(drafts.size(), 1u);
    EXPECT_EQ(drafts[0].key, QStringLiteral("good"));
    EXPECT_EQ(problems.size(), 6) << problems.join(QLatin1Char('\n')).toStdString();
}

TEST(DraftStore, KeysMapToDistinctSafeFiles)
{
    DraftStore store(QStringLiteral("/tmp/x"));
    const QString a = store.draftPath(QStringLiteral("/home/me/route.json"));
    const QString b = store.draftPath(QStringLiteral("_home_me_route.json"));
    EXPECT_NE(a, b);
    EXPECT_TRUE(a.startsWith(QStringLiteral("/tmp/x/")));
    EXPECT_FALSE(QFileInfo(a).fileName().contains(QLatin1Char('/')));
    const QFileInfo escaped(store.draftPath(QStringLiteral("../../etc/passwd")));
    EXPECT_EQ(escaped.absolutePath(), QStringLiteral("/tmp/x"));
    EXPECT_FALSE(escaped.fileName().startsWith(QLatin1Char('.')));
}

TEST(DraftStore, DestroyedDocumentStopsWatching)
{
    QTemporaryDir dir;
    DraftStore store(dir.path());
    store.setDelay(10);
    {
        RouteDocument doc(makeDemoRoute());
        store.watch(&doc, QStringLiteral("k"), {});
        doc.addElement(ElementType::End, QPointF());
    }
    QTest::qWait(50); // the timer must not touch the dead document
    store.flush();
    EXPECT_TRUE(store.pendingDrafts().empty());
}

TEST(DraftStore, RewatchUnderNewKeyMovesDraft)
{
    QTemporaryDir dir;
    DraftStore store(dir.path());
    RouteDocument doc(makeDemoRoute());
    store.watch(&doc, QStringLiteral("untitled-1"), {});
    doc.addElement(ElementType::End, QPointF());
    store.flush();
    store.watch(&doc, QStringLiteral("/tmp/saved-as.json"), {});
    store.flush();
    const std::vector<Draft> drafts = store.pendingDrafts();
    ASSERT_EQ(drafts.size(), 1u);
    EXPECT_EQ(drafts[0].key, QStringLiteral("/tmp/saved-as.json"));
}

TEST(DraftStore, UnwritableDirectoryReportsFailure)
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    DraftStore store(dir.filePath(QStringLiteral("file/drafts"))); // a file where a directory should be
    QSignalSpy failed(&store, &DraftStore::writeFailed);
    RouteDocument doc(makeDemoRoute());
    store.watch(&doc, QStringLiteral("k"), {});
    doc.addElement(ElementType::End, QPointF());
    store.flush();
    EXPECT_EQ(failed.count(), 1);
}

TEST(DraftStore, OriginIsReadWhenTheDraftIsWritten)
{
    // A server route's base version changes with every version saved: the draft must say the current one.
    QTemporaryDir dir;
    DraftStore store(dir.path());
    RouteDocument doc(makeDemoRoute());
    DraftOrigin origin =
        DraftOrigin::route(QString(), QStringLiteral("gw"), QStringLiteral("r-1"), QStringLiteral("demo"));
    origin.baseVersionId = QStringLiteral("v1");
    store.watchWithOrigin(&doc, QStringLiteral("route:|gw|r-1"), [&origin] { return origin.toJson(); });
    EXPECT_EQ(store.keyOf(&doc), QStringLiteral("route:|gw|r-1"));
    doc.addElement(ElementType::End, QPointF());
    origin.baseVersionId = QStringLiteral("v2");
    origin.latestVersionId = QStringLiteral("v2");
    store.flush();
    const std::vector<Draft> drafts = store.pendingDrafts();
    ASSERT_EQ(drafts.size(), 1u);
    const DraftOrigin read = DraftOrigin::fromJson(drafts[0].origin);
    EXPECT_EQ(read.kind, DraftOrigin::Kind::Route);
    EXPECT_TRUE(read.connectionKnown);
    EXPECT_EQ(read.connection, QString());
    EXPECT_EQ(read.gatewayId, QStringLiteral("gw"));
    EXPECT_EQ(read.routeId, QStringLiteral("r-1"));
    EXPECT_EQ(read.baseVersionId, QStringLiteral("v2"));
    // Never a secret: only where the route lives.
    EXPECT_EQ(drafts[0].origin.keys(),
              (QStringList{QStringLiteral("baseVersion"), QStringLiteral("connection"),
                           QStringLiteral("deployedVersion"), QStringLiteral("gateway"),
                           QStringLiteral("latestVersion"), QStringLiteral("name"), QStringLiteral("route")}));
    store.unwatch(QStringLiteral("route:|gw|r-1"));
    EXPECT_TRUE(store.keyOf(&doc).isEmpty());
}

TEST(DraftOrigin, ReadsTheFirstFormatAndSaysWhatChangedOnTheServer)
{
    const DraftOrigin old =
        DraftOrigin::fromJson(QJsonObject{{QStringLiteral("route"), QStringLiteral("route:gw-1/r-42")}});
    EXPECT_EQ(old.kind, DraftOrigin::Kind::Route);
    EXPECT_FALSE(old.connectionKnown);
    EXPECT_EQ(old.gatewayId, QStringLiteral("gw-1"));
    EXPECT_EQ(old.routeId, QStringLiteral("r-42"));
    EXPECT_EQ(DraftOrigin::fromJson(QJsonObject{{QStringLiteral("file"), QStringLiteral("/a.json")}}).filePath,
              QStringLiteral("/a.json"));

    DraftOrigin origin = DraftOrigin::route(QStringLiteral("c"), QStringLiteral("gw"), QStringLiteral("r"), {});
    origin.baseVersionId = QStringLiteral("aaaaaaaa-1");
    origin.deployedVersionId = QStringLiteral("aaaaaaaa-1");
    origin.latestVersionId = QStringLiteral("aaaaaaaa-1");
    EXPECT_TRUE(origin.serverChanges(QStringLiteral("aaaaaaaa-1"), QStringLiteral("aaaaaaaa-1")).isEmpty());
    const QString saved = origin.serverChanges(QStringLiteral("aaaaaaaa-1"), QStringLiteral("bbbbbbbb-2"));
    EXPECT_TRUE(saved.contains(QStringLiteral("version bbbbbbbb was saved"))) << saved.toStdString();
    EXPECT_FALSE(saved.contains(QStringLiteral("deployed"))) << saved.toStdString();
    const QString both = origin.serverChanges(QStringLiteral("bbbbbbbb-2"), QStringLiteral("bbbbbbbb-2"));
    EXPECT_TRUE(both.contains(QStringLiteral("started from version aaaaaaaa"))) << both.toStdString();
    EXPECT_TRUE(both.contains(QStringLiteral("version bbbbbbbb was saved and deployed"))) << both.toStdString();
    const QString rolledBack = origin.serverChanges(QStringLiteral("cccccccc-0"), QStringLiteral("bbbbbbbb-2"));
    EXPECT_TRUE(rolledBack.contains(QStringLiteral("version bbbbbbbb was saved and version cccccccc was deployed")))
        << rolledBack.toStdString();
}
