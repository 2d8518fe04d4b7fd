#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>
#include <vector>

namespace rd {

// The values a path pattern's {placeholders} took, decoded: {"account", "0d37..."}, {"gateway", "demo"}.
class SandboxPathMatch
{
public:
    QString value(QStringView name) const;
    void add(QString name, QString value) { m_values.append({std::move(name), std::move(value)}); }
    bool has(QStringView name) const;

private:
    QList<std::pair<QString, QString>> m_values;
};

// Every endpoint the sandbox serves, one row each: method, path pattern, handler. 404 (no row's pattern
// matches), 405 and its Allow header (patterns match, methods do not) follow from the rows, so adding an
// endpoint is one row plus its handler.
class SandboxRouteTable
{
public:
    using Handler = std::function<SandboxResponse(const SandboxRequest &, const SandboxPathMatch &)>;

    struct Lookup
    {
        const Handler *handler = nullptr; // the row for this method and path, if any
        SandboxPathMatch match;
        bool pathKnown = false; // some row's pattern matches the path
        QStringList allowed;    // the methods of the rows whose pattern matches, in row order
    };

    // `pattern` is a path such as "/client/v4/accounts/{account}/ai-gateway/gateways/{gateway}": literal
    // segments match themselves, a {name} matches any one segment.
    void add(const QString &method, const QString &pattern, Handler handler);

    Lookup find(const SandboxRequest &request) const;
    qsizetype size() const { return static_cast<qsizetype>(m_rows.size()); }

private:
    struct Row
    {
        QString method;
        QStringList segments; // "{name}" for placeholders
        Handler handler;
    };

    static bool matches(const Row &row, const QStringList &segments, SandboxPathMatch *match);

    std::vector<Row> m_rows;
};

} // namespace rd
