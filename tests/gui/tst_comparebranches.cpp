// Compare Branches against the in-process sandbox over loopback: one dataset and one evaluation per model of the
// demo route, run by the sandbox's evaluators; the table's figures must be what the logs since the deployment
// imply, what was created must be listed and cleaned up exactly, and a failure or a lost answer halfway must
// leave a true picture of what exists on the account.
#include "app/BranchComparison.h"
#include "app/RemoteRoute.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "support/CanvasPixels.h"
#include "support/SandboxFixture.h"
#include "support/TestWindow.h"
#include "ui/RouteEditorPage.h"
#include "ui/compare/CompareBranchesDialog.h"
#include "ui/engine/EngineText.h"
#include "ui/engine/TrafficOverlay.h"

#include <QAction>
#include <QDir>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <map>

using namespace rd;
using rd::test::screenshot;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "compare-test-token-9a8b7c6d5e4f";
const QString kAccount = QStringLiteral("local-sandbox");
const QString kGateway = QStringLiteral("demo-gateway");
using State = BranchComparison::State;

} // namespace

class TestCompareBranches : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void comparesEveryModelAndCleansUp();
    void closingOffersTheCleanUp();
    void aFailureHalfwayListsWhatWasMade();
    void aLostAnswerIsLookedUpNotRepeated();

private:
    CompareBranchesDialog *openDialog();
    int count(bool evaluations);

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<TestWindow> m_window;
    QString m_routeId;
};

void TestCompareBranches::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_server = test::startSandbox(m_dir, kToken, error);
    QVERIFY2(m_server, qPrintable(error));
    m_server->setEvaluationDelay(std::chrono::milliseconds(300));
}

void TestCompareBranches::init()
{
    m_client = std::make_unique<ApiClient>();
    auto options = test::fastOptions(m_server->baseUrl(), 10000);
    options.maxRetries = 0;
    m_client->setOptions(options);
    m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    m_window = std::make_unique<TestWindow>();
    m_window->resize(1440, 900);
    m_window->useConnection(m_client.get(), QStringLiteral("Sandbox"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    auto routes = await<ListPage<Route>>([&](auto cb) { m_client->listRoutes(kGateway, PageQuery{}, nullptr, cb); });
    QVERIFY2(routes, qPrintable(why(routes.error)));
    for (const Route &route : routes.value->items) {
        if (route.name() == "support-chat") {
            m_routeId = QString::fromStdString(route.id());
        }
    }
    m_window->openRemoteRoute(kGateway, m_routeId, QStringLiteral("support-chat"));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findRemoteEditor(kGateway, m_routeId) &&
                                 m_window->findRemoteEditor(kGateway, m_routeId)->route().size() > 0 &&
                                 !m_window->findRemoteEditor(kGateway, m_routeId)->remote()->isBusy(),
                             15000);
}

void TestCompareBranches::cleanup()
{
    m_server->clearFaults();
    m_window.reset();
    m_client.reset();
}

int TestCompareBranches::count(bool evaluations)
{
    if (evaluations) {
        auto list = await<ListPage<Evaluation>>([&](auto cb) {
            m_client->listEvaluations(kGateway, PageQuery{1, 50, {}, {}, {}}, nullptr, cb);
        });
        return list ? int(list.value->items.size()) : -1;
    }
    auto list = await<ListPage<Dataset>>([&](auto cb) {
        m_client->listDatasets(kGateway, PageQuery{1, 50, {}, {}, {}}, nullptr, cb);
    });
    return list ? int(list.value->items.size()) : -1;
}

CompareBranchesDialog *TestCompareBranches::openDialog()
{
    QAction *action = m_window->findChild<QAction *>(QStringLiteral("compareBranchesAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    auto *dialog = m_window->findChild<CompareBranchesDialog *>();
    if (!dialog || !QTest::qWaitFor([&] { return dialog->isReady() && dialog->compareButton()->isEnabled(); }, 15000)) {
        return nullptr;
    }
    return dialog;
}

void TestCompareBranches::comparesEveryModelAndCleansUp()
{
    const int datasetsBefore = count(false);
    const int evaluationsBefore = count(true);
    CompareBranchesDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY2(dialog->planText().contains(QStringLiteral("4 datasets, 4 evaluations")), qPrintable(dialog->planText()));
    QCOMPARE(dialog->table()->rowCount(), 4);
    QCOMPARE(count(false), datasetsBefore); // nothing is created before Compare

    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    BranchComparison *comparison = dialog->comparison();
    QTRY_COMPARE_WITH_TIMEOUT(comparison->state(), State::Done, 30000);
    QCOMPARE(count(false), datasetsBefore + 4);
    QCOMPARE(count(true), evaluationsBefore + 4);
    QCOMPARE(comparison->createdCount(), 8);

    // Each row's figures are what the logs of its model since the deployment say.
    std::vector<LogEntry> logs;
    for (int page = 1;; ++page) {
        LogQuery query;
        query.page = page;
        query.perPage = 50;
        auto result = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, query, nullptr, cb); });
        QVERIFY2(result, qPrintable(why(result.error)));
        logs.insert(logs.end(), result.value->items.begin(), result.value->items.end());
        if (!result.value->info.hasMore(result.value->items.size())) {
            break;
        }
    }
    const QDateTime from = comparison->from();
    for (int row = 0; row < 4; ++row) {
        const BranchComparison::Branch &b = comparison->branches()[std::size_t(row)];
        std::int64_t n = 0;
        double cost = 0;
        double duration = 0;
        for (const LogEntry &e : logs) {
            const QDateTime at = QDateTime::fromString(QString::fromStdString(e.createdAt()), Qt::ISODate);
            if (e.provider() == b.provider && e.model() == b.model && at > from) {
                ++n;
                cost += e.cost() ? e.cost()->toDouble() : 0;
                duration += e.durationMs() ? e.durationMs()->toDouble() : 0;
            }
        }
        QTableWidget *table = dialog->table();
        QCOMPARE(table->item(row, 0)->text(), QString::fromStdString(b.key));
        QVERIFY(!table->item(row, 1)->text().isEmpty()); // the cards that call it
        QCOMPARE(table->item(row, 2)->text(), EngineText::count(std::uint64_t(n)));
        if (n > 0) {
            QCOMPARE(table->item(row, 3)->text(), TrafficOverlay::cost(cost / double(n)));
            QCOMPARE(table->item(row, 4)->text(), TrafficOverlay::duration(duration / double(n)));
        }
        QVERIFY(table->item(row, 6)->text().contains(QStringLiteral("done")));
        QVERIFY(table->cellWidget(row, 7)); // "Logs"
    }
    screenshot(dialog, QStringLiteral("compare-branches.png"));

    QVERIFY(dialog->cleanUpButton()->isEnabled());
    QTest::mouseClick(dialog->cleanUpButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(comparison->state(), State::CleanedUp, 15000);
    QCOMPARE(comparison->createdCount(), 0);
    QCOMPARE(count(false), datasetsBefore);
    QCOMPARE(count(true), evaluationsBefore);
    dialog->reject(); // nothing left: closes without asking
    QTRY_VERIFY(!m_window->findChild<CompareBranchesDialog *>());
}

void TestCompareBranches::closingOffersTheCleanUp()
{
    const int datasetsBefore = count(false);
    QPointer<CompareBranchesDialog> dialog = openDialog();
    QVERIFY(dialog);
    dialog->compare();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->comparison()->state(), State::Done, 30000);
    QCOMPARE(count(false), datasetsBefore + 4);

    // Cancel keeps the dialog and everything; Delete closes it once all is deleted.
    dialog->setCloseAnswerForTesting(CompareBranchesDialog::CloseAnswer::Cancel);
    dialog->reject();
    QTest::qWait(50);
    QVERIFY(dialog && dialog->isVisible());
    dialog->setCloseAnswerForTesting(CompareBranchesDialog::CloseAnswer::Delete);
    dialog->reject();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 15000);
    QCOMPARE(count(false), datasetsBefore);

    // Keep: closed at once, and what it made stays on the account.
    dialog = openDialog();
    QVERIFY(dialog);
    dialog->compare();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->comparison()->state(), State::Done, 30000);
    dialog->setCloseAnswerForTesting(CompareBranchesDialog::CloseAnswer::Keep);
    dialog->reject();
    QTRY_VERIFY(!dialog);
    QCOMPARE(count(false), datasetsBefore + 4);
    // Tidy up for the next case, through the API.
    auto list = await<ListPage<Evaluation>>([&](auto cb) {
        m_client->listEvaluations(kGateway, PageQuery{1, 50, {}, {}, {}}, nullptr, cb);
    });
    QVERIFY(list);
    for (const Evaluation &e : list.value->items) {
        QVERIFY(await<Evaluation>(
            [&](auto cb) { m_client->deleteEvaluation(kGateway, QString::fromStdString(e.id()), nullptr, cb); }));
    }
    auto datasets = await<ListPage<Dataset>>([&](auto cb) {
        m_client->listDatasets(kGateway, PageQuery{1, 50, {}, {}, {}}, nullptr, cb);
    });
    QVERIFY(datasets);
    for (const Dataset &d : datasets.value->items) {
        QVERIFY(await<Dataset>(
            [&](auto cb) { m_client->deleteDataset(kGateway, QString::fromStdString(d.id()), nullptr, cb); }));
    }
}

void TestCompareBranches::aFailureHalfwayListsWhatWasMade()
{
    const int datasetsBefore = count(false);
    CompareBranchesDialog *dialog = openDialog();
    QVERIFY(dialog);
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::ServerError;
    fault.method = QStringLiteral("POST");
    fault.pathContains = QStringLiteral("/evaluations");
    m_server->injectFault(fault);
    dialog->compare();
    BranchComparison *comparison = dialog->comparison();
    QTRY_COMPARE_WITH_TIMEOUT(comparison->state(), State::Failed, 15000);
    QVERIFY2(dialog->statusText().contains(QStringLiteral("Creating the evaluation of")),
             qPrintable(dialog->statusText()));
    // The first dataset was made before the evaluation failed: listed, and on the server.
    QCOMPARE(comparison->createdCount(), 1);
    QVERIFY(comparison->created().front().startsWith(QStringLiteral("dataset")));
    QCOMPARE(count(false), datasetsBefore + 1);
    QVERIFY(dialog->cleanUpButton()->isEnabled());
    QTest::mouseClick(dialog->cleanUpButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(comparison->state(), State::CleanedUp, 15000);
    QCOMPARE(count(false), datasetsBefore);
}

void TestCompareBranches::aLostAnswerIsLookedUpNotRepeated()
{
    const int datasetsBefore = count(false);
    CompareBranchesDialog *dialog = openDialog();
    QVERIFY(dialog);
    // The server creates the first dataset, then drops the connection: the client never hears.
    FaultSpec drop;
    drop.kind = FaultSpec::Kind::DropConnection;
    drop.method = QStringLiteral("POST");
    drop.pathContains = QStringLiteral("/datasets");
    drop.applyFirst = true;
    m_server->injectFault(drop);
    dialog->compare();
    BranchComparison *comparison = dialog->comparison();
    QTRY_COMPARE_WITH_TIMEOUT(comparison->state(), State::Done, 30000);
    // Found by its name and used: four datasets, not five.
    QCOMPARE(count(false), datasetsBefore + 4);
    QCOMPARE(comparison->createdCount(), 8);
    comparison->cleanUp();
    QTRY_COMPARE_WITH_TIMEOUT(comparison->state(), State::CleanedUp, 15000);
    QCOMPARE(count(false), datasetsBefore);
}

QTEST_MAIN(TestCompareBranches)
#include "tst_comparebranches.moc"
