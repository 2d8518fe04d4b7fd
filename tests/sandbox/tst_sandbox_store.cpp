// The sandbox's tables without the HTTP in front: SandboxStore, each resource's rows and what they share
// (SandboxSql), on a real SQLite file.
#include "app/sandbox/SandboxSql.h"
#include "app/sandbox/SandboxStore.h"
#include "model/Json.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace rd;

namespace {

const QString kAccount = QStringLiteral("acct");
const QString kGateway = QStringLiteral("gw");

Json gatewayJson(const std::string &id)
{
    return Json{{"id", id}, {"created_at", "2025-01-01T00:00:00Z"}, {"modified_at", "2025-01-01T00:00:00Z"}};
}

SandboxLogRecord logRecord(const QString &id, const QString &createdAt)
{
    SandboxLogRecord log;
    log.id = id;
    log.createdAt = createdAt;
    log.model = QStringLiteral("gpt-4o-mini");
    log.feedback = 1;
    return log;
}

class SandboxStoreTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        QString error;
        ASSERT_TRUE(store.open(&error)) << error.toStdString();
        ASSERT_TRUE(store.gateways().insert(kAccount, gatewayJson("gw")));
    }

    QTemporaryDir dir;
    SandboxStore store{dir.filePath(QStringLiteral("sandbox.sqlite"))};
};

} // namespace

TEST(SandboxSql, OrdersOnlyByAllowedColumns)
{
    const QStringList allowed{QStringLiteral("created_at"), QStringLiteral("name")};
    EXPECT_EQ(SandboxSql::orderBy(QStringLiteral("name"), true, allowed), QStringLiteral("name DESC, seq DESC"));
    EXPECT_EQ(SandboxSql::orderBy(QStringLiteral("name; DROP TABLE routes"), false, allowed),
              QStringLiteral("created_at ASC, seq ASC"));
}

TEST(SandboxSql, LikePatternTakesWildcardsLiterally)
{
    EXPECT_EQ(SandboxSql::likePattern(QStringLiteral("5%_a\\b")), QStringLiteral("%5\\%\\_a\\\\b%"));
    EXPECT_TRUE(SandboxSql::optionalInt(std::nullopt).isNull());
    EXPECT_EQ(SandboxSql::optionalInt(3).toInt(), 3);
}

TEST_F(SandboxStoreTest, GatewaysFindListCountAndSearchLiterally)
{
    ASSERT_TRUE(store.gateways().insert(kAccount, gatewayJson("a_b")));
    ASSERT_TRUE(store.gateways().insert(kAccount, gatewayJson("axb")));
    ASSERT_TRUE(store.gateways().insert(QStringLiteral("other"), gatewayJson("a_b")));
    EXPECT_EQ(store.gateways().count(kAccount), 3);
    EXPECT_EQ((*store.gateways().find(kAccount, QStringLiteral("axb")))["id"], "axb");
    EXPECT_TRUE(store.gateways().find(kAccount, QStringLiteral("nope"))->is_null());

    // "_" is a character here, not LIKE's any-one-character.
    const auto found = store.gateways().list(kAccount, QStringLiteral("a_"), SandboxSlice{});
    ASSERT_TRUE(found);
    EXPECT_EQ(found->total, 1);
    ASSERT_EQ(found->items.size(), 1u);
    EXPECT_EQ(found->items.front()["id"], "a_b");

    Json changed = gatewayJson("axb");
    changed["modified_at"] = "2025-02-01T00:00:00Z";
    changed["rate_limiting_limit"] = 7;
    ASSERT_TRUE(store.gateways().update(kAccount, changed));
    EXPECT_EQ((*store.gateways().find(kAccount, QStringLiteral("axb")))["rate_limiting_limit"], 7);
}

TEST_F(SandboxStoreTest, RoutesVersionsAndDeployments)
{
    const SandboxRouteRows::Row route{
        QStringLiteral("r1"),        kAccount, kGateway, QStringLiteral("chat"), QStringLiteral("2025-01-01"),
        QStringLiteral("2025-01-01")};
    ASSERT_TRUE(store.routes().insert(route));
    EXPECT_EQ(store.routes().find(kAccount, kGateway, QStringLiteral("r1"))->name, QStringLiteral("chat"));
    EXPECT_TRUE(store.routes().find(kAccount, kGateway, QStringLiteral("r2"))->id.isEmpty());
    // An empty exceptId excludes nothing; the route's own id excludes it.
    EXPECT_EQ(store.routes().nameTaken(kAccount, kGateway, QStringLiteral("chat")), true);
    EXPECT_EQ(store.routes().nameTaken(kAccount, kGateway, QStringLiteral("chat"), QStringLiteral("r1")), false);
    ASSERT_TRUE(store.routes().rename(QStringLiteral("r1"), QStringLiteral("talk"), QStringLiteral("2025-01-02")));
    EXPECT_EQ(store.routes().find(kAccount, kGateway, QStringLiteral("r1"))->modifiedAt, QStringLiteral("2025-01-02"));

    for (const char *id : {"v1", "v2"}) {
        ASSERT_TRUE(store.versions().insert(
            {QString::fromLatin1(id), QStringLiteral("r1"), QStringLiteral("[]"), QStringLiteral("2025-01-03")}));
    }
    const auto versions = store.versions().list(QStringLiteral("r1"), SandboxSlice{0, 1});
    ASSERT_TRUE(versions);
    EXPECT_EQ(versions->total, 2);
    ASSERT_EQ(versions->items.size(), 1u);
    EXPECT_EQ(versions->items.front().id, QStringLiteral("v2")); // equal times: the later write first
    EXPECT_TRUE(store.versions().find(QStringLiteral("r1"), QStringLiteral("v9"))->id.isEmpty());

    EXPECT_TRUE(store.deployments().current(QStringLiteral("r1"))->id.isEmpty());
    ASSERT_TRUE(store.deployments().insert(
        {QStringLiteral("d1"), QStringLiteral("r1"), QStringLiteral("v1"), QStringLiteral("2025-01-04")}));
    ASSERT_TRUE(store.deployments().insert(
        {QStringLiteral("d2"), QStringLiteral("r1"), QStringLiteral("v2"), QStringLiteral("2025-01-05")}));
    EXPECT_EQ(store.deployments().current(QStringLiteral("r1"))->versionId, QStringLiteral("v2"));
    EXPECT_EQ(store.deployments().list(QStringLiteral("r1"), SandboxSlice{})->total, 2);

    ASSERT_TRUE(store.routes().remove(QStringLiteral("r1")));
    EXPECT_TRUE(store.routes().find(kAccount, kGateway, QStringLiteral("r1"))->id.isEmpty());
    EXPECT_EQ(store.versions().list(QStringLiteral("r1"), SandboxSlice{})->total, 0);
    EXPECT_TRUE(store.deployments().current(QStringLiteral("r1"))->id.isEmpty());
}

TEST_F(SandboxStoreTest, LogsFeedbackAndDeletion)
{
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(store.logs().insert(
            kAccount, kGateway, logRecord(QStringLiteral("l%1").arg(i), QStringLiteral("2025-01-0%1").arg(i + 1))));
    }
    // Only the score changes: the feedback given before stays.
    ASSERT_TRUE(store.logs().updateFeedback(kAccount, kGateway, QStringLiteral("l0"), std::nullopt, 80, std::nullopt));
    const auto l0 = store.logs().find(kAccount, kGateway, QStringLiteral("l0"));
    ASSERT_TRUE(l0);
    EXPECT_EQ(l0->feedback, 1);
    EXPECT_EQ(l0->score, 80);
    EXPECT_EQ(l0->model, QStringLiteral("gpt-4o-mini"));
    // An inner nullopt clears.
    ASSERT_TRUE(store.logs().updateFeedback(kAccount, kGateway, QStringLiteral("l0"), std::optional<int>(),
                                            std::nullopt, std::nullopt));
    EXPECT_FALSE(store.logs().find(kAccount, kGateway, QStringLiteral("l0"))->feedback);

    const auto page =
        store.logs().list(kAccount, kGateway, QStringLiteral("1 = 1"), {}, QStringLiteral("created_at DESC"), 0, 2);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->total, 3);
    ASSERT_EQ(page->items.size(), 2u);
    EXPECT_EQ(page->items.front().id, QStringLiteral("l2"));

    // The oldest one only.
    EXPECT_EQ(store.logs().remove(kAccount, kGateway, QStringLiteral("1 = 1"), {}, QStringLiteral("created_at ASC"), 1),
              1);
    EXPECT_TRUE(store.logs().find(kAccount, kGateway, QStringLiteral("l0"))->id.isEmpty());
    EXPECT_EQ(store.logs().remove(kAccount, kGateway, QStringLiteral("model = ?"), {QStringLiteral("gpt-4o-mini")},
                                  QStringLiteral("created_at ASC"), 0),
              2);
}

TEST_F(SandboxStoreTest, ProviderConfigsKeepOneDefault)
{
    const auto config = [](const char *id, bool isDefault) {
        return Json{{"id", id}, {"provider_slug", "openai"}, {"default_config", isDefault}};
    };
    ASSERT_TRUE(store.providerConfigs().insert(kAccount, kGateway, QStringLiteral("openai"), config("c1", true)));
    ASSERT_TRUE(store.providerConfigs().clearDefault(kAccount, kGateway, QStringLiteral("openai")));
    ASSERT_TRUE(store.providerConfigs().insert(kAccount, kGateway, QStringLiteral("openai"), config("c2", true)));
    const auto page = store.providerConfigs().list(kAccount, kGateway, SandboxSlice{0, 20, {}, false});
    ASSERT_TRUE(page);
    ASSERT_EQ(page->items.size(), 2u);
    EXPECT_EQ(page->items[0]["default_config"], false);
    EXPECT_EQ(page->items[1]["default_config"], true);
}

// Removing a gateway takes everything under it, and nothing of another account's gateway of the same id.
TEST_F(SandboxStoreTest, RemovingAGatewayTakesWhatIsUnderIt)
{
    ASSERT_TRUE(store.gateways().insert(QStringLiteral("other"), gatewayJson("gw")));
    ASSERT_TRUE(store.routes().insert({QStringLiteral("r1"), kAccount, kGateway, QStringLiteral("chat"),
                                       QStringLiteral("2025-01-01"), QStringLiteral("2025-01-01")}));
    ASSERT_TRUE(store.versions().insert(
        {QStringLiteral("v1"), QStringLiteral("r1"), QStringLiteral("[]"), QStringLiteral("2025-01-01")}));
    ASSERT_TRUE(store.logs().insert(kAccount, kGateway, logRecord(QStringLiteral("l1"), QStringLiteral("2025-01-01"))));
    ASSERT_TRUE(store.logs().insert(QStringLiteral("other"), kGateway,
                                    logRecord(QStringLiteral("l1"), QStringLiteral("2025-01-01"))));
    ASSERT_TRUE(store.providerConfigs().insert(kAccount, kGateway, QStringLiteral("openai"),
                                               Json{{"id", "c1"}, {"provider_slug", "openai"}}));

    ASSERT_TRUE(store.gateways().remove(kAccount, kGateway));
    EXPECT_TRUE(store.gateways().find(kAccount, kGateway)->is_null());
    EXPECT_TRUE(store.routes().find(kAccount, kGateway, QStringLiteral("r1"))->id.isEmpty());
    EXPECT_TRUE(store.versions().find(QStringLiteral("r1"), QStringLiteral("v1"))->id.isEmpty());
    EXPECT_TRUE(store.logs().find(kAccount, kGateway, QStringLiteral("l1"))->id.isEmpty());
    EXPECT_EQ(store.providerConfigs().list(kAccount, kGateway, SandboxSlice{})->total, 0);
    EXPECT_FALSE(store.gateways().find(QStringLiteral("other"), kGateway)->is_null());
    EXPECT_EQ(store.logs().find(QStringLiteral("other"), kGateway, QStringLiteral("l1"))->id, QStringLiteral("l1"));
}

TEST_F(SandboxStoreTest, AccountsRegisterOnce)
{
    EXPECT_EQ(store.registerAccount(QStringLiteral("new")), true);
    EXPECT_EQ(store.registerAccount(QStringLiteral("new")), false);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

// log_management: a full gateway either stops storing logs or makes room by dropping the oldest.
TEST_F(SandboxStoreTest, LogsStayWithinTheGatewaysCap)
{
    using Capped = SandboxLogRows::CappedInsert;
    for (int i = 1; i <= 3; ++i) {
        EXPECT_EQ(store.logs().insertWithin(
                      kAccount, kGateway, logRecord(QStringLiteral("a%1").arg(i), QStringLiteral("2025-01-0%1").arg(i)),
                      3, false),
                  Capped::Inserted);
    }
    EXPECT_EQ(store.logs().insertWithin(kAccount, kGateway,
                                        logRecord(QStringLiteral("a4"), QStringLiteral("2025-01-04")), 3, false),
              Capped::Skipped);
    EXPECT_EQ(store.logs().count(kAccount, kGateway), 3);
    EXPECT_TRUE(store.logs().find(kAccount, kGateway, QStringLiteral("a4"))->id.isEmpty());

    EXPECT_EQ(store.logs().insertWithin(kAccount, kGateway,
                                        logRecord(QStringLiteral("a5"), QStringLiteral("2025-01-05")), 3, true),
              Capped::Inserted);
    EXPECT_EQ(store.logs().count(kAccount, kGateway), 3);
    EXPECT_TRUE(store.logs().find(kAccount, kGateway, QStringLiteral("a1"))->id.isEmpty()); // the oldest went
    EXPECT_EQ(store.logs().find(kAccount, kGateway, QStringLiteral("a5"))->id, QStringLiteral("a5"));
    // Without a cap every log is kept.
    EXPECT_EQ(store.logs().insertWithin(kAccount, kGateway,
                                        logRecord(QStringLiteral("a6"), QStringLiteral("2025-01-06")), 0, false),
              Capped::Inserted);
    EXPECT_EQ(store.logs().count(kAccount, kGateway), 4);
}
