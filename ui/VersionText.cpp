#include "ui/VersionText.h"

#include <QDateTime>
#include <QLocale>

namespace rd {

namespace {

QDateTime parse(const std::string &timestamp)
{
    const QString text = QString::fromStdString(timestamp);
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        time = QDateTime::fromString(text, Qt::ISODate);
    }
    return time;
}

} // namespace

QString VersionText::shortId(const QString &id)
{
    return id.left(8);
}

QString VersionText::localTime(const std::string &timestamp)
{
    const QDateTime time = parse(timestamp);
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : QString::fromStdString(timestamp);
}

QString VersionText::fullTime(const std::string &timestamp)
{
    const QDateTime time = parse(timestamp);
    if (!time.isValid()) {
        return QString::fromStdString(timestamp);
    }
    return QStringLiteral("%1 (local), %2")
        .arg(QLocale().toString(time.toLocalTime(), QLocale::LongFormat), QString::fromStdString(timestamp));
}

} // namespace rd
