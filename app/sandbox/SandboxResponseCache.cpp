#include "app/sandbox/SandboxResponseCache.h"

#include <algorithm>

namespace rd {

std::optional<SandboxResponse> SandboxResponseCache::find(const QString &account, const QString &gateway,
                                                          const QByteArray &body, qint64 nowMs)
{
    const auto it = m_entries.find({account, gateway, body});
    if (it == m_entries.end()) {
        return std::nullopt;
    }
    if (it->second.expiresMs <= nowMs) {
        m_entries.erase(it);
        return std::nullopt;
    }
    return it->second.response;
}

void SandboxResponseCache::store(const QString &account, const QString &gateway, const QByteArray &body,
                                 const SandboxResponse &response, qint64 expiresMs)
{
    if (m_entries.size() >= kMaxEntries) {
        const auto soonest = std::min_element(m_entries.begin(), m_entries.end(), [](const auto &a, const auto &b) {
            return a.second.expiresMs < b.second.expiresMs;
        });
        m_entries.erase(soonest);
    }
    m_entries[{account, gateway, body}] = {response, expiresMs};
}

} // namespace rd
