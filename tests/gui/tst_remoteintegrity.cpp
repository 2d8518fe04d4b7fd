// Trusting what the window says about routes on the server: a cancel after a request was sent, an answer lost
// on the way back, moving cards, deployments made elsewhere, and which account a tab saves to. Each case runs
// the real window against an in-process sandbox over loopback HTTP, with the sandbox's faults, and checks what
// the window shows against what the server holds.
#include "app/ConnectionStore.h"
#include "app/RemoteRoute.h"
#include "app/SecretStore.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/TestWindow.h"
#include "ui/DeployDialog.h"
#include "ui/GatewayBrowser.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"
#include "ui/RouteHistoryPanel.h"
#include "ui/VersionText.h"
#include "widgets/ApiActivityBar.h"

#if __has_include("app/WriteCheck.h")
#include "app/WriteCheck.h"
#define RD_HAVE_WRITE_CHECK 1
#endif

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>
#include <optional>

using namespace rd;

namespace {

const QByteArray kToken = "remote-integrity-token-0b7d2e";
const QString kGateway = QStringLiteral("demo-gateway");
const QString kRouteName = QStringLiteral("support-chat");
const QString kModel = QStringLiteral("gpt4o_mini");

// The text of a label found by name, or "" when it is missing or hidden.
QString labelText(const QWidget *root, const QString &name)
{
    const auto *label = root->findChild<QLabel *>(name);
    return label && label->isVisibleTo(root->window()) ? label->text() : QString();
}

// Presses `role` on every message box named `name` that comes up while it lives; counts them.
class BoxAnswerer : public QObject
{
public:
    BoxAnswerer(QString name, QMessageBox::ButtonRole role) : m_name(std::move(name)), m_role(role)
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box || box->objectName() != m_name || box == m_last) {
                return;
            }
            m_last = box;
            ++m_seen;
            m_texts << box->text() + QLatin1Char('\n') + box->informativeText();
            for (QAbstractButton *button : box->buttons()) {
                if (box->buttonRole(button) == m_role) {
                    button->click();
                    return;
                }
            }
        });
        m_timer.start(20);
    }
    int seen() const { return m_seen; }
    QString lastText() const { return m_texts.value(m_texts.size() - 1); }

private:
    QString m_name;
    QMessageBox::ButtonRole m_role;
    QTimer m_timer;
    QPointer<QMessageBox> m_last;
    int m_seen = 0;
    QStringList m_texts;
};

template<class T, class Start> std::optional<T> fetch(Start start)
{
    std::optional<T> value;
    bool done = false;
    start([&](const ApiResult<T> &result) {
        if (result) {
            value = *result.value;
        }
        done = true;
    });
    QElapsedTimer clock;
    clock.start();
    while (!done && clock.elapsed() < 15000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return value;
}

} // namespace

class TestRemoteIntegrity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    // Item 1: a cancel after the request was sent; the server applies it all the same.
    void deployCancelledAfterSendingIsReconciled();
    void rollbackCancelledAfterSendingIsReconciled();
    void saveCancelledAfterSendingIsReconciled();
    void saveCancelledBeforeSendingSavedNothing();
    // Item 6: layout is not content; no version equal to the newest.
    void movingCardsIsNotAChange();
    void saveNeverDuplicatesTheNewestVersion();
    // Item 7: "may have been applied".
    void lostAnswerIsRecognisedAtOnce();
    void refreshRecognisesAVersionMadeWhenTheAnswerWasLost();
    // Item 8: status that goes stale.
    void headerFollowsADeploymentMadeElsewhere();
    void browserFollowsASave();
    // Items 5 and 15: a tab's account, and telling a file from a server route of the same name.
    void tabKeepsItsAccountVisibly();
    void fileAndServerTabsAreToldApart();
    // Closing a tab whose version is being saved: no nested event loop, the tab goes when the server has it.
    void closingATabWaitsForItsVersion();
    void aSaveThatFailsOnCloseKeepsTheTab();
    void quittingWaitsForAVersionBeingSaved();
    void deployAfterSavingOpensOnceTheVersionExists();
    void readOnlyTokenIsSaidBeforeTheNextEdit();

private:
    struct Session
    {
        QString account;
        std::unique_ptr<ApiClient> client;  // the window's
        std::unique_ptr<ApiClient> checker; // reads the server independently
        std::unique_ptr<MainWindow> window;
    };
    std::unique_ptr<ApiClient> makeClient(const QString &account) const;
    // A window on an account of its own (the sandbox seeds each with the demo gateway and routes).
    std::unique_ptr<Session> session(const QString &account);
    RouteEditorPage *openDemo(Session &s);
    QString demoRouteId(Session &s);
    std::vector<RouteVersion> versions(Session &s, const QString &routeId);
    QString deployedNow(Session &s, const QString &routeId);
    void edit(RouteEditorPage *editor, int timeout);
    bool saveAndWait(Session &s, RouteEditorPage *editor);
    void injectFault(FaultSpec::Kind kind, const QString &method, const QString &path, int count, int delayMs = 0,
                     bool applyFirst = false);
    bool waitForRequest(const QString &method, const QString &path, int before);
    void shot(QWidget *widget, const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
};

void TestRemoteIntegrity::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("sandbox.sqlite")), kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
#ifdef RD_HAVE_WRITE_CHECK
    // The watch after a cancel lasts about the client's timeout; the slow faults here answer within 1.5 s, and
    // the watch ends as soon as it sees the write, so a longer one only matters on a crawling machine.
    WriteCheck::setWatchDelays({250, 250, 500, 500, 1000, 2000, 4000, 8000});
#endif
}

void TestRemoteIntegrity::cleanup()
{
    m_server->clearFaults();
}

std::unique_ptr<ApiClient> TestRemoteIntegrity::makeClient(const QString &account) const
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

std::unique_ptr<TestRemoteIntegrity::Session> TestRemoteIntegrity::session(const QString &account)
{
    auto s = std::make_unique<Session>();
    s->account = account;
    s->client = makeClient(account);
    s->checker = makeClient(account);
    s->window = std::make_unique<TestWindow>();
    s->window->resize(1440, 900);
    s->window->setConnections(s->client.get(), nullptr);
    s->window->show();
    return s;
}

QString TestRemoteIntegrity::demoRouteId(Session &s)
{
    PageQuery query;
    query.perPage = 50;
    const auto page =
        fetch<ListPage<Route>>([&](auto callback) { s.checker->listRoutes(kGateway, query, nullptr, callback); });
    if (page) {
        for (const Route &route : page->items) {
            if (QString::fromStdString(route.name()) == kRouteName) {
                return QString::fromStdString(route.id());
            }
        }
    }
    return {};
}

RouteEditorPage *TestRemoteIntegrity::openDemo(Session &s)
{
    const QString id = demoRouteId(s);
    if (id.isEmpty()) {
        return nullptr;
    }
    s.window->openRemoteRoute(kGateway, id, kRouteName);
    QElapsedTimer clock;
    clock.start();
    while (!s.window->findRemoteEditor(kGateway, id) && clock.elapsed() < 15000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    RouteEditorPage *editor = s.window->findRemoteEditor(kGateway, id);
    // The history's first load, so that later refreshes are the ones a test makes.
    while (editor && (editor->historyPanel()->isBusy() || editor->historyPanel()->versions().empty()) &&
           clock.elapsed() < 15000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return editor;
}

std::vector<RouteVersion> TestRemoteIntegrity::versions(Session &s, const QString &routeId)
{
    PageQuery query;
    query.perPage = 50;
    const auto page = fetch<ListPage<RouteVersion>>(
        [&](auto callback) { s.checker->listVersions(kGateway, routeId, query, nullptr, callback); });
    return page ? page->items : std::vector<RouteVersion>{};
}

QString TestRemoteIntegrity::deployedNow(Session &s, const QString &routeId)
{
    const auto route = fetch<Route>([&](auto callback) { s.checker->getRoute(kGateway, routeId, nullptr, callback); });
    if (!route || !route->metadata().deployment || !route->metadata().deployment->is_object()) {
        return {};
    }
    const auto decoded = RouteDeployment::fromJson(*route->metadata().deployment);
    return decoded ? QString::fromStdString(decoded.value->versionId()) : QString();
}

void TestRemoteIntegrity::edit(RouteEditorPage *editor, int timeout)
{
    Element model = *editor->route().find(kModel.toStdString());
    model.model.timeout = Number::fromInteger(timeout);
    editor->document()->updateElement(model, QStringLiteral("Change timeout"));
}

bool TestRemoteIntegrity::saveAndWait(Session &s, RouteEditorPage *editor)
{
    s.window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    QElapsedTimer clock;
    clock.start();
    while ((!editor->document()->isClean() || editor->remote()->isBusy()) && clock.elapsed() < 15000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return editor->document()->isClean();
}

void TestRemoteIntegrity::injectFault(FaultSpec::Kind kind, const QString &method, const QString &path, int count,
                                      int delayMs, bool applyFirst)
{
    FaultSpec fault;
    fault.kind = kind;
    fault.count = count;
    fault.delayMs = delayMs;
    fault.method = method;
    fault.pathContains = path;
    fault.applyFirst = applyFirst;
    fault.retryAfterSeconds = 3;
    m_server->injectFault(fault);
}

bool TestRemoteIntegrity::waitForRequest(const QString &method, const QString &path, int before)
{
    QElapsedTimer clock;
    clock.start();
    while (m_server->requestCount(method, path) <= before && clock.elapsed() < 15000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return m_server->requestCount(method, path) > before;
}

void TestRemoteIntegrity::shot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }
}

void TestRemoteIntegrity::deployCancelledAfterSendingIsReconciled()
{
    auto s = session(QStringLiteral("a0000000000000000000000000000001"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    RemoteRoute *remote = editor->remote();
    const QString routeId = remote->routeId();
    const QString first = remote->deployedVersionId();
    edit(editor, 41000);
    QVERIFY(saveAndWait(*s, editor));
    const QString saved = remote->shownVersionId();
    QVERIFY(!saved.isEmpty() && saved != first);

    s->window->findChild<QAction *>(QStringLiteral("deployAction"))->trigger();
    DeployDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = s->window->findChild<DeployDialog *>()) != nullptr, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->deployButton()->isEnabled(), 15000);
    QCOMPARE(dialog->selectedVersionId(), saved);
    injectFault(FaultSpec::Kind::Slow, QStringLiteral("POST"), QStringLiteral("/deployments"), 1, 1500);
    const int before = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/deployments"));
    QTest::mouseClick(dialog->deployButton(), Qt::LeftButton);
    QVERIFY(waitForRequest(QStringLiteral("POST"), QStringLiteral("/deployments"), before));
    auto *cancel = dialog->findChild<QPushButton *>(QStringLiteral("cancelButton"));
    QVERIFY(cancel && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);

    // The server applies it anyway: the dialog says so, and the header stops calling the old version deployed.
    QTRY_VERIFY2_WITH_TIMEOUT(labelText(dialog, QStringLiteral("outcomeLine"))
                                  .contains(QStringLiteral("The deployment was applied before the cancel reached the "
                                                           "server")),
                              qPrintable(labelText(dialog, QStringLiteral("outcomeLine"))), 15000);
    QCOMPARE(deployedNow(*s, routeId), saved);
    const QString header = QStringLiteral("version %1 (deployed)").arg(VersionText::shortId(saved));
    QTRY_VERIFY2_WITH_TIMEOUT(labelText(editor, QStringLiteral("routePath")).contains(header),
                              qPrintable(labelText(editor, QStringLiteral("routePath"))), 15000);
    QCOMPARE(remote->deployedVersionId(), saved);
    QTRY_COMPARE_WITH_TIMEOUT(editor->historyPanel()->deployedVersionId(), saved, 15000);
    shot(s->window.get(), QStringLiteral("remote-deploy-cancel-window"));
    shot(dialog, QStringLiteral("remote-deploy-cancel-dialog"));
    dialog->close();
}

void TestRemoteIntegrity::rollbackCancelledAfterSendingIsReconciled()
{
    auto s = session(QStringLiteral("a0000000000000000000000000000002"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    RemoteRoute *remote = editor->remote();
    const QString routeId = remote->routeId();
    const QString first = remote->deployedVersionId();
    edit(editor, 42000);
    QVERIFY(saveAndWait(*s, editor));
    const QString saved = remote->shownVersionId();

    // Deploy the new version (no fault), so that the first one is a roll back.
    s->window->findChild<QAction *>(QStringLiteral("deployAction"))->trigger();
    DeployDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = s->window->findChild<DeployDialog *>()) != nullptr, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->deployButton()->isEnabled(), 15000);
    QTest::mouseClick(dialog->deployButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(remote->deployedVersionId(), saved, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(s->window->findChild<DeployDialog *>() == nullptr, 15000);

    RouteHistoryPanel *history = editor->historyPanel();
    QTRY_COMPARE_WITH_TIMEOUT(history->deployedVersionId(), saved, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!history->isBusy(), 15000);
    history->selectVersion(first);
    QTest::mouseClick(history->findChild<QPushButton *>(QStringLiteral("deployButton")), Qt::LeftButton);
    DeployDialog *rollback = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((rollback = history->deployDialog()) != nullptr, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(rollback->deployButton()->isEnabled(), 15000);
    QVERIFY(rollback->deployButton()->text().startsWith(QStringLiteral("Roll Back")));
    injectFault(FaultSpec::Kind::Slow, QStringLiteral("POST"), QStringLiteral("/deployments"), 1, 1500);
    const int before = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/deployments"));
    QTest::mouseClick(rollback->deployButton(), Qt::LeftButton);
    QVERIFY(waitForRequest(QStringLiteral("POST"), QStringLiteral("/deployments"), before));
    QTest::mouseClick(rollback->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);

    QTRY_VERIFY2_WITH_TIMEOUT(labelText(rollback, QStringLiteral("outcomeLine"))
                                  .contains(QStringLiteral("The roll back was applied before the cancel reached the "
                                                           "server")),
                              qPrintable(labelText(rollback, QStringLiteral("outcomeLine"))), 15000);
    QCOMPARE(deployedNow(*s, routeId), first);
    QTRY_COMPARE_WITH_TIMEOUT(history->deployedVersionId(), first, 15000);
    const QString header = QStringLiteral("deployed: %1").arg(VersionText::shortId(first));
    QTRY_VERIFY2_WITH_TIMEOUT(labelText(editor, QStringLiteral("routePath")).contains(header),
                              qPrintable(labelText(editor, QStringLiteral("routePath"))), 15000);
    QVERIFY(!labelText(editor, QStringLiteral("routePath")).contains(QStringLiteral("(deployed)")));
    rollback->close();
}

void TestRemoteIntegrity::saveCancelledAfterSendingIsReconciled()
{
    auto s = session(QStringLiteral("a0000000000000000000000000000003"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    const std::size_t before = versions(*s, routeId).size();
    edit(editor, 43000);
    QVERIFY(!editor->document()->isClean());
    injectFault(FaultSpec::Kind::Slow, QStringLiteral("POST"), QStringLiteral("/versions"), 1, 1500);
    const int posts = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions"));
    s->window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    QVERIFY(waitForRequest(QStringLiteral("POST"), QStringLiteral("/versions"), posts));
    QVERIFY(s->window->activityBar()->cancelButton()->isVisible());
    QTest::mouseClick(s->window->activityBar()->cancelButton(), Qt::LeftButton);

    QTRY_VERIFY2_WITH_TIMEOUT(labelText(editor, QStringLiteral("routeNotice"))
                                  .contains(QStringLiteral("The version was saved before the cancel reached the "
                                                           "server")),
                              qPrintable(labelText(editor, QStringLiteral("routeNotice"))), 15000);
    QCOMPARE(versions(*s, routeId).size(), before + 1);
    QVERIFY(editor->document()->isClean());
    const int tab = s->window->routeTabs()->indexOf(editor);
    QVERIFY(!s->window->routeTabs()->tabText(tab).endsWith(QStringLiteral("\u2022")));
    QCOMPARE(editor->remote()->shownVersionId(), QString::fromStdString(versions(*s, routeId).front().versionId()));
    shot(s->window.get(), QStringLiteral("remote-save-cancel"));

    // And the next Save makes no duplicate.
    const int postsAfter = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions"));
    s->window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(labelText(editor, QStringLiteral("routeNotice"))
                                 .startsWith(QStringLiteral("Nothing to "
                                                            "save")),
                             15000);
    QCOMPARE(m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions")), postsAfter);
    QCOMPARE(versions(*s, routeId).size(), before + 1);
}

void TestRemoteIntegrity::saveCancelledBeforeSendingSavedNothing()
{
    auto s = session(QStringLiteral("a0000000000000000000000000000004"));
    ApiClient::Options options = s->client->options();
    options.backoffInitialMs = 3000; // long enough a wait before the retry to cancel in between
    options.backoffMaxMs = 3000;
    s->client->setOptions(options);
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    const std::size_t before = versions(*s, routeId).size();
    edit(editor, 44000);
    injectFault(FaultSpec::Kind::RateLimited, QStringLiteral("POST"), QStringLiteral("/versions"), 1);
    s->window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    ApiActivityBar *activity = s->window->activityBar();
    QTRY_VERIFY2_WITH_TIMEOUT(activity->text().contains(QStringLiteral("retrying")), qPrintable(activity->text()),
                              15000);
    QTest::mouseClick(s->window->activityBar()->cancelButton(), Qt::LeftButton);

    QTRY_VERIFY2_WITH_TIMEOUT(labelText(editor, QStringLiteral("routeNotice"))
                                  .contains(QStringLiteral("Cancelled before the request was sent: no version was "
                                                           "saved")),
                              qPrintable(labelText(editor, QStringLiteral("routeNotice"))), 15000);
    QCOMPARE(versions(*s, routeId).size(), before);
    QVERIFY(!editor->document()->isClean());
}

void TestRemoteIntegrity::movingCardsIsNotAChange()
{
    auto s = session(QStringLiteral("a0000000000000000000000000000005"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    RouteDocument *doc = editor->document();
    const QPointF start = doc->position("start").value_or(QPointF());
    const QPointF moved = start + QPointF(140, 70);
    doc->moveElements({{"start", moved}});
    QCOMPARE(doc->position("start").value_or(QPointF()), moved);
    QVERIFY(doc->isClean());
    const int tab = s->window->routeTabs()->indexOf(editor);
    QVERIFY(!s->window->routeTabs()->tabText(tab).endsWith(QStringLiteral("\u2022")));
    QVERIFY(!s->window->isWindowModified());

    // An edit is a change; undoing it is none, even with the move still in place.
    edit(editor, 45000);
    QVERIFY(!doc->isClean());
    doc->undoStack()->undo();
    QVERIFY(doc->isClean());

    // Save has nothing to send.
    const std::size_t before = versions(*s, routeId).size();
    const int posts = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions"));
    s->window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    QTRY_VERIFY2_WITH_TIMEOUT(labelText(editor, QStringLiteral("routeNotice"))
                                  .startsWith(QStringLiteral("Nothing to "
                                                             "save")),
                              qPrintable(labelText(editor, QStringLiteral("routeNotice"))), 15000);
    QCOMPARE(m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions")), posts);
    QCOMPARE(versions(*s, routeId).size(), before);

    // The position is kept on this computer: closing asks nothing and reopening puts the card back there.
    s->window->closeCurrentRoute();
    QVERIFY(s->window->findRemoteEditor(kGateway, routeId) == nullptr);
    editor = openDemo(*s);
    QVERIFY(editor);
    QCOMPARE(editor->document()->position("start").value_or(QPointF()), moved);
}

void TestRemoteIntegrity::saveNeverDuplicatesTheNewestVersion()
{
    auto s = session(QStringLiteral("a0000000000000000000000000000006"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    // Someone saves a version elsewhere; the editor restores exactly that version's elements.
    Route theirs = editor->route();
    Element model = *theirs.find(kModel.toStdString());
    model.model.timeout = Number::fromInteger(46000);
    theirs.replaceElement(model);
    QVERIFY(fetch<Route>([&](auto cb) { s->checker->createVersion(kGateway, routeId, theirs, nullptr, cb); }));
    const std::vector<RouteVersion> list = versions(*s, routeId);
    const QString newest = QString::fromStdString(list.front().versionId());
    RouteHistoryPanel *history = editor->historyPanel();
    history->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(history->latestVersionId() == newest && !history->isBusy(), 15000);
    history->selectVersion(newest);
    history->restoreSelected();
    QTRY_VERIFY_WITH_TIMEOUT(!editor->document()->isClean(), 15000);
    QCOMPARE(editor->route().find(kModel.toStdString())->model.timeout, model.model.timeout);

    const int posts = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions"));
    s->window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    QTRY_VERIFY2_WITH_TIMEOUT(labelText(editor, QStringLiteral("routeNotice"))
                                  .startsWith(QStringLiteral("Nothing to "
                                                             "save")),
                              qPrintable(labelText(editor, QStringLiteral("routeNotice"))), 15000);
    QCOMPARE(m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions")), posts);
    QCOMPARE(versions(*s, routeId).size(), list.size());
    QVERIFY(editor->document()->isClean());
    QCOMPARE(editor->remote()->shownVersionId(), newest);
}

void TestRemoteIntegrity::lostAnswerIsRecognisedAtOnce()
{
    auto s = session(QStringLiteral("a0000000000000000000000000000007"));
    BoxAnswerer errors(QStringLiteral("saveVersionErrorBox"), QMessageBox::AcceptRole);
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    const std::size_t before = versions(*s, routeId).size();
    edit(editor, 47000);
    // The server makes the version, then drops the connection: the client never hears.
    injectFault(FaultSpec::Kind::DropConnection, QStringLiteral("POST"), QStringLiteral("/versions"), 1, 0, true);
    s->window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    QTRY_VERIFY2_WITH_TIMEOUT(editor->document()->isClean(), qPrintable(labelText(editor, "routeNotice")), 15000);
    QVERIFY2(labelText(editor, QStringLiteral("routeNotice")).contains(QStringLiteral("although its answer was lost")),
             qPrintable(labelText(editor, QStringLiteral("routeNotice"))));
    QCOMPARE(versions(*s, routeId).size(), before + 1);

    const int posts = m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions"));
    s->window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(labelText(editor, QStringLiteral("routeNotice"))
                                 .startsWith(QStringLiteral("Nothing to "
                                                            "save")),
                             15000);
    QCOMPARE(m_server->requestCount(QStringLiteral("POST"), QStringLiteral("/versions")), posts);
    QCOMPARE(versions(*s, routeId).size(), before + 1);
}

void TestRemoteIntegrity::refreshRecognisesAVersionMadeWhenTheAnswerWasLost()
{
    auto s = session(QStringLiteral("a0000000000000000000000000000008"));
    BoxAnswerer errors(QStringLiteral("saveVersionErrorBox"), QMessageBox::AcceptRole);
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    const std::size_t before = versions(*s, routeId).size();
    edit(editor, 48000);
    injectFault(FaultSpec::Kind::DropConnection, QStringLiteral("POST"), QStringLiteral("/versions"), 1, 0, true);
    // The moment the window hears of the drop, the server stops answering version lists for a while, so the
    // window cannot find out at once what happened.
    bool faulted = false;
    connect(s->client.get(), &ApiClient::requestLogged, this, [this, &faulted](const QString &line) {
        if (!faulted && line.startsWith(QStringLiteral("POST")) && line.contains(QStringLiteral("/versions"))) {
            faulted = true;
            injectFault(FaultSpec::Kind::ServerError, QStringLiteral("GET"), QStringLiteral("/versions"), 6);
        }
    });
    s->window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(faulted, 15000);
    // Wait for the end of the check that follows the lost answer, and of the history refresh that its end starts
    // (both failing on the injected errors). The check is not the route's "busy", so waiting on busy alone could
    // pass before the check had even ended, and Refresh below would then meet a disabled button.
    QTRY_VERIFY_WITH_TIMEOUT(labelText(editor, QStringLiteral("routeNotice"))
                                     .startsWith(QStringLiteral("Could not find out whether the version was saved")) &&
                                 !editor->remote()->isBusy() && !editor->historyPanel()->isBusy(),
                             15000);
    QTest::qWait(200); // let anything still queued settle; the state checked below must hold, not pass by
    QVERIFY(!editor->document()->isClean());
    QVERIFY(!editor->historyPanel()->isBusy());
    m_server->clearFaults();

    // Refresh: the newest version has these elements, so the tab is clean, and nothing was duplicated.
    QTest::mouseClick(editor->historyPanel()->findChild<QPushButton *>(QStringLiteral("refreshButton")),
                      Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(editor->document()->isClean(), qPrintable(labelText(editor, "routeNotice")), 15000);
    QCOMPARE(versions(*s, routeId).size(), before + 1);
    QCOMPARE(editor->remote()->shownVersionId(), QString::fromStdString(versions(*s, routeId).front().versionId()));
}

void TestRemoteIntegrity::headerFollowsADeploymentMadeElsewhere()
{
    auto s = session(QStringLiteral("a0000000000000000000000000000009"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    const QString first = editor->remote()->deployedVersionId();
    QVERIFY(labelText(editor, QStringLiteral("routePath")).contains(QStringLiteral("(deployed)")));
    // Someone else saves and deploys another version.
    Route theirs = editor->route();
    Element model = *theirs.find(kModel.toStdString());
    model.model.timeout = Number::fromInteger(49000);
    theirs.replaceElement(model);
    QVERIFY(fetch<Route>([&](auto cb) { s->checker->createVersion(kGateway, routeId, theirs, nullptr, cb); }));
    const QString other = QString::fromStdString(versions(*s, routeId).front().versionId());
    QVERIFY(fetch<Route>([&](auto cb) { s->checker->createDeployment(kGateway, routeId, other, nullptr, cb); }));

    QTest::mouseClick(editor->historyPanel()->findChild<QPushButton *>(QStringLiteral("refreshButton")),
                      Qt::LeftButton);
    const QString expected =
        QStringLiteral("version %1 · deployed: %2").arg(VersionText::shortId(first), VersionText::shortId(other));
    QTRY_VERIFY2_WITH_TIMEOUT(labelText(editor, QStringLiteral("routePath")).contains(expected),
                              qPrintable(labelText(editor, QStringLiteral("routePath"))), 15000);
    QVERIFY(!labelText(editor, QStringLiteral("routePath")).contains(QStringLiteral("(deployed)")));
}

void TestRemoteIntegrity::browserFollowsASave()
{
    auto s = session(QStringLiteral("a000000000000000000000000000000a"));
    GatewayBrowser *browser = s->window->gatewayBrowser();
    QTRY_COMPARE_WITH_TIMEOUT(browser->routeList()->topLevelItemCount(), 2, 15000);
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    QTRY_VERIFY_WITH_TIMEOUT(!browser->isBusy(), 15000);
    auto modified = [browser]() {
        for (int i = 0; i < browser->routeList()->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = browser->routeList()->topLevelItem(i);
            if (item->text(GatewayBrowser::NameColumn) == kRouteName) {
                return item->data(GatewayBrowser::ModifiedColumn, Qt::UserRole).toString();
            }
        }
        return QString();
    };
    const QString before = modified();
    QVERIFY(!before.isEmpty());

    // The panel failed a moment ago; a later success on the same account must not leave that error up.
    injectFault(FaultSpec::Kind::ServerError, QStringLiteral("GET"), QStringLiteral("/routes"), 3);
    browser->refreshRoutes();
    QTRY_VERIFY2_WITH_TIMEOUT(
        !browser->errorText().isEmpty(),
        qPrintable(QStringLiteral("%1 | %2 | %3")
                       .arg(m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/routes")))
                       .arg(browser->isBusy())
                       .arg(browser->findChild<QLabel *>(QStringLiteral("browserError"))->text())),
        15000);
    m_server->clearFaults();

    QTest::qWait(20); // the sandbox's clock counts milliseconds: a save must land on a later one
    edit(editor, 50000);
    QVERIFY(saveAndWait(*s, editor));
    QTRY_VERIFY2_WITH_TIMEOUT(modified() != before, qPrintable(modified()), 15000);
    QTRY_VERIFY2_WITH_TIMEOUT(browser->errorText().isEmpty(), qPrintable(browser->errorText()), 15000);
}

void TestRemoteIntegrity::tabKeepsItsAccountVisibly()
{
    // Two saved accounts on the sandbox (each account id is a namespace of its own). No session bus: the
    // secrets stay in memory.
    QSettings settings(m_dir.filePath(QStringLiteral("connections.ini")), QSettings::IniFormat);
    SecretStore secrets(QStringLiteral("route-designer-remote-test"));
    ConnectionStore store(&settings, &secrets);
    const QString accountA = QStringLiteral("a000000000000000000000000000000b");
    const QString accountB = QStringLiteral("a000000000000000000000000000000c");
    int added = 0;
    Connection a;
    a.id = Connection::newId();
    a.name = QStringLiteral("Production");
    a.accountId = accountA;
    a.baseUrl = m_server->baseUrl();
    store.add(a, QString::fromLatin1(kToken), this, [&added](const QString &) { ++added; });
    Connection b = a;
    b.id = Connection::newId();
    b.name = QStringLiteral("Staging");
    b.accountId = accountB;
    store.add(b, QString::fromLatin1(kToken), this, [&added](const QString &) { ++added; });
    QTRY_COMPARE_WITH_TIMEOUT(added, 2, 15000);
    store.setCurrentId(a.id);

    auto sandbox = makeClient(QStringLiteral("local-sandbox"));
    TestWindow window;
    window.resize(1440, 900);
    window.setConnections(sandbox.get(), &store);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.client() && window.client() != sandbox.get(), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(window.gatewayBrowser()->routeList()->topLevelItemCount(), 2, 15000);
    Session checkA{accountA, nullptr, makeClient(accountA), nullptr};
    Session checkB{accountB, nullptr, makeClient(accountB), nullptr};
    const QString routeA = demoRouteId(checkA);
    window.openRemoteRoute(kGateway, routeA, kRouteName);
    RouteEditorPage *editor = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((editor = window.findRemoteEditor(kGateway, routeA)) != nullptr, 15000);
    const int tab = window.routeTabs()->indexOf(editor);
    QVERIFY2(window.routeTabs()->tabToolTip(tab).contains(QStringLiteral("Account: Production")),
             qPrintable(window.routeTabs()->tabToolTip(tab)));
    QVERIFY2(labelText(editor, QStringLiteral("routeAccount")).contains(QStringLiteral("Account: Production")),
             qPrintable(labelText(editor, QStringLiteral("routeAccount"))));

    // Switch the window to the other account: the tab still belongs to the first, and says so.
    ApiClient *clientA = window.client();
    store.setCurrentId(b.id);
    QTRY_VERIFY_WITH_TIMEOUT(window.client() != clientA, 15000);
    QTRY_VERIFY2_WITH_TIMEOUT(labelText(editor, QStringLiteral("routeAccount")).contains(QStringLiteral("Staging")),
                              qPrintable(labelText(editor, QStringLiteral("routeAccount"))), 15000);
    QVERIFY(labelText(editor, QStringLiteral("routeAccount")).contains(QStringLiteral("Production")));
    window.routeTabs()->setCurrentWidget(editor);
    shot(&window, QStringLiteral("remote-other-account"));

    // Save asks, naming both; Cancel saves nothing anywhere.
    const std::size_t beforeA = versions(checkA, routeA).size();
    const QString routeB = demoRouteId(checkB);
    const std::size_t beforeB = versions(checkB, routeB).size();
    edit(editor, 51000);
    {
        BoxAnswerer ask(QStringLiteral("otherAccountBox"), QMessageBox::RejectRole);
        window.findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ask.seen(), 1, 5000);
        QVERIFY2(ask.lastText().contains(QStringLiteral("Production")) &&
                     ask.lastText().contains(QStringLiteral("Staging")),
                 qPrintable(ask.lastText()));
    }
    QTest::qWait(100);
    QVERIFY(!editor->document()->isClean());
    QCOMPARE(versions(checkA, routeA).size(), beforeA);
    // Confirmed, it saves to the tab's account, not the window's.
    {
        BoxAnswerer ask(QStringLiteral("otherAccountBox"), QMessageBox::AcceptRole);
        window.findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ask.seen(), 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(editor->document()->isClean(), 15000);
    }
    QCOMPARE(versions(checkA, routeA).size(), beforeA + 1);
    QCOMPARE(versions(checkB, routeB).size(), beforeB);

    // A roll back from the tab's history asks the same before its dialog opens.
    RouteHistoryPanel *history = editor->historyPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!history->isBusy() && history->versionList()->topLevelItemCount() > 1, 15000);
    history->selectVersion(QString::fromStdString(history->versions().back().versionId()));
    {
        BoxAnswerer ask(QStringLiteral("otherAccountBox"), QMessageBox::RejectRole);
        history->deploySelected();
        QCOMPARE(ask.seen(), 1);
        QVERIFY2(ask.lastText().contains(QStringLiteral("Production")), qPrintable(ask.lastText()));
    }
    QVERIFY(!history->deployDialog());
    {
        BoxAnswerer ask(QStringLiteral("otherAccountBox"), QMessageBox::AcceptRole);
        history->deploySelected();
        QCOMPARE(ask.seen(), 1);
    }
    QVERIFY(history->deployDialog());
    history->deployDialog()->close();
    editor->document()->setClean();
    window.close();
}

void TestRemoteIntegrity::fileAndServerTabsAreToldApart()
{
    auto s = session(QStringLiteral("a000000000000000000000000000000d"));
    RouteEditorPage *server = openDemo(*s);
    QVERIFY(server);
    QVERIFY(s->window->openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    auto *file = s->window->currentEditor();
    QVERIFY(file && !file->isRemote());
    QTabWidget *tabs = s->window->routeTabs();
    const int serverTab = tabs->indexOf(server);
    const int fileTab = tabs->indexOf(file);
    QCOMPARE(tabs->tabText(serverTab), tabs->tabText(fileTab)); // both "support-chat"
    const QString serverTip = tabs->tabToolTip(serverTab);
    const QString fileTip = tabs->tabToolTip(fileTab);
    QVERIFY2(serverTip.contains(QStringLiteral("Server route")) && serverTip.contains(QStringLiteral("Account: ")) &&
                 serverTip.contains(QStringLiteral("Gateway: demo-gateway")),
             qPrintable(serverTip));
    QVERIFY2(fileTip.contains(QFileInfo(QStringLiteral(RD_DEMO_ROUTE)).fileName()), qPrintable(fileTip));
    const QImage serverIcon = tabs->tabIcon(serverTab).pixmap(16, 16).toImage();
    const QImage fileIcon = tabs->tabIcon(fileTab).pixmap(16, 16).toImage();
    QVERIFY(serverIcon != fileIcon);
    shot(s->window.get(), QStringLiteral("remote-tabs"));
}

// Nothing in the API tells a token's permissions up front. The first write refused with 403 while reads work
// teaches the app: the tab that tried says so at once (its edits kept), and every route of that account opened
// afterwards says so before anyone edits it.
void TestRemoteIntegrity::readOnlyTokenIsSaidBeforeTheNextEdit()
{
    const QByteArray readOnly = "read-only-token-for-remote-integrity";
    m_server->addReadOnlyToken(readOnly);
    auto s = session(QStringLiteral("a0000000000000000000000000000031"));
    s->client->setCredentials(ApiCredentials::apiToken(s->account, QString::fromLatin1(readOnly)));
    BoxAnswerer errors(QStringLiteral("saveVersionErrorBox"), QMessageBox::AcceptRole);
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    auto *notice = editor->findChild<QLabel *>(QStringLiteral("writeAccessNotice"));
    QVERIFY(notice);
    QVERIFY(notice->isHidden());
    const QString routeId = editor->remote()->routeId();
    const std::size_t before = versions(*s, routeId).size();

    edit(editor, 43000);
    s->window->findChild<QAction *>(QStringLiteral("saveVersionAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!notice->isHidden(), 15000);
    QVERIFY2(notice->text().contains(QStringLiteral("AI Gateway Edit")), qPrintable(notice->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!editor->remote()->isBusy(), 15000);
    QVERIFY(!editor->document()->isClean()); // the edit is kept
    QCOMPARE(versions(*s, routeId).size(), before);
    QCOMPARE(s->client->writeAccess(), ApiClient::WriteAccess::Denied);
    // The gateway panel says it too: creating, renaming and deleting routes would be refused as well.
    auto *browser = s->window->findChild<GatewayBrowser *>();
    QVERIFY(browser);
    auto *browserNotice = browser->findChild<QLabel *>(QStringLiteral("writeAccessNotice"));
    QVERIFY(browserNotice && !browserNotice->isHidden());
    shot(s->window.get(), QStringLiteral("read-only-token"));

    // Another route of the account, opened now: warned before its first edit.
    PageQuery query;
    query.perPage = 50;
    const auto page =
        fetch<ListPage<Route>>([&](auto callback) { s->checker->listRoutes(kGateway, query, nullptr, callback); });
    QVERIFY(page);
    QString otherId;
    for (const Route &route : page->items) {
        if (QString::fromStdString(route.id()) != routeId) {
            otherId = QString::fromStdString(route.id());
        }
    }
    QVERIFY(!otherId.isEmpty());
    s->window->openRemoteRoute(kGateway, otherId);
    QTRY_VERIFY_WITH_TIMEOUT(s->window->findRemoteEditor(kGateway, otherId), 15000);
    auto *otherNotice =
        s->window->findRemoteEditor(kGateway, otherId)->findChild<QLabel *>(QStringLiteral("writeAccessNotice"));
    QVERIFY(otherNotice && !otherNotice->isHidden());
}

QTEST_MAIN(TestRemoteIntegrity)
void TestRemoteIntegrity::closingATabWaitsForItsVersion()
{
    auto s = session(QStringLiteral("a00000000000000000000000000000c1"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    const std::size_t before = versions(*s, routeId).size();
    edit(editor, 47000);
    // The server takes its time over the version: Close must not wait for it inside a nested event loop.
    injectFault(FaultSpec::Kind::Slow, QStringLiteral("POST"), QStringLiteral("/versions"), 1, 1500);
    BoxAnswerer save(QStringLiteral("unsavedChangesBox"), QMessageBox::AcceptRole);
    s->window->closeCurrentRoute();
    QCOMPARE(save.seen(), 1);
    // Back from Close at once: the tab is still there, saving, and says what it waits for.
    QVERIFY(s->window->findRemoteEditor(kGateway, routeId) == editor);
    QVERIFY(s->window->statusBar()->currentMessage().contains(QStringLiteral("closes when the server has it")));
    QCOMPARE(versions(*s, routeId).size(), before);
    // Asking again while it saves neither asks nor closes twice.
    s->window->closeCurrentRoute();
    QCOMPARE(save.seen(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(s->window->findRemoteEditor(kGateway, routeId) == nullptr, 15000);
    QCOMPARE(versions(*s, routeId).size(), before + 1);
    QCOMPARE(s->window->routeTabs()->count(), 0);
}

void TestRemoteIntegrity::aSaveThatFailsOnCloseKeepsTheTab()
{
    auto s = session(QStringLiteral("a00000000000000000000000000000c2"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    const std::size_t before = versions(*s, routeId).size();
    edit(editor, 47500);
    injectFault(FaultSpec::Kind::ServerError, QStringLiteral("POST"), QStringLiteral("/versions"), 20);
    BoxAnswerer save(QStringLiteral("unsavedChangesBox"), QMessageBox::AcceptRole);
    BoxAnswerer error(QStringLiteral("saveVersionErrorBox"), QMessageBox::AcceptRole);
    s->window->closeCurrentRoute();
    QTRY_COMPARE_WITH_TIMEOUT(error.seen(), 1, 15000);
    QVERIFY2(error.lastText().contains(QStringLiteral("still here")), qPrintable(error.lastText()));
    // The tab and its changes stay; nothing was made on the server.
    QVERIFY(s->window->findRemoteEditor(kGateway, routeId) == editor);
    QVERIFY(!editor->document()->isClean());
    QCOMPARE(versions(*s, routeId).size(), before);
    m_server->clearFaults();
    // Once the server is well again, the same close saves and closes.
    s->window->closeCurrentRoute();
    QTRY_VERIFY_WITH_TIMEOUT(s->window->findRemoteEditor(kGateway, routeId) == nullptr, 15000);
    QCOMPARE(save.seen(), 2);
    QCOMPARE(versions(*s, routeId).size(), before + 1);
}

void TestRemoteIntegrity::quittingWaitsForAVersionBeingSaved()
{
    auto s = session(QStringLiteral("a00000000000000000000000000000c3"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    const std::size_t before = versions(*s, routeId).size();
    edit(editor, 48500);
    injectFault(FaultSpec::Kind::Slow, QStringLiteral("POST"), QStringLiteral("/versions"), 1, 1500);
    BoxAnswerer save(QStringLiteral("unsavedChangesBox"), QMessageBox::AcceptRole);
    // Not closed yet: the version is on its way.
    QVERIFY(!s->window->close());
    QCOMPARE(save.seen(), 1);
    QVERIFY(s->window->isVisible());
    // Quitting again meanwhile asks nothing more.
    QVERIFY(!s->window->close());
    QCOMPARE(save.seen(), 1);
    // The window closes itself once the server has the version.
    QTRY_VERIFY_WITH_TIMEOUT(!s->window->isVisible(), 15000);
    QCOMPARE(versions(*s, routeId).size(), before + 1);
    QVERIFY(editor->document()->isClean());
}

void TestRemoteIntegrity::deployAfterSavingOpensOnceTheVersionExists()
{
    auto s = session(QStringLiteral("a00000000000000000000000000000c4"));
    RouteEditorPage *editor = openDemo(*s);
    QVERIFY(editor);
    const QString routeId = editor->remote()->routeId();
    const std::size_t before = versions(*s, routeId).size();
    edit(editor, 49500);
    injectFault(FaultSpec::Kind::Slow, QStringLiteral("POST"), QStringLiteral("/versions"), 1, 1000);
    BoxAnswerer saveFirst(QStringLiteral("deployUnsavedBox"), QMessageBox::AcceptRole);
    s->window->findChild<QAction *>(QStringLiteral("deployAction"))->trigger();
    QCOMPARE(saveFirst.seen(), 1);
    // No dialog while the version is being saved: it would offer the versions as they were.
    QVERIFY(!s->window->findChild<QDialog *>(QStringLiteral("deployDialog")));
    QDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = s->window->findChild<QDialog *>(QStringLiteral("deployDialog"))) != nullptr,
                             15000);
    QVERIFY(dialog->isVisible());
    QCOMPARE(versions(*s, routeId).size(), before + 1);
    QCOMPARE(editor->remote()->shownVersionId(), QString::fromStdString(versions(*s, routeId).front().versionId()));
    dialog->close();
}

#include "tst_remoteintegrity.moc"
