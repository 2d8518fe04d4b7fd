// Log export against an in-process sandbox over loopback: the CSV (parsed back with an RFC 4180 reader) and the
// JSON Lines hold exactly the logs the API gives for the same filters; a cancel or a server error leaves no file,
// nor a temporary one, and the dialog says so. RD_SCREENSHOT_DIR=<dir> saves the dialog.
#include "app/LogExporter.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxDemoData.h"
#include "app/sandbox/SandboxServer.h"
#include "model/JsonText.h"
#include "model/UtcTime.h"
#include "support/ApiAwait.h"
#include "ui/LogExportDialog.h"
#include "ui/LogsPage.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-export-51cd";
const QString kAccount = QStringLiteral("2c3d4e5f60718293a4b5c6d7e8f90a1b");
constexpr int kWaitMs = 20000;

// RFC 4180: fields split on commas, records on CRLF; a quoted field may hold commas, CR, LF and "" for a quote.
std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, fieldStarted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && !fieldStarted) {
            quoted = fieldStarted = true;
        } else if (c == ',') {
            record.push_back(std::exchange(field, {}));
            fieldStarted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(std::exchange(field, {}));
            records.push_back(std::exchange(record, {}));
            fieldStarted = false;
            ++i;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (!field.empty() || !record.empty()) {
        record.push_back(field);
        records.push_back(record);
    }
    return records;
}

std::string numberText(const std::optional<Number> &n)
{
    return n ? n->toString() : std::string();
}

// What the CSV cell of a text column holds for `value`: the formula guard's quote when it starts like a formula.
std::string guarded(const std::string &value)
{
    return !value.empty() && std::string("=+-@\t\r").find(value[0]) != std::string::npos ? "'" + value : value;
}

} // namespace

class TestLogExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    QString m_gateway = SandboxDemoData::gatewayId();

    std::vector<LogEntry> readAll(const std::vector<LogFilter> &filters)
    {
        std::vector<LogEntry> all;
        for (int page = 1;; ++page) {
            LogQuery query;
            query.page = page;
            query.perPage = 50;
            query.orderBy = "created_at";
            query.orderByDirection = "desc";
            query.filters = filters;
            auto result = await<ListPage<LogEntry>>([&](auto cb) { m_client->listLogs(m_gateway, query, this, cb); });
            if (!result) {
                qWarning() << why(result.error);
                return {};
            }
            all.insert(all.end(), result.value->items.begin(), result.value->items.end());
            if (!result.value->info.hasMore(result.value->items.size())) {
                break;
            }
        }
        return all;
    }

    // Runs an export to the end; true when it finished within the wait.
    bool run(LogExporter &exporter, const QString &path, LogExporter::Format format, bool *ok = nullptr,
             bool *cancelled = nullptr)
    {
        int finished = 0;
        bool wasOk = false, wasCancelled = false;
        auto connection = connect(&exporter, &LogExporter::finished, this, [&](bool o, bool c) {
            ++finished;
            wasOk = o;
            wasCancelled = c;
        });
        exporter.start(path, format);
        QElapsedTimer clock;
        clock.start();
        while (finished == 0 && clock.elapsed() < kWaitMs) {
            QTest::qWait(10);
        }
        disconnect(connection);
        if (ok) {
            *ok = wasOk;
        }
        if (cancelled) {
            *cancelled = wasCancelled;
        }
        return finished == 1;
    }

    QStringList filesIn(const QString &dir) const
    {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    }

    void saveScreenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QTest::qWait(100);
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
        m_client = std::make_unique<ApiClient>();
        ApiClient::Options options;
        options.baseUrl = m_server->baseUrl();
        options.maxRetries = 0;
        m_client->setOptions(options);
        m_client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    }

    void cleanup() { m_server->clearFaults(); }

    void formatFromExtension()
    {
        QCOMPARE(LogExporter::formatForPath(QStringLiteral("a.csv")), LogExporter::Format::Csv);
        QCOMPARE(LogExporter::formatForPath(QStringLiteral("a.JSONL")), LogExporter::Format::JsonLines);
        QCOMPARE(LogExporter::formatForPath(QStringLiteral("a.ndjson")), LogExporter::Format::JsonLines);
        QCOMPARE(LogExporter::formatForPath(QStringLiteral("a.txt"), LogExporter::Format::JsonLines),
                 LogExporter::Format::JsonLines);
    }

    void csvHoldsTheFilteredLogs_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::newRow("every log") << QString();
        QTest::newRow("provider openai") << QStringLiteral("openai");
    }

    void csvHoldsTheFilteredLogs()
    {
        QFETCH(QString, provider);
        std::vector<LogFilter> filters;
        if (!provider.isEmpty()) {
            filters.push_back(LogFilter{"provider", "eq", {Json(provider.toStdString())}});
        }
        const std::vector<LogEntry> expected = readAll(filters);
        QVERIFY(!expected.empty());
        if (provider.isEmpty()) {
            QCOMPARE(int(expected.size()), SandboxDemoData::kLogCount);
        } else {
            QVERIFY(int(expected.size()) < SandboxDemoData::kLogCount);
        }

        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("logs.csv"));
        LogExporter exporter(m_client.get(), m_gateway, filters, QString());
        bool ok = false;
        QVERIFY(run(exporter, path, LogExporter::Format::Csv, &ok));
        QVERIFY2(ok, qPrintable(exporter.errorText()));
        QCOMPARE(exporter.rowsWritten(), qint64(expected.size()));
        QCOMPARE(filesIn(out.path()), QStringList{QStringLiteral("logs.csv")}); // no temporary file left

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const auto records = parseCsv(bytes.mid(3).toStdString());
        QCOMPARE(records.size(), expected.size() + 1);
        const std::vector<std::string> header{"id",         "created_at", "provider",    "model",        "model_type",
                                              "success",    "cached",     "status_code", "duration_ms",  "tokens_in",
                                              "tokens_out", "cost",       "metadata",    "request_type", "path"};
        QVERIFY(records[0] == header);
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const std::vector<std::string> &r = records[i + 1];
            const LogEntry &e = expected[i];
            QCOMPARE(r.size(), header.size());
            QCOMPARE(r[0], e.id());
            QCOMPARE(r[1], UtcTime::formatSeconds(*UtcTime::parseMs(e.createdAt())));
            QVERIFY(r[1].size() == 20 && r[1].back() == 'Z');
            QCOMPARE(r[2], guarded(e.provider()));
            QCOMPARE(r[3], guarded(e.model()));
            QCOMPARE(r[4], guarded(e.modelType()));
            QCOMPARE(r[5], std::string(e.success() ? "true" : "false"));
            QCOMPARE(r[6], std::string(e.cached() ? "true" : "false"));
            QCOMPARE(r[7], numberText(e.statusCode()));
            QCOMPARE(r[8], numberText(e.durationMs()));
            QCOMPARE(r[9], numberText(e.tokensIn()));
            QCOMPARE(r[10], numberText(e.tokensOut()));
            QCOMPARE(r[11], numberText(e.cost()));
            QCOMPARE(r[12], guarded(e.metadata()));
            QCOMPARE(r[13], guarded(e.requestType()));
            QCOMPARE(r[14], guarded(e.path()));
            if (!provider.isEmpty()) {
                QCOMPARE(r[2], provider.toStdString());
            }
        }
    }

    void jsonLinesHoldTheLogsAsSent()
    {
        const std::vector<LogEntry> expected = readAll({});
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("logs.jsonl"));
        LogExporter exporter(m_client.get(), m_gateway, {}, QString());
        bool ok = false;
        QVERIFY(run(exporter, path, LogExporter::Format::JsonLines, &ok));
        QVERIFY2(ok, qPrintable(exporter.errorText()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), qsizetype(expected.size() + 1)); // the last line ends with \n too
        QVERIFY(lines.last().isEmpty());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto parsed = JsonText::parse(lines[qsizetype(i)].toStdString());
            QVERIFY(parsed);
            QVERIFY(*parsed.value == expected[i].json());
            QCOMPARE((*parsed.value)["id"].get<std::string>(), expected[i].id());
        }
    }

    void cancelLeavesNoFile()
    {
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("logs.csv"));
        // Slow pages, so that the export is still reading when it is cancelled after its first page.
        FaultSpec slow;
        slow.kind = FaultSpec::Kind::Slow;
        slow.delayMs = 150;
        slow.count = 100;
        slow.pathContains = QStringLiteral("/logs");
        m_server->injectFault(slow);
        LogExporter exporter(m_client.get(), m_gateway, {}, QString());
        connect(&exporter, &LogExporter::progress, &exporter, [&](qint64 rows, qint64) {
            if (rows > 0) {
                exporter.cancel();
            }
        });
        bool ok = true, cancelled = false;
        QVERIFY(run(exporter, path, LogExporter::Format::Csv, &ok, &cancelled));
        QVERIFY(!ok);
        QVERIFY(cancelled);
        QVERIFY(exporter.errorText().isEmpty());
        QCOMPARE(exporter.rowsWritten(), qint64(50));
        QVERIFY(filesIn(out.path()).isEmpty());
    }

    void serverErrorLeavesNoFileAndSaysSo()
    {
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("logs.jsonl"));
        LogExporter exporter(m_client.get(), m_gateway, {}, QString());
        // The second page fails: one page is already in the temporary file.
        connect(&exporter, &LogExporter::progress, &exporter, [&](qint64 rows, qint64) {
            if (rows == 50) {
                FaultSpec fault;
                fault.kind = FaultSpec::Kind::ServerError;
                fault.pathContains = QStringLiteral("/logs");
                m_server->injectFault(fault);
            }
        });
        bool ok = true, cancelled = true;
        QVERIFY(run(exporter, path, LogExporter::Format::JsonLines, &ok, &cancelled));
        QVERIFY(!ok);
        QVERIFY(!cancelled);
        QVERIFY2(exporter.errorText().startsWith(QStringLiteral("Reading the logs from the server failed")),
                 qPrintable(exporter.errorText()));
        QVERIFY(filesIn(out.path()).isEmpty());
    }

    void anExistingFileIsKeptWhenAnExportFails()
    {
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("logs.csv"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old contents");
        old.close();
        FaultSpec fault;
        fault.kind = FaultSpec::Kind::ServerError;
        fault.pathContains = QStringLiteral("/logs");
        m_server->injectFault(fault);
        LogExporter exporter(m_client.get(), m_gateway, {}, QString());
        bool ok = true;
        QVERIFY(run(exporter, path, LogExporter::Format::Csv, &ok));
        QVERIFY(!ok);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("old contents"));
        QCOMPARE(filesIn(out.path()), QStringList{QStringLiteral("logs.csv")});
    }

    void dialogFromTheLogsPage()
    {
        LogsPage page;
        page.resize(1200, 700);
        page.setGateway(m_client.get(), m_gateway);
        page.show();
        page.findChild<QComboBox *>(QStringLiteral("logsProvider"))->setCurrentText(QStringLiteral("openai"));
        page.applyFilters();
        const std::vector<LogEntry> expected = readAll(page.currentFilters());

        auto *button = page.findChild<QPushButton *>(QStringLiteral("logsExport"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        auto *dialog = page.findChild<LogExportDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->planText().contains(QStringLiteral("API calls")), kWaitMs);
        // The estimate comes from ApiCallBudget (a quarter second a call when unpaced): only the counts are fixed.
        QVERIFY2(dialog->planText().startsWith(
                     QStringLiteral("%1 logs in %2 API calls, ").arg(expected.size()).arg((expected.size() + 49) / 50)),
                 qPrintable(dialog->planText()));

        QTemporaryDir out;
        // Typing a .jsonl name picks JSON Lines; choosing CSV puts the extension right.
        auto *pathEdit = dialog->findChild<QLineEdit *>(QStringLiteral("exportPath"));
        pathEdit->clear();
        QTest::keyClicks(pathEdit, out.filePath(QStringLiteral("openai.jsonl")));
        QCOMPARE(dialog->format(), LogExporter::Format::JsonLines);
        auto *format = dialog->findChild<QComboBox *>(QStringLiteral("exportFormat"));
        format->setCurrentIndex(0);
        emit format->activated(0);
        QCOMPARE(dialog->path(), out.filePath(QStringLiteral("openai.csv")));

        saveScreenshot(dialog, QStringLiteral("log-export-plan.png"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportStart")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->resultText().isEmpty(), kWaitMs);
        QCOMPARE(dialog->resultText(), QStringLiteral("Wrote %1 logs to %2.")
                                           .arg(expected.size())
                                           .arg(QDir::toNativeSeparators(out.filePath(QStringLiteral("openai.csv")))));
        saveScreenshot(dialog, QStringLiteral("log-export-done.png"));
        QFile file(out.filePath(QStringLiteral("openai.csv")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(parseCsv(file.readAll().mid(3).toStdString()).size(), expected.size() + 1);

        // A failing server: the dialog says what failed and that no file was left.
        FaultSpec fault;
        fault.kind = FaultSpec::Kind::ServerError;
        fault.pathContains = QStringLiteral("/logs");
        m_server->injectFault(fault);
        dialog->setPath(out.filePath(QStringLiteral("failed.csv")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportStart")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->resultText().startsWith(QStringLiteral("Export failed")), kWaitMs);
        QVERIFY(dialog->resultText().contains(QStringLiteral("No file was left at")));
        QVERIFY(!QFile::exists(out.filePath(QStringLiteral("failed.csv"))));
        QCOMPARE(filesIn(out.path()), QStringList{QStringLiteral("openai.csv")});
        saveScreenshot(dialog, QStringLiteral("log-export-failed.png"));
        dialog->close();
    }
};

QTEST_MAIN(TestLogExport)
#include "tst_logexport.moc"
