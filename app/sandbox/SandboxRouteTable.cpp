#include "app/sandbox/SandboxRouteTable.h"

namespace rd {

namespace {

bool isPlaceholder(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}

} // namespace

QString SandboxPathMatch::value(QStringView name) const
{
    for (const auto &[key, value] : m_values) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

bool SandboxPathMatch::has(QStringView name) const
{
    for (const auto &[key, value] : m_values) {
        if (key == name) {
            return true;
        }
    }
    return false;
}

void SandboxRouteTable::add(const QString &method, const QString &pattern, Handler handler)
{
    m_rows.push_back({method, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), std::move(handler)});
}

bool SandboxRouteTable::matches(const Row &row, const QStringList &segments, SandboxPathMatch *match)
{
    if (row.segments.size() != segments.size()) {
        return false;
    }
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &want = row.segments[i];
        if (isPlaceholder(want)) {
            if (match) {
                match->add(want.mid(1, want.size() - 2), segments[i]);
            }
        } else if (want != segments[i]) {
            return false;
        }
    }
    return true;
}

SandboxRouteTable::Lookup SandboxRouteTable::find(const SandboxRequest &request) const
{
    Lookup lookup;
    for (const Row &row : m_rows) {
        if (!matches(row, request.segments, nullptr)) {
            continue;
        }
        lookup.pathKnown = true;
        if (!lookup.allowed.contains(row.method)) {
            lookup.allowed << row.method;
        }
        if (!lookup.handler && row.method == request.method) {
            matches(row, request.segments, &lookup.match);
            lookup.handler = &row.handler;
        }
    }
    return lookup;
}

} // namespace rd
