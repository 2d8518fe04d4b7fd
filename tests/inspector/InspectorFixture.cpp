#include "InspectorFixture.h"

#include "model/JsonText.h"
#include "model/RouteCodec.h"

#include <stdexcept>

namespace inspectortest {

namespace {

const char *const kFixture = R"json([
  {"id": "start", "type": "start", "outputs": {"next": {"elementId": "gate"}}},
  {"id": "gate", "type": "conditional",
   "properties": {"conditions": {"metadata.plan": {"$eq": "free"}}},
   "outputs": {"true": {"elementId": "split"}, "false": {"elementId": "gpt4o_mini"}}},
  {"id": "split", "type": "percentage",
   "outputs": {"60%": {"elementId": "gpt4o_mini"}, "30%": {"elementId": "limiter"}}},
  {"id": "limiter", "type": "rate",
   "properties": {"key": "metadata.user_id", "limit": 100, "limitType": "count", "window": 3600},
   "outputs": {"success": {"elementId": "gpt4o_mini"}, "fallback": {"elementId": "end"}}},
  {"id": "gpt4o_mini", "type": "model",
   "properties": {"provider": "openai", "model": "gpt-4o-mini", "timeout": 30000, "retries": 2, "x-note": "kept"},
   "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "end"}}},
  {"id": "weird", "type": "conditional",
   "properties": {"conditions": {"$or": [
       {"$and": [{"metadata.plan": {"$eq": "pro"}}, {"headers.x-beta": {"$exists": true}}]},
       {"metadata.tags": {"$elemMatch": {"$eq": "beta"}}},
       {"metadata.score": {"$gte": 1.50, "$mod": [2, 0]}}]}},
   "outputs": {"true": {"elementId": "end"}, "false": {"elementId": "end"}}},
  {"id": "future", "type": "cache", "properties": {"ttl": 60, "scope": ["user"]}, "outputs": {}},
  {"id": "end", "type": "end", "outputs": {}}
])json";

} // namespace

std::vector<rd::Element> elementsFromJson(const std::string &json)
{
    const auto parsed = rd::JsonText::parse(json);
    if (!parsed) {
        throw std::runtime_error("fixture JSON: " + parsed.error->toString());
    }
    auto decoded = rd::RouteCodec::decodeElements(*parsed.value);
    if (!decoded) {
        throw std::runtime_error("fixture elements: " + decoded.error->toString());
    }
    return *decoded.value;
}

std::vector<rd::Element> fixtureElements()
{
    return elementsFromJson(kFixture);
}

std::string dump(const rd::Element &element)
{
    return rd::RouteCodec::encodeElement(element).dump();
}

} // namespace inspectortest
