#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "app/sandbox/SandboxStore.h"
#include "model/Json.h"

#include <QString>

#include <chrono>

namespace rd {

// GET /ai-gateway/evaluation-types, and GET/POST /gateways/{id}/evaluations, GET/DELETE …/evaluations/{id}.
//
// Cloudflare runs an evaluation asynchronously: create answers `processed: false` with no results. The sandbox
// has no timers for it: an evaluation is run when it is read (get, list, delete) and at least `delay` has passed
// since it was created, which looks the same to a client that polls, and leaves nothing running in between.
class SandboxEvaluationApi
{
public:
    static constexpr std::chrono::milliseconds kDefaultDelay{2000};

    explicit SandboxEvaluationApi(SandboxStore &store) : m_store(store) {}

    // How long an evaluation stays unprocessed (0: processed on the first read after create).
    void setDelay(std::chrono::milliseconds delay) { m_delay = delay; }
    std::chrono::milliseconds delay() const { return m_delay; }

    SandboxResponse listTypes(const SandboxRequest &request);
    // The gateway is known to exist for these.
    SandboxResponse list(const SandboxRequest &request, const QString &account, const QString &gateway);
    SandboxResponse create(const SandboxRequest &request, const QString &account, const QString &gateway);
    SandboxResponse get(const QString &account, const QString &gateway, const QString &id);
    SandboxResponse remove(const QString &account, const QString &gateway, const QString &id);

private:
    // Runs the gateway's evaluations whose delay is over; false when the database failed.
    bool settle(const QString &account, const QString &gateway);

    SandboxStore &m_store;
    std::chrono::milliseconds m_delay = kDefaultDelay;
};

} // namespace rd
