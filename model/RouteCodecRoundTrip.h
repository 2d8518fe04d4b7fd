#pragma once

#include "model/JsonText.h"
#include "model/RouteCodec.h"

#include <string>

namespace rd {

// What `routectl format` writes for a decoded route file, checked to read back as the same routes. The
// check is the property the codec promises (decode(format(x)) == x); it is pure, so a fuzzer can call it
// on every input it makes, and `format` relies on it never to write a file it could not read back.
class RouteCodecRoundTrip
{
public:
    enum class Outcome {
        Same,          // `text` reads back as an equivalent document, and formats to the same text again
        ExceedsLimits, // written out, the document would be deeper or larger than the reader accepts
        NotFaithful,   // the text would not read back as the same routes: a codec bug
    };

    struct Result
    {
        Outcome outcome = Outcome::Same;
        std::string text;    // the formatted document; empty unless outcome == Same
        std::string problem; // a sentence for a person; empty when outcome == Same
    };

    // Encodes `document` (RouteCodec::encodeDocument), formats it (JsonText::format), and reads the text
    // back with `limits` as routectl and the app do.
    static Result format(const RouteFileContent &document, const JsonTextLimits &limits = {});

    // The same routes in the same order, and both one route or both a list (anything but exactly one route
    // counts as a list, as encodeDocument writes it so). How one route was wrapped (bare
    // elements, route object, API response) is its presentation, not its content: `format` unwraps API
    // responses, and writes an elements array that would be ambiguous as a route object.
    static bool equivalent(const RouteFileContent &a, const RouteFileContent &b);
};

} // namespace rd
