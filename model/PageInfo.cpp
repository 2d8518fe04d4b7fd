#include "model/PageInfo.h"

#include "model/Number.h"

namespace rd {

namespace {

// The largest whole number every JSON implementation carries exactly (RFC 8259 §6; JavaScript's
// Number.MAX_SAFE_INTEGER). No server counts pages or items beyond it, so a larger "count" is garbage.
constexpr std::int64_t kMaxCount = (std::int64_t{1} << 53) - 1;

// A paging field as a count: a whole number from 0 to kMaxCount. Anything else the server sent in its place is
// left out (and said so in `warnings`): paging only steers whether to ask for more, the items of the page are
// right without it, and a clamped or truncated number would be one the server never sent (a total of
// 9223372036854775807 routes on screen, "more pages" that do not exist). A field that is not a number at all is
// left out quietly, as before: null is how the API says "none".
std::optional<std::int64_t> readCount(const Json &json, const char *key, std::string_view path,
                                      std::vector<DecodeIssue> *warnings)
{
    const auto it = json.find(key);
    if (it == json.end()) {
        return std::nullopt;
    }
    const std::optional<Number> number = Number::fromJson(*it);
    if (!number) {
        return std::nullopt;
    }
    if (const auto value = number->toExactInteger(); value && *value >= 0 && *value <= kMaxCount) {
        return value;
    }
    if (warnings != nullptr) {
        warnings->push_back({std::string(path) + "." + key, number->toString() +
                                                                " is not a count (a whole number from 0 to " +
                                                                std::to_string(kMaxCount) + "); ignored"});
    }
    return std::nullopt;
}

std::string text(const Json &json, const char *key)
{
    auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

PageInfo PageInfo::fromJson(const Json &json, std::string_view path, std::vector<DecodeIssue> *warnings)
{
    PageInfo info;
    if (!json.is_object()) {
        return info;
    }
    info.page = readCount(json, "page", path, warnings).value_or(1);
    info.perPage = readCount(json, "per_page", path, warnings).value_or(0);
    info.count = readCount(json, "count", path, warnings);
    info.totalCount = readCount(json, "total_count", path, warnings);
    info.totalPages = readCount(json, "total_pages", path, warnings);
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
        // Whether page * perPage < totalCount, without the product: it overflows for values the fields can
        // hold. For whole numbers and perPage > 0 it is page <= (totalCount - 1) / perPage. Pages are numbered
        // from 1 (0 at most), so an empty total has nothing after any of them.
        return *totalCount > 0 && page <= (*totalCount - 1) / perPage;
    }
    return perPage > 0 && static_cast<std::int64_t>(itemsOnThisPage) >= perPage;
}

} // namespace rd
