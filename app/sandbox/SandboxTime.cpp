#include "app/sandbox/SandboxTime.h"

#include <QTimeZone>

namespace rd {

QString SandboxTime::format(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString SandboxTime::now()
{
    return format(QDateTime::currentDateTimeUtc());
}

std::optional<QDateTime> SandboxTime::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid()) {
        time = QDateTime::fromString(trimmed, Qt::ISODate);
    }
    if (!time.isValid()) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (!date.isValid()) {
            return std::nullopt;
        }
        time = QDateTime(date, QTime(0, 0), QTimeZone::utc());
    }
    // A timestamp without an offset is read as UTC, as the API writes them.
    if (time.timeSpec() == Qt::LocalTime) {
        time.setTimeZone(QTimeZone::utc());
    }
    return time.toUTC();
}

} // namespace rd
