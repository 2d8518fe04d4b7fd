// Crash recovery for real: a child process runs the app's window (tests/drafts/draft_child.cpp), edits a route
// file or a server route, waits until autosave has the edit on disk, and is killed with SIGKILL. The next start
// (this process, same HOME and XDG folders) must offer the draft, put it back exactly and attached to where it
// came from (a server route: same connection, gateway, route and base version, saving makes a version), and
// have no draft left once the work is saved or discarded.
#include "app/AppInfo.h"
#include "app/Connection.h"
#include "app/ConnectionStore.h"
#include "app/DraftStore.h"
#include "app/RemoteRoute.h"
#include "app/RouteDocument.h"
#include "app/RouteFile.h"
#include "app/SecretStore.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "model/JsonText.h"
#include "model/RouteCodec.h"
#include "model/RouteVersion.h"
#include "support/ApiAwait.h"
#include "support/TestWindow.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <memory>
#include <optional>

using namespace rd;

namespace {

const QByteArray kToken = "draft-crash-token-8c41f0e2b7d3";
const QString kGateway = QStringLiteral("demo-gateway");
const QString kChild = QStringLiteral(RD_DRAFT_CHILD);

// Presses the button `role` of the next message box named `name` once it is up (closing a tab asks with exec()).
void answerMessageBox(const QString &name, QMessageBox::ButtonRole role, bool *seen)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, name, role, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != name) {
            return;
        }
        *seen = true;
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == role) {
                button->click();
                break;
            }
        }
        timer->deleteLater();
    });
    timer->start();
}

Json elementsOf(const Route &route)
{
    return RouteCodec::encodeRoute(route)["elements"];
}

} // namespace

class TestDraftCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void fileRouteSurvivesKill();
    void serverRouteSurvivesKill();
    void serverRouteMovedOnWarnsAndDiscardRemovesDraft();
    void draftOfAnotherConnectionIsKept();
    void draftOfAnotherConnectionWaitsForIt();
    void quittingWithoutSavingOrDecliningRemovesDraft();

private:
    // Runs draft_child with `arguments` until it reports its edit on disk, then kills it. The state it
    // reported ({"elements", "positions", "baseVersion"}), or nothing.
    std::optional<Json> runAndKill(const QStringList &arguments);
    // A window started as ui/shell/main.cpp starts one.
    void start(MainWindow &window);
    QMessageBox *restoreOffer(MainWindow &window) const;
    // Waits until no request is out: a window destroyed while its gateway list loads crashes in
    // GatewayBrowser (not what these tests are about).
    void settle();
    void verifyExact(RouteEditorPage *editor, const Json &state);
    std::vector<Draft> draftsOnDisk() const { return DraftStore().pendingDrafts(); }
    QString routeId();
    QString newestVersion(const QString &routeId);

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_sandboxClient; // the app's "local sandbox" connection, pointed at m_server
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ConnectionStore> m_connections;
};

void TestDraftCrash::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<SandboxServer>(
        SandboxServer::Options{m_dir.filePath(QStringLiteral("sandbox.sqlite")), kToken, true});
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    m_sandboxClient = std::make_unique<ApiClient>();
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    m_sandboxClient->setOptions(options);
    m_sandboxClient->setCredentials(
        ApiCredentials::apiToken(QStringLiteral("local-sandbox"), QString::fromLatin1(kToken)));
    m_settings = std::make_unique<QSettings>();
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("route-designer-draft-test"));
    m_connections = std::make_unique<ConnectionStore>(m_settings.get(), m_secrets.get());
}

void TestDraftCrash::init()
{
    QDir(DraftStore::defaultDirectory()).removeRecursively();
    QSettings().remove(QStringLiteral("session/openTabs"));
}

std::optional<Json> TestDraftCrash::runAndKill(const QStringList &arguments)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QByteArray output;
    QObject::connect(&child, &QProcess::readyReadStandardOutput, &child,
                     [&] { output += child.readAllStandardOutput(); });
    child.start(kChild, QStringList{QStringLiteral("--api"), m_server->baseUrl().toString(), QStringLiteral("--token"),
                                    QString::fromLatin1(kToken)} +
                            arguments);
    // The child talks to this process's server: wait with the event loop running.
    const bool ready = QTest::qWaitFor([&] { return output.contains("READY ") && output.endsWith('\n'); }, 60000);
    child.kill(); // SIGKILL
    child.waitForFinished(10000);
    if (!ready || child.exitStatus() != QProcess::CrashExit) {
        qWarning("child did not report an edit on disk: %s", output.constData());
        return std::nullopt;
    }
    const QByteArray line = output.mid(output.indexOf("READY ") + 6).trimmed();
    Decoded<Json> state = JsonText::parse(std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
    return state ? std::optional<Json>(*state.value) : std::nullopt;
}

void TestDraftCrash::start(MainWindow &window)
{
    window.show();
    window.offerDraftRestore();
    window.restoreOpenTabs();
    window.setConnections(m_sandboxClient.get(), m_connections.get());
}

void TestDraftCrash::settle()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_sandboxClient->inFlight() == 0 && m_sandboxClient->queued() == 0, 20000);
}

QMessageBox *TestDraftCrash::restoreOffer(MainWindow &window) const
{
    auto *box = window.findChild<QMessageBox *>(QStringLiteral("restoreDraftsBox"));
    return box && box->isVisible() ? box : nullptr;
}

void TestDraftCrash::verifyExact(RouteEditorPage *editor, const Json &state)
{
    QCOMPARE(QString::fromStdString(elementsOf(editor->route()).dump()),
             QString::fromStdString(state["elements"].dump()));
    const Json &positions = state["positions"];
    QCOMPARE(editor->document()->positions().size(), positions.size());
    for (const auto &[id, point] : positions.items()) {
        const std::optional<QPointF> at = editor->document()->position(id);
        QVERIFY2(at.has_value(), id.c_str());
        QCOMPARE(at->x(), point[0].get<double>());
        QCOMPARE(at->y(), point[1].get<double>());
    }
}

QString TestDraftCrash::routeId()
{
    PageQuery query;
    query.perPage = 50;
    const auto routes =
        test::await<ListPage<Route>>([&](auto done) { m_sandboxClient->listRoutes(kGateway, query, nullptr, done); });
    if (!routes) {
        return {};
    }
    for (const Route &route : routes.value->items) {
        if (route.name() == "support-chat") {
            return QString::fromStdString(route.id());
        }
    }
    return {};
}

QString TestDraftCrash::newestVersion(const QString &route)
{
    PageQuery query;
    query.perPage = 50;
    const auto versions = test::await<ListPage<RouteVersion>>(
        [&](auto done) { m_sandboxClient->listVersions(kGateway, route, query, nullptr, done); });
    QString newest;
    std::string at;
    if (versions) {
        for (const RouteVersion &version : versions.value->items) {
            if (newest.isEmpty() || version.createdAt() > at) {
                at = version.createdAt();
                newest = QString::fromStdString(version.versionId());
            }
        }
    }
    return newest;
}

void TestDraftCrash::fileRouteSurvivesKill()
{
    const QString path = m_dir.filePath(QStringLiteral("support-chat.json"));
    QFile::remove(path);
    QVERIFY(QFile::copy(QStringLiteral(RD_DEMO_ROUTE), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    const std::string original = elementsOf(RouteFile::open(path).document()->routes.front()).dump();

    // Killed mid-edit; then killed again after restoring and editing more: still one draft, not two.
    QVERIFY(runAndKill({QStringLiteral("edit-file"), path}).has_value());
    QCOMPARE(draftsOnDisk().size(), std::size_t{1});
    const std::optional<Json> state = runAndKill({QStringLiteral("restore-and-edit")});
    QVERIFY(state.has_value());
    QCOMPARE(draftsOnDisk().size(), std::size_t{1});

    {
        TestWindow window;
        start(window);
        QMessageBox *offer = restoreOffer(window);
        QVERIFY(offer);
        QVERIFY2(offer->informativeText().contains(QDir::toNativeSeparators(path)),
                 qPrintable(offer->informativeText()));
        offer->button(QMessageBox::Yes)->click();

        // Into the file's own tab, exactly, unsaved, as one undo step over the file's content.
        QTRY_COMPARE(window.routeTabs()->count(), 1);
        RouteEditorPage *editor = window.currentEditor();
        QCOMPARE(editor->sourcePath(), path);
        verifyExact(editor, *state);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(!editor->document()->isClean());
        QCOMPARE(editor->document()->undoStack()->count(), 1);
        editor->document()->undoStack()->undo();
        QCOMPARE(elementsOf(editor->route()).dump(), original);
        QVERIFY(editor->document()->isClean());
        editor->document()->undoStack()->redo();
        verifyExact(editor, *state);
        if (QTest::currentTestFailed()) {
            return;
        }
        // Still unsaved work, so still a draft: the tab's own, following it.
        QTRY_COMPARE(draftsOnDisk().size(), std::size_t{1});
        editor->document()->moveElements({{"start", QPointF(-17.5, 3.25)}});
        window.drafts()->flush();
        QCOMPARE(draftsOnDisk().size(), std::size_t{1});
        QCOMPARE(draftsOnDisk().front().positions, editor->document()->positions());

        // Ctrl+S writes the file in place; the draft goes with it.
        window.findChild<QAction *>(QStringLiteral("saveAction"))->trigger();
        QVERIFY(editor->document()->isClean());
        QCOMPARE(elementsOf(RouteFile::open(path).document()->routes.front()).dump(), (*state)["elements"].dump());
        QVERIFY(draftsOnDisk().empty());
        window.close();
        settle();
    }
    TestWindow next;
    start(next);
    QVERIFY(!restoreOffer(next));
    QVERIFY(draftsOnDisk().empty());
    settle();
}

void TestDraftCrash::serverRouteSurvivesKill()
{
    const QString route = routeId();
    QVERIFY(!route.isEmpty());
    // Killed mid-edit, then again after restoring and editing more: one draft, not two.
    QVERIFY(runAndKill({QStringLiteral("edit-route"), kGateway, route}).has_value());
    QCOMPARE(draftsOnDisk().size(), std::size_t{1});
    const std::optional<Json> state = runAndKill({QStringLiteral("restore-and-edit")});
    QVERIFY(state.has_value());
    QCOMPARE(draftsOnDisk().size(), std::size_t{1});
    QVERIFY2(state->contains("baseVersion"), "the restored tab was not a server route");
    const QString base = QString::fromStdString((*state)["baseVersion"].get<std::string>());
    QVERIFY(!base.isEmpty());
    const QString newestBefore = newestVersion(route);

    // The last clean session had the route open: session restore reopens it, and that tab takes the draft.
    QSettings().setValue(QStringLiteral("session/openTabs"),
                         QStringList{QStringLiteral("route:|%1|%2").arg(kGateway, route)});
    {
        TestWindow window;
        start(window);
        QMessageBox *offer = restoreOffer(window);
        QVERIFY(offer);
        QVERIFY2(offer->informativeText().contains(kGateway), qPrintable(offer->informativeText()));
        // The session's tab is back (clean, from the server) before the person answers.
        RouteEditorPage *editor = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((editor = window.findRemoteEditor(kGateway, route)) != nullptr, 20000);
        QVERIFY(editor->document()->isClean());
        offer->button(QMessageBox::Yes)->click();

        // That tab takes the draft; nothing else is loading the route, and there is one tab for it.
        QTRY_VERIFY_WITH_TIMEOUT(!editor->document()->isClean(), 20000);
        QCOMPARE(window.currentEditor(), editor);
        QTRY_VERIFY(std::none_of(window.children().begin(), window.children().end(),
                                 [](QObject *child) { return qobject_cast<RemoteRoute *>(child) != nullptr; }));
        QCOMPARE(window.routeTabs()->count(), 1);

        // Attached: same gateway, route and base version; saving makes a version on the server.
        verifyExact(editor, *state);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(editor->remote()->gatewayId(), kGateway);
        QCOMPARE(editor->remote()->routeId(), route);
        QCOMPARE(editor->remote()->shownVersionId(), base);
        QCOMPARE(editor->document()->undoStack()->count(), 1);
        QVERIFY(window.findChild<QAction *>(QStringLiteral("saveVersionAction"))->isEnabled());
        QVERIFY(window.findChild<QAction *>(QStringLiteral("deployAction"))->isEnabled());
        QVERIFY(!window.findChild<QAction *>(QStringLiteral("saveAsAction"))->isEnabled());
        QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("draftServerChangedBox")));
        QCOMPARE(draftsOnDisk().size(), std::size_t{1});

        // Ctrl+S: a new version holding exactly the draft's elements, and no draft left.
        window.findChild<QAction *>(QStringLiteral("saveAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(editor->document()->isClean(), 20000);
        const QString saved = newestVersion(route);
        QVERIFY(saved != newestBefore);
        QCOMPARE(editor->remote()->shownVersionId(), saved);
        const auto graph = test::await<Route>(
            [&](auto done) { m_sandboxClient->getVersionGraph(kGateway, route, saved, nullptr, done); });
        QVERIFY2(graph, qPrintable(test::why(graph.error)));
        QCOMPARE(elementsOf(*graph.value).dump(), (*state)["elements"].dump());
        QVERIFY(draftsOnDisk().empty());
        window.close();
        settle();
    }
    TestWindow next;
    start(next);
    QVERIFY(!restoreOffer(next));
    settle();
}

void TestDraftCrash::serverRouteMovedOnWarnsAndDiscardRemovesDraft()
{
    const QString route = routeId();
    QVERIFY(!route.isEmpty());
    const std::optional<Json> state = runAndKill({QStringLiteral("edit-route"), kGateway, route});
    QVERIFY(state.has_value());

    // Meanwhile someone saves and deploys a new version.
    const auto current =
        test::await<Route>([&](auto done) { m_sandboxClient->getRoute(kGateway, route, nullptr, done); });
    QVERIFY(current);
    Route changed = *current.value;
    Element model = *changed.find("gpt4o_mini");
    model.model.retries = Number::fromInteger(3);
    QVERIFY(changed.replaceElement(model));
    QVERIFY(test::await<Route>(
        [&](auto done) { m_sandboxClient->createVersion(kGateway, route, changed, nullptr, done); }));
    const QString theirs = newestVersion(route);
    QVERIFY(test::await<Route>(
        [&](auto done) { m_sandboxClient->createDeployment(kGateway, route, theirs, nullptr, done); }));

    {
        TestWindow window;
        start(window);
        QMessageBox *offer = restoreOffer(window);
        QVERIFY(offer);
        offer->button(QMessageBox::Yes)->click();
        RouteEditorPage *editor = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (editor = window.findRemoteEditor(kGateway, route)) != nullptr && !editor->document()->isClean(), 20000);
        verifyExact(editor, *state);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(editor->remote()->shownVersionId(),
                 QString::fromStdString((*state)["baseVersion"].get<std::string>()));
        QMessageBox *warning = nullptr;
        QTRY_VERIFY((warning = window.findChild<QMessageBox *>(QStringLiteral("draftServerChangedBox"))) != nullptr);
        QVERIFY2(warning->informativeText().contains(
                     QStringLiteral("version %1 was saved and deployed").arg(theirs.left(8))),
                 qPrintable(warning->informativeText()));
        warning->accept();

        // Closing the tab without saving throws the work away on purpose: no draft is left.
        bool asked = false;
        answerMessageBox(QStringLiteral("unsavedChangesBox"), QMessageBox::DestructiveRole, &asked);
        window.closeCurrentRoute();
        QVERIFY(asked);
        QCOMPARE(window.routeTabs()->count(), 0);
        QVERIFY(draftsOnDisk().empty());
        window.close();
        settle();
    }
    TestWindow next;
    start(next);
    QVERIFY(!restoreOffer(next));
    settle();
}

void TestDraftCrash::draftOfAnotherConnectionIsKept()
{
    // A draft of a route on a saved connection that no longer exists.
    {
        DraftStore store;
        const RouteFile file = RouteFile::open(QStringLiteral(RD_DEMO_ROUTE));
        RouteDocument document(file.document()->routes.front());
        const QJsonObject origin{{QStringLiteral("connection"), QStringLiteral("1d1e8f3c-removed")},
                                 {QStringLiteral("gateway"), kGateway},
                                 {QStringLiteral("route"), QStringLiteral("route-of-a-removed-account")},
                                 {QStringLiteral("name"), QStringLiteral("support-chat")}};
        store.watch(&document, QStringLiteral("route:removed"), origin);
        document.moveElements({{"gpt4o_mini", QPointF(5, 5)}});
        store.flush();
        store.unwatch(QStringLiteral("route:removed"));
    }
    QCOMPARE(draftsOnDisk().size(), std::size_t{1});
    {
        TestWindow window;
        start(window);
        QMessageBox *offer = restoreOffer(window);
        QVERIFY(offer);
        offer->button(QMessageBox::Yes)->click();
        QMessageBox *why = nullptr;
        QTRY_VERIFY((why = window.findChild<QMessageBox *>(QStringLiteral("draftsNotRestoredBox"))) != nullptr);
        QVERIFY2(why->informativeText().contains(QStringLiteral("has since been removed")),
                 qPrintable(why->informativeText()));
        QVERIFY(why->detailedText().contains(QDir::toNativeSeparators(draftsOnDisk().front().filePath)));
        QCOMPARE(window.routeTabs()->count(), 0);
        why->accept();
        window.close();
        settle();
    }
    // Kept, and offered again; "Later" (or Escape) keeps it too.
    QCOMPARE(draftsOnDisk().size(), std::size_t{1});
    TestWindow next;
    start(next);
    QMessageBox *offer = restoreOffer(next);
    QVERIFY(offer);
    QTest::keyClick(offer, Qt::Key_Escape);
    QTRY_VERIFY(!restoreOffer(next));
    QCOMPARE(draftsOnDisk().size(), std::size_t{1});
    settle();
}

void TestDraftCrash::draftOfAnotherConnectionWaitsForIt()
{
    // A saved account (the same server, another account id: its own routes) that is not the current connection.
    Connection account;
    account.name = QStringLiteral("Staging account");
    account.accountId = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");
    account.baseUrl = m_server->baseUrl();
    std::optional<QString> added;
    account = m_connections->add(account, QString::fromLatin1(kToken), this,
                                 [&added](const QString &error) { added = error; });
    QTRY_VERIFY(added.has_value());
    QVERIFY2(added->isEmpty(), qPrintable(*added));
    m_connections->setCurrentId(QString());
    ApiClient accountClient;
    ApiClient::Options options;
    options.baseUrl = m_server->baseUrl();
    accountClient.setOptions(options);
    accountClient.setCredentials(ApiCredentials::apiToken(account.accountId, QString::fromLatin1(kToken)));
    PageQuery query;
    const auto routes =
        test::await<ListPage<Route>>([&](auto done) { accountClient.listRoutes(kGateway, query, nullptr, done); });
    QVERIFY(routes && !routes.value->items.empty());
    const Route &serverRoute = routes.value->items.front();
    const QString routeId = QString::fromStdString(serverRoute.id());

    // Its draft, as that account's tab wrote it.
    Json elements;
    {
        DraftStore store;
        RouteDocument document(serverRoute);
        const QJsonObject origin{{QStringLiteral("connection"), account.id},
                                 {QStringLiteral("gateway"), kGateway},
                                 {QStringLiteral("route"), routeId},
                                 {QStringLiteral("name"), QString::fromStdString(serverRoute.name())}};
        const QString key = QStringLiteral("route:%1|%2|%3").arg(account.id, kGateway, routeId);
        store.watch(&document, key, origin);
        Element first = serverRoute.elements().back();
        document.moveElements({{first.id, QPointF(321.5, -12.25)}});
        // A change of content too: moving cards alone is layout, which a server route's tab does not count as
        // unsaved work.
        const auto wired = std::find_if(serverRoute.elements().begin(), serverRoute.elements().end(),
                                        [](const Element &e) { return !e.outputs.empty(); });
        QVERIFY(wired != serverRoute.elements().end());
        document.disconnectOutput(wired->id, wired->outputs.front().name);
        store.flush();
        store.unwatch(key);
        elements = elementsOf(document.route());
    }

    TestWindow window;
    start(window);
    QMessageBox *offer = restoreOffer(window);
    QVERIFY(offer);
    QTRY_VERIFY2(offer->informativeText().contains(account.name), qPrintable(offer->informativeText()));
    offer->button(QMessageBox::Yes)->click();
    QMessageBox *why = nullptr;
    QTRY_VERIFY((why = window.findChild<QMessageBox *>(QStringLiteral("draftsNotRestoredBox"))) != nullptr);
    QVERIFY2(why->informativeText().contains(QStringLiteral("Switch to it")), qPrintable(why->informativeText()));
    why->accept();
    QCOMPARE(window.routeTabs()->count(), 0);
    QCOMPARE(draftsOnDisk().size(), std::size_t{1});

    // Switching to the account puts it back, into that account's route.
    m_connections->setCurrentId(account.id);
    RouteEditorPage *editor = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (editor = window.currentEditor()) != nullptr && editor->isRemote() && !editor->document()->isClean(), 20000);
    QCOMPARE(editor->remote()->routeId(), routeId);
    QCOMPARE(window.connectionOf(editor->remote()->client()), std::optional<QString>(account.id));
    QCOMPARE(QString::fromStdString(elementsOf(editor->route()).dump()), QString::fromStdString(elements.dump()));
    QCOMPARE(*editor->document()->position(serverRoute.elements().back().id), QPointF(321.5, -12.25));

    bool asked = false;
    answerMessageBox(QStringLiteral("unsavedChangesBox"), QMessageBox::DestructiveRole, &asked);
    window.closeCurrentRoute();
    QVERIFY(asked);
    QVERIFY(draftsOnDisk().empty());
    m_connections->setCurrentId(QString());
    QTRY_VERIFY(window.client() == m_sandboxClient.get());
    settle();
    QTRY_VERIFY_WITH_TIMEOUT(window.client()->inFlight() == 0 && window.client()->queued() == 0, 20000);
    bool removed = false;
    m_connections->remove(account.id, this, [&removed](const QString &) { removed = true; });
    QTRY_VERIFY(removed);
}

void TestDraftCrash::quittingWithoutSavingOrDecliningRemovesDraft()
{
    const QString path = m_dir.filePath(QStringLiteral("quit.json"));
    QFile::remove(path);
    QVERIFY(QFile::copy(QStringLiteral(RD_DEMO_ROUTE), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);

    // Restore, then quit and answer Discard: the work is thrown away on purpose, and so is its draft.
    QVERIFY(runAndKill({QStringLiteral("edit-file"), path}).has_value());
    {
        TestWindow window;
        start(window);
        QMessageBox *offer = restoreOffer(window);
        QVERIFY(offer);
        offer->button(QMessageBox::Yes)->click();
        QTRY_VERIFY(window.currentEditor() && !window.currentEditor()->document()->isClean());
        bool asked = false;
        answerMessageBox(QStringLiteral("unsavedChangesBox"), QMessageBox::DestructiveRole, &asked);
        QVERIFY(window.close());
        QVERIFY(asked);
        QVERIFY(draftsOnDisk().empty());
        settle();
    }
    {
        TestWindow next;
        start(next);
        QVERIFY(!restoreOffer(next));
        settle();
    }

    // Declining the offer (Discard) deletes the drafts it listed.
    QSettings().remove(QStringLiteral("session/openTabs"));
    QVERIFY(runAndKill({QStringLiteral("edit-file"), path}).has_value());
    QCOMPARE(draftsOnDisk().size(), std::size_t{1});
    TestWindow window;
    start(window);
    QMessageBox *offer = restoreOffer(window);
    QVERIFY(offer);
    offer->button(QMessageBox::No)->click();
    QVERIFY(draftsOnDisk().empty());
    QCOMPARE(window.routeTabs()->count(), 0);
    settle();
}

int main(int argc, char *argv[])
{
    // The children share this process's HOME and XDG folders: settings and drafts persist between "starts".
    QTemporaryDir home;
    if (!home.isValid()) {
        return 1;
    }
    for (const auto &[name, sub] : {std::pair{"XDG_CONFIG_HOME", "config"}, std::pair{"XDG_DATA_HOME", "data"},
                                    std::pair{"XDG_CACHE_HOME", "cache"}}) {
        QDir(home.path()).mkpath(QString::fromLatin1(sub));
        qputenv(name, QFile::encodeName(QDir(home.path()).filePath(QString::fromLatin1(sub))));
    }
    qputenv("HOME", QFile::encodeName(home.path()));
    QApplication app(argc, argv);
    QApplication::setApplicationName(AppInfo::name());
    QApplication::setOrganizationName(AppInfo::organization());
    QApplication::setQuitOnLastWindowClosed(false);
    TestDraftCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_draftcrash.moc"
