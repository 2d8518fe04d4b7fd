#include "model/LogCsv.h"

#include "model/JsonText.h"
#include "model/UtcTime.h"

namespace rd {

namespace {

std::string number(const std::optional<Number> &value)
{
    return value ? value->toString() : std::string();
}

std::string boolean(const LogEntry &entry, const char *key)
{
    const auto found = entry.json().find(key);
    if (found == entry.json().end() || !found->is_boolean()) {
        return {};
    }
    return found->get<bool>() ? "true" : "false";
}

// Metadata as text: the API sends the JSON text it stored; an object (as some answers carry) is written compact.
std::string metadata(const LogEntry &entry)
{
    const auto found = entry.json().find("metadata");
    if (found == entry.json().end() || found->is_null()) {
        return {};
    }
    return found->is_string() ? found->get<std::string>() : JsonText::compact(*found);
}

} // namespace

std::string LogCsv::header()
{
    return "id,created_at,provider,model,model_type,success,cached,status_code,duration_ms,tokens_in,tokens_out,"
           "cost,metadata,request_type,path\r\n";
}

std::string LogCsv::quote(std::string_view field)
{
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(field);
    }
    std::string out;
    out.reserve(field.size() + 2);
    out += '"';
    for (const char c : field) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string LogCsv::text(std::string_view field)
{
    if (!field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' ||
                           field[0] == '\t' || field[0] == '\r')) {
        return quote("'" + std::string(field));
    }
    return quote(field);
}

std::string LogCsv::row(const LogEntry &entry)
{
    const std::string createdAt = entry.createdAt();
    const std::optional<std::int64_t> ms = UtcTime::parseMs(createdAt);
    std::string line;
    line.reserve(256);
    line += text(entry.id());
    line += ',';
    // A time we cannot read is written as sent rather than dropped (guarded: it is then just text).
    line += ms ? UtcTime::formatSeconds(*ms) : text(createdAt);
    line += ',';
    line += text(entry.provider());
    line += ',';
    line += text(entry.model());
    line += ',';
    line += text(entry.modelType());
    line += ',';
    line += boolean(entry, "success");
    line += ',';
    line += boolean(entry, "cached");
    line += ',';
    line += number(entry.statusCode());
    line += ',';
    line += number(entry.durationMs());
    line += ',';
    line += number(entry.tokensIn());
    line += ',';
    line += number(entry.tokensOut());
    line += ',';
    line += number(entry.cost());
    line += ',';
    line += text(metadata(entry));
    line += ',';
    line += text(entry.requestType());
    line += ',';
    line += text(entry.path());
    line += "\r\n";
    return line;
}

} // namespace rd
