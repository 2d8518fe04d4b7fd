#pragma once

#include "model/Decoded.h"
#include "model/Json.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

// Paging of a list response. Cloudflare writes it two ways: `result_info` {page, per_page, count,
// total_count, total_pages} on most lists, and paging fields inside `data` on the dynamic-routing lists.
struct PageInfo
{
    std::int64_t page = 1;
    std::int64_t perPage = 0;
    std::optional<std::int64_t> count;
    std::optional<std::int64_t> totalCount;
    std::optional<std::int64_t> totalPages;
    std::string orderBy;
    std::string orderByDirection;

    // Lenient: fields of the wrong kind are ignored, never fatal. A number that cannot be a count (a fraction,
    // negative, NaN, beyond 2^53 - 1) is ignored too, with a warning naming `path`.field in `warnings`.
    static PageInfo fromJson(const Json &json, std::string_view path = "$",
                             std::vector<DecodeIssue> *warnings = nullptr);
    Json toResultInfo() const;
    // Whether a page after this one exists, judged by totals when the server sent them, else by whether
    // this page came back full.
    bool hasMore(std::size_t itemsOnThisPage) const;

    bool operator==(const PageInfo &) const = default;
};

} // namespace rd
