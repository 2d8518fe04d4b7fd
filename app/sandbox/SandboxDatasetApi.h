#pragma once

#include "app/sandbox/SandboxLogQuery.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxStore.h"
#include "model/Json.h"

#include <QList>
#include <QString>

#include <optional>

namespace rd {

// GET/POST /gateways/{id}/datasets and GET/PUT/DELETE /gateways/{id}/datasets/{dataset}: saved log filters, with
// the keys and operators of seed 001's dataset model. The gateway is known to exist.
class SandboxDatasetApi
{
public:
    explicit SandboxDatasetApi(SandboxStore &store) : m_store(store) {}

    SandboxResponse list(const SandboxRequest &request, const QString &account, const QString &gateway);
    SandboxResponse create(const SandboxRequest &request, const QString &account, const QString &gateway);
    SandboxResponse get(const QString &account, const QString &gateway, const QString &id);
    SandboxResponse update(const SandboxRequest &request, const QString &account, const QString &gateway,
                           const QString &id);
    SandboxResponse remove(const QString &account, const QString &gateway, const QString &id);

    // A dataset's `filters` as the log query reads them: values as the text a query string would carry.
    static QList<SandboxLogQuery::Filter> logFilters(const Json &filters);
    // `filters` of a create or update body, checked (keys, operators, values, and that the log query can run them)
    // and written back as `{key, operator, value}`; nullopt with `error` (a 400) when it is not acceptable.
    static std::optional<Json> readFilters(const Json &body, SandboxResponse &error);

private:
    // Name, enable and filters of a create or update body into `dataset`; false with `error` on bad input.
    static bool readBody(const SandboxRequest &request, Json &dataset, SandboxResponse &error);

    SandboxStore &m_store;
};

} // namespace rd
