#include "model/JsonText.h"

// simdjson's inlined accessors trip g++ 12's -Wmaybe-uninitialized (a known false positive in its result
// wrapper); it is third-party code, and CI builds with -Werror.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <simdjson.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace rd {

namespace {

struct Position
{
    std::size_t line = 1;
    std::size_t column = 1;
};

Position positionOf(std::string_view text, std::size_t offset)
{
    Position p;
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++p.column; // count characters, not UTF-8 continuation bytes
        }
    }
    return p;
}

std::string megabytes(std::size_t bytes)
{
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(1);
    s << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MB";
    return s.str();
}

DecodeIssue issueAt(std::string_view text, std::size_t offset, std::string message)
{
    const Position p = positionOf(text, offset);
    return DecodeIssue{std::string(), std::move(message), p.line, p.column};
}

// Finds the first place nesting exceeds the limit, without parsing: nlohmann's parser is iterative, but
// dump(), comparison and our own walks recurse, so deep input must never get that far.
std::optional<std::size_t> findExcessiveNesting(std::string_view text, std::size_t maxDepth)
{
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '[':
        case '{':
            if (++depth > maxDepth) {
                return i;
            }
            break;
        case ']':
        case '}':
            if (depth > 0) {
                --depth;
            }
            break;
        default:
            break;
        }
    }
    return std::nullopt;
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 5: ";
// the position is reported separately, so keep only the explanation.
std::string parseErrorText(const char *what)
{
    std::string s(what);
    if (const auto colon = s.find(": "); colon != std::string::npos && s.rfind("[json.exception", 0) == 0) {
        s = s.substr(colon + 2);
    }
    return s;
}

// Copies simdjson's read-only DOM into ours. Returns false when nesting passes the limit, so the caller can
// take the slow path that says where.
bool copyInto(simdjson::dom::element element, Json &out, std::size_t depth, std::size_t maxDepth)
{
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
    case Type::OBJECT: {
        if (depth >= maxDepth) {
            return false;
        }
        out = Json::object();
        simdjson::dom::object object;
        if (element.get_object().get(object) != simdjson::SUCCESS) {
            return false;
        }
        // Growing each small object's vector one key at a time costs several reallocations per object.
        out.get_ref<Json::object_t &>().reserve(object.size());
        for (const auto field : object) {
            // operator[] keeps nlohmann's rule for duplicate keys: the first place, the last value.
            if (!copyInto(field.value, out[std::string(field.key)], depth + 1, maxDepth)) {
                return false;
            }
        }
        return true;
    }
    case Type::ARRAY: {
        if (depth >= maxDepth) {
            return false;
        }
        out = Json::array();
        auto &array = out.get_ref<Json::array_t &>();
        simdjson::dom::array children;
        if (element.get_array().get(children) != simdjson::SUCCESS) {
            return false;
        }
        array.reserve(children.size());
        for (const auto child : children) {
            array.emplace_back();
            if (!copyInto(child, array.back(), depth + 1, maxDepth)) {
                return false;
            }
        }
        return true;
    }
    case Type::STRING:
        out = std::string(element.get_string().value_unsafe());
        return true;
    case Type::INT64:
        out = element.get_int64().value_unsafe();
        return true;
    case Type::UINT64:
        out = element.get_uint64().value_unsafe();
        return true;
    case Type::DOUBLE:
        out = element.get_double().value_unsafe();
        return true;
    case Type::BOOL:
        out = element.get_bool().value_unsafe();
        return true;
    case Type::NULL_VALUE:
        out = nullptr;
        return true;
    }
    return false;
}

// simdjson parses a 10,000-element route several times faster than nlohmann's lexer; it says less about
// errors, so anything it refuses goes through nlohmann again for a message with a line and column.
std::optional<Json> fastParse(std::string_view text, const JsonTextLimits &limits)
{
    thread_local simdjson::dom::parser parser;
    const simdjson::padded_string padded(text.data(), text.size());
    simdjson::dom::element root;
    if (parser.parse(padded).get(root) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    Json out;
    if (!copyInto(root, out, 0, limits.maxDepth)) {
        return std::nullopt;
    }
    return out;
}

} // namespace

#pragma GCC diagnostic pop

std::string DecodeIssue::toString() const
{
    std::string s;
    if (line > 0) {
        s = "line " + std::to_string(line) + ", column " + std::to_string(column);
    }
    if (!path.empty()) {
        s += s.empty() ? path : " (" + path + ")";
    }
    return s.empty() ? message : s + ": " + message;
}

Decoded<Json> JsonText::parse(std::string_view text, const JsonTextLimits &limits)
{
    if (text.size() > limits.maxBytes) {
        return Decoded<Json>::failure({std::string(), "the input is " + megabytes(text.size()) +
                                                          "; route files larger than " + megabytes(limits.maxBytes) +
                                                          " are not accepted"});
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return Decoded<Json>::failure({std::string(), "the input is empty; expected JSON"});
    }
    if (auto fast = fastParse(text, limits)) {
        return Decoded<Json>::success(std::move(*fast));
    }
    if (const auto at = findExcessiveNesting(text, limits.maxDepth)) {
        return Decoded<Json>::failure(issueAt(text, *at,
                                              "JSON is nested more than " + std::to_string(limits.maxDepth) +
                                                  " levels deep here; a route never needs that"));
    }
    try {
        return Decoded<Json>::success(Json::parse(text.begin(), text.end()));
    } catch (const Json::parse_error &e) {
        // e.byte is 1-based and points just past the offending character.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        return Decoded<Json>::failure(issueAt(text, offset, parseErrorText(e.what())));
    } catch (const std::exception &e) {
        return Decoded<Json>::failure({std::string(), std::string("cannot parse JSON: ") + e.what()});
    }
}

Decoded<Json> JsonText::readFile(const std::string &path, const JsonTextLimits &limits)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        return Decoded<Json>::failure({std::string(), "cannot open " + path + ": no such file"});
    }
    if (std::filesystem::is_directory(status)) {
        return Decoded<Json>::failure({std::string(), "cannot open " + path + ": it is a directory"});
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits.maxBytes) {
        return Decoded<Json>::failure({std::string(), "the file is " + megabytes(size) +
                                                          "; route files larger than " + megabytes(limits.maxBytes) +
                                                          " are not accepted"});
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Decoded<Json>::failure({std::string(), "cannot open " + path + ": " + std::strerror(errno)});
    }
    std::string text;
    text.reserve(ec ? 0 : static_cast<std::size_t>(size));
    // Read at most one byte past the limit: the file may have grown, or be a pipe with no size.
    std::string chunk(64 * 1024, '\0');
    while (in && text.size() <= limits.maxBytes) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        return Decoded<Json>::failure({std::string(), "cannot read " + path});
    }
    return parse(text, limits);
}

std::string JsonText::format(const Json &json)
{
    return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string JsonText::compact(const Json &json)
{
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace rd
