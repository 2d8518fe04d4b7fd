#include "model/JsonField.h"
#include "model/RouteCodec.h"

namespace rd {

// The document forms of a route file (see RouteFileContent): which shape a file has, and writing one back in
// its own shape. Elements and routes themselves are RouteCodec.cpp's.

namespace {

// "The API response reports failure: [7001] ..." from an envelope with success:false.
std::optional<DecodeIssue> envelopeFailure(const Json &json)
{
    auto success = json.find("success");
    if (success == json.end() || !success->is_boolean() || success->get<bool>()) {
        return std::nullopt;
    }
    std::string text;
    if (auto errors = json.find("errors"); errors != json.end() && errors->is_array()) {
        for (const Json &e : *errors) {
            if (!text.empty()) {
                text += "; ";
            }
            if (e.is_object()) {
                if (auto code = e.find("code"); code != e.end() && code->is_number()) {
                    text += "[" + code->dump() + "] ";
                }
                if (auto message = e.find("message"); message != e.end() && message->is_string()) {
                    text += message->get<std::string>();
                }
            }
        }
    }
    return DecodeIssue{"$.success", "the API response reports a failure" + (text.empty() ? "" : ": " + text)};
}

using DocumentResult = Decoded<RouteFileContent>;

DocumentResult readSingle(RouteFileContent::Form form, const Json &routeJson, std::string_view path)
{
    auto route = RouteCodec::decodeRoute(routeJson, path);
    if (!route) {
        return DocumentResult::failure(std::move(*route.error), std::move(route.warnings));
    }
    RouteFileContent doc;
    doc.form = form;
    doc.routes.push_back(std::move(*route.value));
    return DocumentResult::success(std::move(doc), std::move(route.warnings));
}

DocumentResult readList(const Json &array, std::string_view path)
{
    if (!array.is_array()) {
        return DocumentResult::failure(JsonField::wrongType(std::string(path), "an array of routes", array));
    }
    RouteFileContent doc;
    doc.form = RouteFileContent::Form::RouteList;
    doc.routes.reserve(array.size());
    std::vector<DecodeIssue> warnings;
    for (std::size_t i = 0; i < array.size(); ++i) {
        auto route = RouteCodec::decodeRoute(array[i], JsonField::item(path, i));
        warnings.insert(warnings.end(), std::make_move_iterator(route.warnings.begin()),
                        std::make_move_iterator(route.warnings.end()));
        if (!route) {
            return DocumentResult::failure(std::move(*route.error), std::move(warnings));
        }
        doc.routes.push_back(std::move(*route.value));
    }
    return DocumentResult::success(std::move(doc), std::move(warnings));
}

DocumentResult readElementsArray(const Json &array)
{
    auto elements = RouteCodec::decodeElements(array, "$");
    if (!elements) {
        return DocumentResult::failure(std::move(*elements.error), std::move(elements.warnings));
    }
    RouteFileContent doc;
    doc.form = RouteFileContent::Form::ElementsArray;
    doc.routes.emplace_back(std::move(*elements.value));
    return DocumentResult::success(std::move(doc), std::move(elements.warnings));
}

// Whether a bare array needs a second look: only an array whose first entry has `elements` may be a list of
// routes (what `format` wrote for lists before it wrote {"routes": [...]}).
bool mayBeRouteList(const Json &array)
{
    return !array.empty() && array[0].is_object() && array[0].contains("elements");
}

// A bare array: a route's elements, or a list of routes. Unknown fields are kept on both, so an entry with
// `type` and `elements` may be either (an element with an extra `elements`, or a route with an extra
// `type`). The first entry decides where it can; otherwise the array is read both ways, and when both
// succeed it is refused rather than guessed at: a wrong guess reads a 9-element route as a 1-element one.
DocumentResult readArray(const Json &array)
{
    if (!mayBeRouteList(array)) {
        return readElementsArray(array);
    }
    if (!array[0].contains("type")) {
        return readList(array, "$"); // an element needs a `type`: this can only be routes
    }
    DocumentResult asElements = readElementsArray(array);
    DocumentResult asList = readList(array, "$");
    if (asElements && asList) {
        return DocumentResult::failure(
            {"$", "this array reads both as one route's elements and as a list of routes (its entries have both "
                  "`type` and `elements`); say which: write one route as {\"elements\": [...]} or a list of routes "
                  "as {\"routes\": [...]}"});
    }
    return asList ? std::move(asList) : std::move(asElements);
}

} // namespace

Decoded<RouteFileContent> RouteCodec::decodeDocument(const Json &json)
{
    using Result = Decoded<RouteFileContent>;
    using Form = RouteFileContent::Form;
    if (json.is_array()) {
        return readArray(json);
    }
    if (!json.is_object()) {
        return Result::failure(JsonField::wrongType("$", "a route: an elements array or an object", json));
    }
    if (json.contains("elements")) {
        return readSingle(Form::RouteObject, json, "$");
    }
    if (auto failure = envelopeFailure(json)) {
        return Result::failure(std::move(*failure));
    }
    if (auto result = json.find("result"); result != json.end()) {
        if (result->is_array()) {
            return readList(*result, "$.result");
        }
        return readSingle(Form::ApiResponse, *result, "$.result");
    }
    if (auto route = json.find("route"); route != json.end()) {
        return readSingle(Form::ApiResponse, *route, "$.route");
    }
    if (auto data = json.find("data"); data != json.end() && data->is_object()) {
        if (auto routes = data->find("routes"); routes != data->end()) {
            return readList(*routes, "$.data.routes");
        }
    }
    if (auto routes = json.find("routes"); routes != json.end()) {
        return readList(*routes, "$.routes");
    }
    return Result::failure({"$", "no route found: expected an `elements` array, an object with `elements`, a list "
                                 "of routes as `routes`, or an API response with `result`, `route` or "
                                 "`data.routes`"});
}

Json RouteCodec::encodeDocument(const RouteFileContent &document)
{
    // One route keeps its shape; an API response is unwrapped to the route object it carries. A bare array
    // cannot hold metadata, and must not be one that reads as a list of routes (see readArray): then the
    // route is written as an object, which reads back as the same route.
    if (document.form != RouteFileContent::Form::RouteList && document.routes.size() == 1) {
        const Route &route = document.routes.front();
        if (document.form == RouteFileContent::Form::ElementsArray && route.metadata() == RouteMetadata{}) {
            Json bare = encodeElements(route.elements());
            if (!mayBeRouteList(bare) || !readList(bare, "$")) {
                return bare;
            }
        }
        return encodeRoute(route);
    }
    // A list, of any length, as an object: a bare array of routes is ambiguous once unknown fields are kept,
    // and `[]` already means a route with no elements.
    Json routes = Json::array();
    routes.get_ref<Json::array_t &>().reserve(document.routes.size());
    for (const Route &r : document.routes) {
        routes.push_back(encodeRoute(r));
    }
    Json out = Json::object();
    out["routes"] = std::move(routes);
    return out;
}

} // namespace rd
