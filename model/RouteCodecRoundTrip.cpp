#include "model/RouteCodecRoundTrip.h"

#include <algorithm>
#include <cstddef>

namespace rd {

namespace {

// Levels of nesting the way JsonText counts them: a scalar is 0, `[]` and `{}` are 1.
std::size_t depthOf(const Json &json)
{
    if (!json.is_structured()) {
        return 0;
    }
    std::size_t deepest = 0;
    for (const Json &child : json) {
        deepest = std::max(deepest, depthOf(child));
    }
    return deepest + 1;
}

std::string megabytes(std::size_t bytes)
{
    const std::size_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

// Anything but exactly one route is a list, whatever its form says: that is how encodeDocument writes it.
bool isList(const RouteFileContent &doc)
{
    return doc.form == RouteFileContent::Form::RouteList || doc.routes.size() != 1;
}

RouteCodecRoundTrip::Result failed(RouteCodecRoundTrip::Outcome outcome, std::string problem)
{
    RouteCodecRoundTrip::Result result;
    result.outcome = outcome;
    result.problem = std::move(problem);
    return result;
}

// Where two documents that should be equivalent part, for the report of a failed round trip.
std::string difference(const RouteFileContent &before, const RouteFileContent &after)
{
    const auto shape = [](const RouteFileContent &d) {
        return std::string(isList(d) ? "a list of " : "") + std::to_string(d.routes.size()) +
               (d.routes.size() == 1 ? " route" : " routes");
    };
    if (isList(before) != isList(after) || before.routes.size() != after.routes.size()) {
        return shape(before) + " reads back as " + shape(after);
    }
    for (std::size_t i = 0; i < before.routes.size(); ++i) {
        const Route &a = before.routes[i];
        const Route &b = after.routes[i];
        if (a == b) {
            continue;
        }
        std::string where = "route " + std::to_string(i + 1);
        if (a.size() != b.size()) {
            return where + " has " + std::to_string(a.size()) + " elements but reads back with " +
                   std::to_string(b.size());
        }
        if (a.metadata() != b.metadata()) {
            return where + " reads back with different metadata";
        }
        for (std::size_t k = 0; k < a.size(); ++k) {
            if (!(a.elements()[k] == b.elements()[k])) {
                return where + ", element '" + a.elements()[k].id + "' reads back differently";
            }
        }
    }
    return "the documents differ";
}

} // namespace

RouteCodecRoundTrip::Result RouteCodecRoundTrip::format(const RouteFileContent &document, const JsonTextLimits &limits)
{
    const Json json = RouteCodec::encodeDocument(document);
    // A document read at the limits can come out past them: a list read from a bare array gains a level
    // as {"routes": [...]}, and compact input grows when indented. Such a file is refused, not written.
    if (const std::size_t depth = depthOf(json); depth > limits.maxDepth) {
        return failed(Outcome::ExceedsLimits, "written out, it would be nested " + std::to_string(depth) +
                                                  " levels deep, more than the " + std::to_string(limits.maxDepth) +
                                                  " that route files may have");
    }
    std::string text = JsonText::format(json);
    if (text.size() > limits.maxBytes) {
        return failed(Outcome::ExceedsLimits, "written out, it would be " + megabytes(text.size()) +
                                                  ", more than the " + megabytes(limits.maxBytes) +
                                                  " that route files may have");
    }

    const Decoded<Json> parsed = JsonText::parse(text, limits);
    if (!parsed) {
        return failed(Outcome::NotFaithful, "the formatted text does not parse: " + parsed.error->toString());
    }
    const Decoded<RouteFileContent> reread = RouteCodec::decodeDocument(*parsed.value);
    if (!reread) {
        return failed(Outcome::NotFaithful, "the formatted text does not read back: " + reread.error->toString());
    }
    if (!equivalent(document, *reread.value)) {
        return failed(Outcome::NotFaithful,
                      "the formatted text reads back differently: " + difference(document, *reread.value));
    }
    if (JsonText::format(RouteCodec::encodeDocument(*reread.value)) != text) {
        return failed(Outcome::NotFaithful, "formatting the formatted text again changes it");
    }
    Result result;
    result.text = std::move(text);
    return result;
}

bool RouteCodecRoundTrip::equivalent(const RouteFileContent &a, const RouteFileContent &b)
{
    return isList(a) == isList(b) && a.routes == b.routes;
}

} // namespace rd
