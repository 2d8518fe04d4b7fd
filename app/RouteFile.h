#pragma once

#include "app/RouteDocument.h"
#include "model/Decoded.h"
#include "model/RouteCodec.h"

#include <QString>

#include <optional>
#include <vector>

namespace rd {

// A route file read from disk (or from the app's resources) and decoded: the routes it holds, or why it
// could not be read. Reading never throws and never shows UI; the caller decides how to report.
class RouteFile
{
public:
    static RouteFile open(const QString &path);

    bool isValid() const { return m_document.has_value(); }
    const QString &path() const { return m_path; }
    // The file name without directories, for tab titles.
    QString displayName() const;
    const RouteFileContent *document() const { return m_document ? &*m_document : nullptr; }
    const std::optional<DecodeIssue> &error() const { return m_error; }
    // What decoding adjusted (legacy spellings translated, for instance).
    const std::vector<DecodeIssue> &warnings() const { return m_warnings; }
    // The error as a sentence for a message box; empty when the file is valid.
    QString errorText() const;

    // Our files keep canvas positions beside the API's fields, under a key of their own. It is taken out of
    // the route here, so it can never travel to the API with the route's other unknown fields.
    static constexpr const char *kLayoutKey = "routeDesigner";
    static RouteDocument::Positions takePositions(Route &route);
    // The file's bytes: the route as the API has it, plus the positions.
    static QByteArray serialize(const Route &route, const RouteDocument::Positions &positions);

private:
    QString m_path;
    std::optional<RouteFileContent> m_document;
    std::optional<DecodeIssue> m_error;
    std::vector<DecodeIssue> m_warnings;
};

} // namespace rd
