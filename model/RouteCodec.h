#pragma once

#include "model/Decoded.h"
#include "model/Element.h"
#include "model/Json.h"
#include "model/Route.h"

#include <string_view>
#include <vector>

namespace rd {

// What a route file held, so `format` can write back the same form.
struct RouteFileContent
{
    enum class Form {
        ElementsArray, // a bare `[ ...elements ]`
        RouteObject,   // `{ "elements": [...], "name"?: ..., ... }`
        ApiResponse,   // an API envelope: `result`, `route` or `data.routes`
        RouteList,     // an API list response, or an array of route objects: several routes
    };
    Form form = Form::RouteObject;
    std::vector<Route> routes; // one, except for RouteList
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
