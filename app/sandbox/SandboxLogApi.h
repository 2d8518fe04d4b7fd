#pragma once

#include "app/sandbox/SandboxLogRecord.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxStore.h"
#include "model/Json.h"

#include <QString>

namespace rd {

// The log endpoints: list (paging, search, order, filters), detail, request and response bodies, feedback,
// and delete by filter. The gateway is known to exist.
class SandboxLogApi
{
public:
    explicit SandboxLogApi(SandboxStore &store) : m_store(store) {}

    SandboxResponse list(const SandboxRequest &request, const QString &account, const QString &gateway);
    SandboxResponse get(const QString &account, const QString &gateway, const QString &id);
    // `which` is "request" or "response".
    SandboxResponse body(const QString &account, const QString &gateway, const QString &id, const QString &which);
    SandboxResponse edit(const SandboxRequest &request, const QString &account, const QString &gateway,
                         const QString &id);
    SandboxResponse remove(const SandboxRequest &request, const QString &account, const QString &gateway);

    // LogListResponse of seed 001; feedback and score are added once set (the seed does not list them, but
    // without them a client could never show what it stored).
    static Json listJson(const SandboxLogRecord &log);
    // LogGetResponse: the list fields plus heads and sizes.
    static Json detailJson(const SandboxLogRecord &log);

private:
    SandboxStore &m_store;
};

} // namespace rd
