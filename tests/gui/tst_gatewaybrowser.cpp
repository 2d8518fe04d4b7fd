// The gateway browser against an in-process sandbox: listing, creating (with a name the API could not call
// refused first), renaming and deleting a route (the confirmation names it; Cancel keeps it), and a server
// fault shown where it happened.
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "ui/GatewayBrowser.h"

#include <QAbstractButton>
#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <deque>
#include <functional>
#include <memory>

using namespace rd;
using rd::test::await;

namespace {

const QByteArray kToken = "browser-token-61c2a0d4";
const QString kAccount = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");
const QString kGateway = QStringLiteral("demo-gateway");

// Answers the modal dialogs the browser opens with exec(), in order: each step gets the active modal widget
// and returns true once it has dealt with it.
class ModalScript : public QObject
{
public:
    using Step = std::function<bool(QWidget *)>;
    explicit ModalScript(std::deque<Step> steps) : m_steps(std::move(steps))
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (modal && !m_steps.empty() && modal != m_last && m_steps.front()(modal)) {
                m_last = modal;
                m_steps.pop_front();
                ++m_handled;
            }
            if (!modal) {
                m_last = nullptr;
            }
        });
        m_timer.start(20);
    }
    int handled() const { return m_handled; }

private:
    QTimer m_timer;
    std::deque<Step> m_steps;
    QWidget *m_last = nullptr;
    int m_handled = 0;
};

ModalScript::Step typeName(const QString &name, QStringList *labels)
{
    return [name, labels](QWidget *modal) {
        auto *dialog = qobject_cast<QInputDialog *>(modal);
        if (!dialog) {
            return false;
        }
        *labels << dialog->labelText();
        dialog->setTextValue(name);
        dialog->accept();
        return true;
    };
}

ModalScript::Step pressButton(const QString &boxName, QMessageBox::ButtonRole role, QStringList *texts)
{
    return [boxName, role, texts](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        if (!box || box->objectName() != boxName) {
            return false;
        }
        *texts << box->text() + QLatin1Char('\n') + box->informativeText();
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == role) {
                button->click();
                return true;
            }
        }
        return false;
    };
}

} // namespace

class TestGatewayBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createRenameDelete();
    void serverFaultIsShown();

private:
    QStringList serverRouteNames();
    QTreeWidgetItem *item(GatewayBrowser &browser, const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
};

void TestGatewayBrowser::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("sandbox.sqlite")), kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    m_client = std::make_unique<ApiClient>();
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    options.maxRetries = 0;
    m_client->setOptions(options);
    m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
}

QStringList TestGatewayBrowser::serverRouteNames()
{
    PageQuery query;
    query.perPage = 50;
    const auto page =
        await<ListPage<Route>>([&](auto callback) { m_client->listRoutes(kGateway, query, nullptr, callback); });
    QStringList names;
    if (page) {
        for (const Route &route : page.value->items) {
            names << QString::fromStdString(route.name());
        }
    }
    return names;
}

QTreeWidgetItem *TestGatewayBrowser::item(GatewayBrowser &browser, const QString &name)
{
    for (int i = 0; i < browser.routeList()->topLevelItemCount(); ++i) {
        if (browser.routeList()->topLevelItem(i)->text(GatewayBrowser::NameColumn) == name) {
            return browser.routeList()->topLevelItem(i);
        }
    }
    return nullptr;
}

void TestGatewayBrowser::createRenameDelete()
{
    GatewayBrowser browser;
    browser.resize(420, 600);
    browser.show();
    browser.setClient(m_client.get());
    QTRY_COMPARE_WITH_TIMEOUT(browser.routeList()->topLevelItemCount(), 2, 15000);
    QCOMPARE(browser.currentGatewayId(), kGateway);
    QVERIFY(item(browser, QStringLiteral("support-chat")));

    // Create: a name with a space is refused with the reason, then a good one is created and opened.
    QStringList labels;
    QSignalSpy opened(&browser, &GatewayBrowser::openRouteRequested);
    {
        ModalScript script(
            {typeName(QStringLiteral("bad name"), &labels), typeName(QStringLiteral("canary-route"), &labels)});
        browser.createRoute();
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 15000);
        QCOMPARE(script.handled(), 2);
    }
    QVERIFY2(labels.value(1).contains(QStringLiteral("dynamic/<name>")), qPrintable(labels.join(QLatin1Char('|'))));
    QCOMPARE(opened.at(0).at(2).toString(), QStringLiteral("canary-route"));
    QVERIFY(serverRouteNames().contains(QStringLiteral("canary-route")));
    QTRY_VERIFY_WITH_TIMEOUT(item(browser, QStringLiteral("canary-route")) != nullptr, 15000);

    // Rename.
    browser.routeList()->setCurrentItem(item(browser, QStringLiteral("canary-route")));
    QSignalSpy renamed(&browser, &GatewayBrowser::routeRenamed);
    {
        ModalScript script({typeName(QStringLiteral("canary-2"), &labels)});
        browser.renameSelectedRoute();
        QTRY_COMPARE_WITH_TIMEOUT(renamed.count(), 1, 15000);
    }
    QCOMPARE(renamed.at(0).at(2).toString(), QStringLiteral("canary-2"));
    QTRY_VERIFY_WITH_TIMEOUT(item(browser, QStringLiteral("canary-2")) != nullptr, 15000);
    QVERIFY(serverRouteNames().contains(QStringLiteral("canary-2")));
    QVERIFY(!serverRouteNames().contains(QStringLiteral("canary-route")));

    // Delete: the confirmation names the route; Cancel keeps it, the destructive button deletes it.
    QStringList texts;
    browser.routeList()->setCurrentItem(item(browser, QStringLiteral("canary-2")));
    {
        ModalScript script({pressButton(QStringLiteral("confirmDeleteRoute"), QMessageBox::RejectRole, &texts)});
        browser.deleteSelectedRoute();
        QCOMPARE(script.handled(), 1);
    }
    QVERIFY(texts.value(0).contains(QStringLiteral("canary-2")));
    QVERIFY(serverRouteNames().contains(QStringLiteral("canary-2")));
    QSignalSpy deleted(&browser, &GatewayBrowser::routeDeleted);
    {
        ModalScript script({pressButton(QStringLiteral("confirmDeleteRoute"), QMessageBox::DestructiveRole, &texts)});
        browser.deleteSelectedRoute();
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 15000);
    }
    QVERIFY(!serverRouteNames().contains(QStringLiteral("canary-2")));
    QTRY_COMPARE_WITH_TIMEOUT(browser.routeList()->topLevelItemCount(), 2, 15000);
}

void TestGatewayBrowser::serverFaultIsShown()
{
    GatewayBrowser browser;
    browser.show();
    browser.setClient(m_client.get());
    QTRY_COMPARE_WITH_TIMEOUT(browser.routeList()->topLevelItemCount(), 2, 15000);
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::ServerError;
    fault.count = 3;
    fault.method = QStringLiteral("GET");
    fault.pathContains = QStringLiteral("/routes");
    m_server->injectFault(fault);
    browser.refreshRoutes();
    QTRY_VERIFY_WITH_TIMEOUT(!browser.errorText().isEmpty(), 15000);
    QVERIFY2(browser.errorText().startsWith(QStringLiteral("Loading the routes of “demo-gateway”")),
             qPrintable(browser.errorText()));
    m_server->clearFaults();
    browser.refreshRoutes();
    QTRY_VERIFY_WITH_TIMEOUT(browser.errorText().isEmpty(), 15000);
    QCOMPARE(browser.routeList()->topLevelItemCount(), 2);
}

QTEST_MAIN(TestGatewayBrowser)
#include "tst_gatewaybrowser.moc"
