#pragma once

#include "model/LogEntry.h"

#include <string>
#include <string_view>

namespace rd {

// Logs as CSV rows (RFC 4180) for spreadsheets: a header, one line per log, CRLF line ends, times in UTC
// ISO-8601. A text cell a spreadsheet would run as a formula (starting with = + - @, or a tab or CR that some
// of them skip first) gets a leading ' so that a log's model name or metadata can never execute when the file
// is opened; numeric and boolean columns are written by us and are left alone.
class LogCsv
{
public:
    // UTF-8's byte order mark: Excel reads a CSV as the local code page without it.
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";

    static std::string header();
    static std::string row(const LogEntry &entry);

    // One field, quoted when it holds a comma, a quote, CR or LF (quotes doubled).
    static std::string quote(std::string_view field);
    // quote() after the formula guard: for text that came from a request.
    static std::string text(std::string_view field);
};

} // namespace rd
