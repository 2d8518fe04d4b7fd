#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rd {

// ISO-8601 times as the API writes them ("2026-12-07T16:24:33.123Z", or with an offset), as milliseconds since
// the Unix epoch. Here rather than QDateTime because model/ has no Qt, and aggregating 100,000 logs should not
// build 100,000 QDateTimes.
class UtcTime
{
public:
    // nullopt for anything that is not `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]` (no zone is read as UTC).
    static std::optional<std::int64_t> parseMs(std::string_view text);
    // "2026-12-07T16:24:33Z": whole seconds, UTC; what exports write so spreadsheets read one format.
    static std::string formatSeconds(std::int64_t ms);
};

} // namespace rd
