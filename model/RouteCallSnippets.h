#pragma once

#include "model/Json.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rd {

// Code that calls a dynamic route through the gateway's OpenAI-compatible endpoint: a curl command, OpenAI's
// Python SDK and its JavaScript SDK, each sending `"model": "dynamic/<route>"`, the route's metadata in
// `cf-aig-metadata` and, on an authenticated gateway, the gateway token in `cf-aig-authorization`. Secrets are
// never in the text: the snippets read them from environment variables, so what is copied can be pasted into a
// chat or a repository as it is.
class RouteCallSnippets
{
public:
    // The gateway token (cf-aig-authorization) and the caller's own provider key, read from the environment.
    static constexpr std::string_view kGatewayTokenVar = "CF_AIG_TOKEN";
    static constexpr std::string_view kProviderKeyVar = "PROVIDER_API_KEY";

    struct Input
    {
        std::string compatUrl; // ".../v1/{account}/{gateway}/compat": the SDKs' base URL
        std::string routeName;
        std::vector<std::pair<std::string, Json>> metadata; // sent in this order
        bool authenticated = false;                         // the gateway wants cf-aig-authorization
        // Callers send their own provider key (the gateway stores none for some provider the route uses). When
        // false the gateway adds its stored keys and curl sends no Authorization at all.
        bool callerKey = false;
        std::string prompt = "Hello!";
    };

    static std::string curl(const Input &input);
    static std::string python(const Input &input);
    static std::string javascript(const Input &input);

    // `text` as one POSIX shell word: single-quoted, each ' written as '\''. Safe for $, `, \, " and spaces.
    static std::string shellQuote(std::string_view text);
    // The cf-aig-metadata header's value: compact JSON, non-ASCII escaped (header values are bytes, and
    // proxies mangle anything but ASCII).
    static std::string metadataHeader(const Input &input);
};

} // namespace rd
