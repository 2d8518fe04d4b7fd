#pragma once

#include <string>
#include <string_view>

namespace rd {

enum class Severity { Error, Warning };

std::string_view severityName(Severity severity); // "error" | "warning"

// One thing validation has to say about a route. `code` is stable (tests, scripts and the UI key on it);
// `message` is a sentence a person can act on.
struct Finding
{
    Severity severity = Severity::Error;
    std::string code;
    std::string elementId; // empty when the finding concerns the whole route
    std::string output;    // the output concerned, if any
    std::string message;

    bool operator==(const Finding &) const = default;
};

} // namespace rd
