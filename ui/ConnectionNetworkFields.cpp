#include "ui/ConnectionNetworkFields.h"

#include "app/ConnectionNetwork.h"
#include "ui/FormHints.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace rd {

ConnectionNetworkFields::ConnectionNetworkFields(QWidget *dialog) : QObject(dialog), m_dialog(dialog)
{
    m_proxyMode = new QComboBox;
    m_proxyMode->setObjectName(QStringLiteral("proxyMode"));
    m_proxyMode->addItem(tr("System proxy"), int(Connection::ProxyMode::System));
    m_proxyMode->addItem(tr("No proxy"), int(Connection::ProxyMode::None));
    m_proxyMode->addItem(tr("This proxy:"), int(Connection::ProxyMode::Manual));
    m_proxyAddress = new QLineEdit;
    m_proxyAddress->setObjectName(QStringLiteral("proxyAddress"));
    m_proxyAddress->setPlaceholderText(tr("proxy.example.com:3128"));
    m_proxyHint = FormHints::label(QStringLiteral("proxyHint"));
    auto *proxyLine = new QWidget;
    auto *proxyLayout = new QHBoxLayout(proxyLine);
    proxyLayout->setContentsMargins(0, 0, 0, 0);
    proxyLayout->addWidget(m_proxyMode);
    proxyLayout->addWidget(m_proxyAddress, 1);
    m_proxyRow = FormHints::withHint(proxyLine, m_proxyHint);

    m_caFile = new QLineEdit;
    m_caFile->setObjectName(QStringLiteral("caCertificatesFile"));
    m_caFile->setPlaceholderText(tr("Only the system's (a PEM or DER file adds more)"));
    m_caFile->setClearButtonEnabled(true);
    auto *browse = new QToolButton;
    browse->setObjectName(QStringLiteral("caBrowse"));
    browse->setText(tr("Browse\u2026"));
    m_caHint = FormHints::label(QStringLiteral("caHint"));
    auto *caLine = new QWidget;
    auto *caLayout = new QHBoxLayout(caLine);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_caFile, 1);
    caLayout->addWidget(browse);
    m_caRow = FormHints::withHint(caLine, m_caHint);

    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, [this] {
        m_proxyAddress->setEnabled(m_proxyMode->currentData().toInt() == int(Connection::ProxyMode::Manual));
        emit changed();
    });
    connect(m_proxyAddress, &QLineEdit::textChanged, this, &ConnectionNetworkFields::changed);
    connect(m_caFile, &QLineEdit::textChanged, this, &ConnectionNetworkFields::changed);
    connect(browse, &QToolButton::clicked, this, &ConnectionNetworkFields::browse);
    m_proxyAddress->setEnabled(false);
}

void ConnectionNetworkFields::fill(const Connection &connection)
{
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(int(connection.proxyMode)));
    if (connection.proxyMode == Connection::ProxyMode::Manual) {
        m_proxyAddress->setText(connection.proxyUrl.authority());
    }
    m_caFile->setText(connection.caCertificatesFile);
}

void ConnectionNetworkFields::apply(Connection &connection) const
{
    connection.proxyMode = Connection::ProxyMode(m_proxyMode->currentData().toInt());
    connection.proxyUrl = connection.proxyMode == Connection::ProxyMode::Manual
                              ? QUrl::fromUserInput(m_proxyAddress->text().trimmed())
                              : QUrl();
    connection.caCertificatesFile = m_caFile->text().trimmed();
}

bool ConnectionNetworkFields::isDefault() const
{
    return m_proxyMode->currentData().toInt() == int(Connection::ProxyMode::System) &&
           m_caFile->text().trimmed().isEmpty();
}

bool ConnectionNetworkFields::validate()
{
    bool ok = true;
    QString proxyProblem;
    if (m_proxyMode->currentData().toInt() == int(Connection::ProxyMode::Manual)) {
        proxyProblem = ConnectionNetwork::proxyProblem(m_proxyAddress->text());
        ok = proxyProblem.isEmpty();
    }
    FormHints::set(m_proxyHint, proxyProblem, "error");

    QString caProblem;
    const QString path = m_caFile->text().trimmed();
    if (!path.isEmpty()) {
        const auto certificates = ConnectionNetwork::readCertificates(path, &caProblem);
        if (!certificates.isEmpty()) {
            FormHints::set(m_caHint, tr("%n certificate(s) added to the system's.", nullptr, int(certificates.size())),
                           "info");
            return ok;
        }
        ok = false;
    }
    FormHints::set(m_caHint, caProblem, "error");
    return ok;
}

void ConnectionNetworkFields::browse()
{
    const QString start = m_caFile->text().trimmed().isEmpty() ? QString() : QFileInfo(m_caFile->text()).path();
    const QString path = QFileDialog::getOpenFileName(m_dialog, tr("CA Certificate File"), start,
                                                      tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"));
    if (!path.isEmpty()) {
        m_caFile->setText(path);
    }
}

} // namespace rd
