// The sandbox's parts that need no server: fault specs, the command line, log filters, paging, previews,
// ids and the demo data.
#include "app/sandbox/FaultInjector.h"
#include "app/sandbox/FaultSpecCodec.h"
#include "app/sandbox/SandboxCommandLine.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxIds.h"
#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxLogQuery.h"
#include "app/sandbox/SandboxProviderConfigApi.h"
#include "app/sandbox/SandboxRouteApi.h"
#include "app/sandbox/SandboxStore.h"
#include "app/sandbox/SandboxTime.h"
#include "app/sandbox/SandboxTransaction.h"
#include "model/Json.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace rd;

TEST(FaultSpecCodec, ReadsJson)
{
    QString error;
    auto spec = FaultSpecCodec::fromJson(Json{{"kind", "rate_limited"},
                                              {"count", 3},
                                              {"retry_after", 12},
                                              {"method", "post"},
                                              {"path_contains", "/routes"}},
                                         &error);
    ASSERT_TRUE(spec) << error.toStdString();
    EXPECT_EQ(spec->kind, FaultSpec::Kind::RateLimited);
    EXPECT_EQ(spec->count, 3);
    EXPECT_EQ(spec->retryAfterSeconds, 12);
    EXPECT_EQ(spec->method, QStringLiteral("POST"));
    EXPECT_EQ(spec->pathContains, QStringLiteral("/routes"));

    auto slow = FaultSpecCodec::fromJson(Json{{"kind", "slow"}}, &error);
    ASSERT_TRUE(slow);
    EXPECT_EQ(slow->delayMs, FaultSpecCodec::kDefaultSlowDelayMs);
    auto drop = FaultSpecCodec::fromJson(Json{{"kind", "drop_connection"}, {"apply_first", true}}, &error);
    ASSERT_TRUE(drop);
    EXPECT_TRUE(drop->applyFirst);

    EXPECT_FALSE(FaultSpecCodec::fromJson(Json{{"kind", "meteor"}}, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("server_error")));
    EXPECT_FALSE(FaultSpecCodec::fromJson(Json{{"kind", "slow"}, {"delay_ms", "long"}}, &error));
    EXPECT_FALSE(FaultSpecCodec::fromJson(Json{{"kind", "slow"}, {"count", 0}}, &error));
    EXPECT_FALSE(FaultSpecCodec::fromJson(Json::array(), &error));
    EXPECT_FALSE(FaultSpecCodec::fromJson(Json{{"kind", "drop_connection"}, {"apply_first", "yes"}}, &error));
}

TEST(FaultSpecCodec, ReadsArguments)
{
    QString error;
    auto plain = FaultSpecCodec::fromArgument(QStringLiteral("server_error"), &error);
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->count, 1);
    auto slow = FaultSpecCodec::fromArgument(QStringLiteral("slow:4:250"), &error);
    ASSERT_TRUE(slow);
    EXPECT_EQ(slow->count, 4);
    EXPECT_EQ(slow->delayMs, 250);
    auto drop = FaultSpecCodec::fromArgument(QStringLiteral("drop_connection:1:apply_first"), &error);
    ASSERT_TRUE(drop);
    EXPECT_TRUE(drop->applyFirst);
    EXPECT_FALSE(FaultSpecCodec::fromArgument(QStringLiteral("malformed_json:1:5"), &error));
    EXPECT_FALSE(FaultSpecCodec::fromArgument(QStringLiteral("slow:-1"), &error));
    EXPECT_FALSE(FaultSpecCodec::fromArgument(QStringLiteral("a:b:c:d"), &error));
    for (auto kind : {FaultSpec::Kind::Slow, FaultSpec::Kind::ServerError, FaultSpec::Kind::RateLimited,
                      FaultSpec::Kind::MalformedJson, FaultSpec::Kind::DropConnection}) {
        EXPECT_EQ(FaultSpecCodec::kindFromName(FaultSpecCodec::kindName(kind)), kind);
    }
}

TEST(FaultInjector, AppliesInOrderAndCounts)
{
    FaultInjector faults;
    FaultSpec first;
    first.kind = FaultSpec::Kind::ServerError;
    first.count = 2;
    first.method = QStringLiteral("POST");
    FaultSpec second;
    second.kind = FaultSpec::Kind::Slow;
    second.pathContains = QStringLiteral("/logs");
    faults.add(first);
    faults.add(second);
    FaultSpec none;
    none.count = 0;
    faults.add(none); // affects nothing

    EXPECT_FALSE(faults.take(QStringLiteral("GET"), QStringLiteral("/client/v4/x/routes")));
    auto hit = faults.take(QStringLiteral("post"), QStringLiteral("/client/v4/x/logs"));
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->kind, FaultSpec::Kind::ServerError); // injected first wins
    EXPECT_EQ(faults.pending().size(), 2);
    EXPECT_EQ(faults.pending()[0].count, 1);
    EXPECT_EQ(faults.take(QStringLiteral("GET"), QStringLiteral("/client/v4/x/logs"))->kind, FaultSpec::Kind::Slow);
    EXPECT_EQ(faults.take(QStringLiteral("POST"), QStringLiteral("/a"))->kind, FaultSpec::Kind::ServerError);
    EXPECT_TRUE(faults.pending().isEmpty());
    EXPECT_FALSE(faults.take(QStringLiteral("POST"), QStringLiteral("/a")));
}

TEST(SandboxCommandLine, ParsesAndRefuses)
{
    QString error;
    auto options = SandboxCommandLine::parse(
        {QStringLiteral("route-sandbox"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token"),
         QStringLiteral("t"), QStringLiteral("--db"), QStringLiteral("/tmp/x.sqlite"), QStringLiteral("--no-demo"),
         QStringLiteral("--fault"), QStringLiteral("slow:2:100"), QStringLiteral("--fault"),
         QStringLiteral("drop_connection")},
        {}, &error);
    ASSERT_TRUE(options) << error.toStdString();
    EXPECT_EQ(options->port, 0);
    EXPECT_EQ(options->token, QByteArray("t"));
    EXPECT_EQ(options->databasePath, QStringLiteral("/tmp/x.sqlite"));
    EXPECT_FALSE(options->seedDemo);
    ASSERT_EQ(options->faults.size(), 2);
    EXPECT_EQ(options->faults[0].delayMs, 100);

    auto defaults = SandboxCommandLine::parse({QStringLiteral("route-sandbox")}, "from-env", &error);
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->port, 8787);
    EXPECT_EQ(defaults->token, QByteArray("from-env"));
    EXPECT_TRUE(defaults->seedDemo);

    EXPECT_FALSE(SandboxCommandLine::parse({QStringLiteral("route-sandbox")}, {}, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("token")));
    EXPECT_FALSE(SandboxCommandLine::parse(
        {QStringLiteral("route-sandbox"), QStringLiteral("--token"), QStringLiteral(" ")}, {}, &error));
    EXPECT_FALSE(SandboxCommandLine::parse(
        {QStringLiteral("route-sandbox"), QStringLiteral("--token"), QStringLiteral("t"), QStringLiteral("extra")}, {},
        &error));
    auto help = SandboxCommandLine::parse({QStringLiteral("route-sandbox"), QStringLiteral("--help")}, {}, &error);
    ASSERT_TRUE(help);
    EXPECT_TRUE(help->helpRequested);
}

TEST(SandboxLogQuery, GroupsRepeatedKeys)
{
    QString error;
    auto query = SandboxLogQuery::parse(
        SandboxRequest::make(QStringLiteral("GET"),
                             QStringLiteral("/x?filters.key=model&filters.operator=eq&filters.value=gpt-4o&filters."
                                            "value=gpt-4o-mini&filters.key=success&filters.operator=neq&filters.value="
                                            "true&search=abc&page=2")),
        &error);
    ASSERT_TRUE(query) << error.toStdString();
    ASSERT_EQ(query->filters().size(), 2);
    EXPECT_EQ(query->filters()[0].values, (QStringList{QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini")}));
    EXPECT_EQ(query->filters()[1].op, QStringLiteral("neq"));
    EXPECT_EQ(query->bindings().size(), 2 + 1 + 4);
    EXPECT_TRUE(query->whereClause().contains(QStringLiteral("model IN (?, ?)")));

    auto indexed = SandboxLogQuery::parse(
        SandboxRequest::make(
            QStringLiteral("GET"),
            QStringLiteral("/x?filters[1][key]=cached&filters[0][key]=model&filters[0][operator]=eq&"
                           "filters[1][operator]=eq&filters[0][value][0]=a&filters[1][value][]=false")),
        &error);
    ASSERT_TRUE(indexed) << error.toStdString();
    ASSERT_EQ(indexed->filters().size(), 2);
    EXPECT_EQ(indexed->filters()[0].key, QStringLiteral("cached"));
    EXPECT_EQ(indexed->filters()[1].values, QStringList{QStringLiteral("a")});

    auto empty = SandboxLogQuery::parse(SandboxRequest::make(QStringLiteral("GET"), QStringLiteral("/x")), &error);
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->whereClause(), QStringLiteral("1"));

    // Percent-decoding only: '+' stays a plus, as the Qt client and the SDKs write spaces as %20.
    auto plus = SandboxLogQuery::parse(
        SandboxRequest::make(QStringLiteral("GET"),
                             QStringLiteral("/x?filters.key=model&filters.operator=eq&filters.value=a+b%20c")),
        &error);
    ASSERT_TRUE(plus);
    EXPECT_EQ(plus->filters()[0].values, QStringList{QStringLiteral("a+b c")});
}

TEST(SandboxListParams, ClampsAndRejects)
{
    const SandboxListParams::Rules rules{20, 50, {QStringLiteral("created_at"), QStringLiteral("name")}};
    QString error;
    auto parse = [&](const QString &query) {
        return SandboxListParams::parse(SandboxRequest::make(QStringLiteral("GET"), QStringLiteral("/x?") + query),
                                        rules, &error);
    };
    auto defaults = parse({});
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->page, 1);
    EXPECT_EQ(defaults->perPage, 20);
    EXPECT_EQ(defaults->orderBy, QStringLiteral("created_at"));
    EXPECT_TRUE(defaults->descending);

    auto clamped = parse(QStringLiteral("page=0&per_page=1000&order_by=name&order_by_direction=ASC"));
    ASSERT_TRUE(clamped);
    EXPECT_EQ(clamped->page, 1);
    EXPECT_EQ(clamped->perPage, 50);
    EXPECT_EQ(clamped->orderBy, QStringLiteral("name"));
    EXPECT_FALSE(clamped->descending);

    auto huge = parse(QStringLiteral("page=123456789012345678901234567890"));
    ASSERT_TRUE(huge);
    EXPECT_GT(huge->offset(), 0); // no overflow

    EXPECT_FALSE(parse(QStringLiteral("page=1e3")));
    EXPECT_FALSE(parse(QStringLiteral("per_page=")));
    EXPECT_FALSE(parse(QStringLiteral("order_by=cost")));
    EXPECT_FALSE(parse(QStringLiteral("order_by_direction=up")));

    const PageInfo info = defaults->pageInfo(20, 41);
    EXPECT_EQ(info.totalPages, 3);
}

TEST(SandboxProviderConfigApi, PreviewNeverRevealsMuch)
{
    EXPECT_EQ(SandboxProviderConfigApi::secretPreview(QStringLiteral("sk-proj-abcdefgh1234")),
              QStringLiteral("sk-...1234"));
    EXPECT_EQ(SandboxProviderConfigApi::secretPreview(QStringLiteral("AIzaSyD-abcdefghijk9876")),
              QStringLiteral("AI...9876"));
    EXPECT_EQ(SandboxProviderConfigApi::secretPreview(QStringLiteral("short")), QStringLiteral("..."));
}

TEST(SandboxIds, UlidAndUuidForms)
{
    static const QRegularExpression ulid(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{26}$"));
    const QString a = SandboxIds::ulid(1'700'000'000'000, 1, 2);
    const QString b = SandboxIds::ulid(1'700'000'000'001, 0, 0);
    EXPECT_TRUE(ulid.match(a).hasMatch()) << a.toStdString();
    EXPECT_LT(a, b); // time-ordered
    EXPECT_EQ(SandboxIds::uuid().size(), 36);
    EXPECT_NE(SandboxIds::uuid(), SandboxIds::uuid());
}

TEST(SandboxTime, FormatsAndParses)
{
    const QDateTime t = QDateTime::fromString(QStringLiteral("2025-03-04T05:06:07.089Z"), Qt::ISODateWithMs);
    EXPECT_EQ(SandboxTime::format(t), QStringLiteral("2025-03-04T05:06:07.089Z"));
    EXPECT_EQ(SandboxTime::format(*SandboxTime::parse(QStringLiteral("2025-03-04T07:06:07+02:00"))),
              QStringLiteral("2025-03-04T05:06:07.000Z"));
    EXPECT_EQ(SandboxTime::format(*SandboxTime::parse(QStringLiteral("2025-03-04"))),
              QStringLiteral("2025-03-04T00:00:00.000Z"));
    EXPECT_FALSE(SandboxTime::parse(QStringLiteral("last tuesday")));
}

TEST(SandboxDemoData, RoutesAreAcceptedByTheApiRules)
{
    const Json demo = SandboxDemoData::demoRoute();
    ASSERT_TRUE(demo.is_object()) << "the demo route resource is missing";
    EXPECT_EQ(demo["name"], "support-chat");
    for (const Json &elements :
         {demo["elements"], SandboxDemoData::previousDemoElements(), SandboxDemoData::quickAnswersElements()}) {
        Json normalized;
        const auto problems = SandboxRouteApi::checkElements(elements, normalized);
        EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.front().message);
        EXPECT_EQ(normalized, elements); // stored exactly as written
    }
    EXPECT_NE(SandboxDemoData::previousDemoElements(), demo["elements"]);
}

namespace {

// Seeds the demo into a fresh store at `now` and reads its logs back, oldest first.
std::vector<SandboxLogRecord> seededDemoLogs(const QString &file, const QDateTime &now)
{
    SandboxStore store(file);
    QString error;
    if (!store.open(&error)) {
        ADD_FAILURE() << error.toStdString();
        return {};
    }
    SandboxTransaction transaction(store);
    if (!SandboxDemoData::seed(store, QStringLiteral("demo"), now) || !transaction.commit()) {
        ADD_FAILURE() << "seeding the demo failed";
        return {};
    }
    auto page = store.logs().list(QStringLiteral("demo"), SandboxDemoData::gatewayId(), QStringLiteral("1 = 1"), {},
                                  QStringLiteral("created_at ASC, seq ASC"), 0, 100000);
    return page ? page->items : std::vector<SandboxLogRecord>{};
}

} // namespace

// The demo week is the backfill's: the data plane's logs, one per request, the same on every run at the same
// `now`.
TEST(SandboxDemoData, LogsAreTheDataPlanesAndDeterministic)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QDateTime now = QDateTime::fromString(QStringLiteral("2025-06-01T12:00:00.000Z"), Qt::ISODateWithMs);
    const auto logs = seededDemoLogs(dir.filePath(QStringLiteral("a.sqlite")), now);
    ASSERT_EQ(logs.size(), static_cast<std::size_t>(SandboxDemoData::kLogCount));
    const auto again = seededDemoLogs(dir.filePath(QStringLiteral("b.sqlite")), now);
    ASSERT_EQ(again.size(), logs.size());

    std::set<QString> ids;
    std::map<QString, int> models;
    int cached = 0;
    int unserved = 0;
    int longPrompts = 0;
    for (std::size_t i = 0; i < logs.size(); ++i) {
        const SandboxLogRecord &log = logs[i];
        SCOPED_TRACE(log.id.toStdString());
        for (const auto &[mine, theirs] :
             {std::pair{log.id, again[i].id}, std::pair{log.eventId, again[i].eventId},
              std::pair{log.provider, again[i].provider}, std::pair{log.model, again[i].model},
              std::pair{log.metadata, again[i].metadata}, std::pair{log.createdAt, again[i].createdAt}}) {
            EXPECT_EQ(mine, theirs);
        }
        EXPECT_EQ(log.requestBody, again[i].requestBody);
        EXPECT_EQ(log.responseBody, again[i].responseBody);
        EXPECT_EQ(log.duration, again[i].duration);
        ids.insert(log.id);
        ++models[log.model];

        // As the data plane writes them.
        EXPECT_EQ(log.path, QStringLiteral("compat/chat/completions"));
        EXPECT_EQ(log.modelType, QStringLiteral("chat"));
        EXPECT_EQ(log.step, 0);
        EXPECT_TRUE(log.metadata.contains(QStringLiteral("\"plan\"")) &&
                    log.metadata.contains(QStringLiteral("\"user_id\"")));
        EXPECT_TRUE(log.requestHead.contains(QStringLiteral("cf-aig-metadata")));
        const QDateTime at = QDateTime::fromString(log.createdAt, Qt::ISODateWithMs);
        EXPECT_LE(at, now.addSecs(-60));
        EXPECT_GE(at, now.addDays(-7));
        EXPECT_GE(log.cost, 0.0);
        EXPECT_LT(log.cost, 0.02);
        if (log.cached) {
            ++cached;
            EXPECT_TRUE(log.success);
            EXPECT_GT(log.tokensIn, 0);
            EXPECT_EQ(log.cost, 0.0);
        } else if (log.success) {
            EXPECT_EQ(log.statusCode, 200);
            EXPECT_GT(log.tokensIn, 0);
            EXPECT_GT(log.duration, 0);
            EXPECT_GT(log.cost, 0.0);
        } else {
            // No model answered: logged under the route's name.
            ++unserved;
            EXPECT_EQ(log.statusCode, 502);
            EXPECT_EQ(log.tokensIn, 0);
            EXPECT_EQ(log.provider, QStringLiteral("unknown"));
            EXPECT_TRUE(log.model.startsWith(QStringLiteral("dynamic/")));
        }
        longPrompts += log.tokensIn > 1500 ? 1 : 0;
    }
    EXPECT_EQ(ids.size(), logs.size());
    // What the demo is made to show: repeated questions answered from the cache, the outages' fallbacks to Gemini
    // and unserved free-plan requests, and some long prompts.
    EXPECT_GT(cached, 5);
    EXPECT_LT(cached, 80);
    EXPECT_GT(unserved, 0);
    EXPECT_GT(models[QStringLiteral("gemini-1.5-flash")], 0);
    EXPECT_GT(models[QStringLiteral("claude-3-5-haiku-latest")], 0);
    EXPECT_GT(models[QStringLiteral("@cf/meta/llama-3.1-8b-instruct")], 0);
    EXPECT_GT(models[QStringLiteral("gpt-4o-mini")], 0);
    EXPECT_GT(longPrompts, 0);
}

TEST(SandboxCommandLine, BackfillAndTraffic)
{
    QString error;
    auto parse = [&](QStringList arguments) {
        arguments.prepend(QStringLiteral("route-sandbox"));
        return SandboxCommandLine::parse(arguments, "token", &error);
    };
    auto none = parse({});
    ASSERT_TRUE(none);
    EXPECT_EQ(none->backfillDays, 0);
    EXPECT_EQ(none->trafficRate, 0.0);
    EXPECT_EQ(none->account, QStringLiteral("demo"));

    auto both = parse({QStringLiteral("--backfill"), QStringLiteral("30"), QStringLiteral("--traffic"),
                       QStringLiteral("2.5:90"), QStringLiteral("--account"), QStringLiteral("acme_01")});
    ASSERT_TRUE(both) << error.toStdString();
    EXPECT_EQ(both->backfillDays, 30);
    EXPECT_EQ(both->trafficRate, 2.5);
    EXPECT_EQ(both->trafficSeconds, 90.0);
    EXPECT_EQ(both->account, QStringLiteral("acme_01"));

    auto endless = parse({QStringLiteral("--traffic"), QStringLiteral("5")});
    ASSERT_TRUE(endless) << error.toStdString();
    EXPECT_EQ(endless->trafficRate, 5.0);
    EXPECT_EQ(endless->trafficSeconds, 0.0); // until stopped

    for (const char *bad : {"0", "-3", "seven", "1.5", "366", ""}) {
        EXPECT_FALSE(parse({QStringLiteral("--backfill"), QString::fromLatin1(bad)})) << bad;
        EXPECT_TRUE(error.contains(QStringLiteral("--backfill"))) << error.toStdString();
    }
    for (const char *bad : {"0", "-1", "fast", "5:0", "5:-10", "5:soon", "5:", ":10", "1001", "5:10:2", "nan", ""}) {
        EXPECT_FALSE(parse({QStringLiteral("--traffic"), QString::fromLatin1(bad)})) << bad;
        EXPECT_TRUE(error.contains(QStringLiteral("--traffic"))) << error.toStdString();
    }
    for (const char *bad : {"a/b", "", "with space"}) {
        EXPECT_FALSE(parse({QStringLiteral("--account"), QString::fromLatin1(bad)})) << bad;
        EXPECT_TRUE(error.contains(QStringLiteral("--account"))) << error.toStdString();
    }
    const QString help = SandboxCommandLine::helpText();
    for (const char *option : {"--backfill <DAYS>", "--traffic <RATE[:SECONDS]>", "--account <ID>"}) {
        EXPECT_TRUE(help.contains(QString::fromLatin1(option))) << option;
    }
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

TEST(SandboxCommandLine, ProviderBehaviourForTheDataPlane)
{
    QString error;
    auto options = SandboxCommandLine::parse(
        {QStringLiteral("route-sandbox"), QStringLiteral("--provider-fail"), QStringLiteral("openai=0.25"),
         QStringLiteral("--provider-fail"), QStringLiteral("workers-ai/@cf/meta/llama-3.1-8b-instruct=1"),
         QStringLiteral("--provider-latency"), QStringLiteral("anthropic=800:2500")},
        "token", &error);
    ASSERT_TRUE(options) << error.toStdString();
    EXPECT_EQ(options->providers.failureRate("openai", "gpt-4o"), 0.25);
    EXPECT_EQ(options->providers.failureRate("workers-ai", "@cf/meta/llama-3.1-8b-instruct"), 1.0);
    EXPECT_EQ(options->providers.failureRate("workers-ai", "other"), 0.0);
    EXPECT_EQ(options->providers.latency("anthropic", "x").p95Ms, 2500);
    for (const char *bad : {"openai", "openai=2", "=0.5", "openai=lots"}) {
        EXPECT_FALSE(SandboxCommandLine::parse(
            {QStringLiteral("route-sandbox"), QStringLiteral("--provider-fail"), QString::fromLatin1(bad)}, "token",
            &error))
            << bad;
        EXPECT_TRUE(error.contains(QStringLiteral("--provider-fail"))) << error.toStdString();
    }
    for (const char *bad : {"anthropic=800", "anthropic=900:100", "anthropic=0:10"}) {
        EXPECT_FALSE(SandboxCommandLine::parse(
            {QStringLiteral("route-sandbox"), QStringLiteral("--provider-latency"), QString::fromLatin1(bad)}, "token",
            &error))
            << bad;
    }
}
