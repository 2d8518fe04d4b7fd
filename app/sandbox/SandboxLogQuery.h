#pragma once

#include "app/sandbox/SandboxListParams.h"
#include "app/sandbox/SandboxRequest.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace rd {

// The filters and search of a log list or delete request, turned into an SQL condition over the sandbox's
// logs table. Filters arrive as the official SDKs encode them, repeated query keys where each `filters.key`
// starts a new filter: `filters.key=model&filters.operator=eq&filters.value=gpt-4o&filters.key=...`
// (the indexed form `filters[0][key]=...` is read too).
class SandboxLogQuery
{
public:
    struct Filter
    {
        QString key;
        QString op;
        QStringList values;
    };

    static std::optional<SandboxLogQuery> parse(const SandboxRequest &request, QString *error);
    // The same from filters read elsewhere (a dataset's): checked as a request's would be.
    static std::optional<SandboxLogQuery> fromFilters(const QList<Filter> &filters, QString *error);

    // The keys order_by accepts; the first is the default.
    static QStringList orderKeys();
    static QString orderClause(const SandboxListParams &params);

    const QList<Filter> &filters() const { return m_filters; }
    // "1" when nothing narrows the list.
    QString whereClause() const;
    const QVariantList &bindings() const { return m_bindings; }

private:
    bool addFilter(const Filter &filter, QString *error);
    void addSearch(const QString &text);

    QList<Filter> m_filters;
    QStringList m_conditions;
    QVariantList m_bindings;
};

} // namespace rd
