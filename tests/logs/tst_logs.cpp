#include "app/LogTableModel.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "ui/LogDetailPanel.h"
#include "ui/LogsPage.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <set>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-logs-4c1d";
const QString kAccount = QStringLiteral("1b2c3d4e5f60718293a4b5c6d7e8f901");
const QString kLogs = QStringLiteral("/logs");
constexpr int kWaitMs = 15000;

// Waits for the model to finish the page it is loading (or is about to load).
bool waitForPage(LogTableModel &model)
{
    QSignalSpy loaded(&model, &LogTableModel::pageLoaded);
    QSignalSpy failed(&model, &LogTableModel::errorOccurred);
    const bool settled = QTest::qWaitFor(
        [&] { return !loaded.isEmpty() || !failed.isEmpty() || (!model.isLoading() && model.rowCount() > 0); },
        kWaitMs);
    return settled && failed.isEmpty();
}

bool loadAll(LogTableModel &model)
{
    if (model.isLoading() && !waitForPage(model)) {
        return false;
    }
    while (model.canFetchMore({})) {
        model.fetchMore({});
        if (!waitForPage(model)) {
            return false;
        }
    }
    return !model.lastError();
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2B, 0x2B, 0x2E));
    p.setColor(QPalette::WindowText, QColor(0xE6, 0xE6, 0xE6));
    p.setColor(QPalette::Base, QColor(0x1E, 0x1E, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
    p.setColor(QPalette::Text, QColor(0xE6, 0xE6, 0xE6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x38));
    p.setColor(QPalette::ButtonText, QColor(0xE6, 0xE6, 0xE6));
    p.setColor(QPalette::Highlight, QColor(0x3D, 0x7A, 0xD6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x8A, 0x8A, 0x8E));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7A, 0x7A, 0x7E));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7A, 0x7A, 0x7E));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7A, 0x7A, 0x7E));
    return p;
}

QString cell(const LogTableModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestLogs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::vector<LogEntry> m_all; // every log, fetched once without the model, to check filters against
    QString m_gateway = SandboxDemoData::gatewayId();

    int logRequests() const { return m_server->requestCount(QStringLiteral("GET"), kLogs); }

    template<class Pred> qint64 countWhere(Pred pred) const { return std::count_if(m_all.begin(), m_all.end(), pred); }

    void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QTest::qWait(200); // item views settle their scroll bars on a timer
            QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<SandboxServer>(
            SandboxServer::Options{m_dir.filePath(QStringLiteral("sandbox.sqlite")), kToken, true});
        QString error;
        QVERIFY2(m_server->start(0, &error), qPrintable(error));

        ApiClient reader;
        ApiClient::Options options;
        options.baseUrl = m_server->baseUrl();
        reader.setOptions(options);
        reader.setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        for (int page = 1;; ++page) {
            LogQuery query;
            query.page = page;
            query.perPage = 50;
            auto result = await<ListPage<LogEntry>>([&](auto cb) { reader.listLogs(m_gateway, query, this, cb); });
            QVERIFY2(result, qPrintable(why(result.error)));
            m_all.insert(m_all.end(), result.value->items.begin(), result.value->items.end());
            if (!result.value->info.hasMore(result.value->items.size())) {
                break;
            }
        }
        QCOMPARE(int(m_all.size()), SandboxDemoData::kLogCount);
    }

    void init()
    {
        m_server->clearFaults();
        m_client = std::make_unique<ApiClient>();
        ApiClient::Options options;
        options.baseUrl = m_server->baseUrl();
        options.timeoutMs = 5000;
        options.maxRetries = 0; // a fault shows at once instead of being retried away
        m_client->setOptions(options);
        m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    }

    void cleanup() { m_client.reset(); }

    void fetchesFirstPageOnly()
    {
        LogTableModel model;
        QSignalSpy totals(&model, &LogTableModel::totalCountChanged);
        const int before = logRequests();
        model.setGateway(m_client.get(), m_gateway);
        QVERIFY(model.isLoading());
        QVERIFY(waitForPage(model));
        QCOMPARE(model.rowCount(), LogTableModel::kPageSize);
        QCOMPARE(model.totalCount().value_or(-1), qint64(SandboxDemoData::kLogCount));
        QVERIFY(!totals.isEmpty());
        QTest::qWait(150);
        QCOMPARE(logRequests() - before, 1);
        QCOMPARE(model.columnCount(), int(LogTableModel::ColumnCount));
        // Newest first by default, and every row knows its log.
        QVERIFY(!model.logId(0).isEmpty());
        QVERIFY(model.data(model.index(0, LogTableModel::TimeColumn), LogTableModel::SortValueRole).toDateTime() >=
                model.data(model.index(49, LogTableModel::TimeColumn), LogTableModel::SortValueRole).toDateTime());
    }

    void fetchMoreLoadsNextPage()
    {
        LogTableModel model;
        model.setGateway(m_client.get(), m_gateway);
        QVERIFY(waitForPage(model));
        QVERIFY(model.canFetchMore({}));
        const int before = logRequests();
        model.fetchMore({});
        model.fetchMore({}); // while loading: no second request
        QVERIFY(waitForPage(model));
        QCOMPARE(model.rowCount(), 2 * LogTableModel::kPageSize);
        QCOMPARE(logRequests() - before, 1);
        std::set<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row) {
            ids.insert(model.logId(row));
        }
        QCOMPARE(int(ids.size()), model.rowCount());

        QVERIFY(loadAll(model));
        QCOMPARE(model.rowCount(), SandboxDemoData::kLogCount);
        QVERIFY(!model.canFetchMore({}));
    }

    void formatsCells()
    {
        LogTableModel model;
        model.setGateway(m_client.get(), m_gateway);
        QVERIFY(waitForPage(model));
        const QRegularExpression cost(QStringLiteral("^\\$\\d+\\.\\d{6}$"));
        for (int row = 0; row < model.rowCount(); ++row) {
            QVERIFY2(cost.match(cell(model, row, LogTableModel::CostColumn)).hasMatch(),
                     qPrintable(cell(model, row, LogTableModel::CostColumn)));
            QVERIFY(cell(model, row, LogTableModel::DurationColumn).endsWith(QStringLiteral(" ms")));
            QVERIFY(cell(model, row, LogTableModel::MetadataColumn).contains(QStringLiteral("plan=")));
        }
        const auto alignment = model.data(model.index(0, LogTableModel::CostColumn), Qt::TextAlignmentRole);
        QVERIFY(alignment.value<Qt::Alignment>() & Qt::AlignRight);
        QVERIFY(model.headerData(LogTableModel::CostColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("cannot sort")));
    }

    void scrollingTheTableFetchesMore()
    {
        LogsPage page;
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setGateway(m_client.get(), m_gateway);
        QVERIFY(waitForPage(*page.model()));
        QTest::qWait(100);
        QCOMPARE(page.model()->rowCount(), LogTableModel::kPageSize);
        QCOMPARE(page.statusText(), QStringLiteral("Showing 50 of 420"));

        const int before = logRequests();
        QScrollBar *bar = page.tableView()->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        bar->setValue(bar->maximum());
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 2 * LogTableModel::kPageSize, kWaitMs);
        QCOMPARE(logRequests() - before, 1);
        QTRY_COMPARE(page.statusText(), QStringLiteral("Showing 100 of 420"));
    }

    void modelFilterNarrows()
    {
        const std::string name = "claude-3-5-haiku-latest";
        LogTableModel model;
        model.setSource(m_client.get(), m_gateway, {LogFilter{"model", "eq", {Json(name)}}}, {});
        QVERIFY(loadAll(model));
        const qint64 expected = countWhere([&](const LogEntry &e) { return e.model() == name; });
        QVERIFY(expected > 0 && expected < SandboxDemoData::kLogCount);
        QCOMPARE(qint64(model.rowCount()), expected);
        QCOMPARE(model.totalCount().value_or(-1), expected);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(cell(model, row, LogTableModel::ModelColumn), QString::fromStdString(name));
        }
    }

    void filterBarNarrows()
    {
        LogsPage page;
        page.setGateway(m_client.get(), m_gateway);
        QVERIFY(waitForPage(*page.model()));

        // Provider and result together. The demo's logs come from the data plane, one per request: a request no
        // model served is logged with provider "unknown" and success false, while OpenAI's logs all succeeded (a
        // failed attempt that fell back is logged under the model that answered).
        page.findChild<QComboBox *>(QStringLiteral("logsProvider"))->setCurrentText(QStringLiteral("unknown"));
        page.findChild<QComboBox *>(QStringLiteral("logsSuccess"))->setCurrentIndex(2);
        page.applyFilters();
        QVERIFY(loadAll(*page.model()));
        const qint64 unserved = countWhere([](const LogEntry &e) { return e.provider() == "unknown" && !e.success(); });
        QVERIFY(unserved > 0);
        QCOMPARE(qint64(page.model()->rowCount()), unserved);
        for (int row = 0; row < page.model()->rowCount(); ++row) {
            QCOMPARE(cell(*page.model(), row, LogTableModel::ProviderColumn), QStringLiteral("unknown"));
            QVERIFY(!page.model()->data(page.model()->index(row, 0), LogTableModel::SuccessRole).toBool());
        }
        page.findChild<QComboBox *>(QStringLiteral("logsProvider"))->setCurrentText(QStringLiteral("openai"));
        page.applyFilters();
        QVERIFY(loadAll(*page.model()));
        QCOMPARE(qint64(page.model()->rowCount()),
                 countWhere([](const LogEntry &e) { return e.provider() == "openai" && !e.success(); }));

        // Metadata key and value, cached, free text: through the fields, applied after the typing pause.
        page.resetFilters();
        page.findChild<QLineEdit *>(QStringLiteral("logsMetadataKey"))->setText(QStringLiteral("plan"));
        page.findChild<QLineEdit *>(QStringLiteral("logsMetadataValue"))->setText(QStringLiteral("enterprise"));
        page.findChild<QComboBox *>(QStringLiteral("logsCached"))->setCurrentIndex(2);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->filters().size(), std::size_t(3), 2000);
        QVERIFY(loadAll(*page.model()));
        const qint64 enterprise = countWhere(
            [](const LogEntry &e) { return e.metadataObject().value("plan", "") == "enterprise" && !e.cached(); });
        QCOMPARE(qint64(page.model()->rowCount()), enterprise);

        page.resetFilters();
        auto *search = page.findChild<QLineEdit *>(QStringLiteral("logsSearch"));
        search->setText(QStringLiteral("gemini"));
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(page.model()->search(), QStringLiteral("gemini"));
        QVERIFY(loadAll(*page.model()));
        QCOMPARE(qint64(page.model()->rowCount()),
                 countWhere([](const LogEntry &e) { return e.model().find("gemini") != std::string::npos; }));

        // The last day, by preset: nothing older comes back.
        page.resetFilters();
        const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-24 * 3600 - 60);
        page.showRecent(24 * 3600);
        QVERIFY(loadAll(*page.model()));
        const qint64 lastDay = countWhere([&](const LogEntry &e) {
            return QDateTime::fromString(QString::fromStdString(e.createdAt()), Qt::ISODateWithMs) >
                   QDateTime::currentDateTimeUtc().addSecs(-24 * 3600);
        });
        QVERIFY(lastDay > 0 && lastDay < SandboxDemoData::kLogCount);
        QVERIFY(std::abs(page.model()->rowCount() - lastDay) <= 1); // a log may cross the bound between the two
        for (int row = 0; row < page.model()->rowCount(); ++row) {
            QVERIFY(page.model()
                        ->data(page.model()->index(row, LogTableModel::TimeColumn), LogTableModel::SortValueRole)
                        .toDateTime() > since);
        }
    }

    void emptyResultSaysSo()
    {
        LogsPage page;
        page.resize(900, 600);
        page.show();
        page.setGateway(m_client.get(), m_gateway);
        page.findChild<QLineEdit *>(QStringLiteral("logsModel"))->setText(QStringLiteral("no-such-model"));
        page.applyFilters();
        QVERIFY(waitForPage(*page.model()));
        QCOMPARE(page.model()->rowCount(), 0);
        auto *empty = page.findChild<QLabel *>(QStringLiteral("logsEmpty"));
        QTRY_VERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QStringLiteral("No logs match")));
        QCOMPARE(page.statusText(), QStringLiteral("No logs"));
    }

    void sortingChangesOrder()
    {
        LogTableModel model;
        model.setGateway(m_client.get(), m_gateway);
        QVERIFY(waitForPage(model));
        const QString newestFirst = model.logId(0);

        model.sort(LogTableModel::ProviderColumn, Qt::AscendingOrder);
        QVERIFY(waitForPage(model));
        QCOMPARE(model.rowCount(), LogTableModel::kPageSize);
        QStringList providers;
        for (int row = 0; row < model.rowCount(); ++row) {
            providers << cell(model, row, LogTableModel::ProviderColumn);
        }
        QVERIFY(std::is_sorted(providers.begin(), providers.end()));
        QCOMPARE(providers.first(), QStringLiteral("anthropic"));

        model.sort(LogTableModel::TimeColumn, Qt::AscendingOrder);
        QVERIFY(waitForPage(model));
        const auto oldest = std::min_element(m_all.begin(), m_all.end(), [](const LogEntry &a, const LogEntry &b) {
            return a.createdAt() < b.createdAt();
        });
        QCOMPARE(model.logId(0), QString::fromStdString(oldest->id()));
        QVERIFY(model.logId(0) != newestFirst);

        // Columns the API cannot order by are left alone: no request, no reset.
        const int before = logRequests();
        QSignalSpy resets(&model, &LogTableModel::modelReset);
        model.sort(LogTableModel::CostColumn, Qt::DescendingOrder);
        QCOMPARE(model.sortColumn(), int(LogTableModel::TimeColumn));
        QCOMPARE(resets.count(), 0);
        QTest::qWait(50);
        QCOMPARE(logRequests(), before);
    }

    void headerKeepsTheRealOrder()
    {
        LogsPage page;
        page.resize(1280, 800);
        page.show();
        page.setGateway(m_client.get(), m_gateway);
        QVERIFY(waitForPage(*page.model()));
        QHeaderView *header = page.tableView()->horizontalHeader();
        header->setSortIndicator(LogTableModel::CostColumn, Qt::AscendingOrder);
        QCOMPARE(header->sortIndicatorSection(), int(LogTableModel::TimeColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QVERIFY(!page.model()->isLoading());

        header->setSortIndicator(LogTableModel::ModelColumn, Qt::AscendingOrder);
        QCOMPARE(page.model()->sortColumn(), int(LogTableModel::ModelColumn));
        QVERIFY(waitForPage(*page.model()));
        QVERIFY(cell(*page.model(), 0, LogTableModel::ModelColumn) <=
                cell(*page.model(), 49, LogTableModel::ModelColumn));
    }

    void staleResponseIgnored()
    {
        LogTableModel model;
        QSignalSpy errors(&model, &LogTableModel::errorOccurred);
        // The first query is slow; the second overtakes it.
        FaultSpec slow;
        slow.kind = FaultSpec::Kind::Slow;
        slow.delayMs = 600;
        slow.pathContains = kLogs;
        m_server->injectFault(slow);
        model.setSource(m_client.get(), m_gateway, {LogFilter{"provider", "eq", {Json("openai")}}}, {});
        QTest::qWait(50);
        model.setQuery({LogFilter{"provider", "eq", {Json("anthropic")}}}, {});
        QVERIFY(waitForPage(model));
        QTest::qWait(900); // past the slow answer
        QVERIFY(model.rowCount() > 0);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(cell(model, row, LogTableModel::ProviderColumn), QStringLiteral("anthropic"));
        }
        QCOMPARE(model.totalCount().value_or(-1),
                 countWhere([](const LogEntry &e) { return e.provider() == "anthropic"; }));
        QCOMPARE(errors.count(), 0); // the cancelled call is not an error anyone should see
    }

    void cancelStopsLoading()
    {
        LogsPage page;
        page.resize(1280, 800);
        page.show();
        FaultSpec slow;
        slow.kind = FaultSpec::Kind::Slow;
        slow.delayMs = 3000;
        slow.pathContains = kLogs;
        m_server->injectFault(slow);
        page.setGateway(m_client.get(), m_gateway);
        QVERIFY(page.model()->isLoading());
        auto *cancel = page.findChild<QPushButton *>(QStringLiteral("logsCancel"));
        QTRY_VERIFY(cancel->isVisible());
        QVERIFY(page.statusText().contains(QStringLiteral("oading")));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!page.model()->isLoading());
        QVERIFY(!cancel->isVisible());
        QVERIFY(page.errorText().isEmpty());
        QTest::qWait(100);
        QVERIFY(!page.model()->isLoading()); // the empty view does not fetch by itself after a cancel

        auto *loadMore = page.findChild<QPushButton *>(QStringLiteral("logsLoadMore"));
        QVERIFY(loadMore->isVisible());
        QTest::mouseClick(loadMore, Qt::LeftButton);
        QVERIFY(waitForPage(*page.model()));
        QCOMPARE(page.model()->rowCount(), LogTableModel::kPageSize);
    }

    void faultShowsBannerAndRetryRecovers()
    {
        LogsPage page;
        page.resize(1280, 800);
        page.show();
        FaultSpec fault;
        fault.kind = FaultSpec::Kind::ServerError;
        fault.method = QStringLiteral("GET");
        fault.pathContains = kLogs;
        m_server->injectFault(fault);
        QSignalSpy errors(page.model(), &LogTableModel::errorOccurred);
        page.setGateway(m_client.get(), m_gateway);
        QVERIFY(errors.wait(kWaitMs));
        const auto error = errors.first().at(1).value<ApiError>();
        QCOMPARE(errors.first().at(0).toString(), QStringLiteral("Loading logs"));
        QVERIFY(!page.errorText().isEmpty());
        QVERIFY2(page.errorText().contains(QStringLiteral("Loading logs failed")), qPrintable(page.errorText()));
        QVERIFY2(page.errorText().contains(error.summary.toHtmlEscaped()), qPrintable(page.errorText()));
        QVERIFY(page.findChild<QWidget *>(QStringLiteral("logsErrorBanner"))->isVisible());
        saveScreenshot(&page, QStringLiteral("logs-error.png"));

        // Scrolling does not hammer a failing server; Retry asks again.
        const int before = logRequests();
        QVERIFY(!page.model()->canFetchMore({}));
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("logsRetry")), Qt::LeftButton);
        QVERIFY(waitForPage(*page.model()));
        QCOMPARE(page.model()->rowCount(), LogTableModel::kPageSize);
        QVERIFY(page.errorText().isEmpty());
        QCOMPARE(logRequests() - before, 1);

        // A later page failing says which page.
        m_server->injectFault(fault);
        page.model()->fetchMore({});
        QVERIFY(errors.wait(kWaitMs));
        QCOMPARE(errors.last().at(0).toString(), QStringLiteral("Loading logs, page 2"));
        QCOMPARE(page.model()->rowCount(), LogTableModel::kPageSize);
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("logsRetry")), Qt::LeftButton);
        QVERIFY(waitForPage(*page.model()));
        QCOMPARE(page.model()->rowCount(), 2 * LogTableModel::kPageSize);
    }

    void showModelLogsSetsTheFilters()
    {
        LogsPage page;
        page.setGateway(m_client.get(), m_gateway);
        page.findChild<QComboBox *>(QStringLiteral("logsSuccess"))->setCurrentIndex(1);
        page.applyFilters();
        page.showModelLogs(QStringLiteral("workers-ai"), QStringLiteral("@cf/meta/llama-3.1-8b-instruct"));
        const std::vector<LogFilter> expected{LogFilter{"provider", "eq", {Json("workers-ai")}},
                                              LogFilter{"model", "eq", {Json("@cf/meta/llama-3.1-8b-instruct")}}};
        QVERIFY(page.model()->filters() == expected);
        QVERIFY(loadAll(*page.model()));
        QCOMPARE(qint64(page.model()->rowCount()),
                 countWhere([](const LogEntry &e) { return e.model() == "@cf/meta/llama-3.1-8b-instruct"; }));
    }

    void detailShowsPrettyBodiesAndSavesFeedback()
    {
        LogsPage page;
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setGateway(m_client.get(), m_gateway);
        QVERIFY(waitForPage(*page.model()));

        LogDetailPanel *detail = page.detailPanel();
        QSignalSpy loaded(detail, &LogDetailPanel::loaded);
        page.tableView()->selectRow(2);
        const QString id = page.model()->logId(2);
        QCOMPARE(detail->logId(), id);
        QVERIFY(detail->isLoading());
        QVERIFY(loaded.wait(kWaitMs));
        QVERIFY(!detail->isLoading());
        // Indented JSON, not the one line the API stores.
        QVERIFY2(detail->requestText().startsWith(QStringLiteral("{\n  \"")), qPrintable(detail->requestText()));
        QVERIFY(detail->requestText().contains(QStringLiteral("\n  \"messages\": [")));
        QVERIFY(detail->responseText().startsWith(QStringLiteral("{\n  \"")));
        QVERIFY(detail->findChild<QLabel *>(QStringLiteral("summaryModel"))
                    ->text()
                    .contains(cell(*page.model(), 2, LogTableModel::ModelColumn)));

        // Feedback: thumbs up and a score, saved, and there when read back.
        auto *save = detail->findChild<QPushButton *>(QStringLiteral("feedbackSave"));
        QVERIFY(!save->isEnabled());
        QTest::mouseClick(detail->findChild<QRadioButton *>(QStringLiteral("feedbackGood")), Qt::LeftButton);
        detail->findChild<QSpinBox *>(QStringLiteral("feedbackScore"))->setValue(87);
        QVERIFY(save->isEnabled());
        QSignalSpy saved(detail, &LogDetailPanel::feedbackSaved);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(saved.wait(kWaitMs));
        QCOMPARE(detail->findChild<QLabel *>(QStringLiteral("feedbackState"))->text(),
                 QStringLiteral("Feedback saved."));
        QVERIFY(!save->isEnabled());
        auto reread = await<LogEntry>([&](auto cb) { m_client->getLog(m_gateway, id, this, cb); });
        QVERIFY2(reread, qPrintable(why(reread.error)));
        QCOMPARE(reread.value->json().value("feedback", 0), 1);
        QCOMPARE(reread.value->json().value("score", 0), 87);

        saveScreenshot(&page, QStringLiteral("logs.png"));
        if (!qEnvironmentVariableIsEmpty("RD_SCREENSHOT_DIR")) {
            page.setPalette(darkPalette());
            saveScreenshot(&page, QStringLiteral("logs-dark.png"));
            page.setPalette(QPalette());
        }

        // Reselecting shows what the server holds.
        page.tableView()->selectRow(3);
        QVERIFY(loaded.wait(kWaitMs));
        page.tableView()->selectRow(2);
        QVERIFY(loaded.wait(kWaitMs));
        QVERIFY(detail->findChild<QRadioButton *>(QStringLiteral("feedbackGood"))->isChecked());
        QCOMPARE(detail->findChild<QSpinBox *>(QStringLiteral("feedbackScore"))->value(), 87);
    }

    void detailFailureSaysWhere()
    {
        LogDetailPanel detail;
        detail.setGateway(m_client.get(), m_gateway);
        FaultSpec fault;
        fault.kind = FaultSpec::Kind::ServerError;
        fault.pathContains = QStringLiteral("/response");
        m_server->injectFault(fault);
        QSignalSpy errors(&detail, &LogDetailPanel::errorOccurred);
        QSignalSpy loaded(&detail, &LogDetailPanel::loaded);
        detail.showLog(QString::fromStdString(m_all.front().id()));
        QVERIFY(loaded.wait(kWaitMs));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.first().at(0).toString(), QStringLiteral("Loading the response body"));
        QVERIFY(detail.requestText().startsWith(QLatin1Char('{')));
        QVERIFY(detail.findChild<QLabel *>(QStringLiteral("logDetailErrorText"))
                    ->text()
                    .contains(QStringLiteral("Loading the response body failed")));
        QTest::mouseClick(detail.findChild<QPushButton *>(QStringLiteral("logDetailRetry")), Qt::LeftButton);
        QVERIFY(loaded.wait(kWaitMs));
        QCOMPARE(errors.count(), 1);
        QVERIFY(detail.responseText().startsWith(QLatin1Char('{')));
    }

    void prettyBodyHandlesText()
    {
        QCOMPARE(LogDetailPanel::prettyBody(Json::parse(R"({"a":[1,2]})")),
                 QStringLiteral("{\n  \"a\": [\n    1,\n    2\n  ]\n}"));
        QCOMPARE(LogDetailPanel::prettyBody(Json(R"({"a":1})")), QStringLiteral("{\n  \"a\": 1\n}"));
        QCOMPARE(LogDetailPanel::prettyBody(Json("data: {\"x\":1}\n\ndata: [DONE]")),
                 QStringLiteral("data: {\"x\":1}\n\ndata: [DONE]"));
        QCOMPARE(LogDetailPanel::prettyBody(Json()), QString());
    }
};

QTEST_MAIN(TestLogs)
#include "tst_logs.moc"
