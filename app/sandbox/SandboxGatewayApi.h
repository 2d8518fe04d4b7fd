#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxStore.h"
#include "model/Json.h"

#include <QString>

#include <cstddef>
#include <optional>
#include <string>

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

    // Unknown top-level fields a body may carry (kept and answered back): name and serialized size limits.
    static constexpr std::size_t kMaxUnknownKeyLength = 64;
    static constexpr std::size_t kMaxUnknownValueBytes = 4096;

    // A gateway object from a create or update body (everything checked), keeping `previous`'s optional
    // fields the body leaves out and, on update, the otel/stripe authorizations it omits (withKeptSecrets).
    // Unknown top-level fields the body carries are kept; those it leaves out are dropped. nullopt with `error`
    // set (a 400) when the body is not acceptable. `previous` is null on create.
    static std::optional<Json> buildGateway(const QString &id, const Json &requestBody, const Json &previous,
                                            const QString &createdAt, const QString &modifiedAt,
                                            SandboxResponse &error);
    // `body` with each otel exporter and the stripe object that lacks `authorization` given `previous`'s: an
    // exporter keeps the authorization of the previous one with the same url, else of the one at its index.
    static Json withKeptSecrets(const Json &body, const Json &previous);
    // Why a field the sandbox does not know cannot be kept, or nullopt.
    static std::optional<QString> unknownFieldProblem(const std::string &key, const Json &value);
    static bool isValidId(const QString &id);

private:
    SandboxStore &m_store;
};

} // namespace rd
