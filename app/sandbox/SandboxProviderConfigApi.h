#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxStore.h"

#include <QString>

namespace rd {

// GET/POST /gateways/{id}/provider_configs. The secret a client sends is never stored or returned: only
// a preview of it ("sk-...1234") is kept.
class SandboxProviderConfigApi
{
public:
    explicit SandboxProviderConfigApi(SandboxStore &store) : m_store(store) {}

    SandboxResponse list(const SandboxRequest &request, const QString &account, const QString &gateway);
    SandboxResponse create(const SandboxRequest &request, const QString &account, const QString &gateway);

    // Enough of the secret to recognise it, never enough to use it.
    static QString secretPreview(const QString &secret);

private:
    SandboxStore &m_store;
};

} // namespace rd
