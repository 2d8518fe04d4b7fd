#pragma once

#include "model/Decoded.h"
#include "model/Json.h"

#include <string>
#include <string_view>

namespace rd {

// One request as the route engine sees it: what the `cf-aig-metadata` header carried, the JSON body, the
// headers (names lower-cased, as HTTP/2 sends them) and the tokens it will use, which price it.
struct RequestContext
{
    static constexpr double kDefaultTokensIn = 500;
    static constexpr double kDefaultTokensOut = 200;
    // Cloudflare's limit on the `cf-aig-metadata` header.
    static constexpr std::size_t kMaxMetadataEntries = 5;

    Json metadata = Json::object();
    Json body = Json::object();
    Json headers = Json::object();
    double tokensIn = kDefaultTokensIn;
    double tokensOut = kDefaultTokensOut;

    // Reads `{"metadata": {...}, "body": ..., "headers": {...}, "tokens_in": N, "tokens_out": N}`, every key
    // optional; other keys are refused so that a typo ("metdata") does not silently trace an empty request.
    // `extraKeys` names keys the caller reads itself (a mix line's "weight").
    static Decoded<RequestContext> fromJson(const Json &json, std::initializer_list<std::string_view> extraKeys = {});

    // Empty when the metadata is something Cloudflare accepts (at most 5 entries, each a string, number or
    // boolean); otherwise why not, as a sentence.
    std::string metadataProblem() const;
};

} // namespace rd
