#include "app/sandbox/SandboxListParams.h"

#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace rd {

namespace {

// Far beyond any real page, small enough that offset() cannot overflow.
constexpr std::int64_t kMaxPage = 1'000'000'000;

std::optional<std::int64_t> readInteger(const QString &text, std::int64_t min, std::int64_t max)
{
    static const QRegularExpression integer(QStringLiteral("^\\s*([+-]?)(\\d+)\\s*$"));
    const auto match = integer.match(text);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    bool ok = false;
    std::int64_t value = match.captured(2).toLongLong(&ok);
    if (!ok) {
        value = std::numeric_limits<std::int64_t>::max(); // more digits than fit: as good as huge
    }
    if (match.captured(1) == QLatin1String("-")) {
        value = -value;
    }
    return std::clamp(value, min, max);
}

} // namespace

std::optional<SandboxListParams> SandboxListParams::parse(const SandboxRequest &request, const Rules &rules,
                                                          QString *error)
{
    SandboxListParams params;
    params.perPage = rules.defaultPerPage;
    params.orderBy = rules.orderKeys.value(0, QStringLiteral("created_at"));

    if (auto page = request.queryValue(QStringLiteral("page"))) {
        auto value = readInteger(*page, 1, kMaxPage);
        if (!value) {
            *error = QStringLiteral("`page` must be a whole number, got \"%1\"").arg(page->left(40));
            return std::nullopt;
        }
        params.page = *value;
    }
    if (auto perPage = request.queryValue(QStringLiteral("per_page"))) {
        auto value = readInteger(*perPage, 1, rules.maxPerPage);
        if (!value) {
            *error = QStringLiteral("`per_page` must be a whole number from 1 to %1, got \"%2\"")
                         .arg(rules.maxPerPage)
                         .arg(perPage->left(40));
            return std::nullopt;
        }
        params.perPage = *value;
    }
    if (auto orderBy = request.queryValue(QStringLiteral("order_by")); orderBy && !orderBy->isEmpty()) {
        if (!rules.orderKeys.contains(*orderBy)) {
            *error = QStringLiteral("`order_by` must be one of %1").arg(rules.orderKeys.join(QStringLiteral(", ")));
            return std::nullopt;
        }
        params.orderBy = *orderBy;
    }
    if (auto direction = request.queryValue(QStringLiteral("order_by_direction")); direction && !direction->isEmpty()) {
        if (direction->compare(QLatin1String("asc"), Qt::CaseInsensitive) == 0) {
            params.descending = false;
        } else if (direction->compare(QLatin1String("desc"), Qt::CaseInsensitive) == 0) {
            params.descending = true;
        } else {
            *error = QStringLiteral("`order_by_direction` must be asc or desc");
            return std::nullopt;
        }
    }
    return params;
}

PageInfo SandboxListParams::pageInfo(std::int64_t count, std::int64_t total) const
{
    PageInfo info;
    info.page = page;
    info.perPage = perPage;
    info.count = count;
    info.totalCount = total;
    info.totalPages = (total + perPage - 1) / perPage;
    return info;
}

} // namespace rd
