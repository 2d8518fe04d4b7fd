#pragma once

#include "app/Connection.h"

#include <QList>
#include <QSslCertificate>
#include <QString>

#include <optional>

namespace rd {

// How a connection's requests leave the machine: its proxy choice and the extra CA certificates it trusts, turned
// into the client's options. Separate from Connection, which is plain data written to the settings file.
class ConnectionNetwork
{
public:
    // Sets `options.proxy` and `options.extraCaCertificates` from `connection`; a message a person can act on
    // when the CA file cannot be used (options then left as they were).
    static std::optional<QString> applyTo(const Connection &connection, ApiClient::Options &options);
    // The certificates in a PEM or DER file, or why there are none.
    static QList<QSslCertificate> readCertificates(const QString &path, QString *error);
    // Why a manual proxy address cannot be used ("" when it can): http://host:port, no password in it.
    static QString proxyProblem(const QString &text);
};

} // namespace rd
