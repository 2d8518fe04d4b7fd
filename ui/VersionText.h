#pragma once

#include <QString>

namespace rd {

// How version and deployment ids and times read in the history and the deploy dialog.
class VersionText
{
public:
    // The first eight characters: enough to tell versions of one route apart, short enough for a list.
    static QString shortId(const QString &id);
    static QString shortId(const std::string &id) { return shortId(QString::fromStdString(id)); }
    // An API timestamp in local time, short locale format; the text as given when it does not parse.
    static QString localTime(const std::string &timestamp);
    // "2024-05-01 14:03:11 (local), 2024-05-01T12:03:11.123Z (server)": for tooltips.
    static QString fullTime(const std::string &timestamp);
};

} // namespace rd
