#include "model/ApiEnvelope.h"
#include "model/Gateway.h"
#include "model/ListPage.h"
#include "model/LogEntry.h"
#include "model/ProviderConfig.h"
#include "model/RouteCodec.h"
#include "model/RouteDeployment.h"
#include "model/RouteVersion.h"
#include "support/Fixtures.h"

#include <gtest/gtest.h>

using namespace rd;
using rd::test::readFixture;
using rd::test::sameJson;

TEST(ApiEnvelope, ResultShape)
{
    auto env = ApiEnvelope::fromJson(readFixture("api/gateway.json"));
    ASSERT_TRUE(env);
    EXPECT_TRUE(env.value->success);
    EXPECT_EQ(env.value->payloadKind, ApiEnvelope::PayloadKind::Result);
    EXPECT_FALSE(env.value->pageInfo);
}

TEST(ApiEnvelope, DataShapeCarriesPaging)
{
    auto env = ApiEnvelope::fromJson(readFixture("seeds/list-versions.response.json"));
    ASSERT_TRUE(env);
    EXPECT_EQ(env.value->payloadKind, ApiEnvelope::PayloadKind::Data);
    ASSERT_TRUE(env.value->pageInfo);
    EXPECT_EQ(env.value->pageInfo->orderBy, "order_by");
}

TEST(ApiEnvelope, RouteShape)
{
    auto env = ApiEnvelope::fromJson(readFixture("seeds/update-route.response.json"));
    ASSERT_TRUE(env);
    EXPECT_EQ(env.value->payloadKind, ApiEnvelope::PayloadKind::Route);
    EXPECT_TRUE(RouteCodec::decodeRoute(env.value->payload));
}

TEST(ApiEnvelope, Errors)
{
    auto env = ApiEnvelope::fromJson(readFixture("api/error-not-found.json"));
    ASSERT_TRUE(env);
    EXPECT_FALSE(env.value->success);
    EXPECT_TRUE(env.value->hasErrorCode(7003));
    EXPECT_EQ(env.value->errorSummary().substr(0, 24), "[7003] Could not route t");
    EXPECT_EQ(env.value->errors[0].documentationUrl, "https://developers.cloudflare.com/api/");

    // No `success` but errors: a failure all the same.
    auto bare = ApiEnvelope::fromJson(Json::parse(R"({"errors": [{"code": 10000, "message": "Authentication error"}]})"));
    ASSERT_TRUE(bare);
    EXPECT_FALSE(bare.value->success);
    EXPECT_FALSE(ApiEnvelope::fromJson(Json::parse("[1]")));
}

TEST(ApiEnvelope, WritersProduceWhatReadersRead)
{
    PageInfo info;
    info.page = 2;
    info.perPage = 20;
    info.count = 20;
    info.totalCount = 57;
    info.totalPages = 3;
    const Json written = ApiEnvelope::makeSuccess(Json::array({1, 2}), ApiEnvelope::PayloadKind::Result, info);
    auto read = ApiEnvelope::fromJson(written);
    ASSERT_TRUE(read);
    EXPECT_TRUE(read.value->success);
    EXPECT_EQ(read.value->pageInfo, info);
    EXPECT_EQ(read.value->payload, Json::array({1, 2}));

    const Json failure = ApiEnvelope::makeFailure({ApiMessage{7001, "bad input", "", Json()}});
    EXPECT_EQ(failure.dump(), R"({"success":false,"errors":[{"code":7001,"message":"bad input"}],"messages":[],"result":null})");
    EXPECT_EQ(ApiEnvelope::makeSuccess(Json::object(), ApiEnvelope::PayloadKind::Route).dump(),
              R"({"route":{},"success":true})");
}

TEST(PageInfo, HasMore)
{
    PageInfo p = PageInfo::fromJson(Json::parse(R"({"page": 2, "per_page": 2, "total_pages": 29})"));
    EXPECT_TRUE(p.hasMore(2));
    p = PageInfo::fromJson(Json::parse(R"({"page": 3, "per_page": 20, "total_count": 57})"));
    EXPECT_FALSE(p.hasMore(17));
    p = PageInfo::fromJson(Json::parse(R"({"page": 1, "per_page": 20})"));
    EXPECT_TRUE(p.hasMore(20));
    EXPECT_FALSE(p.hasMore(19));
    EXPECT_EQ(PageInfo::fromJson(Json("junk")).page, 1);
}

TEST(Gateway, DecodeKeepsEverything)
{
    const Json json = readFixture("api/gateway.json")["result"];
    auto g = Gateway::fromJson(json);
    ASSERT_TRUE(g);
    EXPECT_EQ(g.value->id(), "my-gateway");
    EXPECT_TRUE(g.value->collectLogs());
    EXPECT_EQ(g.value->rateLimitingLimit(), Number::fromInteger(500));
    EXPECT_TRUE(sameJson(g.value->json(), json)); // dlp, otel, retry_* untouched
}

TEST(Gateway, WrongTypesAreReported)
{
    auto g = Gateway::fromJson(Json::parse(R"({"id": "g", "collect_logs": "yes"})"), "$.result");
    ASSERT_FALSE(g);
    EXPECT_EQ(g.error->toString(), "$.result.collect_logs: expected true/false, got string");
    auto noId = Gateway::fromJson(Json::parse(R"({"collect_logs": true})"));
    ASSERT_FALSE(noId);
    EXPECT_EQ(noId.error->toString(), "$.id: required field is missing");
}

TEST(Gateway, CreateHasTheRequiredFields)
{
    Gateway g = Gateway::create("new-gw");
    g.setRateLimiting(Number::fromInteger(60), Number::fromInteger(100));
    for (const char *key : {"id", "cache_invalidate_on_update", "cache_ttl", "collect_logs", "rate_limiting_interval",
                            "rate_limiting_limit"}) {
        EXPECT_TRUE(g.json().contains(key)) << key;
    }
    EXPECT_EQ(g.json()["rate_limiting_limit"], 100);
}

TEST(LogEntry, ListPageDecodes)
{
    const Json body = readFixture("api/logs-page.json");
    auto env = ApiEnvelope::fromJson(body);
    ASSERT_TRUE(env);
    auto page = ListPage<LogEntry>::decode(env.value->payload, *env.value->pageInfo, "$.result",
                                           [](const Json &j, const std::string &p) { return LogEntry::fromJson(j, p); });
    ASSERT_TRUE(page) << page.error->toString();
    ASSERT_EQ(page.value->items.size(), 2u);
    EXPECT_EQ(page.value->info.totalCount, 57);
    const LogEntry &first = page.value->items[0];
    EXPECT_EQ(first.provider(), "openai");
    EXPECT_EQ(first.tokensIn(), Number::fromInteger(412));
    EXPECT_DOUBLE_EQ(first.cost()->toDouble(), 0.0001386);
    EXPECT_EQ(first.metadataObject()["user_id"], "u-1842");
    const LogEntry &second = page.value->items[1];
    EXPECT_FALSE(second.success());
    EXPECT_TRUE(second.cached());
    EXPECT_FALSE(second.cost());
    EXPECT_EQ(second.statusCode(), Number::fromInteger(429));
    EXPECT_TRUE(second.metadataObject().empty());
    EXPECT_TRUE(second.json().contains("x-future-field"));
}

TEST(LogEntry, DetailAndBadItem)
{
    auto detail = LogEntry::fromJson(readFixture("api/log-detail.json")["result"]);
    ASSERT_TRUE(detail);
    EXPECT_EQ(detail.value->responseSize(), Number::fromInteger(922));
    EXPECT_NE(detail.value->responseHead().find("cf-aig-model"), std::string::npos);

    auto page = ListPage<LogEntry>::decode(Json::parse(R"([{"id": "a"}, {"id": "b", "tokens_in": "many"}])"),
                                           PageInfo{}, "$.result",
                                           [](const Json &j, const std::string &p) { return LogEntry::fromJson(j, p); });
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error->toString(), "$.result[1].tokens_in: expected a number, got string");
}

TEST(ProviderConfig, Decode)
{
    auto env = ApiEnvelope::fromJson(readFixture("api/provider-configs.json"));
    ASSERT_TRUE(env);
    auto page = ListPage<ProviderConfig>::decode(
        env.value->payload, *env.value->pageInfo, "$.result",
        [](const Json &j, const std::string &p) { return ProviderConfig::fromJson(j, p); });
    ASSERT_TRUE(page);
    EXPECT_EQ(page.value->items[0].alias(), "openai-prod");
    EXPECT_TRUE(page.value->items[0].isDefault());
    EXPECT_EQ(page.value->items[0].rateLimitPeriod(), Number::fromInteger(60));
}

TEST(RouteVersionAndDeployment, SeedsDecode)
{
    const Json versions = readFixture("seeds/list-versions.response.json");
    auto v = RouteVersion::fromJson(versions["data"]["versions"][0]);
    ASSERT_TRUE(v);
    EXPECT_TRUE(v.value->isActive());
    EXPECT_EQ(v.value->versionId(), "version_id");
    EXPECT_EQ(v.value->data(), "data");
    EXPECT_FALSE(v.value->hasElements());

    auto full = RouteVersion::fromJson(readFixture("seeds/get-version.response.json")["result"]);
    ASSERT_TRUE(full);
    auto route = full.value->route();
    ASSERT_TRUE(route);
    EXPECT_EQ(route.value->size(), 1u);

    const Json deployments = readFixture("seeds/list-deployments.response.json");
    auto d = RouteDeployment::fromJson(deployments["data"]["deployments"][0]);
    ASSERT_TRUE(d);
    EXPECT_EQ(d.value->deploymentId(), "deployment_id");
    EXPECT_EQ(d.value->versionId(), "version_id");
}

TEST(RouteVersion, DefensiveForms)
{
    // One public client met `data` as an array and `active` as a boolean: data, never a crash.
    auto v = RouteVersion::fromJson(Json::parse(R"({"version_id": "v1", "active": false, "data": [{"id": "s"}]})"));
    ASSERT_TRUE(v);
    EXPECT_FALSE(v.value->isActive());
    EXPECT_EQ(v.value->data(), R"([{"id":"s"}])");
    EXPECT_FALSE(RouteVersion::fromJson(Json::parse(R"({"version_id": 5})")));
}
