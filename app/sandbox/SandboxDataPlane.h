#pragma once

#include "app/sandbox/SandboxChatCompletion.h"
#include "app/sandbox/SandboxRequest.h"
#include "app/sandbox/SandboxResponse.h"
#include "model/engine/ProviderBehaviour.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

namespace rd {

class SandboxStore;

// The gateway's data plane: `POST /v1/{account}/{gateway}/compat/chat/completions`, Cloudflare's OpenAI-compatible
// endpoint. A request for `dynamic/<route>` runs through the route's deployed version with the route engine (the
// same walk `routectl trace` shows); `provider/model` is served directly. Providers fail and take time as
// `behaviour` says (latency is recorded, not slept); the answer is a deterministic OpenAI-shaped completion with
// `cf-aig-model` and `cf-aig-provider`, and the request is logged as the gateway's settings allow. The work is
// SandboxChatCompletion's, which the backfill shares; this is it at the present moment.
class SandboxDataPlane
{
public:
    SandboxDataPlane(SandboxStore &store, QByteArray token);
    ~SandboxDataPlane();

    SandboxResponse chatCompletions(const SandboxRequest &request, const QString &account, const QString &gateway);

    // `/__sandbox/providers`: GET shows the providers' behaviour, PUT replaces it with
    // {"failures": {"openai": 0.05, "openai/gpt-4o": 1}, "latency": {"anthropic": {"p50": 800, "p95": 2500}}}.
    SandboxResponse control(const SandboxRequest &request);

    const ProviderBehaviour &behaviour() const { return m_chat.behaviour(); }
    // New failure rates and latencies apply to the next request; rate windows start again.
    void setBehaviour(ProviderBehaviour behaviour);

    // Cloudflare's limit on the `cf-aig-metadata` header's entries.
    static constexpr int kMaxMetadataEntries = SandboxChatCompletion::kMaxMetadataEntries;

private:
    QElapsedTimer m_clock;
    SandboxChatCompletion m_chat;
};

} // namespace rd
