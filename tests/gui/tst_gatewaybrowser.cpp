// The gateway browser against an in-process sandbox: listing, creating (with a name the API could not call
// refused first), renaming and deleting a route (the confirmation names it; Cancel keeps it), and a server
// fault shown where it happened.
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "ui/GatewayBrowser.h"

#if __has_include("app/WriteCheck.h")
#include "app/WriteCheck.h"
#define RD_HAVE_WRITE_CHECK 1
#endif

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
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

// What the panel says about a write whose answer never came ("" while it says nothing).
QString noticeOf(const GatewayBrowser &browser)
{
    const auto *label = browser.findChild<QLabel *>(QStringLiteral("browserNotice"));
    return label && label->isVisibleTo(&browser) ? label->text() : QString();
}

} // namespace

class TestGatewayBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createRenameDelete();
    void serverFaultIsShown();
    // A write cancelled while the server was still working on it (the sandbox's slow fault applies it after
    // the delay, as a real server would): the panel asks the server and says what it did.
    void createCancelledAfterSendingIsReconciled();
    void renameCancelledAfterSendingIsReconciled();
    void deleteCancelledAfterSendingIsReconciled();
    // Cancelled while waiting to retry after a 429: nothing was on the wire, and the server confirms it.
    void createCancelledBeforeSendingChangedNothing();

private:
    // A client on an account of its own (the sandbox seeds each with the demo gateway and routes).
    std::unique_ptr<ApiClient> accountClient(const QString &account);
    QStringList serverRouteNames(ApiClient *client);
    void injectSlow(const QString &method, int delayMs);
    // Waits until the server has received (and is working on) a `method` request under /routes.
    bool waitForRequest(const QString &method, int before);
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
#ifdef RD_HAVE_WRITE_CHECK
    // The watch after a cancel lasts about the client's timeout; here the server answers within 1.5 s.
    WriteCheck::setWatchDelays({250, 250, 500, 500, 1000, 2000, 4000, 8000});
#endif
    m_client = std::make_unique<ApiClient>();
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    options.maxRetries = 0;
    m_client->setOptions(options);
    m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
}

std::unique_ptr<ApiClient> TestGatewayBrowser::accountClient(const QString &account)
{
    auto client = std::make_unique<ApiClient>();
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    options.backoffInitialMs = 20;
    options.backoffMaxMs = 100;
    client->setOptions(options);
    client->setCredentials(ApiCredentials::apiToken(account, QString::fromLatin1(kToken)));
    return client;
}

QStringList TestGatewayBrowser::serverRouteNames(ApiClient *client)
{
    PageQuery query;
    query.perPage = 50;
    const auto page =
        await<ListPage<Route>>([&](auto callback) { client->listRoutes(kGateway, query, nullptr, callback); });
    QStringList names;
    if (page) {
        for (const Route &route : page.value->items) {
            names << QString::fromStdString(route.name());
        }
    }
    return names;
}

void TestGatewayBrowser::injectSlow(const QString &method, int delayMs)
{
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::Slow;
    fault.count = 1;
    fault.delayMs = delayMs;
    fault.method = method;
    fault.pathContains = QStringLiteral("/routes");
    m_server->injectFault(fault);
}

bool TestGatewayBrowser::waitForRequest(const QString &method, int before)
{
    QElapsedTimer clock;
    clock.start();
    while (m_server->requestCount(method, QStringLiteral("/routes")) <= before && clock.elapsed() < 15000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return m_server->requestCount(method, QStringLiteral("/routes")) > before;
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

void TestGatewayBrowser::createCancelledAfterSendingIsReconciled()
{
    auto client = accountClient(QStringLiteral("1c0ffee0000000000000000000000001"));
    GatewayBrowser browser;
    browser.show();
    browser.setClient(client.get());
    QTRY_COMPARE_WITH_TIMEOUT(browser.routeList()->topLevelItemCount(), 2, 15000);
    QSignalSpy opened(&browser, &GatewayBrowser::openRouteRequested);
    QStringList labels;
    injectSlow(QStringLiteral("POST"), 1200);
    const int before = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/routes"));
    {
        ModalScript script({typeName(QStringLiteral("slow-route"), &labels)});
        browser.createRoute();
        QVERIFY(waitForRequest(QStringLiteral("POST"), before));
    }
    auto *cancel = browser.findChild<QPushButton *>(QStringLiteral("cancelButton"));
    QVERIFY(cancel && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    // The server still creates it: the panel must say so and list it, not claim nothing happened.
    QTRY_VERIFY2_WITH_TIMEOUT(noticeOf(browser).contains(QStringLiteral("was created before the cancel reached")),
                              qPrintable(noticeOf(browser)), 15000);
    QVERIFY(serverRouteNames(client.get()).contains(QStringLiteral("slow-route")));
    QTRY_VERIFY_WITH_TIMEOUT(item(browser, QStringLiteral("slow-route")) != nullptr, 15000);
    QVERIFY(browser.errorText().isEmpty());
    QCOMPARE(opened.count(), 0); // cancelled: not opened, but there to see
}

void TestGatewayBrowser::renameCancelledAfterSendingIsReconciled()
{
    auto client = accountClient(QStringLiteral("1c0ffee0000000000000000000000002"));
    GatewayBrowser browser;
    browser.show();
    browser.setClient(client.get());
    QTRY_COMPARE_WITH_TIMEOUT(browser.routeList()->topLevelItemCount(), 2, 15000);
    QSignalSpy renamed(&browser, &GatewayBrowser::routeRenamed);
    browser.routeList()->setCurrentItem(item(browser, QStringLiteral("support-chat")));
    QStringList labels;
    injectSlow(QStringLiteral("PATCH"), 1200);
    const int before = m_server->requestCount(QStringLiteral("PATCH"), QStringLiteral("/routes"));
    {
        ModalScript script({typeName(QStringLiteral("support-chat-2"), &labels)});
        browser.renameSelectedRoute();
        QVERIFY(waitForRequest(QStringLiteral("PATCH"), before));
    }
    QTest::mouseClick(browser.findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(noticeOf(browser).contains(QStringLiteral("renamed to “support-chat-2” before the "
                                                                        "cancel reached the server")),
                              qPrintable(noticeOf(browser)), 15000);
    QCOMPARE(renamed.count(), 1); // open tabs follow the name
    QVERIFY(serverRouteNames(client.get()).contains(QStringLiteral("support-chat-2")));
    QTRY_VERIFY_WITH_TIMEOUT(item(browser, QStringLiteral("support-chat-2")) != nullptr, 15000);
    QVERIFY(item(browser, QStringLiteral("support-chat")) == nullptr);
}

void TestGatewayBrowser::deleteCancelledAfterSendingIsReconciled()
{
    auto client = accountClient(QStringLiteral("1c0ffee0000000000000000000000003"));
    GatewayBrowser browser;
    browser.show();
    browser.setClient(client.get());
    QTRY_COMPARE_WITH_TIMEOUT(browser.routeList()->topLevelItemCount(), 2, 15000);
    QSignalSpy deleted(&browser, &GatewayBrowser::routeDeleted);
    browser.routeList()->setCurrentItem(item(browser, QStringLiteral("support-chat")));
    QStringList texts;
    injectSlow(QStringLiteral("DELETE"), 1200);
    const int before = m_server->requestCount(QStringLiteral("DELETE"), QStringLiteral("/routes"));
    {
        ModalScript script({pressButton(QStringLiteral("confirmDeleteRoute"), QMessageBox::DestructiveRole, &texts)});
        browser.deleteSelectedRoute();
        QVERIFY(waitForRequest(QStringLiteral("DELETE"), before));
    }
    QTest::mouseClick(browser.findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(
        noticeOf(browser).contains(QStringLiteral("“support-chat” was deleted before the cancel reached")),
        qPrintable(noticeOf(browser)), 15000);
    QCOMPARE(deleted.count(), 1); // its tab and stored layout go
    QVERIFY(!serverRouteNames(client.get()).contains(QStringLiteral("support-chat")));
    QTRY_COMPARE_WITH_TIMEOUT(browser.routeList()->topLevelItemCount(), 1, 15000);
}

void TestGatewayBrowser::createCancelledBeforeSendingChangedNothing()
{
    auto client = accountClient(QStringLiteral("1c0ffee0000000000000000000000004"));
    ApiClient::Options options = client->options();
    options.backoffInitialMs = 3000; // the retry after the 429 waits long enough to cancel in between
    options.backoffMaxMs = 3000;
    client->setOptions(options);
    GatewayBrowser browser;
    browser.show();
    browser.setClient(client.get());
    QTRY_COMPARE_WITH_TIMEOUT(browser.routeList()->topLevelItemCount(), 2, 15000);
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::RateLimited;
    fault.retryAfterSeconds = 3;
    fault.method = QStringLiteral("POST");
    fault.pathContains = QStringLiteral("/routes");
    m_server->injectFault(fault);
    QStringList labels;
    const int before = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/routes"));
    {
        ModalScript script({typeName(QStringLiteral("never-route"), &labels)});
        browser.createRoute();
        QVERIFY(waitForRequest(QStringLiteral("POST"), before));
    }
    // The 429 came back: the client waits to retry. Cancel now, before it sends again.
    auto *status = browser.findChild<QLabel *>(QStringLiteral("browserStatus"));
    QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(QStringLiteral("retrying")), qPrintable(status->text()), 15000);
    QTest::mouseClick(browser.findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(
        noticeOf(browser).contains(QStringLiteral("Cancelled before the request was sent: no route was created")),
        qPrintable(noticeOf(browser)), 15000);
    QCOMPARE(m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/routes")), before + 1);
    QVERIFY(!serverRouteNames(client.get()).contains(QStringLiteral("never-route")));
    QVERIFY(item(browser, QStringLiteral("never-route")) == nullptr);
}

QTEST_MAIN(TestGatewayBrowser)
#include "tst_gatewaybrowser.moc"
