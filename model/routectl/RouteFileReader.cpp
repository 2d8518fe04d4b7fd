#include "model/routectl/RouteFileReader.h"

#include "model/JsonText.h"

#include <istream>
#include <string_view>

namespace rd::routectl {

namespace {

constexpr std::string_view kStdinName = "<stdin>";

// Reads at most one byte past the limit so that an endless pipe cannot exhaust memory; JsonText::readFile
// does the same for files, this is its counterpart for standard input.
Decoded<Json> readStream(std::istream &in, const JsonTextLimits &limits)
{
    std::string text;
    std::string chunk(64 * 1024, '\0');
    while (in && text.size() <= limits.maxBytes) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        return Decoded<Json>::failure({std::string(), "cannot read standard input"});
    }
    if (text.size() > limits.maxBytes) {
        return Decoded<Json>::failure({std::string(), "the input is larger than " +
                                                          std::to_string(limits.maxBytes / (1024 * 1024)) +
                                                          " MB; route files that large are not accepted"});
    }
    return JsonText::parse(text, limits);
}

} // namespace

Decoded<RouteFileContent> RouteFileReader::load(const std::string &file, std::istream &in)
{
    const JsonTextLimits limits;
    Decoded<Json> json = file == "-" ? readStream(in, limits) : JsonText::readFile(file, limits);
    if (!json) {
        return Decoded<RouteFileContent>::failure(json.error.value_or(DecodeIssue{}), std::move(json.warnings));
    }
    Decoded<RouteFileContent> doc = RouteCodec::decodeDocument(*json.value);
    doc.warnings.insert(doc.warnings.begin(), json.warnings.begin(), json.warnings.end());
    if (!doc && !doc.error) {
        doc.error = DecodeIssue{std::string(), "not a route document"};
    }
    return doc;
}

std::string RouteFileReader::displayName(const std::string &file)
{
    return file == "-" ? std::string(kStdinName) : file;
}

std::string RouteFileReader::routeLabel(const Route &route, std::size_t index)
{
    if (!route.name().empty()) {
        return route.name();
    }
    if (!route.id().empty()) {
        return route.id();
    }
    // Appending, not `"#" + std::to_string(...)`: GCC 12 at -O3 warns (-Wrestrict) on the latter, a false
    // positive that -Werror would turn into a broken build.
    std::string label = "#";
    label += std::to_string(index + 1);
    return label;
}

} // namespace rd::routectl
