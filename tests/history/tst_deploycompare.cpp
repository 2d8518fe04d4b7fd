// The deploy dialog's comparison against a real sandbox, through real widgets: it runs off the GUI thread with
// a busy bar meanwhile, a comparison no longer wanted (another version picked, the dialog closed) is stopped and
// its answer dropped, and a diff too large to show line by line says so and still lets the operator deploy.
//
// To look at the dialog while a comparison is pending without racing it, PoolGate holds the thread comparisons
// run on (RouteComparison::pool()) until the test lets go.

#include "app/RouteComparison.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "ui/DeployDialog.h"
#include "widgets/canvas/RouteScene.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-deploycompare-7a21";
const QString kAccount = QStringLiteral("5b1d07e4c2a94f0f8f3a6c1e9d2b7a40");
const QString kGateway = QStringLiteral("demo-gateway");

// start → check → gpt → end, where `check` is a conditional whose conditions hold one list of `lines` strings
// (a line of JSON each) and gpt's timeout is `timeout`.
Route listRoute(const std::string &name, std::size_t lines, const std::string &prefix, int timeout = 20000)
{
    Json list = Json::array();
    for (std::size_t i = 0; i < lines; ++i) {
        list.push_back(prefix + std::to_string(i));
    }
    Route r;
    r.setName(name);
    r.addElement(Element::make(ElementType::Start, "start"));
    Element check = Element::make(ElementType::Conditional, "check");
    check.conditional.conditions = Json{{"metadata.user", {{"$in", std::move(list)}}}};
    r.addElement(std::move(check));
    Element gpt = Element::make(ElementType::Model, "gpt");
    gpt.model.provider = "openai";
    gpt.model.model = "gpt-4o-mini";
    gpt.model.timeout = Number::fromInteger(timeout);
    r.addElement(std::move(gpt));
    r.addElement(Element::make(ElementType::End, "end"));
    r.connect("start", "next", "check");
    r.connect("check", "true", "gpt");
    r.connect("check", "false", "end");
    r.connect("gpt", "success", "end");
    r.connect("gpt", "fallback", "end");
    return r;
}

// Holds every thread of the comparison pool until open() (or its end): comparisons started meanwhile wait in
// its queue.
class PoolGate
{
public:
    PoolGate()
        : m_pool(RouteComparison::pool()), m_threads(m_pool->maxThreadCount()), m_state(std::make_shared<State>())
    {
        for (int i = 0; i < m_threads; ++i) {
            m_pool->start([state = m_state] {
                state->holding.release();
                state->gate.acquire();
            });
        }
    }
    ~PoolGate() { open(); }
    PoolGate(const PoolGate &) = delete;
    PoolGate &operator=(const PoolGate &) = delete;

    // Whether every thread is held (the pool had nothing else to run).
    bool isClosed() { return m_state->holding.tryAcquire(m_threads, 10000); }
    void open()
    {
        if (!m_open) {
            m_state->gate.release(m_threads);
            m_open = true;
        }
    }

private:
    struct State
    {
        QSemaphore holding;
        QSemaphore gate;
    };
    QThreadPool *m_pool;
    int m_threads;
    std::shared_ptr<State> m_state; // shared with the held threads, which may outlive the gate by a moment
    bool m_open = false;
};

// With RD_SCREENSHOT_DIR set, saves `widget` there as `name`.png.
void saveShot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        return;
    }
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

QString summaryOf(const DeployDialog &dialog)
{
    return dialog.findChild<QLabel *>(QStringLiteral("diffSummary"))->text();
}

} // namespace

class TestDeployCompare : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;

    // A route on the server whose first (deployed) version is `route`: its id.
    QString createRoute(const Route &route)
    {
        auto created = await<Route>([&](auto cb) { m_client->createRoute(kGateway, route, this, cb); });
        if (!created) {
            qWarning() << "create route failed:" << why(created.error);
            return {};
        }
        return QString::fromStdString(created.value->id());
    }

    // Adds a version and returns its id (the newest in the list: the API does not return it).
    QString createVersion(const QString &routeId, const Route &route)
    {
        auto created = await<Route>([&](auto cb) { m_client->createVersion(kGateway, routeId, route, this, cb); });
        if (!created) {
            qWarning() << "create version failed:" << why(created.error);
            return {};
        }
        auto list = await<ListPage<RouteVersion>>([&](auto cb) {
            m_client->listVersions(kGateway, routeId,
                                   PageQuery{1, 50, {}, QStringLiteral("created_at"), QStringLiteral("desc")}, this,
                                   cb);
        });
        return list && !list.value->items.empty() ? QString::fromStdString(list.value->items.front().versionId())
                                                  : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        SandboxServer::Options options;
        options.databasePath = m_dir.filePath(QStringLiteral("sandbox.sqlite"));
        options.token = kToken;
        m_server = std::make_unique<SandboxServer>(options);
        QString error;
        QVERIFY2(m_server->start(0, &error), qPrintable(error));
        auto client = std::make_unique<ApiClient>();
        ApiClient::Options o;
        o.baseUrl = m_server->baseUrl();
        o.timeoutMs = 10000;
        client->setOptions(o);
        client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        m_client = std::move(client);
    }

    void cleanupTestCase() { m_client.reset(); }

    // One element whose 8,000 lines all changed: the comparison waits for a worker thread while the dialog goes
    // on handling events, then the diff shows and the version can be deployed.
    void comparesOffTheGuiThread()
    {
        const QString routeId = createRoute(listRoute("compare-busy", 8000, "deployed-user-"));
        QVERIFY(!routeId.isEmpty());
        const QString target = createVersion(routeId, listRoute("compare-busy", 8000, "candidate-user-"));
        QVERIFY(!target.isEmpty());

        PoolGate gate;
        QVERIFY(gate.isClosed());
        DeployDialog dialog(m_client.get(), kGateway, routeId);
        dialog.setInitialVersion(target);
        QSignalSpy shown(&dialog, &DeployDialog::diffShown);
        dialog.resize(1000, 700);
        dialog.show();
        auto *bar = dialog.findChild<QProgressBar *>(QStringLiteral("comparingBar"));
        QVERIFY(bar);
        // Both versions arrived and the comparison is waiting for a thread.
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 10000);
        QVERIFY(dialog.isComparing());
        QCOMPARE(summaryOf(dialog), QStringLiteral("Comparing with the deployed version…"));
        QCOMPARE(dialog.diffText(), QStringLiteral("Comparing with the deployed version…"));
        QVERIFY(!dialog.deployButton()->isEnabled());
        QVERIFY(dialog.scene()->elementItem("check")); // the graph shows already
        // The GUI thread is free meanwhile: posted work runs, the picker stays usable.
        bool ran = false;
        QTimer::singleShot(0, &dialog, [&ran] { ran = true; });
        QTRY_VERIFY(ran);
        QVERIFY(dialog.findChild<QWidget *>(QStringLiteral("versionPicker"))->isEnabled());
        QVERIFY(bar->isVisible());
        QCOMPARE(shown.count(), 0);
        saveShot(&dialog, QStringLiteral("deploy-dialog-comparing"));

        gate.open();
        QVERIFY(shown.wait(30000));
        QVERIFY(!bar->isVisible());
        QVERIFY(!dialog.isComparing());
        QCOMPARE(summaryOf(dialog), QStringLiteral("1 changed, 0 added, 0 removed"));
        QVERIFY(dialog.diff());
        QCOMPARE(dialog.diff()->addedLines(), std::size_t(8000));
        QCOMPARE(dialog.diff()->removedLines(), std::size_t(8000));
        const QString text = dialog.diffText();
        QVERIFY(text.contains(QStringLiteral("\"deployed-user-7999\"")));
        QVERIFY(text.contains(QStringLiteral("\"candidate-user-0\"")));
        QTRY_VERIFY(dialog.deployButton()->isEnabled());
    }

    // Another version picked while a comparison is pending: that comparison is stopped and its answer never
    // shows; the one for the version picked last does.
    void anotherVersionPickedWhileComparing()
    {
        const QString routeId = createRoute(listRoute("compare-switch", 3000, "a-"));
        QVERIFY(!routeId.isEmpty());
        const QString big = createVersion(routeId, listRoute("compare-switch", 3000, "b-"));
        const QString small = createVersion(routeId, listRoute("compare-switch", 3000, "a-", 45000));
        QVERIFY(!big.isEmpty() && !small.isEmpty());

        PoolGate gate;
        QVERIFY(gate.isClosed());
        DeployDialog dialog(m_client.get(), kGateway, routeId);
        dialog.setInitialVersion(big);
        QSignalSpy shown(&dialog, &DeployDialog::diffShown);
        dialog.show();
        auto *bar = dialog.findChild<QProgressBar *>(QStringLiteral("comparingBar"));
        QVERIFY(bar);
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 10000);
        QCOMPARE(dialog.selectedVersionId(), big);

        dialog.selectVersion(small);
        QVERIFY(!bar->isVisible());                        // the pending comparison is given up at once
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 10000); // and the new one is pending once `small` arrived
        gate.open();
        QVERIFY(shown.wait(30000));
        // Let every worker finish and its answer arrive: the stopped one must not show.
        QVERIFY(RouteComparison::pool()->waitForDone(30000));
        QCoreApplication::processEvents();
        QCOMPARE(shown.count(), 1);
        QVERIFY(!bar->isVisible());
        QCOMPARE(dialog.selectedVersionId(), small);
        QVERIFY(dialog.diff());
        QCOMPARE(dialog.diff()->status("gpt"), RouteDiff::Status::Changed);
        QCOMPARE(dialog.diff()->status("check"), RouteDiff::Status::Unchanged);
        QVERIFY(!dialog.diffText().contains(QStringLiteral("\"b-0\"")));
        QVERIFY(dialog.diffText().contains(QStringLiteral("45000")));
        QTRY_VERIFY(dialog.deployButton()->isEnabled());
    }

    // Closing the dialog while its comparison is pending: nothing is left to call back into it.
    void closedWhileComparing()
    {
        const QString routeId = createRoute(listRoute("compare-close", 3000, "a-"));
        const QString target = createVersion(routeId, listRoute("compare-close", 3000, "b-"));
        QVERIFY(!target.isEmpty());

        PoolGate gate;
        QVERIFY(gate.isClosed());
        auto *dialog = new DeployDialog(m_client.get(), kGateway, routeId);
        dialog->setInitialVersion(target);
        dialog->show();
        auto *bar = dialog->findChild<QProgressBar *>(QStringLiteral("comparingBar"));
        QVERIFY(bar);
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 10000);
        delete dialog;
        gate.open();
        QVERIFY(RouteComparison::pool()->waitForDone(30000));
        QCoreApplication::processEvents();
    }

    // 12,000 lines replaced: 24,000 changed lines, more than RouteDiff::kMaxChangedLines. The dialog says the
    // diff is too large to show, lists and marks the change, and deploys.
    void tooLargeDiffIsSaidAndDeployable()
    {
        const QString routeId = createRoute(listRoute("compare-huge", 12000, "deployed-user-"));
        QVERIFY(!routeId.isEmpty());
        const QString target = createVersion(routeId, listRoute("compare-huge", 12000, "candidate-user-"));
        QVERIFY(!target.isEmpty());

        DeployDialog dialog(m_client.get(), kGateway, routeId);
        dialog.setInitialVersion(target);
        QSignalSpy shown(&dialog, &DeployDialog::diffShown);
        dialog.show();
        QVERIFY(shown.wait(60000));
        QVERIFY(dialog.diff());
        QVERIFY(dialog.diff()->isTextTooLarge());
        const QString text = dialog.diffText();
        QVERIFY2(text.startsWith(QStringLiteral("The JSON diff is too large to show line by line: more than ")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("you can review them there and still deploy this version")),
                 qPrintable(text));
        QCOMPARE(summaryOf(dialog), QStringLiteral("1 changed, 0 added, 0 removed"));
        auto *changes = dialog.findChild<QListWidget *>(QStringLiteral("changeList"));
        QCOMPARE(changes->count(), 1);
        QVERIFY(changes->item(0)->text().startsWith(QStringLiteral("check")));
        saveShot(&dialog, QStringLiteral("deploy-dialog-too-large"));

        QTRY_VERIFY(dialog.deployButton()->isEnabled());
        QSignalSpy deployed(&dialog, &DeployDialog::deployed);
        QTest::mouseClick(dialog.deployButton(), Qt::LeftButton);
        QVERIFY(deployed.wait(30000));
        QCOMPARE(deployed.at(0).at(0).toString(), target);
    }

    // A comparison that throws on the worker (text that is not UTF-8 cannot be written as JSON) reports a
    // failure with a sentence, instead of taking the application down.
    void failureIsReported()
    {
        Route from = listRoute("compare-fail", 3, "a-");
        Route to = from;
        Element gpt = *to.find("gpt");
        gpt.model.model = "gpt-\xff";
        QVERIFY(to.replaceElement(gpt));
        RouteComparison comparison;
        QSignalSpy failed(&comparison, &RouteComparison::failed);
        QSignalSpy finished(&comparison, &RouteComparison::finished);
        comparison.start(from, to);
        QVERIFY(comparison.isRunning());
        QVERIFY(failed.wait(30000));
        QVERIFY(!comparison.isRunning());
        QCOMPARE(finished.count(), 0);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.startsWith(QStringLiteral("Comparing the versions failed: ")), qPrintable(message));
    }
};

QTEST_MAIN(TestDeployCompare)
#include "tst_deploycompare.moc"
