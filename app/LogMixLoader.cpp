#include "app/LogMixLoader.h"

#include "app/api/ApiCall.h"
#include "app/api/ApiClient.h"
#include "model/LogEntry.h"
#include "model/LogQuery.h"

#include <algorithm>

namespace rd {

LogMixLoader::LogMixLoader(ApiClient *client, QString gatewayId, int count, QObject *parent)
    : QObject(parent), m_client(client), m_gatewayId(std::move(gatewayId)), m_count(std::max(1, count))
{}

// The calls were started with this object as their context: they stop with it, without calling back.
LogMixLoader::~LogMixLoader() = default;

void LogMixLoader::start(Done done)
{
    m_done = std::move(done);
    m_metadata.clear();
    fetch(1);
}

void LogMixLoader::fetch(int page)
{
    if (!m_client) {
        return;
    }
    LogQuery query;
    query.page = page;
    // Full pages, keeping what is wanted of the last: page N is then always the same slice of the list.
    query.perPage = kPageSize;
    query.orderBy = "created_at";
    query.orderByDirection = "desc";
    m_call = m_client->listLogs(m_gatewayId, query, this, [this, page](const ApiResult<ListPage<LogEntry>> &result) {
        if (!result) {
            m_done(m_metadata, result.error);
            return;
        }
        for (const LogEntry &entry : result.value->items) {
            if (loaded() >= m_count) {
                break;
            }
            m_metadata.push_back(entry.metadataObject());
        }
        emit progress(loaded(), m_count);
        const PageInfo &info = result.value->info;
        const bool more =
            static_cast<int>(result.value->items.size()) >= kPageSize && (!info.totalPages || page < *info.totalPages);
        if (loaded() < m_count && more) {
            fetch(page + 1);
        } else {
            m_done(m_metadata, std::nullopt);
        }
    });
}

} // namespace rd
