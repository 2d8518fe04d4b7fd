#include "model/Evaluation.h"

namespace rd {

namespace {

constexpr FieldRule kRules[] = {
    {"id", FieldKind::String, true},    {"name", FieldKind::String},       {"gateway_id", FieldKind::String},
    {"processed", FieldKind::Boolean},  {"total_logs", FieldKind::Number}, {"created_at", FieldKind::String},
    {"modified_at", FieldKind::String}, {"datasets", FieldKind::Array},    {"results", FieldKind::Array},
};

// Each item of `json[key]` decoded with `decode`; the first that fails, with its path. Absent is empty.
template<class T>
std::optional<DecodeIssue> checkItems(const Json &json, const char *key, std::string_view path,
                                      Decoded<T> (*decode)(const Json &, std::string_view))
{
    auto it = json.find(key);
    if (it == json.end() || !it->is_array()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string where = std::string(path) + "." + key + "[" + std::to_string(i) + "]";
        if (Decoded<T> item = decode((*it)[i], where); !item) {
            return std::move(*item.error);
        }
    }
    return std::nullopt;
}

template<class T>
std::vector<T> readItems(const Json &json, const char *key, Decoded<T> (*decode)(const Json &, std::string_view))
{
    std::vector<T> out;
    auto it = json.find(key);
    if (it == json.end() || !it->is_array()) {
        return out;
    }
    for (const Json &item : *it) {
        if (Decoded<T> decoded = decode(item, "$"); decoded) {
            out.push_back(std::move(*decoded.value));
        }
    }
    return out;
}

} // namespace

Decoded<Evaluation> Evaluation::fromJson(const Json &json, std::string_view path)
{
    Decoded<Evaluation> decoded = decodeAs<Evaluation>(json, kRules, path);
    if (!decoded) {
        return decoded;
    }
    if (auto issue = checkItems<Dataset>(json, "datasets", path, &Dataset::fromJson)) {
        return Decoded<Evaluation>::failure(std::move(*issue));
    }
    if (auto issue = checkItems<EvaluationResult>(json, "results", path, &EvaluationResult::fromJson)) {
        return Decoded<Evaluation>::failure(std::move(*issue));
    }
    return decoded;
}

std::vector<Dataset> Evaluation::datasets() const
{
    return readItems<Dataset>(m_json, "datasets", &Dataset::fromJson);
}

std::vector<EvaluationResult> Evaluation::results() const
{
    return readItems<EvaluationResult>(m_json, "results", &EvaluationResult::fromJson);
}

} // namespace rd
