// Datasets and evaluations in the app, against an in-process sandbox over loopback HTTP holding logs whose every
// value the test knows (support/KnownLogs.h): the logs view's filters saved as a dataset (a filter a dataset cannot
// hold is named), a filtered logs view equal to what the API answers for those filters, the datasets list's
// enable, edit, delete and Open Logs through its widgets, a new evaluation that flips to processed on screen with
// the values the sandbox computes, and errors and lost answers said on the page.
#include "app/LogTableModel.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "support/KnownLogs.h"
#include "support/SandboxFixture.h"
#include "support/TestWindow.h"
#include "ui/LogFilterChips.h"
#include "ui/LogsPage.h"
#include "ui/evaluations/DatasetEditDialog.h"
#include "ui/evaluations/DatasetList.h"
#include "ui/evaluations/EvaluationDetailsDialog.h"
#include "ui/evaluations/EvaluationList.h"
#include "ui/evaluations/EvaluationsPage.h"
#include "ui/evaluations/NewEvaluationDialog.h"
#include "ui/evaluations/PageBanner.h"
#include "ui/evaluations/SaveDatasetDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>

using namespace rd;
using rd::test::await;
using rd::test::KnownLog;
using rd::test::why;

namespace {

const QByteArray kToken = "evaluations-gui-token-7c2e91";
const QString kAccount = QStringLiteral("b52de7f0a1c34e5f8d9a0b1c2d3e4f50");
const QString kGateway = QStringLiteral("evals");

void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QTest::qWait(200);
        QDir().mkpath(dir);
        widget->grab().save(QDir(dir).filePath(name));
    }
}

// Clicks the button named `text` of the next message box that comes up (a confirmation run with exec()).
void answerNextMessageBox(const QString &text)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            return;
        }
        for (QAbstractButton *button : box->buttons()) {
            if (button->text() == text) {
                timer->stop();
                timer->deleteLater();
                button->click();
                return;
            }
        }
    });
    timer->start();
}

QTreeWidgetItem *rowNamed(QTreeWidget *table, const QString &name)
{
    for (int i = 0; i < table->topLevelItemCount(); ++i) {
        if (table->topLevelItem(i)->text(0) == name) {
            return table->topLevelItem(i);
        }
    }
    return nullptr;
}

} // namespace

class TestEvaluations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void emptyPageSaysWhatToDo();
    void logsFiltersSavedAsDataset();
    void showFiltersMatchesTheApi();
    void datasetsThroughTheList();
    void newEvaluationFlipsToProcessed();
    void errorsAndLostAnswersOnThePage();

private:
    ApiResult<Dataset> createDataset(const QString &name, const std::vector<LogFilter> &filters)
    {
        return await<Dataset>([&](auto cb) { m_client->createDataset(kGateway, name, true, filters, nullptr, cb); });
    }
    std::optional<Dataset> serverDataset(const QString &name)
    {
        const auto list = await<ListPage<Dataset>>([&](auto cb) {
            m_client->listDatasets(kGateway, PageQuery{1, 50, {}, {}, {}}, nullptr, cb);
        });
        for (const Dataset &d : list.value ? list.value->items : std::vector<Dataset>{}) {
            if (QString::fromStdString(d.name()) == name) {
                return d;
            }
        }
        return std::nullopt;
    }
    EvaluationsPage *openPage()
    {
        EvaluationsPage *page = m_window->showEvaluations(kGateway);
        if (page) {
            page->evaluations()->setPollInterval(150);
            (void)QTest::qWaitFor([&] { return !page->datasets()->isBusy() && !page->evaluations()->isBusy(); }, 10000);
        }
        return page;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<TestWindow> m_window;
};

void TestEvaluations::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("sandbox.sqlite"));
    QString error;
    QVERIFY2(rd::test::seedKnownLogs(path, kAccount, kGateway, error), qPrintable(error));
    SandboxServer::Options options;
    options.databasePath = path;
    options.token = kToken;
    m_server = std::make_unique<SandboxServer>(options);
    m_server->setEvaluationDelay(std::chrono::milliseconds(1200)); // long enough to see it unprocessed first
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
}

void TestEvaluations::init()
{
    m_client = std::make_unique<ApiClient>();
    m_client->setOptions(test::fastOptions(m_server->baseUrl(), 5000));
    m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    m_window = std::make_unique<TestWindow>();
    m_window->resize(1440, 900);
    m_window->useConnection(m_client.get(), QStringLiteral("Sandbox"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestEvaluations::cleanup()
{
    m_server->clearFaults();
    m_window.reset();
    m_client.reset();
}

void TestEvaluations::emptyPageSaysWhatToDo()
{
    // Reached as a person does: the gateway browser's button.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<QPushButton *>(QStringLiteral("evaluationsButton"))->isEnabled(),
                             10000);
    m_window->findChild<QPushButton *>(QStringLiteral("evaluationsButton"))->click();
    auto *page = qobject_cast<EvaluationsPage *>(m_window->routeTabs()->currentWidget());
    QVERIFY(page);
    QCOMPARE(m_window->routeTabs()->tabText(m_window->routeTabs()->currentIndex()),
             QStringLiteral("Evaluations · evals"));
    QTRY_VERIFY(!page->datasets()->isBusy() && !page->evaluations()->isBusy());
    QVERIFY2(page->datasets()->emptyText().startsWith(
                 QStringLiteral("No datasets yet \u2014 save the logs view's filters as one")),
             qPrintable(page->datasets()->emptyText()));
    QVERIFY(page->datasets()->findChild<QLabel *>(QStringLiteral("datasetEmpty"))->isVisible());
    QVERIFY(!page->evaluations()->emptyText().isEmpty());
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("evaluationNew"))->isEnabled()); // no dataset yet
    QVERIFY(page->bannerText().isEmpty());
    screenshot(m_window.get(), QStringLiteral("evaluations-empty.png"));

    // And from the Route menu: the same tab, not a second one.
    auto *action = m_window->findChild<QAction *>(QStringLiteral("evaluationsAction"));
    QVERIFY(action && action->isEnabled());
    m_window->showLogs(kGateway);
    const int tabs = m_window->routeTabs()->count();
    action->trigger();
    QCOMPARE(m_window->routeTabs()->currentWidget(), static_cast<QWidget *>(page));
    QCOMPARE(m_window->routeTabs()->count(), tabs);
}

void TestEvaluations::logsFiltersSavedAsDataset()
{
    LogsPage *logs = m_window->showLogs(kGateway);
    QVERIFY(logs);
    logs->findChild<QComboBox *>(QStringLiteral("logsProvider"))->setCurrentText(QStringLiteral("openai"));
    logs->findChild<QLineEdit *>(QStringLiteral("logsMetadataKey"))->setText(QStringLiteral("plan"));
    logs->findChild<QLineEdit *>(QStringLiteral("logsSearch"))->setText(QStringLiteral("refund"));
    logs->findChild<QPushButton *>(QStringLiteral("logsSaveDataset"))->click();
    auto *dialog = logs->findChild<SaveDatasetDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    // What cannot be saved is named before anything is.
    QVERIFY2(dialog->refusedText().contains(QStringLiteral("metadata.key eq plan")), qPrintable(dialog->refusedText()));
    QVERIFY2(dialog->refusedText().contains(QStringLiteral("search \u201crefund\u201d")),
             qPrintable(dialog->refusedText()));
    QCOMPARE(dialog->saveButton()->text(), QStringLiteral("&Save Without Them"));
    QVERIFY(!dialog->saveButton()->isEnabled()); // no name yet
    screenshot(dialog, QStringLiteral("save-dataset.png"));
    dialog->nameEdit()->setText(QStringLiteral("OpenAI only"));
    dialog->saveButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->saved().has_value(), 10000);
    QVERIFY2(dialog->messageText().startsWith(QStringLiteral("Saved dataset")), qPrintable(dialog->messageText()));

    const auto saved = serverDataset(QStringLiteral("OpenAI only"));
    QVERIFY(saved);
    QVERIFY(saved->enable());
    const std::vector<LogFilter> openai{LogFilter{"provider", "eq", {Json("openai")}}};
    QVERIFY(saved->filters() == openai);
    dialog->close();
}

void TestEvaluations::showFiltersMatchesTheApi()
{
    const std::vector<LogFilter> filters{LogFilter{"provider", "eq", {Json("anthropic")}},
                                         LogFilter{"cost", "gt", {Json(0.01)}}};
    LogsPage *logs = m_window->showLogsFiltered(kGateway, filters);
    QVERIFY(logs);
    QCOMPARE(m_window->routeTabs()->currentWidget(), static_cast<QWidget *>(logs));
    // The provider has a field; the cost is shown as a chip, and both apply.
    QCOMPARE(logs->findChild<QComboBox *>(QStringLiteral("logsProvider"))->currentText(), QStringLiteral("anthropic"));
    QCOMPARE(logs->moreFilters()->chipTexts(), QStringList{QStringLiteral("cost gt 0.01")});
    QVERIFY(logs->moreFilters()->isVisible());
    QVERIFY(logs->currentFilters() == filters);

    const auto rowIds = [&] {
        QStringList ids;
        for (int row = 0; row < logs->model()->rowCount(); ++row) {
            ids << logs->model()->logId(row);
        }
        ids.sort();
        return ids;
    };
    const auto apiIds = [&](const std::vector<LogFilter> &f) {
        LogQuery query;
        query.perPage = 50;
        query.filters = f;
        const auto page = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(kGateway, query, nullptr, cb); });
        QStringList ids;
        for (const LogEntry &log : page.value ? page.value->items : std::vector<LogEntry>{}) {
            ids << QString::fromStdString(log.id());
        }
        ids.sort();
        return ids;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!logs->model()->isLoading() && logs->model()->filters() == filters, 10000);
    const QStringList expected = apiIds(filters);
    QCOMPARE(expected, (QStringList{QStringLiteral("known-04"), QStringLiteral("known-05")}));
    QCOMPARE(rowIds(), expected);
    screenshot(m_window.get(), QStringLiteral("logs-dataset-filters.png"));

    // Removing the chip removes the filter.
    logs->moreFilters()->findChild<QPushButton *>(QStringLiteral("logsMoreFiltersClear"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!logs->model()->isLoading() && logs->model()->filters().size() == 1, 10000);
    QVERIFY(!logs->moreFilters()->isVisible());
    QCOMPARE(rowIds(), apiIds({filters[0]}));
    QCOMPARE(rowIds().size(), 3);
}

void TestEvaluations::datasetsThroughTheList()
{
    QVERIFY2(createDataset(QStringLiteral("Claude"), {LogFilter{"model", "contains", {Json("claude")}}}), "create");
    EvaluationsPage *page = openPage();
    QVERIFY(page);
    DatasetList *list = page->datasets();
    QTreeWidgetItem *row = rowNamed(list->table(), QStringLiteral("Claude"));
    QVERIFY(row);
    QCOMPARE(row->text(DatasetList::FiltersColumn), QStringLiteral("model contains claude"));
    QCOMPARE(row->text(DatasetList::EnabledColumn), QStringLiteral("Enabled"));
    QVERIFY2(row->text(DatasetList::ModifiedColumn)
                 .contains(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+$"))),
             qPrintable(row->text(DatasetList::ModifiedColumn)));
    list->table()->setCurrentItem(row);

    // Disable, by the button.
    auto *toggle = list->findChild<QPushButton *>(QStringLiteral("datasetToggle"));
    QCOMPARE(toggle->text(), QStringLiteral("Disa&ble"));
    toggle->click();
    QTRY_VERIFY_WITH_TIMEOUT(!list->isBusy(), 10000);
    QVERIFY(!serverDataset(QStringLiteral("Claude"))->enable());
    row = rowNamed(list->table(), QStringLiteral("Claude"));
    QCOMPARE(row->text(DatasetList::EnabledColumn), QStringLiteral("Disabled"));
    QCOMPARE(toggle->text(), QStringLiteral("Ena&ble"));
    // And enable again, by the box in the row.
    row->setCheckState(DatasetList::EnabledColumn, Qt::Checked);
    QTRY_VERIFY_WITH_TIMEOUT(!list->isBusy(), 10000);
    QVERIFY(serverDataset(QStringLiteral("Claude"))->enable());

    // Edit: a bad row keeps Save off and says why; a good one is saved.
    list->findChild<QPushButton *>(QStringLiteral("datasetEdit"))->click();
    auto *editor = list->findChild<DatasetEditDialog *>();
    QVERIFY(editor && editor->isVisible());
    QCOMPARE(editor->name(), QStringLiteral("Claude"));
    QCOMPARE(editor->rowCount(), 1);
    editor->nameEdit()->setText(QStringLiteral("Claude, dear"));
    editor->addRow(QStringLiteral("cost"), QStringLiteral("gt"), QStringLiteral("cheap"));
    QVERIFY(!editor->saveButton()->isEnabled());
    QVERIFY2(editor->problemText().contains(QStringLiteral("Filter 2")), qPrintable(editor->problemText()));
    editor->setRow(1, QStringLiteral("cost"), QStringLiteral("gt"), QStringLiteral("0.02"));
    QVERIFY2(editor->saveButton()->isEnabled(), qPrintable(editor->problemText()));
    screenshot(editor, QStringLiteral("dataset-edit.png"));
    editor->saveButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!list->isBusy() && rowNamed(list->table(), QStringLiteral("Claude, dear")), 10000);
    const auto edited = serverDataset(QStringLiteral("Claude, dear"));
    QVERIFY(edited);
    QVERIFY(edited->filters() == (std::vector<LogFilter>{LogFilter{"model", "contains", {Json("claude")}},
                                                         LogFilter{"cost", "gt", {Json(0.02)}}}));

    // Open Logs shows what the dataset holds.
    list->table()->setCurrentItem(rowNamed(list->table(), QStringLiteral("Claude, dear")));
    list->findChild<QPushButton *>(QStringLiteral("datasetOpenLogs"))->click();
    auto *logs = qobject_cast<LogsPage *>(m_window->routeTabs()->currentWidget());
    QVERIFY(logs);
    QVERIFY(logs->currentFilters() == edited->filters());
    QTRY_VERIFY_WITH_TIMEOUT(!logs->model()->isLoading() && logs->model()->filters() == edited->filters(), 10000);
    QCOMPARE(logs->model()->rowCount(), 2); // known-04 and known-05: claude and above 0.02
    m_window->routeTabs()->setCurrentWidget(page);

    // Delete, after a confirmation that names it: Cancel keeps it, Delete deletes it.
    list->table()->setCurrentItem(rowNamed(list->table(), QStringLiteral("Claude, dear")));
    answerNextMessageBox(QStringLiteral("Cancel"));
    list->findChild<QPushButton *>(QStringLiteral("datasetDelete"))->click();
    QVERIFY(serverDataset(QStringLiteral("Claude, dear")));
    QString asked;
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [&asked, timer] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            asked = box->text();
            timer->stop();
        }
    });
    timer->start(10);
    answerNextMessageBox(QStringLiteral("Delete"));
    list->findChild<QPushButton *>(QStringLiteral("datasetDelete"))->click();
    QCOMPARE(asked, QStringLiteral("Delete dataset \u201cClaude, dear\u201d of gateway \u201cevals\u201d?"));
    QTRY_VERIFY_WITH_TIMEOUT(!list->isBusy() && !rowNamed(list->table(), QStringLiteral("Claude, dear")), 10000);
    QVERIFY(!serverDataset(QStringLiteral("Claude, dear")));
    QCOMPARE(page->bannerText(), QStringLiteral("Deleted dataset \u201cClaude, dear\u201d."));
}

void TestEvaluations::newEvaluationFlipsToProcessed()
{
    if (!serverDataset(QStringLiteral("OpenAI only"))) {
        QVERIFY(createDataset(QStringLiteral("OpenAI only"), {LogFilter{"provider", "eq", {Json("openai")}}}));
    }
    EvaluationsPage *page = openPage();
    QVERIFY(page);
    EvaluationList *list = page->evaluations();
    QTRY_VERIFY(list->findChild<QPushButton *>(QStringLiteral("evaluationNew"))->isEnabled());
    list->findChild<QPushButton *>(QStringLiteral("evaluationNew"))->click();
    auto *dialog = list->findChild<NewEvaluationDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    // Every evaluator the account offers, ticked.
    QCOMPARE(dialog->typeList()->count(), 3);
    QCOMPARE(dialog->typeIds().size(), 3);
    QVERIFY(!dialog->createButton()->isEnabled());
    dialog->nameEdit()->setText(QStringLiteral("OpenAI week"));
    QListWidgetItem *openai = nullptr;
    for (int i = 0; i < dialog->datasetList()->count(); ++i) {
        if (dialog->datasetList()->item(i)->text() == QStringLiteral("OpenAI only")) {
            openai = dialog->datasetList()->item(i);
        }
    }
    QVERIFY(openai);
    openai->setCheckState(Qt::Checked);
    for (int i = 0; i < dialog->datasetList()->count(); ++i) {
        if (dialog->datasetList()->item(i) != openai) {
            dialog->datasetList()->item(i)->setCheckState(Qt::Unchecked);
        }
    }
    QVERIFY(dialog->createButton()->isEnabled());
    screenshot(dialog, QStringLiteral("new-evaluation.png"));
    dialog->createButton()->click();

    // First not processed, on screen; then processed, by the polling alone.
    QTRY_VERIFY_WITH_TIMEOUT(rowNamed(list->table(), QStringLiteral("OpenAI week")), 10000);
    QTreeWidgetItem *row = rowNamed(list->table(), QStringLiteral("OpenAI week"));
    QCOMPARE(row->text(EvaluationList::StatusColumn), QStringLiteral("\u23f3 Running"));
    QVERIFY(list->isPolling());
    QTRY_VERIFY_WITH_TIMEOUT(
        rowNamed(list->table(), QStringLiteral("OpenAI week"))->text(EvaluationList::StatusColumn) ==
            QStringLiteral("\u2713 Processed"),
        15000);
    QTRY_VERIFY(!list->isPolling()); // nothing left to wait for
    row = rowNamed(list->table(), QStringLiteral("OpenAI week"));
    QCOMPARE(row->text(EvaluationList::DatasetsColumn), QStringLiteral("OpenAI only"));

    // The values are the sandbox's, which are the known logs' own.
    const QString id = [&] {
        for (const Evaluation &e : list->evaluations()) {
            if (e.name() == "OpenAI week") {
                return QString::fromStdString(e.id());
            }
        }
        return QString();
    }();
    const auto server = await<Evaluation>([&](auto cb) { m_client->getEvaluation(kGateway, id, nullptr, cb); });
    QVERIFY2(server, qPrintable(why(server.error)));
    QVERIFY(server.value->processed());
    const auto totals =
        rd::test::knownTotals([](const KnownLog &log) { return std::string(log.provider) == "openai"; });
    list->select(id);
    list->findChild<QPushButton *>(QStringLiteral("evaluationDetails"))->click();
    EvaluationDetailsDialog *details = list->details();
    QVERIFY(details && details->isVisible());
    QTableWidget *results = details->results();
    QCOMPARE(results->rowCount(), 3);
    std::map<QString, double> expected{{QStringLiteral("Cost"), totals.averageCost},
                                       {QStringLiteral("Speed"), totals.averageDuration},
                                       {QStringLiteral("Performance"), double(totals.positive) / double(totals.rated)}};
    for (int r = 0; r < results->rowCount(); ++r) {
        const QString type = results->item(r, EvaluationDetailsDialog::TypeColumn)->text();
        const QString value = results->item(r, EvaluationDetailsDialog::ResultColumn)->text();
        QVERIFY2(expected.count(type), qPrintable(type));
        QVERIFY2(std::abs(value.toDouble() - expected[type]) < 1e-9, qPrintable(type + QLatin1Char(' ') + value));
        const auto serverResults = server.value->results();
        const auto at = std::find_if(serverResults.begin(), serverResults.end(), [&](const EvaluationResult &res) {
            return EvaluationText::typeName(res.evaluationTypeId(), EvaluationText::typeNames(list->types())) == type;
        });
        QVERIFY(at != serverResults.end());
        const EvaluationResult &fromServer = *at;
        QCOMPARE(value, QString::fromStdString(fromServer.result()));
        QCOMPARE(results->item(r, EvaluationDetailsDialog::StatusColumn)->text(),
                 QString::fromStdString(fromServer.status()->toString()));
        QCOMPARE(results->item(r, EvaluationDetailsDialog::DescriptionColumn)->text(),
                 QString::fromStdString(fromServer.statusDescription()));
        QCOMPARE(results->item(r, EvaluationDetailsDialog::LogsColumn)->text(), QString::number(totals.logs));
        QVERIFY2(row->text(EvaluationList::ResultsColumn).contains(type + QLatin1Char(' ') + value),
                 qPrintable(row->text(EvaluationList::ResultsColumn)));
    }
    screenshot(details, QStringLiteral("evaluation-details.png"));
    details->close();
    screenshot(m_window.get(), QStringLiteral("evaluations.png"));

    // Never polled while the page is hidden; at once when it shows again.
    QStringList typeIds;
    for (const EvaluationType &type : list->types()) {
        typeIds << QString::fromStdString(type.id());
    }
    const auto hidden = await<Evaluation>([&](auto cb) {
        m_client->createEvaluation(kGateway, QStringLiteral("While hidden"),
                                   {QString::fromStdString(serverDataset(QStringLiteral("OpenAI only"))->id())},
                                   typeIds, nullptr, cb);
    });
    QVERIFY2(hidden, qPrintable(why(hidden.error)));
    list->reload();
    QTRY_VERIFY(!list->isBusy() && list->pendingCount() == 1);
    QVERIFY(list->isPolling());
    m_window->showLogs(kGateway);
    QVERIFY(!list->isVisible());
    QVERIFY(!list->isPolling());
    const int reads = m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/evaluations/"));
    QTest::qWait(600);
    QCOMPARE(m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/evaluations/")), reads);
    m_window->routeTabs()->setCurrentWidget(page);
    QTRY_VERIFY_WITH_TIMEOUT(list->pendingCount() == 0, 15000);
    QVERIFY(m_server->requestCount(QStringLiteral("GET"), QStringLiteral("/evaluations/")) > reads);

    // Deleting it, confirmed.
    m_window->routeTabs()->setCurrentWidget(page);
    list->select(id);
    answerNextMessageBox(QStringLiteral("Delete"));
    list->findChild<QPushButton *>(QStringLiteral("evaluationDelete"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!list->isBusy() && !rowNamed(list->table(), QStringLiteral("OpenAI week")), 10000);
    QCOMPARE(page->bannerText(), QStringLiteral("Deleted evaluation \u201cOpenAI week\u201d."));
}

void TestEvaluations::errorsAndLostAnswersOnThePage()
{
    if (!serverDataset(QStringLiteral("OpenAI only"))) {
        QVERIFY(createDataset(QStringLiteral("OpenAI only"), {LogFilter{"provider", "eq", {Json("openai")}}}));
    }
    EvaluationsPage *page = openPage();
    QVERIFY(page);
    // A server that fails every read of the datasets: the banner says so, nothing crashes.
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::ServerError;
    fault.count = 20;
    fault.method = QStringLiteral("GET");
    fault.pathContains = QStringLiteral("/datasets");
    m_server->injectFault(fault);
    page->datasets()->findChild<QPushButton *>(QStringLiteral("datasetRefresh"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!page->bannerText().isEmpty(), 15000);
    QVERIFY2(page->bannerText().startsWith(QStringLiteral("Reading the datasets failed.")),
             qPrintable(page->bannerText()));
    QVERIFY(page->banner()->isError());
    screenshot(m_window.get(), QStringLiteral("evaluations-error.png"));
    m_server->clearFaults();

    // A create whose answer is lost: the list is read again and the page says it was created.
    QTRY_VERIFY(!page->evaluations()->isBusy());
    FaultSpec drop;
    drop.kind = FaultSpec::Kind::DropConnection;
    drop.applyFirst = true;
    drop.method = QStringLiteral("POST");
    drop.pathContains = QStringLiteral("/evaluations");
    m_server->injectFault(drop);
    page->datasets()->reload();
    QTRY_VERIFY(!page->datasets()->isBusy());
    QTRY_VERIFY(page->evaluations()->findChild<QPushButton *>(QStringLiteral("evaluationNew"))->isEnabled());
    page->evaluations()->findChild<QPushButton *>(QStringLiteral("evaluationNew"))->click();
    auto *dialog = page->evaluations()->findChild<NewEvaluationDialog *>();
    QVERIFY(dialog);
    dialog->nameEdit()->setText(QStringLiteral("Lost answer"));
    dialog->datasetList()->item(0)->setCheckState(Qt::Checked);
    dialog->createButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->bannerText().contains(QStringLiteral("was lost")), 15000);
    QVERIFY2(page->bannerText().contains(QStringLiteral("it was created")), qPrintable(page->bannerText()));
    QVERIFY(rowNamed(page->evaluations()->table(), QStringLiteral("Lost answer")));

    // A dataset delete whose answer is lost: the list read again says it was deleted.
    QVERIFY(createDataset(QStringLiteral("Doomed"), {LogFilter{"cached", "eq", {Json(true)}}}));
    page->datasets()->reload();
    QTRY_VERIFY(!page->datasets()->isBusy() && rowNamed(page->datasets()->table(), QStringLiteral("Doomed")));
    page->datasets()->table()->setCurrentItem(rowNamed(page->datasets()->table(), QStringLiteral("Doomed")));
    FaultSpec lostDelete;
    lostDelete.kind = FaultSpec::Kind::DropConnection;
    lostDelete.applyFirst = true;
    lostDelete.method = QStringLiteral("DELETE");
    lostDelete.pathContains = QStringLiteral("/datasets/");
    m_server->injectFault(lostDelete);
    answerNextMessageBox(QStringLiteral("Delete"));
    page->datasets()->findChild<QPushButton *>(QStringLiteral("datasetDelete"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->bannerText().contains(QStringLiteral("Doomed")), 15000);
    QTRY_VERIFY(!page->datasets()->isBusy());
    QVERIFY(!serverDataset(QStringLiteral("Doomed")));
    QVERIFY2(!rowNamed(page->datasets()->table(), QStringLiteral("Doomed")), qPrintable(page->bannerText()));
    // The transport retries a DELETE whose connection dropped; the retry finds it gone, and the page says so.
    QVERIFY2(page->bannerText().startsWith(QStringLiteral("Dataset \u201cDoomed\u201d is gone")),
             qPrintable(page->bannerText()));
    QVERIFY(!page->banner()->isError());
}

QTEST_MAIN(TestEvaluations)
#include "tst_evaluations.moc"
