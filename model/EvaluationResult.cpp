#include "model/EvaluationResult.h"

namespace rd {

namespace {
constexpr FieldRule kRules[] = {
    {"id", FieldKind::String, true},   {"evaluation_id", FieldKind::String}, {"evaluation_type_id", FieldKind::String},
    {"result", FieldKind::String},     {"status", FieldKind::Number},        {"status_description", FieldKind::String},
    {"total_logs", FieldKind::Number}, {"created_at", FieldKind::String},    {"modified_at", FieldKind::String},
};
} // namespace

Decoded<EvaluationResult> EvaluationResult::fromJson(const Json &json, std::string_view path)
{
    return decodeAs<EvaluationResult>(json, kRules, path);
}

} // namespace rd
