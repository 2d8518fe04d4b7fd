#pragma once

#include "model/Json.h"

#include <QList>
#include <QPair>
#include <QString>

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rd {

// What one call puts into an endpoint's description (ApiEndpoint): the values of the `{name}` parameters of its
// path and messages, and the query and body when it has them.
class ApiArgs
{
public:
    ApiArgs() = default;
    ApiArgs(std::initializer_list<std::pair<const char *, QString>> params);

    ApiArgs &setQuery(QList<QPair<QString, QString>> items);
    ApiArgs &setQuery(const std::vector<std::pair<std::string, std::string>> &items);
    ApiArgs &setBody(Json body);

    const QList<QPair<QString, QString>> &query() const { return m_query; }
    const std::optional<Json> &body() const { return m_body; }

    // `pattern` with each `{name}` replaced by its value, percent-encoded as one path segment.
    QString path(const char *pattern) const;
    // `text` with each `{name}` replaced by its value in quotes: “demo”. Names without a value stay as they are.
    QString message(const QString &text) const;

private:
    QString fill(const QString &text, bool asSegment) const;

    QList<QPair<QString, QString>> m_params;
    QList<QPair<QString, QString>> m_query;
    std::optional<Json> m_body;
};

} // namespace rd
