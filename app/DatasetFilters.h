#pragma once

#include "model/LogQuery.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace rd {

// What a dataset's filters may say (seed 001, Cloudflare's docs): fewer keys and operators than a logs query, one
// value per filter, combined with AND. Turns the logs view's filters into a dataset's, checks the rows of the
// filter editor as the API would, and says filters in words. No widgets: tested on its own.
class DatasetFilters
{
public:
    enum class ValueKind { Text, Time, Number, Boolean };

    // The logs view's filters split into what a dataset can hold and what it cannot, each refused one with why.
    struct Conversion
    {
        std::vector<LogFilter> accepted;
        struct Refused
        {
            QString what; // "model neq gpt-4o", "search “refund”"
            QString why;  // "datasets have no “neq”"
        };
        std::vector<Refused> refused;
    };

    // `search` is the logs view's free text, which no dataset filter expresses.
    static Conversion fromLogFilters(const std::vector<LogFilter> &filters, const QString &search = QString());

    static const QStringList &keys();
    static const QStringList &operators();
    // The operators that make sense for `key` (eq and contains on text, eq/lt/gt on numbers, eq on true/false).
    static QStringList operatorsFor(const QString &key);
    static std::optional<ValueKind> kindOf(const QString &key);

    // One editor row as the API would check it: nullopt and `error` when it would be refused; else the filter
    // with its value typed (a number for cost, true/false for success, a UTC timestamp for created_at).
    static std::optional<LogFilter> fromText(const QString &key, const QString &op, const QString &value,
                                             QString &error);
    // The reason `filter` cannot be in a dataset, or "" when it can.
    static QString whyNot(const LogFilter &filter);

    // A filter's value as a person types it: "openai", "0.01", "true".
    static QString valueText(const Json &value);
    // "cost gt 0.01"; several values are listed with commas.
    static QString describe(const LogFilter &filter);
    // "provider eq openai and cost gt 0.01", or "every log" for none.
    static QString describe(const std::vector<LogFilter> &filters);
};

} // namespace rd
