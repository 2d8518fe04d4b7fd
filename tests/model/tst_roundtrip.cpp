// decode(format(x)) == x for route files: the three documents that broke it (issue 10, item 3), the shapes
// a bare array may take, and a property test over generated documents. RouteCodecRoundTrip is the check
// under test, so every property is also verified here by hand (parse, decode, compare), not only through it.
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/RouteCodecRoundTrip.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace rd;

namespace {

using Form = RouteFileContent::Form;

Decoded<RouteFileContent> decodeText(const std::string &text)
{
    auto json = JsonText::parse(text);
    if (!json) {
        return Decoded<RouteFileContent>::failure(*json.error);
    }
    return RouteCodec::decodeDocument(*json.value);
}

// What `routectl format` prints, without the check RouteCodecRoundTrip adds.
std::string formatted(const RouteFileContent &doc)
{
    return JsonText::format(RouteCodec::encodeDocument(doc));
}

bool isList(const RouteFileContent &doc)
{
    return doc.form == Form::RouteList;
}

// The property itself, checked by hand: the formatted text reads back as the same routes, a list as a list,
// and formatting that again gives the same text.
::testing::AssertionResult readsBackTheSame(const RouteFileContent &doc)
{
    const std::string text = formatted(doc);
    const auto reread = decodeText(text);
    if (!reread) {
        return ::testing::AssertionFailure()
               << "the formatted text does not read back: " << reread.error->toString() << "\n"
               << text.substr(0, 400);
    }
    if (isList(*reread.value) != isList(doc)) {
        return ::testing::AssertionFailure() << (isList(doc) ? "a list" : "one route") << " reads back as "
                                             << (isList(*reread.value) ? "a list" : "one route") << "\n"
                                             << text.substr(0, 400);
    }
    if (reread.value->routes.size() != doc.routes.size()) {
        return ::testing::AssertionFailure()
               << doc.routes.size() << " routes read back as " << reread.value->routes.size() << "\n"
               << text.substr(0, 400);
    }
    for (std::size_t i = 0; i < doc.routes.size(); ++i) {
        if (!(reread.value->routes[i] == doc.routes[i])) {
            return ::testing::AssertionFailure() << "route " << i << " reads back differently\n" << text.substr(0, 400);
        }
    }
    if (formatted(*reread.value) != text) {
        return ::testing::AssertionFailure() << "formatting again changes the text\n" << text.substr(0, 400);
    }
    return ::testing::AssertionSuccess();
}

// A route with 9 elements, as the API lists it.
std::string nineElementRoute(const std::string &extraFields)
{
    std::string elements = R"({"id": "start", "type": "start", "outputs": {"next": {"elementId": "m0"}}})";
    for (int i = 0; i < 7; ++i) {
        const std::string next = i < 6 ? "m" + std::to_string(i + 1) : "end";
        elements += R"(, {"id": "m)" + std::to_string(i) +
                    R"(", "type": "model", "properties": {"provider": "openai", "model": "gpt-4o-mini"},
                    "outputs": {"success": {"elementId": ")" +
                    next + R"("}, "fallback": {"elementId": "end"}}})";
    }
    elements += R"(, {"id": "end", "type": "end", "outputs": {}})";
    return R"({"id": "r-1", "name": "support-bot", )" + extraFields + R"("elements": [)" + elements + "]}";
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// The three documents from the issue

TEST(RoundTrip, EmptyRouteListStaysAnEmptyList)
{
    const auto doc = decodeText(R"({"data": {"routes": []}})");
    ASSERT_TRUE(doc) << doc.error->toString();
    EXPECT_TRUE(doc.value->routes.empty());
    // Used to be `[]`, which reads back as one route with no elements.
    EXPECT_TRUE(readsBackTheSame(*doc.value));
    EXPECT_EQ(RouteCodec::encodeDocument(*doc.value).dump(), R"({"routes":[]})");
}

TEST(RoundTrip, RouteWithAnEmptyTypeFieldStaysARoute)
{
    const auto doc = decodeText(R"({"data": {"routes": [{"type": "", "elements": []}]}})");
    ASSERT_TRUE(doc) << doc.error->toString();
    ASSERT_EQ(doc.value->routes.size(), 1u);
    EXPECT_EQ(doc.value->routes[0].metadata().extra.value("type", Json()), "");
    // Used to be a bare array whose entry has a `type`: read as an element without an id, so not at all.
    EXPECT_TRUE(readsBackTheSame(*doc.value));
}

TEST(RoundTrip, NineElementRouteWithATypeFieldKeepsItsNineElements)
{
    const auto doc = decodeText(R"({"data": {"routes": [)" + nineElementRoute(R"("type": "chat", )") + "]}}");
    ASSERT_TRUE(doc) << doc.error->toString();
    ASSERT_EQ(doc.value->routes.size(), 1u);
    ASSERT_EQ(doc.value->routes[0].size(), 9u);
    // Used to read back as a route with one element, of type "chat", holding the nine as an unknown field.
    EXPECT_TRUE(readsBackTheSame(*doc.value));
    const auto reread = decodeText(formatted(*doc.value));
    ASSERT_TRUE(reread);
    EXPECT_EQ(reread.value->routes[0].size(), 9u);
    EXPECT_EQ(reread.value->routes[0].metadata().extra.value("type", Json()), "chat");
}

// ---------------------------------------------------------------------------------------------------------
// Bare arrays: elements or routes

TEST(RoundTrip, BareArrayOfRoutesThatCannotBeElementsIsAList)
{
    // What older `format` versions wrote: still read, as a list, whether or not the routes have a `type`.
    for (const char *text : {R"([{"name": "a", "elements": []}])", R"([{"type": "", "elements": []}])",
                             R"([{"id": "r", "type": 7, "elements": []}])"}) {
        const auto doc = decodeText(text);
        ASSERT_TRUE(doc) << text << ": " << doc.error->toString();
        EXPECT_EQ(doc.value->form, Form::RouteList) << text;
        EXPECT_TRUE(readsBackTheSame(*doc.value)) << text;
    }
}

TEST(RoundTrip, BareArrayThatReadsBothWaysIsRefusedNotGuessed)
{
    // An element with an unknown `elements` field, or a route with an unknown `type`: nothing says which.
    const std::string text = "[" + nineElementRoute(R"("type": "chat", )") + "]";
    const auto doc = decodeText(text);
    ASSERT_FALSE(doc);
    EXPECT_EQ(doc.error->toString(),
              "$: this array reads both as one route's elements and as a list of routes (its entries have both "
              "`type` and `elements`); say which: write one route as {\"elements\": [...]} or a list of routes as "
              "{\"routes\": [...]}");
}

TEST(RoundTrip, ElementsWithAnElementsFieldAreReadAsElementsWhenTheyCannotBeRoutes)
{
    // `elements` is not an array of elements here, so this can only be a route's elements.
    const auto doc = decodeText(R"([{"id": "g", "type": "group", "elements": 3, "outputs": {}}])");
    ASSERT_TRUE(doc) << doc.error->toString();
    EXPECT_EQ(doc.value->form, Form::ElementsArray);
    EXPECT_TRUE(readsBackTheSame(*doc.value));
    EXPECT_TRUE(RouteCodec::encodeDocument(*doc.value).is_array());
}

TEST(RoundTrip, ElementsThatWouldReadAsRoutesAreWrittenAsARouteObject)
{
    // Not something decoding produces, but something the editor could: written bare, this would be refused.
    Element group;
    group.id = "g";
    group.type = ElementType::Unknown;
    group.unknownTypeName = "group";
    group.extra = Json::object();
    group.extra["elements"] = Json::array();
    RouteFileContent doc;
    doc.form = Form::ElementsArray;
    doc.routes.emplace_back(std::vector<Element>{group});
    const Json json = RouteCodec::encodeDocument(doc);
    ASSERT_TRUE(json.is_object()) << json.dump();
    EXPECT_TRUE(readsBackTheSame(doc));
}

TEST(RoundTrip, AnythingButOneRouteIsWrittenAsAList)
{
    for (std::size_t count : {0u, 2u}) {
        for (Form form : {Form::ElementsArray, Form::RouteObject, Form::ApiResponse}) {
            RouteFileContent doc;
            doc.form = form;
            doc.routes.assign(count, Route());
            const auto result = RouteCodecRoundTrip::format(doc);
            EXPECT_EQ(result.outcome, RouteCodecRoundTrip::Outcome::Same) << count << ": " << result.problem;
            const auto reread = decodeText(result.text);
            ASSERT_TRUE(reread);
            EXPECT_EQ(reread.value->routes.size(), count) << result.text;
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// The check itself

TEST(RoundTrip, CheckReportsADocumentThatDoesNotSurvive)
{
    // An unknown field named like a known one is overwritten when written: the check must notice.
    auto doc = decodeText(R"({"name": "n", "elements": [{"id": "s", "type": "start", "outputs": {}},
                                                        {"id": "e", "type": "end", "outputs": {}}]})");
    ASSERT_TRUE(doc);
    doc.value->routes[0].metadata().extra["elements"] = Json::array();
    const auto result = RouteCodecRoundTrip::format(*doc.value);
    EXPECT_EQ(result.outcome, RouteCodecRoundTrip::Outcome::NotFaithful);
    EXPECT_EQ(result.problem,
              "the formatted text reads back differently: route 1 has 2 elements but reads back with 0");
    EXPECT_TRUE(result.text.empty());
}

TEST(RoundTrip, CheckRefusesOutputBeyondTheReadersLimits)
{
    // A list read from a bare array gains a level as {"routes": [...]}: at the depth limit, it would not
    // read back, so it is refused instead of written.
    const std::size_t limit = 256;
    const std::string deep = std::string(limit - 2, '[') + std::string(limit - 2, ']');
    const auto doc = decodeText(R"([{"elements": [], "x": )" + deep + "}]");
    ASSERT_TRUE(doc) << doc.error->toString();
    const auto result = RouteCodecRoundTrip::format(*doc.value);
    EXPECT_EQ(result.outcome, RouteCodecRoundTrip::Outcome::ExceedsLimits);
    EXPECT_EQ(result.problem,
              "written out, it would be nested 257 levels deep, more than the 256 that route files may have");

    // Compact input grows when indented.
    const std::string compact = R"({"elements":[{"id":"s","type":"start","outputs":{}}],"x":[1,2,3,4,5,6,7,8,9]})";
    const auto small = decodeText(compact);
    ASSERT_TRUE(small);
    JsonTextLimits limits;
    limits.maxBytes = compact.size() + 10;
    const auto grown = RouteCodecRoundTrip::format(*small.value, limits);
    EXPECT_EQ(grown.outcome, RouteCodecRoundTrip::Outcome::ExceedsLimits);
    EXPECT_NE(grown.problem.find("written out, it would be "), std::string::npos) << grown.problem;
    EXPECT_EQ(RouteCodecRoundTrip::format(*small.value).outcome, RouteCodecRoundTrip::Outcome::Same);
}

TEST(RoundTrip, EquivalentIgnoresHowOneRouteWasWrappedButNotListness)
{
    RouteFileContent a;
    a.form = Form::ApiResponse;
    a.routes.emplace_back();
    RouteFileContent b = a;
    b.form = Form::RouteObject;
    EXPECT_TRUE(RouteCodecRoundTrip::equivalent(a, b));
    b.form = Form::RouteList;
    EXPECT_FALSE(RouteCodecRoundTrip::equivalent(a, b));
    b.form = Form::RouteObject;
    b.routes[0].setName("x");
    EXPECT_FALSE(RouteCodecRoundTrip::equivalent(a, b));
}

// ---------------------------------------------------------------------------------------------------------
// Property: over generated documents of every shape, what `format` writes reads back as the same routes.

namespace {

// Random route documents in every shape decodeDocument reads, with the fields that make shapes ambiguous:
// unknown route fields named `type` (string, empty, number), `routes`, `result`, `success`; unknown element
// fields named `elements` and `name`; empty and odd elements; legacy spellings; lists of 0, 1 and n routes.
class DocumentGenerator
{
public:
    explicit DocumentGenerator(std::uint32_t seed) : m_rng(seed) {}

    std::string shapeName() const { return m_shape; }

    Json document()
    {
        switch (pick(8)) {
        case 0:
            m_shape = "elements";
            return elements();
        case 1:
            m_shape = "route";
            return route();
        case 2:
            m_shape = "result";
            return Json::object({{"success", true}, {"result", route()}});
        case 3:
            m_shape = "route-envelope";
            return Json::object({{"route", route()}});
        case 4:
            m_shape = "result-list";
            return Json::object({{"success", true}, {"result", routes()}});
        case 5:
            m_shape = "data-routes";
            return Json::object({{"data", Json::object({{"page", 1}, {"routes", routes()}})}, {"success", true}});
        case 6:
            m_shape = "routes";
            return Json::object({{"routes", routes()}});
        default:
            m_shape = "bare-routes";
            return routes();
        }
    }

private:
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng); }
    bool chance(int percent) { return static_cast<int>(pick(100)) < percent; }

    Json odd()
    {
        static const Json values[] = {Json(""),
                                      Json("chat"),
                                      Json(7),
                                      Json(1.5),
                                      Json(nullptr),
                                      Json::object(),
                                      Json::array(),
                                      Json::parse(R"({"a": [1, {"b": null}]})"),
                                      Json(18446744073709551615ull)};
        return values[pick(std::size(values))];
    }

    std::string id() { return chance(10) ? std::string(chance(50) ? "" : "é ü") : "e" + std::to_string(m_next++); }

    Json outputs(const std::string &type)
    {
        Json out = Json::object();
        std::vector<std::string> names;
        if (type == "percentage") {
            static const char *shares[] = {"20%", "20.0%", "40%", "33.3%", "0%", "100%", "else", "half"};
            for (std::size_t n = pick(5); n > 0; --n) {
                names.emplace_back(shares[pick(std::size(shares))]);
            }
        } else {
            static const char *ports[] = {"next", "true", "false", "success", "fallback", "x-extra"};
            for (std::size_t n = pick(4); n > 0; --n) {
                names.emplace_back(ports[pick(std::size(ports))]);
            }
        }
        for (const std::string &name : names) {
            Json o = Json::object({{"elementId", chance(10) ? std::string() : "e" + std::to_string(pick(20))}});
            if (chance(15)) {
                o["x-weight"] = odd();
            }
            out[name] = std::move(o);
        }
        return out;
    }

    Json element()
    {
        static const char *types[] = {"start",      "end",   "model", "rate",      "conditional",
                                      "percentage", "cache", "",      "rate_limit"};
        const std::string type = types[pick(std::size(types))];
        Json e = Json::object({{"id", id()}, {"type", type}});
        if (chance(60)) {
            Json props = Json::object();
            if (type == "model") {
                props["provider"] = "openai";
                props["timeout"] = chance(50) ? Json(30000) : Json(2.5);
            } else if (type == "rate" || type == "rate_limit") {
                props["limit"] = chance(50) ? Json(100) : Json(18446744073709551615ull);
                props[chance(50) ? "window" : "interval"] = 60;
                if (chance(20)) {
                    props["technique"] = "sliding";
                }
            } else if (type == "conditional") {
                props[chance(50) ? "conditions" : "condition"] = odd();
            }
            if (chance(20)) {
                props["x-label"] = odd();
            }
            e["properties"] = std::move(props);
        }
        if (!chance(10)) {
            e["outputs"] = outputs(type);
        }
        if (chance(10)) {
            e["name"] = odd();
        }
        if (chance(8)) {
            e["elements"] = chance(50) ? odd() : Json::array({element()});
        }
        return e;
    }

    Json elements()
    {
        Json out = Json::array();
        for (std::size_t n = pick(4) == 0 ? 0 : 1 + pick(9); n > 0; --n) {
            out.push_back(element());
        }
        return out;
    }

    Json route()
    {
        Json r = Json::object();
        if (chance(60)) {
            r["id"] = "r" + std::to_string(m_next++);
        }
        if (chance(60)) {
            r["name"] = chance(10) ? std::string() : "route-" + std::to_string(m_next++);
        }
        if (chance(20)) {
            r["deployment"] = chance(50) ? Json(nullptr) : Json::object({{"version_id", "v1"}});
        }
        if (chance(20)) {
            r["version"] = Json::object({{"active", "true"}});
        }
        static const char *unknown[] = {"type", "type", "type", "routes", "result", "route", "success", "data"};
        for (std::size_t n = pick(3); n > 0; --n) {
            r[unknown[pick(std::size(unknown))]] = odd();
        }
        r["elements"] = elements();
        return r;
    }

    Json routes()
    {
        const std::size_t count = chance(20) ? 0 : chance(40) ? 1 : 2 + pick(4);
        Json out = Json::array();
        for (std::size_t i = 0; i < count; ++i) {
            out.push_back(route());
        }
        return out;
    }

    std::mt19937 m_rng;
    std::size_t m_next = 0;
    std::string m_shape;
};

} // namespace

TEST(RoundTrip, GeneratedDocumentsReadBackAsTheSameRoutes)
{
    DocumentGenerator generator(20261110);
    std::map<std::string, int> byShape;
    std::map<std::size_t, int> listSizes;
    int decoded = 0;
    int ambiguous = 0;
    int routeTypeFields = 0;
    const int total = 3000;
    for (int i = 0; i < total; ++i) {
        const Json json = generator.document();
        const auto doc = RouteCodec::decodeDocument(json);
        if (!doc) {
            // The only thing generated documents may fail on is a bare array that reads two ways.
            ASSERT_NE(doc.error->message.find("reads both as one route's elements and as a list"), std::string::npos)
                << generator.shapeName() << ": " << doc.error->toString() << "\n"
                << json.dump().substr(0, 400);
            ++ambiguous;
            continue;
        }
        ++decoded;
        ++byShape[generator.shapeName()];
        if (doc.value->form == Form::RouteList) {
            ++listSizes[std::min<std::size_t>(doc.value->routes.size(), 2)];
        }
        for (const Route &r : doc.value->routes) {
            routeTypeFields += r.metadata().extra.contains("type") ? 1 : 0;
        }

        ASSERT_TRUE(readsBackTheSame(*doc.value)) << "document " << i << " (" << generator.shapeName() << ")\n"
                                                  << json.dump().substr(0, 600);
        const auto checked = RouteCodecRoundTrip::format(*doc.value);
        ASSERT_EQ(checked.outcome, RouteCodecRoundTrip::Outcome::Same)
            << "document " << i << ": " << checked.problem << "\n"
            << json.dump().substr(0, 600);
        EXPECT_EQ(checked.text, formatted(*doc.value));
    }
    // The property is only as good as what it ran on: every shape, lists of 0, 1 and n, and routes with a
    // `type`, in numbers; refusals the exception.
    EXPECT_GT(decoded, total * 9 / 10) << ambiguous << " ambiguous";
    for (const char *shape :
         {"elements", "route", "result", "route-envelope", "result-list", "data-routes", "routes", "bare-routes"}) {
        EXPECT_GT(byShape[shape], 50) << shape;
    }
    for (std::size_t size : {0u, 1u, 2u}) {
        EXPECT_GT(listSizes[size], 50) << "lists of " << size << (size == 2 ? " or more" : "");
    }
    EXPECT_GT(routeTypeFields, 200);
}
