#pragma once

#include <QString>
#include <QStringList>

namespace rd {

// Suggestions for the inspector's free-text fields. Only suggestions: Cloudflare adds providers and models
// faster than any list, so every field still accepts any text.
class ProviderCatalog
{
public:
    static QStringList providers();
    // Well-known model names of `provider`; empty for providers without a short canonical list.
    static QStringList models(const QString &provider);
    // What rate limits usually count per.
    static QStringList rateKeys();
    // Condition fields: request metadata and headers.
    static QStringList conditionFields();
};

} // namespace rd
