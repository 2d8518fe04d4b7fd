#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "support/Fixtures.h"

#include <gtest/gtest.h>

using namespace rd;
using rd::test::readFixture;
using rd::test::sameJson;

namespace {

Decoded<RouteFileContent> decodeText(const char *text)
{
    auto json = JsonText::parse(text);
    EXPECT_TRUE(json) << (json.error ? json.error->toString() : "");
    return RouteCodec::decodeDocument(*json.value);
}

std::string errorOf(const char *text)
{
    auto doc = decodeText(text);
    EXPECT_FALSE(doc);
    return doc.error ? doc.error->toString() : std::string();
}

} // namespace

// Every example the seeds show that carries a route decodes, and encodes back to the same JSON.
class SeedRoutes : public testing::TestWithParam<const char *>
{};

TEST_P(SeedRoutes, DecodeAndRoundTrip)
{
    const Json original = readFixture(std::string("seeds/") + GetParam());
    auto doc = RouteCodec::decodeDocument(original);
    ASSERT_TRUE(doc) << doc.error->toString();
    ASSERT_FALSE(doc.value->routes.empty());
    EXPECT_TRUE(doc.warnings.empty());
    const Route &route = doc.value->routes.front();
    ASSERT_EQ(route.size(), 1u);
    EXPECT_EQ(route.elements()[0].type, ElementType::Start);
    EXPECT_EQ(route.elements()[0].output("next")->target, "elementId");

    // The route object inside the envelope comes back identical.
    const Json *inner = &original;
    if (original.contains("result")) {
        inner = &original["result"];
    } else if (original.contains("route")) {
        inner = &original["route"];
    } else if (original.contains("data")) {
        inner = &original["data"]["routes"][0];
    }
    EXPECT_TRUE(sameJson(RouteCodec::encodeRoute(route), *inner)) << RouteCodec::encodeRoute(route).dump(2);
}

INSTANTIATE_TEST_SUITE_P(Seeds, SeedRoutes,
                         testing::Values("list-routes.response.json", "get-route.response.json",
                                         "create-route.response.json", "update-route.response.json",
                                         "delete-route.response.json", "create-deployment.response.json",
                                         "create-version.response.json", "get-version.response.json",
                                         "create-route.request.json", "create-version.request.json"));

TEST(RouteCodec, SeedMetadataIsTyped)
{
    auto doc = RouteCodec::decodeDocument(readFixture("seeds/list-routes.response.json"));
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc.value->form, RouteFileContent::Form::RouteList);
    const RouteMetadata &m = doc.value->routes[0].metadata();
    EXPECT_EQ(m.id, "id");
    EXPECT_EQ(m.accountTag, "account_tag");
    EXPECT_EQ(m.gatewayId, "gateway_id");
    EXPECT_EQ(m.createdAt, "2019-12-27T18:11:19.117Z");
    ASSERT_TRUE(m.version);
    EXPECT_EQ((*m.version)["active"], "true");
    ASSERT_TRUE(m.deployment);
    EXPECT_EQ((*m.deployment)["deployment_id"], "deployment_id");
}

TEST(RouteCodec, SeedRequestBodiesAreWhatWeSend)
{
    auto create = RouteCodec::decodeDocument(readFixture("seeds/create-route.request.json"));
    ASSERT_TRUE(create);
    EXPECT_TRUE(sameJson(RouteCodec::encodeCreateBody(create.value->routes[0]),
                         readFixture("seeds/create-route.request.json")));
    auto version = RouteCodec::decodeDocument(readFixture("seeds/create-version.request.json"));
    ASSERT_TRUE(version);
    EXPECT_TRUE(sameJson(RouteCodec::encodeVersionBody(version.value->routes[0]),
                         readFixture("seeds/create-version.request.json")));
}

TEST(RouteCodec, AllTypesRoundTripKeepsUnknownFieldsAndNumbers)
{
    const Json original = readFixture("routes/all-types.json");
    auto route = RouteCodec::decodeRoute(original);
    ASSERT_TRUE(route) << route.error->toString();
    EXPECT_TRUE(route.warnings.empty());
    const Json encoded = RouteCodec::encodeRoute(*route.value);
    EXPECT_TRUE(sameJson(encoded, original)) << encoded.dump(2);

    const std::string text = encoded.dump();
    EXPECT_NE(text.find(R"("timeout":30000,)"), std::string::npos);  // integer stays integer
    EXPECT_NE(text.find(R"("timeout":15000.5)"), std::string::npos); // real stays real
    EXPECT_NE(text.find(R"("x-burst":1.5)"), std::string::npos);
    EXPECT_NE(text.find(R"("x-weight":2)"), std::string::npos);
    EXPECT_EQ(encoded["x-team"]["tags"][1], 3);

    const Element &plan = *route.value->find("plan");
    EXPECT_EQ(plan.extraProperties["x-label"], "Free or beta");
    EXPECT_EQ(plan.output("true")->extra["x-weight"], 2);
    EXPECT_EQ(route.value->find("start")->extra["x-note"], "entry");
}

TEST(RouteCodec, DecodedFieldsAreTyped)
{
    auto route = RouteCodec::decodeRoute(readFixture("routes/all-types.json"));
    ASSERT_TRUE(route);
    const Route &r = *route.value;
    EXPECT_EQ(r.name(), "all-types");
    const Element &budget = *r.find("budget");
    EXPECT_EQ(budget.type, ElementType::Rate);
    EXPECT_EQ(budget.rate.key, "metadata.user_id");
    EXPECT_EQ(budget.rate.limit, Number::fromInteger(100));
    EXPECT_EQ(budget.rate.limitType, "count");
    EXPECT_EQ(budget.rate.window, Number::fromInteger(3600));
    const Element &llama = *r.find("llama");
    EXPECT_EQ(llama.model.provider, "workers-ai");
    EXPECT_EQ(llama.model.retries, Number::fromInteger(2));
    const Element &split = *r.find("split");
    ASSERT_EQ(split.outputs.size(), 2u);
    EXPECT_EQ(split.outputs[0].name, "70%"); // file order kept
    EXPECT_EQ(split.outputs[1].name, "30%");
    EXPECT_TRUE(r.find("plan")->conditional.conditions->contains("$or"));
}

TEST(RouteCodec, CanonicalKeyOrder)
{
    auto doc = decodeText(R"([{"outputs": {"fallback": {"elementId": "e"}, "success": {"elementId": "e"}},
        "properties": {"retries": 1, "timeout": 5, "model": "m", "provider": "p"}, "type": "model", "id": "m"}])");
    ASSERT_TRUE(doc);
    EXPECT_EQ(RouteCodec::encodeElement(doc.value->routes[0].elements()[0]).dump(),
              R"({"id":"m","type":"model","properties":{"provider":"p","model":"m","timeout":5,"retries":1},)"
              R"("outputs":{"success":{"elementId":"e"},"fallback":{"elementId":"e"}}})");
}

TEST(RouteCodec, UnknownElementTypeIsKept)
{
    auto doc = decodeText(
        R"([{"id": "c", "type": "cache", "properties": {"ttl": 60}, "outputs": {"hit": {"elementId": "e"}}}])");
    ASSERT_TRUE(doc);
    const Element &e = doc.value->routes[0].elements()[0];
    EXPECT_EQ(e.type, ElementType::Unknown);
    EXPECT_EQ(e.typeName(), "cache");
    EXPECT_EQ(RouteCodec::encodeElement(e).dump(),
              R"({"id":"c","type":"cache","properties":{"ttl":60},"outputs":{"hit":{"elementId":"e"}}})");
}

TEST(RouteCodec, LegacySpellingsAreTranslatedWithWarnings)
{
    auto route = RouteCodec::decodeRoute(readFixture("routes/legacy.json"));
    ASSERT_TRUE(route) << route.error->toString();
    ASSERT_EQ(route.warnings.size(), 5u);
    std::string all;
    for (const auto &w : route.warnings) {
        all += w.path + " " + w.message + "\n";
    }
    EXPECT_NE(all.find("$.elements[1].properties.condition legacy `condition`"), std::string::npos) << all;
    EXPECT_NE(all.find("$.elements[2].type legacy type `rate_limit`"), std::string::npos) << all;
    EXPECT_NE(all.find("$.elements[2].properties.interval"), std::string::npos) << all;
    EXPECT_NE(all.find("$.elements[2].properties.technique"), std::string::npos) << all;
    EXPECT_NE(all.find("$.elements[3].outputs.else"), std::string::npos) << all;

    const Route &r = *route.value;
    EXPECT_EQ(r.find("limit")->type, ElementType::Rate);
    EXPECT_EQ(r.find("limit")->rate.window, Number::fromInteger(60));
    EXPECT_TRUE(r.find("check")->conditional.conditions);
    EXPECT_EQ(r.find("split")->outputs[1].name, "75%");
    EXPECT_EQ(r.find("split")->outputs[1].target, "m2");

    const std::string out = RouteCodec::encodeRoute(r).dump();
    for (const char *legacy : {"\"condition\"", "rate_limit", "interval", "technique", "\"else\""}) {
        EXPECT_EQ(out.find(legacy), std::string::npos) << legacy;
    }
    EXPECT_NE(out.find(R"("conditions":{"metadata.plan")"), std::string::npos);
    EXPECT_NE(out.find(R"("type":"rate")"), std::string::npos);
    EXPECT_NE(out.find(R"("window":60)"), std::string::npos);
}

TEST(RouteCodec, LegacyElseEdgeCases)
{
    // The other shares already make 100%: else is never taken, which a 0% share says without losing its wire.
    auto full = decodeText(
        R"([{"id": "p", "type": "percentage", "outputs": {"100%": {"elementId": "a"}, "else": {"elementId": "b"}}}])");
    ASSERT_TRUE(full);
    ASSERT_EQ(full.value->routes[0].elements()[0].outputs.size(), 2u);
    EXPECT_EQ(full.value->routes[0].elements()[0].outputs[1].name, "0%");
    EXPECT_EQ(full.value->routes[0].elements()[0].outputs[1].target, "b");
    ASSERT_EQ(full.warnings.size(), 1u);
    EXPECT_NE(full.warnings[0].message.find("never taken"), std::string::npos);

    // More than 100% already: there is no share to give it, so it stays for a person to fix.
    auto over = decodeText(
        R"([{"id": "p", "type": "percentage", "outputs": {"70%": {"elementId": "a"}, "40%": {"elementId": "c"}, "else": {"elementId": "b"}}}])");
    ASSERT_TRUE(over);
    EXPECT_EQ(over.value->routes[0].elements()[0].outputs[2].name, "else");
    ASSERT_EQ(over.warnings.size(), 1u);
    EXPECT_NE(over.warnings[0].message.find("110%, more than 100%"), std::string::npos) << over.warnings[0].message;

    // The remainder's key already exists: output names must stay unique.
    auto half = decodeText(
        R"([{"id": "p", "type": "percentage", "outputs": {"50%": {"elementId": "a"}, "else": {"elementId": "b"}}}])");
    ASSERT_TRUE(half);
    EXPECT_EQ(half.value->routes[0].elements()[0].outputs[1].name, "50.0%");

    // Fractions are exact.
    auto third = decodeText(
        R"([{"id": "p", "type": "percentage", "outputs": {"33.3%": {"elementId": "a"}, "else": {"elementId": "b"}}}])");
    ASSERT_TRUE(third);
    EXPECT_EQ(third.value->routes[0].elements()[0].outputs[1].name, "66.7%");

    // Unreadable shares: else stays (validation will flag it) with a warning.
    auto odd = decodeText(
        R"([{"id": "p", "type": "percentage", "outputs": {"half": {"elementId": "a"}, "else": {"elementId": "b"}}}])");
    ASSERT_TRUE(odd);
    EXPECT_EQ(odd.value->routes[0].elements()[0].outputs[1].name, "else");
    EXPECT_EQ(odd.warnings.size(), 1u);
}

TEST(RouteCodec, LegacyAndLiveSpellingTogetherKeepsTheLiveOne)
{
    auto doc = decodeText(R"([{"id": "r", "type": "rate", "properties": {"window": 30, "interval": 60},
        "outputs": {}}, {"id": "c", "type": "conditional", "properties": {"conditions": {"a": 1}, "condition": {"b": 2}}, "outputs": {}}])");
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc.value->routes[0].elements()[0].rate.window, Number::fromInteger(30));
    EXPECT_EQ((*doc.value->routes[0].elements()[1].conditional.conditions)["a"], 1);
    EXPECT_EQ(doc.warnings.size(), 2u);
}

TEST(RouteCodec, WrongTypesNameTheirPlace)
{
    EXPECT_EQ(errorOf(R"({"elements": "nope"})"), "$.elements: expected an array of elements, got a string");
    EXPECT_EQ(errorOf(R"([{"id": 7, "type": "start", "outputs": {}}])"), "$[0].id: expected a string, got a number");
    EXPECT_EQ(
        errorOf(
            R"([{"id": "a", "type": "start", "outputs": {}}, {"id": "r", "type": "rate", "properties": {"limit": "100"}, "outputs": {}}])"),
        "$[1].properties.limit: expected a number, got a string");
    EXPECT_EQ(errorOf(R"([{"id": "a", "type": "start", "outputs": []}])"),
              "$[0].outputs: expected an object, got an array");
    EXPECT_EQ(errorOf(R"([{"id": "a", "type": "start", "outputs": {"next": "b"}}])"),
              "$[0].outputs.next: expected an object like {\"elementId\": \"…\"}, got a string");
    EXPECT_EQ(errorOf(R"([{"id": "a", "type": "start", "outputs": {"next": {"elementId": 3}}}])"),
              "$[0].outputs.next.elementId: expected a string, got a number");
    EXPECT_EQ(errorOf(R"([{"id": "a", "type": "model", "properties": [], "outputs": {}}])"),
              "$[0].properties: expected an object, got an array");
    EXPECT_EQ(errorOf(R"([{"type": "start", "outputs": {}}])"), "$[0]: the element has no `id`");
    EXPECT_EQ(errorOf(R"([{"id": "a", "outputs": {}}])"), "$[0]: element 'a' has no `type`");
    EXPECT_EQ(errorOf(R"([42])"), "$[0]: expected an element object, got a number");
    EXPECT_EQ(errorOf(R"({"name": 5, "elements": []})"), "$.name: expected a string, got a number");
    EXPECT_EQ(errorOf(R"("route")"), "$: expected a route: an elements array or an object, got a string");
}

TEST(RouteCodec, DocumentForms)
{
    auto bare = decodeText(R"([{"id": "s", "type": "start", "outputs": {}}])");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare.value->form, RouteFileContent::Form::ElementsArray);
    EXPECT_EQ(RouteCodec::encodeDocument(*bare.value).dump(), R"([{"id":"s","type":"start","outputs":{}}])");

    auto object = decodeText(R"({"name": "n", "elements": []})");
    ASSERT_TRUE(object);
    EXPECT_EQ(object.value->form, RouteFileContent::Form::RouteObject);
    EXPECT_EQ(RouteCodec::encodeDocument(*object.value).dump(), R"({"name":"n","elements":[]})");

    auto patched = decodeText(R"({"route": {"id": "r1", "name": "n", "elements": []}, "success": true})");
    ASSERT_TRUE(patched);
    EXPECT_EQ(patched.value->form, RouteFileContent::Form::ApiResponse);
    EXPECT_EQ(patched.value->routes[0].id(), "r1");

    auto resultList = decodeText(R"({"result": [{"elements": []}, {"elements": []}], "success": true})");
    ASSERT_TRUE(resultList);
    EXPECT_EQ(resultList.value->form, RouteFileContent::Form::RouteList);
    EXPECT_EQ(resultList.value->routes.size(), 2u);

    // Older `format` versions wrote a list as an array of routes; that still reads as a list, not as elements.
    auto routeArray = decodeText(R"([{"name": "a", "elements": []}, {"name": "b", "elements": []}])");
    ASSERT_TRUE(routeArray);
    EXPECT_EQ(routeArray.value->form, RouteFileContent::Form::RouteList);
    EXPECT_EQ(routeArray.value->routes[1].name(), "b");

    // What `format` writes for a list now: an object, whatever the routes carry.
    auto routes = decodeText(R"({"routes": [{"name": "a", "type": "chat", "elements": []}]})");
    ASSERT_TRUE(routes);
    EXPECT_EQ(routes.value->form, RouteFileContent::Form::RouteList);
    ASSERT_EQ(routes.value->routes.size(), 1u);
    EXPECT_EQ(routes.value->routes[0].metadata().extra.value("type", Json()), "chat");
    EXPECT_EQ(RouteCodec::encodeDocument(*routes.value).dump(),
              R"({"routes":[{"name":"a","elements":[],"type":"chat"}]})");
    EXPECT_EQ(RouteCodec::encodeDocument(*routeArray.value).dump(),
              R"({"routes":[{"name":"a","elements":[]},{"name":"b","elements":[]}]})");

    EXPECT_EQ(errorOf(R"({"success": false, "errors": [{"code": 7003, "message": "not found"}]})"),
              "$.success: the API response reports a failure: [7003] not found");
    EXPECT_NE(errorOf(R"({"hello": 1})").find("no route found"), std::string::npos);
    EXPECT_EQ(errorOf(R"({"data": {"routes": {}}})"), "$.data.routes: expected an array of routes, got an object");
    EXPECT_EQ(errorOf(R"({"routes": "r"})"), "$.routes: expected an array of routes, got a string");
}

TEST(RouteCodec, MissingOutputsAreWrittenEmptyWithAWarning)
{
    auto doc = decodeText(R"([{"id": "e", "type": "end"}])");
    ASSERT_TRUE(doc);
    ASSERT_EQ(doc.warnings.size(), 1u);
    EXPECT_EQ(RouteCodec::encodeDocument(*doc.value).dump(), R"([{"id":"e","type":"end","outputs":{}}])");
}

TEST(RouteCodec, ConditionsAreKeptByteForByte)
{
    const char *conditions =
        R"({"$and":[{"metadata.tier":{"$in":["a","b"]}},{"headers.x-region":{"$regex":"^eu-"}}],"x":null,"n":1.50})";
    const std::string text = std::string(R"([{"id":"c","type":"conditional","properties":{"conditions":)") +
                             conditions + R"(},"outputs":{}}])";
    auto doc = decodeText(text.c_str());
    ASSERT_TRUE(doc);
    const std::string out = RouteCodec::encodeDocument(*doc.value).dump();
    EXPECT_NE(
        out.find(
            R"("conditions":{"$and":[{"metadata.tier":{"$in":["a","b"]}},{"headers.x-region":{"$regex":"^eu-"}}],"x":null,"n":1.5})"),
        std::string::npos)
        << out;
}
