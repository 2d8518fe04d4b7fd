#pragma once

#include "model/Decoded.h"
#include "model/Json.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace rd {

struct JsonTextLimits
{
    // A 10,000-element route is about 2 MB; anything far larger is not a route and would only make the
    // app stall, so it is refused up front with a message instead.
    std::size_t maxBytes = 16 * 1024 * 1024;
    // Deep nesting is refused before parsing: later recursive walks (dump, compare) must never overflow.
    std::size_t maxDepth = 256;
};

// Text <-> JSON with limits and positions: never throws.
class JsonText
{
public:
    static Decoded<Json> parse(std::string_view text, const JsonTextLimits &limits = {});
    // Reads and parses a file; an unreadable or oversized file is an error naming the file's problem.
    static Decoded<Json> readFile(const std::string &path, const JsonTextLimits &limits = {});
    // 2-space indented, UTF-8 kept as is, invalid UTF-8 replaced rather than thrown on; ends with '\n'.
    static std::string format(const Json &json);
    // Compact form for request bodies.
    static std::string compact(const Json &json);
};

} // namespace rd
