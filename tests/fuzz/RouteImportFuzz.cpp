// Route import, with the round-trip property: whatever decodes as a route document must come back the same
// after `routectl format` (encode, print, parse, decode), and formatting it again must not change the text.
// That is what lets people keep formatted route files in git and reformat them without churn or loss.

#include "FuzzCheck.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/RouteCodecRoundTrip.h"

#include <string>

using namespace rd;

namespace {

const char *formName(RouteFileContent::Form form)
{
    switch (form) {
    case RouteFileContent::Form::ElementsArray:
        return "elements array";
    case RouteFileContent::Form::RouteObject:
        return "route object";
    case RouteFileContent::Form::ApiResponse:
        return "API response";
    case RouteFileContent::Form::RouteList:
        return "route list";
    }
    return "?";
}

std::string describe(const RouteFileContent &doc)
{
    return std::string(formName(doc.form)) + " with " + std::to_string(doc.routes.size()) + " route(s)";
}

// Where two routes differ, as precisely as the model tells: the metadata, or the first element that differs
// and in which member. Encodings alone can hide it (a member the codec does not write).
std::string difference(const Route &a, const Route &b)
{
    if (!(a.metadata() == b.metadata())) {
        return "the metadata differs: before " + JsonText::compact(RouteCodec::encodeRoute(Route({}, a.metadata()))) +
               ", after " + JsonText::compact(RouteCodec::encodeRoute(Route({}, b.metadata())));
    }
    if (a.size() != b.size()) {
        return std::to_string(a.size()) + " elements before, " + std::to_string(b.size()) + " after";
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const Element &x = a.elements()[i];
        const Element &y = b.elements()[i];
        if (x == y) {
            continue;
        }
        std::string members;
        const auto note = [&members](bool same, const char *member) {
            members += same ? "" : std::string(members.empty() ? "" : ", ") + member;
        };
        note(x.id == y.id, "id");
        note(x.type == y.type && x.unknownTypeName == y.unknownTypeName, "type");
        note(x.outputs == y.outputs, "outputs");
        note(x.conditional == y.conditional && x.rate == y.rate && x.model == y.model, "typed properties");
        note(x.hasProperties == y.hasProperties, "hasProperties");
        note(x.extraProperties == y.extraProperties, "extraProperties");
        note(x.extra == y.extra, "extra");
        return "element " + std::to_string(i) + " differs in " + members + ":\n  before " +
               JsonText::compact(RouteCodec::encodeElement(x)) + "\n  after  " +
               JsonText::compact(RouteCodec::encodeElement(y));
    }
    return "no member differs (Route::operator== and its members disagree)";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Decoded<Json> json = JsonText::parse(fuzz::textOf(data, size));
    if (!json) {
        if (!json.error || json.error->message.empty()) {
            fuzz::fail("a parse failure says why");
        }
        return 0;
    }
    const Decoded<RouteFileContent> first = RouteCodec::decodeDocument(*json.value);
    if (!first) {
        if (!first.error || first.error->message.empty()) {
            fuzz::fail("a decode failure says why");
        }
        return 0;
    }

    // Exactly what `routectl format FILE` prints: the codec's own check, which refuses rather than writes text
    // that would read back differently. A refusal for size or depth is legitimate; "not faithful" is a bug.
    const RouteCodecRoundTrip::Result result = RouteCodecRoundTrip::format(*first.value);
    if (result.outcome == RouteCodecRoundTrip::Outcome::ExceedsLimits) {
        return 0;
    }
    if (result.outcome == RouteCodecRoundTrip::Outcome::NotFaithful) {
        fuzz::fail("format writes only what reads back",
                   "first read as " + describe(*first.value) + ": " + result.problem);
    }
    // Checked again here rather than trusted: the property is what this target exists for.
    const std::string &formatted = result.text;
    const Decoded<Json> reparsed = JsonText::parse(formatted);
    if (!reparsed) {
        fuzz::fail("formatted output parses as JSON", reparsed.error->toString() + "\n--- formatted:\n" + formatted);
    }
    const Decoded<RouteFileContent> second = RouteCodec::decodeDocument(*reparsed.value);
    if (!second) {
        fuzz::fail("formatted output decodes as a route document",
                   "first read as " + describe(*first.value) +
                       "; formatted output fails with: " + second.error->toString() + "\n--- formatted:\n" + formatted);
    }
    if (!RouteCodecRoundTrip::equivalent(*first.value, *second.value) ||
        second.value->routes.size() != first.value->routes.size()) {
        fuzz::fail("formatted output is read back as the same document",
                   "first read as " + describe(*first.value) + ", formatted output read as " + describe(*second.value) +
                       "\n--- formatted:\n" + formatted);
    }
    for (std::size_t i = 0; i < first.value->routes.size(); ++i) {
        if (!(first.value->routes[i] == second.value->routes[i])) {
            fuzz::fail("formatted output decodes to the same routes",
                       "route " + std::to_string(i) + ": " +
                           difference(first.value->routes[i], second.value->routes[i]) + "\n--- formatted:\n" +
                           formatted);
        }
    }
    const std::string again = JsonText::format(RouteCodec::encodeDocument(*second.value));
    if (again != formatted) {
        fuzz::fail("formatting formatted output changes nothing",
                   "--- formatted once:\n" + formatted + "--- formatted twice:\n" + again);
    }
    return 0;
}
