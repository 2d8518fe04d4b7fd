#pragma once

#include <QByteArray>
#include <QString>

class QNetworkRequest;

namespace rd {

// Who the client speaks as. The secret stays in memory only; nothing here is ever printed: use redact()
// on any text that might have picked it up.
class ApiCredentials
{
public:
    enum class Kind { None, ApiToken, GlobalKey };

    static ApiCredentials apiToken(QString accountId, QString token);
    static ApiCredentials globalKey(QString accountId, QString email, QString key);

    Kind kind() const { return m_kind; }
    QString accountId() const { return m_accountId; }
    QString email() const { return m_email; }
    bool isValid() const;

    void applyTo(QNetworkRequest &request) const;
    // `text` with the secret (and its percent-encoded form) replaced by "[redacted]".
    QString redact(QString text) const;
    // A description safe to show: "API token for account 0d37…421a".
    QString describe() const;

    // Same account, kind and secret: what was learned about one set of credentials holds for the other.
    bool operator==(const ApiCredentials &) const = default;

private:
    Kind m_kind = Kind::None;
    QString m_accountId;
    QString m_email;
    QString m_secret;
};

} // namespace rd
