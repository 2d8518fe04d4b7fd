#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace rd {

// Where and why input was rejected or adjusted. `path` is a JSONPath-like location ("$.elements[3].id");
// `line`/`column` are 1-based and set when the problem is in the text itself (0 = unknown).
struct DecodeIssue
{
    std::string path;
    std::string message;
    std::size_t line = 0;
    std::size_t column = 0;

    // "line 3, column 14: ..." or "$.elements[3].id: ..." or the message alone.
    std::string toString() const;
};

// A decoded value or the first error that stopped decoding, plus warnings about what was adjusted
// (legacy spellings translated, for instance). Never both value and error.
template <class T>
struct Decoded
{
    std::optional<T> value;
    std::optional<DecodeIssue> error;
    std::vector<DecodeIssue> warnings;

    explicit operator bool() const { return value.has_value(); }

    static Decoded failure(DecodeIssue issue, std::vector<DecodeIssue> warnings = {})
    {
        Decoded d;
        d.error = std::move(issue);
        d.warnings = std::move(warnings);
        return d;
    }
    static Decoded success(T v, std::vector<DecodeIssue> warnings = {})
    {
        Decoded d;
        d.value = std::move(v);
        d.warnings = std::move(warnings);
        return d;
    }
};

} // namespace rd
