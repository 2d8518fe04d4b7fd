#pragma once

// What the gateway administration tests share: an in-process sandbox (each test on an account of its own, which
// the sandbox seeds with the demo gateway and its routes), clients whose request log lines are all kept, a
// gateway browser on one, and helpers that look for a secret in what a person could see.
#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/FaultSpec.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "support/CanvasPixels.h"
#include "ui/GatewayBrowser.h"
#include "ui/gateway/AddProviderKeyDialog.h"
#include "ui/gateway/DeleteGatewayDialog.h"
#include "ui/gateway/DlpEditor.h"
#include "ui/gateway/GatewayAdmin.h"
#include "ui/gateway/GatewayScalarEditor.h"
#include "ui/gateway/GatewaySettingsDialog.h"
#include "ui/gateway/NewGatewayDialog.h"
#include "ui/gateway/OtelEditor.h"
#include "ui/gateway/ProviderKeysDialog.h"
#include "ui/gateway/StripeEditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

namespace rd::test {

inline const QByteArray kToken = "admin-token-7f3e91c2";
inline const QString kGateway = QStringLiteral("demo-gateway");

// Every text a person could see or copy out of `root`'s widgets.
inline QStringList visibleTexts(const QWidget *root)
{
    QStringList texts;
    for (const QLineEdit *edit : root->findChildren<QLineEdit *>()) {
        texts << edit->text() << edit->placeholderText();
    }
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        texts << label->text();
    }
    for (const QPlainTextEdit *edit : root->findChildren<QPlainTextEdit *>()) {
        texts << edit->toPlainText();
    }
    for (const QTreeWidget *tree : root->findChildren<QTreeWidget *>()) {
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            for (int c = 0; c < tree->columnCount(); ++c) {
                texts << tree->topLevelItem(i)->text(c) << tree->topLevelItem(i)->toolTip(c);
            }
        }
    }
    return texts;
}

inline bool anyContains(const QStringList &texts, const QString &needle)
{
    return std::any_of(texts.begin(), texts.end(), [&](const QString &t) { return t.contains(needle); });
}

// Answers the next modal message box named `name` by pressing `button`.
inline void answerBox(const QString &name, QMessageBox::StandardButton button, bool *seen)
{
    auto *timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, timer, [timer, name, button, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box && box->objectName() == name) {
            *seen = true;
            box->button(button)->click();
            timer->deleteLater();
        }
    });
    timer->start(20);
    QTimer::singleShot(5000, timer, &QObject::deleteLater);
}

} // namespace rd::test

namespace rd::test {

class GatewayAdminFixture : public QObject
{
protected:
    void startSandbox();
    std::unique_ptr<ApiClient> accountClient(const QString &account);
    Json serverGateway(ApiClient *client, const QString &id);
    // A browser on `client`, its gateways listed.
    std::unique_ptr<GatewayBrowser> browserOn(ApiClient *client);
    GatewaySettingsDialog *openSettings(GatewayBrowser &browser);

    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    std::unique_ptr<SandboxServer> m_server;
    QStringList m_logged; // every requestLogged line of every client
};

inline void GatewayAdminFixture::startSandbox()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_config.isValid());
    // Whatever the app writes to QSettings lands here, where the key test looks for its secret.
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("RouteDesignerTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gatewayadmin"));
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("sandbox.sqlite")), kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    // The watch after a lost save lasts about the client's timeout; here the server answers within a second.
    WriteCheck::setWatchDelays({250, 250, 500, 500, 1000, 2000});
}

inline std::unique_ptr<ApiClient> GatewayAdminFixture::accountClient(const QString &account)
{
    auto client = std::make_unique<ApiClient>();
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    options.maxRetries = 0;
    client->setOptions(options);
    client->setCredentials(ApiCredentials::apiToken(account, QString::fromLatin1(kToken)));
    connect(client.get(), &ApiClient::requestLogged, this, [this](const QString &line) { m_logged << line; });
    return client;
}

inline Json GatewayAdminFixture::serverGateway(ApiClient *client, const QString &id)
{
    const auto r = await<Gateway>([&](auto callback) { client->getGateway(id, nullptr, callback); });
    return r ? r.value->json() : Json();
}

inline std::unique_ptr<GatewayBrowser> GatewayAdminFixture::browserOn(ApiClient *client)
{
    auto browser = std::make_unique<GatewayBrowser>();
    browser->resize(360, 600);
    browser->show();
    browser->setClient(client, kGateway);
    QTest::qWait(1);
    for (int i = 0; i < 200 && (browser->isBusy() || browser->gatewayCombo()->count() == 0); ++i) {
        QTest::qWait(20);
    }
    return browser;
}

inline GatewaySettingsDialog *GatewayAdminFixture::openSettings(GatewayBrowser &browser)
{
    browser.admin()->editSettings();
    GatewaySettingsDialog *dialog = browser.admin()->settingsDialog();
    for (int i = 0; dialog && i < 200 && !dialog->isLoaded(); ++i) {
        QTest::qWait(20);
    }
    return dialog;
}

} // namespace rd::test
