#include "model/engine/RequestContext.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace rd {

namespace {

Decoded<RequestContext> fail(std::string path, std::string message)
{
    return Decoded<RequestContext>::failure({std::move(path), std::move(message)});
}

std::string lowered(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool readTokens(const Json &json, const char *key, double &target, std::string &problem)
{
    const auto it = json.find(key);
    if (it == json.end()) {
        return true;
    }
    if (!it->is_number() || it->get<double>() < 0 || !std::isfinite(it->get<double>())) {
        problem = std::string(key) + " must be a number of tokens, 0 or more";
        return false;
    }
    target = it->get<double>();
    return true;
}

} // namespace

Decoded<RequestContext> RequestContext::fromJson(const Json &json, std::initializer_list<std::string_view> extraKeys)
{
    if (!json.is_object()) {
        return fail("$", "a request context must be a JSON object such as {\"metadata\": {\"plan\": \"free\"}}");
    }
    RequestContext ctx;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const std::string &key = it.key();
        if (key == "metadata" || key == "headers") {
            if (!it->is_object()) {
                return fail("$." + key, key + " must be a JSON object");
            }
        } else if (key != "body" && key != "tokens_in" && key != "tokens_out" &&
                   std::find(extraKeys.begin(), extraKeys.end(), key) == extraKeys.end()) {
            return fail("$." + key,
                        "unknown key \"" + key + "\"; a context has metadata, body, headers, tokens_in and tokens_out");
        }
    }
    if (const auto it = json.find("metadata"); it != json.end()) {
        ctx.metadata = *it;
    }
    if (const auto it = json.find("body"); it != json.end()) {
        ctx.body = *it;
    }
    if (const auto it = json.find("headers"); it != json.end()) {
        for (auto h = it->begin(); h != it->end(); ++h) {
            ctx.headers[lowered(h.key())] = h.value();
        }
    }
    std::string problem;
    if (!readTokens(json, "tokens_in", ctx.tokensIn, problem) ||
        !readTokens(json, "tokens_out", ctx.tokensOut, problem)) {
        return fail("$", problem);
    }
    return Decoded<RequestContext>::success(std::move(ctx));
}

std::string RequestContext::metadataProblem() const
{
    if (metadata.size() > kMaxMetadataEntries) {
        return "metadata has " + std::to_string(metadata.size()) + " entries; Cloudflare accepts at most " +
               std::to_string(kMaxMetadataEntries);
    }
    for (auto it = metadata.begin(); it != metadata.end(); ++it) {
        if (!it->is_string() && !it->is_number() && !it->is_boolean()) {
            return "metadata \"" + it.key() + "\" is " + std::string(it->type_name()) +
                   "; Cloudflare accepts only strings, numbers and booleans";
        }
    }
    return {};
}

} // namespace rd
