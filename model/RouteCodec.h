#pragma once

#include "model/Decoded.h"
#include "model/Element.h"
#include "model/Json.h"
#include "model/Route.h"

#include <string_view>
#include <vector>

namespace rd {

// What a route file held, so `format` can write back the same form.
//
// The shapes a route file may have, and how decodeDocument tells them apart:
//   [ {element}, ... ]                 one route's elements (ElementsArray); `[]` is a route with none
//   {"elements": [...], ...}           one route as the API returns it (RouteObject); any object that has
//                                      `elements` is this, whatever else it holds
//   {"result": {route}}, {"route": {route}}
//                                      an API response with one route (ApiResponse)
//   {"routes": [...]}                  a list of routes (RouteList): what encodeDocument writes for a list
//   {"result": [...]}, {"data": {"routes": [...]}}
//                                      an API list response (RouteList)
//   [ {route}, ... ]                   a list of routes as older versions of `format` wrote it (RouteList),
//                                      read only where it cannot be elements: its first entry has `elements`
//                                      and either no `type` or entries that do not read as elements. An array
//                                      that reads both ways (unknown fields are kept, so a route may carry a
//                                      `type` and an element an `elements`) is refused, never guessed at.
// An object holding none of these keys, or an API response with `"success": false`, is an error.
//
// encodeDocument writes exactly one route in the shape it came in (an API response unwrapped to its route
// object; a bare elements array only while that cannot read as anything else) and any other number of
// routes, or a RouteList of any size, as {"routes": [...]}, so what it writes always decodes to the same
// routes: see RouteCodecRoundTrip.
struct RouteFileContent
{
    enum class Form {
        ElementsArray, // a bare `[ ...elements ]`
        RouteObject,   // `{ "elements": [...], "name"?: ..., ... }`
        ApiResponse,   // an API envelope: `result` or `route` holding one route
        RouteList,     // several routes (zero or more): `routes`, `result`, `data.routes` or an array of routes
    };
    Form form = Form::RouteObject;
    std::vector<Route> routes; // one, except for RouteList

    bool operator==(const RouteFileContent &) const = default;
};

// JSON <-> route model. Decoding accepts Cloudflare's older doc spellings (`condition`, `rate_limit`,
// `interval`, `technique`, a percentage `else`) and translates them with a warning; encoding writes only
// the live API's spelling. Unknown fields anywhere survive a round trip untouched.
class RouteCodec
{
public:
    static Decoded<Element> decodeElement(const Json &json, std::string_view path = "$");
    static Decoded<std::vector<Element>> decodeElements(const Json &json, std::string_view path = "$");
    // An object with `elements` and the API's route metadata.
    static Decoded<Route> decodeRoute(const Json &json, std::string_view path = "$");
    // Any of RouteFileContent's forms.
    static Decoded<RouteFileContent> decodeDocument(const Json &json);

    static Json encodeElement(const Element &element);
    static Json encodeElements(const std::vector<Element> &elements);
    // The route as the API returns it: metadata (only what is set) and elements.
    static Json encodeRoute(const Route &route);
    static Json encodeDocument(const RouteFileContent &document);
    // Request bodies: create `{name, elements}`, create-version `{elements}`.
    static Json encodeCreateBody(const Route &route);
    static Json encodeVersionBody(const Route &route);
};

} // namespace rd
