#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxStore.h"
#include "model/Json.h"

#include <QString>

#include <optional>

namespace rd {

// GET/POST /gateways and GET/PUT/DELETE /gateways/{id}, with the fields and ranges of seed 001.
class SandboxGatewayApi
{
public:
    static constexpr int kMaxGatewaysPerAccount = 10;

    explicit SandboxGatewayApi(SandboxStore &store) : m_store(store) {}

    SandboxResponse list(const SandboxRequest &request, const QString &account);
    SandboxResponse create(const SandboxRequest &request, const QString &account);
    SandboxResponse get(const QString &account, const QString &id);
    SandboxResponse update(const SandboxRequest &request, const QString &account, const QString &id);
    SandboxResponse remove(const QString &account, const QString &id);

    // A gateway object from a create or update body (everything checked), keeping `previous`'s optional
    // fields the body leaves out. nullopt with `error` set (a 400) when the body is not acceptable.
    static std::optional<Json> buildGateway(const QString &id, const Json &body, const Json &previous,
                                            const QString &createdAt, const QString &modifiedAt,
                                            SandboxResponse &error);
    static bool isValidId(const QString &id);

private:
    SandboxStore &m_store;
};

} // namespace rd
