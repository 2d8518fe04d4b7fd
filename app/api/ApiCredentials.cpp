#include "app/api/ApiCredentials.h"

#include <QCoreApplication>
#include <QNetworkRequest>
#include <QUrl>

namespace rd {

ApiCredentials ApiCredentials::apiToken(QString accountId, QString token)
{
    ApiCredentials c;
    c.m_kind = Kind::ApiToken;
    c.m_accountId = std::move(accountId).trimmed();
    c.m_secret = std::move(token).trimmed();
    return c;
}

ApiCredentials ApiCredentials::globalKey(QString accountId, QString email, QString key)
{
    ApiCredentials c;
    c.m_kind = Kind::GlobalKey;
    c.m_accountId = std::move(accountId).trimmed();
    c.m_email = std::move(email).trimmed();
    c.m_secret = std::move(key).trimmed();
    return c;
}

bool ApiCredentials::isValid() const
{
    switch (m_kind) {
    case Kind::ApiToken:
        return !m_accountId.isEmpty() && !m_secret.isEmpty();
    case Kind::GlobalKey:
        return !m_accountId.isEmpty() && !m_email.isEmpty() && !m_secret.isEmpty();
    case Kind::None:
        break;
    }
    return false;
}

void ApiCredentials::applyTo(QNetworkRequest &request) const
{
    switch (m_kind) {
    case Kind::ApiToken:
        request.setRawHeader("Authorization", "Bearer " + m_secret.toUtf8());
        break;
    case Kind::GlobalKey:
        request.setRawHeader("X-Auth-Email", m_email.toUtf8());
        request.setRawHeader("X-Auth-Key", m_secret.toUtf8());
        break;
    case Kind::None:
        break;
    }
}

QString ApiCredentials::redact(QString text) const
{
    if (m_secret.isEmpty()) {
        return text;
    }
    text.replace(m_secret, QStringLiteral("[redacted]"));
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(m_secret));
    if (encoded != m_secret) {
        text.replace(encoded, QStringLiteral("[redacted]"));
    }
    return text;
}

QString ApiCredentials::describe() const
{
    const QString account =
        m_accountId.size() > 10 ? m_accountId.left(4) + QChar(0x2026) + m_accountId.right(4) : m_accountId;
    switch (m_kind) {
    case Kind::ApiToken:
        return QCoreApplication::translate("rd::ApiCredentials", "API token for account %1").arg(account);
    case Kind::GlobalKey:
        return QCoreApplication::translate("rd::ApiCredentials", "global API key of %1 for account %2")
            .arg(m_email, account);
    case Kind::None:
        break;
    }
    return QCoreApplication::translate("rd::ApiCredentials", "no credentials");
}

} // namespace rd
