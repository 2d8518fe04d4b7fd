#include "model/PageInfo.h"

namespace rd {

namespace {

std::optional<std::int64_t> integer(const Json &json, const char *key)
{
    auto it = json.find(key);
    if (it == json.end() || !it->is_number()) {
        return std::nullopt;
    }
    return it->is_number_float() ? static_cast<std::int64_t>(it->get<double>()) : it->get<std::int64_t>();
}

std::string text(const Json &json, const char *key)
{
    auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

PageInfo PageInfo::fromJson(const Json &json)
{
    PageInfo info;
    if (!json.is_object()) {
        return info;
    }
    info.page = integer(json, "page").value_or(1);
    info.perPage = integer(json, "per_page").value_or(0);
    info.count = integer(json, "count");
    info.totalCount = integer(json, "total_count");
    info.totalPages = integer(json, "total_pages");
    info.orderBy = text(json, "order_by");
    info.orderByDirection = text(json, "order_by_direction");
    return info;
}

Json PageInfo::toResultInfo() const
{
    Json out = Json::object();
    out["page"] = page;
    out["per_page"] = perPage;
    if (count) {
        out["count"] = *count;
    }
    if (totalCount) {
        out["total_count"] = *totalCount;
    }
    if (totalPages) {
        out["total_pages"] = *totalPages;
    }
    return out;
}

bool PageInfo::hasMore(std::size_t itemsOnThisPage) const
{
    if (totalPages) {
        return page < *totalPages;
    }
    if (totalCount && perPage > 0) {
        return page * perPage < *totalCount;
    }
    return perPage > 0 && static_cast<std::int64_t>(itemsOnThisPage) >= perPage;
}

} // namespace rd
