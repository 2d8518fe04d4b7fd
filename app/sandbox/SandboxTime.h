#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace rd {

// Timestamps as Cloudflare writes them: ISO-8601, UTC, milliseconds, "Z". Stored in that form too, so that
// text order is time order and SQL can compare them directly.
class SandboxTime
{
public:
    static QString format(const QDateTime &time);
    static QString now();
    // Accepts what a client might send in a created_at filter: a full timestamp (any offset, with or without
    // milliseconds) or a date; nullopt for anything else.
    static std::optional<QDateTime> parse(const QString &text);
};

} // namespace rd
