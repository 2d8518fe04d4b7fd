#pragma once

#include "model/LogQuery.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace rd {

// Log filters sorted onto the logs view's filter bar: the ones a field of the bar shows exactly (a time bound to
// the minute, one provider, one model, success, cached, a metadata key or value, each eq with one value) and the
// rest, which the view still applies and lists apart so that none is hidden or lost.
struct LogFilterFields
{
    std::optional<QDateTime> from; // created_at gt, local time
    std::optional<QDateTime> to;   // created_at lt
    QString provider;
    QString model;
    std::optional<bool> success;
    std::optional<bool> cached;
    QString metadataKey;
    QString metadataValue;
    std::vector<LogFilter> rest;

    static LogFilterFields split(const std::vector<LogFilter> &filters);
};

} // namespace rd
