#include "model/Dataset.h"

namespace rd {

namespace {
constexpr FieldRule kRules[] = {
    {"id", FieldKind::String, true},   {"name", FieldKind::String},       {"enable", FieldKind::Boolean},
    {"gateway_id", FieldKind::String}, {"created_at", FieldKind::String}, {"modified_at", FieldKind::String},
    {"filters", FieldKind::Array},
};
} // namespace

Decoded<Dataset> Dataset::fromJson(const Json &json, std::string_view path)
{
    Decoded<Dataset> decoded = decodeAs<Dataset>(json, kRules, path);
    if (!decoded) {
        return decoded;
    }
    // A filter we cannot read would silently widen what the dataset seems to hold: refuse the answer instead.
    if (auto it = json.find("filters"); it != json.end() && it->is_array()) {
        for (std::size_t i = 0; i < it->size(); ++i) {
            std::string error;
            if (!LogFilter::fromJson((*it)[i], error)) {
                return Decoded<Dataset>::failure(
                    {std::string(path) + ".filters[" + std::to_string(i) + "]", std::move(error)});
            }
        }
    }
    return decoded;
}

Json Dataset::encodeBody(const std::string &name, bool enable, const std::vector<LogFilter> &filters)
{
    Json list = Json::array();
    for (const LogFilter &filter : filters) {
        list.push_back(filter.toJson());
    }
    return Json{{"name", name}, {"enable", enable}, {"filters", std::move(list)}};
}

std::vector<LogFilter> Dataset::filters() const
{
    std::vector<LogFilter> out;
    auto it = m_json.find("filters");
    if (it == m_json.end() || !it->is_array()) {
        return out;
    }
    for (const Json &item : *it) {
        std::string error;
        if (auto filter = LogFilter::fromJson(item, error)) {
            out.push_back(std::move(*filter));
        }
    }
    return out;
}

} // namespace rd
