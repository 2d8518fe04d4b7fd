#pragma once

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
};

} // namespace rd
