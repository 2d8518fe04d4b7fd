#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "model/PageInfo.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace rd {

// page, per_page, order_by and order_by_direction of a list request, checked and clamped.
struct SandboxListParams
{
    std::int64_t page = 1;
    std::int64_t perPage = 20;
    QString orderBy;
    bool descending = true;

    struct Rules
    {
        int defaultPerPage = 20;
        int maxPerPage = 50;
        QStringList orderKeys; // the first is the default
    };

    // Out-of-range numbers are clamped (page to at least 1, per_page into 1..max), as a forgiving server
    // would; text that is not a number, and unknown order keys or directions, are errors.
    static std::optional<SandboxListParams> parse(const SandboxRequest &request, const Rules &rules, QString *error);

    std::int64_t offset() const { return (page - 1) * perPage; }
    QString direction() const { return descending ? QStringLiteral("desc") : QStringLiteral("asc"); }
    // result_info for `count` items on this page out of `total`.
    PageInfo pageInfo(std::int64_t count, std::int64_t total) const;
};

} // namespace rd
