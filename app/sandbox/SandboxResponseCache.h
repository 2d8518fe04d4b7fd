#pragma once

#include "app/sandbox/SandboxResponse.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <optional>
#include <tuple>

namespace rd {

// The gateway cache of the data plane: an identical request (same gateway, same body) within the gateway's
// `cache_ttl` seconds gets the answer that was given, as Cloudflare's cache does. Bounded: past kMaxEntries
// the entry closest to expiry goes first.
class SandboxResponseCache
{
public:
    static constexpr std::size_t kMaxEntries = 1000;

    std::optional<SandboxResponse> find(const QString &account, const QString &gateway, const QByteArray &body,
                                        qint64 nowMs);
    void store(const QString &account, const QString &gateway, const QByteArray &body, const SandboxResponse &response,
               qint64 expiresMs);

private:
    using Key = std::tuple<QString, QString, QByteArray>;
    struct Entry
    {
        SandboxResponse response;
        qint64 expiresMs = 0;
    };
    std::map<Key, Entry> m_entries;
};

} // namespace rd
