#include "model/LogEntry.h"

#include "model/JsonText.h"

namespace rd {

namespace {
constexpr FieldRule kRules[] = {
    {"id", FieldKind::String, true},
    {"cached", FieldKind::Boolean},
    {"created_at", FieldKind::String},
    {"duration", FieldKind::Number},
    {"model", FieldKind::String},
    {"path", FieldKind::String},
    {"provider", FieldKind::String},
    {"success", FieldKind::Boolean},
    {"tokens_in", FieldKind::Number},
    {"tokens_out", FieldKind::Number},
    {"cost", FieldKind::Number},
    {"custom_cost", FieldKind::Boolean},
    {"metadata", FieldKind::String},
    {"model_type", FieldKind::String},
    {"request_content_type", FieldKind::String},
    {"request_type", FieldKind::String},
    {"response_content_type", FieldKind::String},
    {"status_code", FieldKind::Number},
    {"step", FieldKind::Number},
    {"request_head", FieldKind::String},
    {"request_head_complete", FieldKind::Boolean},
    {"request_size", FieldKind::Number},
    {"response_head", FieldKind::String},
    {"response_head_complete", FieldKind::Boolean},
    {"response_size", FieldKind::Number},
};
} // namespace

Decoded<LogEntry> LogEntry::fromJson(const Json &json, std::string_view path)
{
    return decodeAs<LogEntry>(json, kRules, path);
}

Json LogEntry::metadataObject() const
{
    const std::string text = metadata();
    if (text.empty()) {
        return Json::object();
    }
    auto parsed = JsonText::parse(text, JsonTextLimits{64 * 1024, 8});
    return parsed && parsed.value->is_object() ? *parsed.value : Json::object();
}

} // namespace rd
