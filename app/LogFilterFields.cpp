#include "app/LogFilterFields.h"

namespace rd {

namespace {

std::optional<QDateTime> minuteTime(const Json &value)
{
    if (!value.is_string()) {
        return std::nullopt;
    }
    const QDateTime time = QDateTime::fromString(QString::fromStdString(value.get<std::string>()), Qt::ISODateWithMs);
    // The bar's time fields show minutes: a bound with seconds would be moved by showing it there.
    if (!time.isValid() || time.time().second() != 0 || time.time().msec() != 0) {
        return std::nullopt;
    }
    return time.toLocalTime();
}

std::optional<bool> flag(const Json &value)
{
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_string() && (value == "true" || value == "false")) {
        return value == "true";
    }
    return std::nullopt;
}

} // namespace

LogFilterFields LogFilterFields::split(const std::vector<LogFilter> &filters)
{
    LogFilterFields fields;
    for (const LogFilter &filter : filters) {
        const bool single = filter.values.size() == 1;
        const Json value = single ? filter.values.front() : Json();
        const auto text = [&]() -> QString {
            return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
        };
        auto place = [&]() -> bool {
            if (!single) {
                return false;
            }
            if (filter.key == "created_at" && (filter.op == "gt" || filter.op == "lt")) {
                std::optional<QDateTime> &bound = filter.op == "gt" ? fields.from : fields.to;
                const auto time = minuteTime(value);
                if (bound || !time) {
                    return false;
                }
                bound = time;
                return true;
            }
            if (filter.op != "eq") {
                return false;
            }
            if (filter.key == "success" || filter.key == "cached") {
                std::optional<bool> &field = filter.key == "success" ? fields.success : fields.cached;
                const auto on = flag(value);
                if (field || !on) {
                    return false;
                }
                field = on;
                return true;
            }
            QString *field = filter.key == "provider"         ? &fields.provider
                             : filter.key == "model"          ? &fields.model
                             : filter.key == "metadata.key"   ? &fields.metadataKey
                             : filter.key == "metadata.value" ? &fields.metadataValue
                                                              : nullptr;
            // The fields trim what is typed: a value with outer spaces could not come back the same.
            if (!field || !field->isEmpty() || text().isEmpty() || text() != text().trimmed()) {
                return false;
            }
            *field = text();
            return true;
        };
        if (!place()) {
            fields.rest.push_back(filter);
        }
    }
    return fields;
}

} // namespace rd
