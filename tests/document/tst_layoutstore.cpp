#include "DocumentTestUtil.h"
#include "app/LayoutStore.h"
#include "support/RouteGenerator.h"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace rd;
using namespace rd::test;

TEST(LayoutStore, RoundTrip)
{
    QTemporaryDir dir;
    LayoutStore store(dir.path());
    const QString key = LayoutStore::keyForRoute(QStringLiteral("gw"), QStringLiteral("r1"));
    const RouteDocument::Positions positions{
        {"start", QPointF(0.1, -20)}, {"end", QPointF(1e6, 3.75)}, {"ünïcode id", QPointF(1, 2)}};
    ASSERT_TRUE(store.save(key, positions));
    EXPECT_EQ(exactPositions(store.load(key)), exactPositions(positions));
    EXPECT_TRUE(store.load(LayoutStore::keyForRoute(QStringLiteral("gw"), QStringLiteral("r2"))).empty());

    // Saving again replaces.
    ASSERT_TRUE(store.save(key, {{"start", QPointF(5, 5)}}));
    EXPECT_EQ(store.load(key).size(), 1u);
    store.remove(key);
    EXPECT_TRUE(store.load(key).empty());
}

TEST(LayoutStore, FileKeysAndCorruptFiles)
{
    QTemporaryDir dir;
    LayoutStore store(dir.path());
    const QString key = LayoutStore::keyForFile(dir.filePath(QStringLiteral("route.json")));
    EXPECT_EQ(key, LayoutStore::keyForFile(dir.filePath(QStringLiteral("sub/../route.json"))));
    QFile f(store.layoutPath(key));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{\"positions\": {\"a\": [1, 2], \"b\": \"x\", \"c\": [1]");
    f.close();
    EXPECT_TRUE(store.load(key).empty());
}

TEST(LayoutStore, ReportsUnplacedElements)
{
    const Route route = makeDemoRoute();
    const std::vector<std::string> missing = LayoutStore::unplaced(route, {{"start", QPointF()}, {"end", QPointF()}});
    EXPECT_EQ(missing.size(), route.size() - 2);
    EXPECT_EQ(missing.front(), "plan_check"); // route order
}
