#pragma once

#include "model/Json.h"

#include <string>
#include <string_view>
#include <vector>

namespace rd {

struct RequestContext;

// A field of a request named as conditions and rate keys name it. The first segment is the namespace:
// `metadata.KEY` and `headers.NAME` take the rest as one literal key (metadata keys may contain dots; header
// names are compared lower-cased), `body.a.b.0` walks the body by dotted segments, a number indexing an array.
class FieldPath
{
public:
    enum class Namespace { Metadata, Headers, Body, Unknown };

    static FieldPath parse(std::string_view path);

    Namespace space() const { return m_space; }
    bool isKnown() const { return m_space != Namespace::Unknown; }
    const std::string &text() const { return m_text; }

    // The value at this path in `ctx`, or nullptr when it is missing (or the namespace is unknown).
    const Json *resolve(const RequestContext &ctx) const;

private:
    Namespace m_space = Namespace::Unknown;
    std::string m_text;
    std::vector<std::string> m_segments; // one for metadata and headers; zero or more for the body
};

} // namespace rd
