#pragma once

#include "model/Decoded.h"
#include "model/Json.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rd {

// The route codec's vocabulary for reading JSON: paths to a value ("$.elements[3].id") and the issue to
// report when a value has the wrong type.
class JsonField
{
public:
    // "an object", "a string", "a number", ... : how a decode error names what it got.
    static std::string kindOf(const Json &json);
    static std::string child(std::string_view path, std::string_view key);
    static std::string item(std::string_view path, std::size_t index);
    // "expected <expected>, got <kind of got>" at `path`.
    static DecodeIssue wrongType(std::string path, std::string_view expected, const Json &got);
    // Reads `key` of `object` as a string into `out`; the issue to report when it is not one. An absent key
    // leaves `out` untouched.
    static std::optional<DecodeIssue> readString(const Json &object, std::string_view key, std::string_view path,
                                                 std::optional<std::string> &out);
};

} // namespace rd
