#include "app/ConnectionNetwork.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QNetworkProxy>

namespace rd {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("rd::ConnectionNetwork", text);
}
} // namespace

QList<QSslCertificate> ConnectionNetwork::readCertificates(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("The CA certificate file %1 cannot be read: %2.").arg(path, file.errorString());
        return {};
    }
    // A CA bundle is small; a bigger file is not one, and reading it all would only stall the window.
    if (file.size() > 4 * 1024 * 1024) {
        *error = tr("%1 is too large to be a CA certificate file.").arg(QFileInfo(path).fileName());
        return {};
    }
    const QByteArray data = file.readAll();
    QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty()) {
        certificates = QSslCertificate::fromData(data, QSsl::Der);
    }
    if (certificates.isEmpty()) {
        *error = tr("%1 holds no certificate (PEM or DER expected).").arg(QFileInfo(path).fileName());
    }
    return certificates;
}

QString ConnectionNetwork::proxyProblem(const QString &text)
{
    const QUrl url = QUrl::fromUserInput(text.trimmed());
    if (text.trimmed().isEmpty() || !url.isValid() || url.host().isEmpty()) {
        return tr("Enter the proxy as host:port or http://host:port.");
    }
    if (url.scheme() != QLatin1String("http")) {
        return tr("Only HTTP proxies are supported (http://host:port).");
    }
    if (!url.userInfo().isEmpty()) {
        return tr("Leave the password out: it would be written to the settings file in clear.");
    }
    if (url.port() <= 0) {
        return tr("Add the proxy's port (host:port).");
    }
    return QString();
}

std::optional<QString> ConnectionNetwork::applyTo(const Connection &connection, ApiClient::Options &options)
{
    QList<QSslCertificate> certificates;
    if (!connection.caCertificatesFile.isEmpty()) {
        QString error;
        certificates = readCertificates(connection.caCertificatesFile, &error);
        if (certificates.isEmpty()) {
            return error;
        }
    }
    options.extraCaCertificates = certificates;
    switch (connection.proxyMode) {
    case Connection::ProxyMode::System:
        options.proxy.reset();
        break;
    case Connection::ProxyMode::None:
        options.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        break;
    case Connection::ProxyMode::Manual:
        options.proxy = QNetworkProxy(QNetworkProxy::HttpProxy, connection.proxyUrl.host(),
                                      static_cast<quint16>(connection.proxyUrl.port()));
        break;
    }
    return std::nullopt;
}

} // namespace rd
