#include "model/EvaluationType.h"

namespace rd {

namespace {
constexpr FieldRule kRules[] = {
    {"id", FieldKind::String, true},   {"name", FieldKind::String},        {"description", FieldKind::String},
    {"type", FieldKind::String},       {"enable", FieldKind::Boolean},     {"mandatory", FieldKind::Boolean},
    {"created_at", FieldKind::String}, {"modified_at", FieldKind::String},
};
} // namespace

Decoded<EvaluationType> EvaluationType::fromJson(const Json &json, std::string_view path)
{
    return decodeAs<EvaluationType>(json, kRules, path);
}

} // namespace rd
