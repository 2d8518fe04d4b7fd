#pragma once

#include "model/Json.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

#include <cstdint>
#include <optional>
#include <vector>

namespace rd {

// One page of a list, and how many rows match in all.
template<class T> struct SandboxPage
{
    std::vector<T> items;
    std::int64_t total = 0;
};

// Which page of a list, in which order.
struct SandboxSlice
{
    std::int64_t offset = 0;
    std::int64_t limit = 20;
    QString orderBy = QStringLiteral("created_at"); // a column name the caller has checked
    bool descending = true;
};

// What the sandbox's tables share (SandboxGatewayRows, SandboxRouteRows, …): the connection, running a
// statement (a failure is logged and reported as false, which handlers turn into a 500), ordering and paging,
// and the JSON some tables keep as text.
class SandboxSql
{
public:
    static QSqlDatabase database(const QString &connectionName);
    static bool run(QSqlQuery &query);
    // "column DESC, seq DESC": `column` when it is one of `allowed`, else the first of them; seq keeps rows
    // with equal values in the order they were written.
    static QString orderBy(const QString &column, bool descending, const QStringList &allowed);
    // A LIKE pattern that finds `text` anywhere, its % _ and \ taken literally (with ESCAPE '\').
    static QString likePattern(const QString &text);
    static QVariant optionalInt(const std::optional<int> &value); // NULL for nullopt
    static std::optional<Json> parseStored(const QString &text);
    static QString toText(const Json &json);

    // Runs `countSql` and `pageSql` (the same bindings, then limit and offset) and reads the rows with `read`.
    template<class T, class Read>
    static std::optional<SandboxPage<T>> page(const QSqlDatabase &db, const QString &countSql, const QString &pageSql,
                                              const QVariantList &bindings, std::int64_t offset, std::int64_t limit,
                                              Read read)
    {
        SandboxPage<T> page;
        QSqlQuery count(db);
        count.prepare(countSql);
        for (const QVariant &b : bindings) {
            count.addBindValue(b);
        }
        if (!run(count) || !count.next()) {
            return std::nullopt;
        }
        page.total = count.value(0).toLongLong();

        QSqlQuery rows(db);
        rows.setForwardOnly(true);
        rows.prepare(pageSql + QStringLiteral(" LIMIT ? OFFSET ?"));
        for (const QVariant &b : bindings) {
            rows.addBindValue(b);
        }
        rows.addBindValue(static_cast<qlonglong>(limit));
        rows.addBindValue(static_cast<qlonglong>(offset));
        if (!run(rows)) {
            return std::nullopt;
        }
        while (rows.next()) {
            page.items.push_back(read(rows));
        }
        return page;
    }
};

} // namespace rd
