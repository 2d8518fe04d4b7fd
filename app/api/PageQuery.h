#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace rd {

// Paging and ordering for the list endpoints other than logs (those take rd::LogQuery).
struct PageQuery
{
    int page = 1;
    int perPage = 0; // 0 leaves the server's default
    QString search;  // gateways only
    QString orderBy;
    QString orderByDirection;

    // The query string's items, in the order Cloudflare's reference lists them; what is unset stays out.
    QList<QPair<QString, QString>> items() const
    {
        QList<QPair<QString, QString>> out;
        out << qMakePair(QStringLiteral("page"), QString::number(page));
        if (perPage > 0) {
            out << qMakePair(QStringLiteral("per_page"), QString::number(perPage));
        }
        if (!search.isEmpty()) {
            out << qMakePair(QStringLiteral("search"), search);
        }
        if (!orderBy.isEmpty()) {
            out << qMakePair(QStringLiteral("order_by"), orderBy);
        }
        if (!orderByDirection.isEmpty()) {
            out << qMakePair(QStringLiteral("order_by_direction"), orderByDirection);
        }
        return out;
    }
};

} // namespace rd
