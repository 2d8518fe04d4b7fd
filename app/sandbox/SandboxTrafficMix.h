#pragma once

#include "app/sandbox/SandboxRequest.h"
#include "model/engine/SplitMix64.h"

#include <QString>

#include <cstdint>
#include <utility>
#include <vector>

namespace rd {

// Requests as the demo's users send them to a gateway's `compat/chat/completions`: a support question, sometimes
// with the conversation so far or a pasted log (a long prompt), from one of a few client libraries, with
// `cf-aig-metadata` carrying what the demo route reads: `plan` (its condition) and `user_id` (its rate key).
// Plans are half free, a third pro, the rest enterprise; some users come back often. The backfill and
// `--traffic` draw from it, so past and live traffic look alike. The same seed gives the same requests.
class SandboxTrafficMix
{
public:
    explicit SandboxTrafficMix(std::uint64_t seed) : m_random(seed) {}

    // A new request for `dynamic/<route>` on the gateway.
    SandboxRequest next(const QString &account, const QString &gateway, const QString &route);
    // Whether the user sends the request just made again (a double submit, a retry of a slow answer): identical
    // bodies are what a gateway's cache answers.
    bool asksAgain();
    // One of `routes` ({name, weight}), by weight; empty when there is none.
    QString pickRoute(const std::vector<std::pair<QString, double>> &routes);

    // Draws for the caller's own choices (when a request is sent), from the same stream.
    double unit() { return m_random.unit(); }
    std::uint64_t below(std::uint64_t bound) { return m_random.below(bound); }

private:
    SplitMix64 m_random;
};

} // namespace rd
