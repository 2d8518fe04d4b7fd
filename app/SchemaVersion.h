#pragma once

#include "model/Json.h"

#include <QCoreApplication>
#include <QString>

namespace rd {

// The format version a stored file (a draft, a layout) carries, read against the newest version this build
// knows. Files written before versions were recorded are version 1, the format of the day versions came in, so
// a missing version reads as 1. A newer version means a newer Route Designer wrote the file: this one neither
// reads nor overwrites it, and says why (newerMessage).
class SchemaVersion
{
    Q_DECLARE_TR_FUNCTIONS(rd::SchemaVersion)

public:
    static constexpr int kUnversioned = 1;
    // The field of a stored JSON object that holds the version.
    static constexpr const char *kJsonKey = "version";

    SchemaVersion(int found, int known) : m_found(found), m_known(known) {}

    // The "version" of a stored JSON object, kUnversioned without one; 0 when it is not a positive integer.
    static SchemaVersion ofJson(const Json &root, int known);
    // The same for the file at `path`. A file that is missing, unreadable or not a JSON object reads as
    // kUnversioned: nothing a newer app wrote can be lost by replacing it.
    static SchemaVersion ofFile(const QString &path, int known);

    int found() const { return m_found; }
    int known() const { return m_known; }
    bool isValid() const { return m_found >= 1; }
    bool isNewer() const { return m_found > m_known; }

    // Why a file is skipped, for the line "FILE: why": "written by a newer Route Designer (…); left as it is".
    QString newerMessage() const;
    QString invalidMessage() const;

private:
    int m_found;
    int m_known;
};

} // namespace rd
