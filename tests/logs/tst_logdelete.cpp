// Deleting one log from its details, as a person removes a log with a secret pasted into it: exactly that log
// goes (by the `id` filter), the list drops it, a question comes first, and when the server's answer is lost or
// refused the message says what really happened, read back from the server.
#include "app/LogDeletion.h"
#include "app/LogTableModel.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "support/TestWindow.h"
#include "ui/LogDeleteButton.h"
#include "ui/LogDetailPanel.h"
#include "ui/LogsPage.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-logdelete-5e21";
const QString kAccount = QStringLiteral("1b2c3d4e5f60718293a4b5c6d7e8f901");
constexpr int kWaitMs = 15000;

} // namespace

class TestLogDelete : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    QString m_gateway = SandboxDemoData::gatewayId();

    std::int64_t total()
    {
        LogQuery query;
        query.perPage = 1;
        auto page = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(m_gateway, query, nullptr, cb); });
        return page ? page.value->info.totalCount.value_or(-1) : -1;
    }
    bool exists(const QString &id)
    {
        auto read = await<LogEntry>([&](auto cb) { m_client->getLog(m_gateway, id, nullptr, cb); });
        return read.ok();
    }
    QString newestId()
    {
        LogQuery query;
        query.perPage = 1;
        query.orderBy = "created_at";
        query.orderByDirection = "desc";
        auto page = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(m_gateway, query, nullptr, cb); });
        return page && !page.value->items.empty() ? QString::fromStdString(page.value->items.front().id()) : QString();
    }

private slots:
    void initTestCase()
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
        options.timeoutMs = 5000;
        m_client->setOptions(options);
        m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    }

    void cleanup() { m_server->clearFaults(); }

    void deletesTheSelectedLogOnly()
    {
        LogsPage page;
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setGateway(m_client.get(), m_gateway);
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() > 0 && !page.model()->isLoading(), kWaitMs);
        const std::int64_t before = total();
        QCOMPARE(page.model()->totalCount().value_or(-1), qint64(before));

        LogDetailPanel *detail = page.detailPanel();
        auto *button = detail->findChild<LogDeleteButton *>(QStringLiteral("logDelete"));
        QVERIFY(button);
        QVERIFY(!button->isEnabled()); // nothing selected
        page.tableView()->selectRow(1);
        const QString id = page.model()->logId(1);
        QTRY_VERIFY_WITH_TIMEOUT(!detail->isLoading() && button->isEnabled(), kWaitMs);

        // Cancel at the question: nothing happens.
        button->setAnswerForTesting(LogDeleteButton::Answer::Cancel);
        QTest::mouseClick(button, Qt::LeftButton);
        QTest::qWait(100);
        QCOMPARE(total(), before);
        QVERIFY(exists(id));

        int deleted = 0;
        connect(detail, &LogDetailPanel::logDeleted, this, [&](const QString &which) {
            QCOMPARE(which, id);
            ++deleted;
        });
        button->setAnswerForTesting(LogDeleteButton::Answer::Delete);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(deleted, 1, kWaitMs);
        QVERIFY(!exists(id));
        QCOMPARE(total(), before - 1);
        QCOMPARE(detail->findChild<QLabel *>(QStringLiteral("feedbackState"))->text(), QStringLiteral("Log deleted."));
        // The list was read again without it.
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->totalCount().value_or(-1) == qint64(before - 1), kWaitMs);
        for (int row = 0; row < page.model()->rowCount(); ++row) {
            QVERIFY(page.model()->logId(row) != id);
        }
    }

    // The logs tab with a log open fits the window the app first opens on a 1440×900 screen (nine tenths of it,
    // 1296 wide) beside the Gateways panel: the buttons the tab gained (Save as Dataset, Export, Delete Log) must
    // not widen its filter rows or the details' header past it.
    void theLogsTabFitsTheWindow()
    {
        TestWindow window;
        window.resize(1440, 900);
        window.useConnection(m_client.get(), QStringLiteral("Sandbox"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LogsPage *page = window.showLogs(m_gateway);
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > 0 && !page->model()->isLoading(), kWaitMs);
        page->tableView()->selectRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(!page->detailPanel()->isLoading(), kWaitMs);
        QTest::qWait(50);
        QVERIFY2(window.minimumSizeHint().width() <= 1296,
                 qPrintable(QString::number(window.minimumSizeHint().width())));
        QCOMPARE(window.size(), QSize(1440, 900));
    }

    void aLostAnswerIsCheckedOnTheServer()
    {
        const QString id = newestId();
        QVERIFY(!id.isEmpty());
        const std::int64_t before = total();
        FaultSpec drop;
        drop.kind = FaultSpec::Kind::DropConnection;
        drop.method = QStringLiteral("DELETE");
        drop.pathContains = QStringLiteral("/logs");
        drop.applyFirst = true;
        m_server->injectFault(drop);
        LogDeletion deletion(m_client.get(), m_gateway);
        std::optional<LogDeletion::Result> result;
        deletion.deleteLog(id, [&](const LogDeletion::Result &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kWaitMs);
        // The transport retries a DELETE whose connection dropped (it is idempotent); either way the log was read
        // back and is gone.
        QCOMPARE(int(result->outcome), int(LogDeletion::Outcome::Deleted));
        QVERIFY2(result->message == QStringLiteral("Log deleted.") || result->message.contains(QStringLiteral("lost")),
                 qPrintable(result->message));
        QCOMPARE(total(), before - 1);
    }

    void aRefusalLeavesTheLog()
    {
        const QString id = newestId();
        const std::int64_t before = total();
        FaultSpec refuse;
        refuse.kind = FaultSpec::Kind::ServerError;
        refuse.method = QStringLiteral("DELETE");
        refuse.pathContains = QStringLiteral("/logs");
        m_server->injectFault(refuse);
        LogDeletion deletion(m_client.get(), m_gateway);
        std::optional<LogDeletion::Result> result;
        deletion.deleteLog(id, [&](const LogDeletion::Result &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kWaitMs);
        QCOMPARE(int(result->outcome), int(LogDeletion::Outcome::NotDeleted));
        QVERIFY2(result->message.startsWith(QStringLiteral("The log was not deleted")), qPrintable(result->message));
        QVERIFY(exists(id));
        QCOMPARE(total(), before);
    }
};

QTEST_MAIN(TestLogDelete)
#include "tst_logdelete.moc"
