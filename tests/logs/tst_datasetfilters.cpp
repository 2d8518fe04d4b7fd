// The logs view's filters turned into a dataset's (what is kept, what is named and left out, and why), the filter
// editor's check of one row as the API checks it, filters in words, and log filters sorted onto the logs view's
// filter bar (what its fields show, and the rest).
#include "app/DatasetFilters.h"
#include "app/LogFilterFields.h"

#include <QTest>
#include <QTimeZone>

using namespace rd;

namespace {

LogFilter f(const char *key, const char *op, std::vector<Json> values)
{
    return LogFilter{key, op, std::move(values)};
}

} // namespace

class TestDatasetFilters : public QObject
{
    Q_OBJECT

private slots:
    void expressibleFiltersAreKeptTyped()
    {
        const std::vector<LogFilter> in{f("created_at", "gt", {Json("2026-01-02T03:04:00Z")}),
                                        f("provider", "eq", {Json("openai")}),
                                        f("success", "eq", {Json(true)}),
                                        f("cached", "eq", {Json(false)}),
                                        f("cost", "gt", {Json(0.01)}),
                                        f("tokens_in", "lt", {Json(500)}),
                                        f("model", "contains", {Json("gpt")})};
        const auto out = DatasetFilters::fromLogFilters(in);
        QVERIFY(out.refused.empty());
        QVERIFY(out.accepted == in);
    }

    void inexpressibleFiltersAreNamedWithWhy()
    {
        const std::vector<LogFilter> in{
            f("model", "neq", {Json("gpt-4o")}),     f("model", "eq", {Json("a"), Json("b")}),
            f("metadata.key", "eq", {Json("plan")}), f("provider", "eq", {Json("openai")}),
            f("success", "gt", {Json(true)}),        f("cost", "contains", {Json("1")})};
        const auto out = DatasetFilters::fromLogFilters(in, QStringLiteral(" refund "));
        QCOMPARE(out.accepted.size(), std::size_t(1));
        QVERIFY(out.accepted.front() == f("provider", "eq", {Json("openai")}));
        QCOMPARE(out.refused.size(), std::size_t(6));
        QCOMPARE(out.refused[0].what, QStringLiteral("model neq gpt-4o"));
        QVERIFY2(out.refused[0].why.contains(QStringLiteral("neq")), qPrintable(out.refused[0].why));
        QCOMPARE(out.refused[1].what, QStringLiteral("model eq a, b"));
        QVERIFY2(out.refused[1].why.contains(QStringLiteral("one value")), qPrintable(out.refused[1].why));
        QCOMPARE(out.refused[2].what, QStringLiteral("metadata.key eq plan"));
        QVERIFY2(out.refused[2].why.contains(QStringLiteral("metadata.key")), qPrintable(out.refused[2].why));
        QVERIFY2(out.refused[3].why.contains(QStringLiteral("eq")), qPrintable(out.refused[3].why));
        QVERIFY2(out.refused[4].why.contains(QStringLiteral("lt, gt")), qPrintable(out.refused[4].why));
        QCOMPARE(out.refused[5].what, QStringLiteral("search \u201crefund\u201d"));
    }

    void editorRowsAreCheckedLikeTheApi()
    {
        QString error;
        auto cost =
            DatasetFilters::fromText(QStringLiteral("cost"), QStringLiteral("gt"), QStringLiteral("0.01"), error);
        QVERIFY(cost);
        QVERIFY(cost->values == std::vector<Json>{Json(0.01)});
        auto tokens =
            DatasetFilters::fromText(QStringLiteral("tokens"), QStringLiteral("lt"), QStringLiteral("20"), error);
        QVERIFY(tokens && tokens->values.front().is_number_integer());
        auto success =
            DatasetFilters::fromText(QStringLiteral("success"), QStringLiteral("eq"), QStringLiteral("false"), error);
        QVERIFY(success && success->values.front() == Json(false));
        auto time = DatasetFilters::fromText(QStringLiteral("created_at"), QStringLiteral("gt"),
                                             QStringLiteral("2026-01-02T04:04:00+01:00"), error);
        QVERIFY(time);
        QCOMPARE(DatasetFilters::valueText(time->values.front()), QStringLiteral("2026-01-02T03:04:00Z"));

        struct Bad
        {
            const char *key, *op, *value, *says;
        };
        const Bad bad[] = {{"cost", "gt", "cheap", "number"},
                           {"cost", "contains", "1", "not \u201ccontains\u201d"},
                           {"success", "eq", "yes", "true or false"},
                           {"model", "lt", "x", "eq, contains"},
                           {"model_type", "eq", "chat", "not a dataset key"},
                           {"provider", "eq", "  ", "needs a value"},
                           {"created_at", "gt", "yesterday", "not a time"}};
        for (const Bad &b : bad) {
            error.clear();
            QVERIFY2(!DatasetFilters::fromText(QString::fromLatin1(b.key), QString::fromLatin1(b.op),
                                               QString::fromUtf8(b.value), error),
                     b.key);
            QVERIFY2(error.contains(QString::fromUtf8(b.says)), qPrintable(error));
        }
    }

    void inWords()
    {
        QCOMPARE(DatasetFilters::describe(std::vector<LogFilter>{}), QStringLiteral("every log"));
        QCOMPARE(DatasetFilters::describe({f("provider", "eq", {Json("openai")}), f("cost", "gt", {Json(0.01)})}),
                 QStringLiteral("provider eq openai and cost gt 0.01"));
    }

    void splitOntoTheFilterBar()
    {
        const QDateTime from(QDate(2026, 1, 2), QTime(3, 4), QTimeZone::utc());
        const std::vector<LogFilter> in{f("created_at", "gt", {Json("2026-01-02T03:04:00Z")}),
                                        f("created_at", "lt", {Json("2026-01-02T03:04:30Z")}), // seconds: not a field
                                        f("provider", "eq", {Json("openai")}),
                                        f("model", "eq", {Json("a"), Json("b")}),
                                        f("success", "eq", {Json(false)}),
                                        f("cached", "eq", {Json("true")}),
                                        f("metadata.value", "eq", {Json("pro")}),
                                        f("cost", "gt", {Json(0.01)}),
                                        f("provider", "eq", {Json("anthropic")})};
        const LogFilterFields fields = LogFilterFields::split(in);
        QVERIFY(fields.from);
        QCOMPARE(fields.from->toUTC(), from);
        QVERIFY(!fields.to);
        QCOMPARE(fields.provider, QStringLiteral("openai"));
        QVERIFY(fields.model.isEmpty());
        QCOMPARE(fields.success, std::optional<bool>(false));
        QCOMPARE(fields.cached, std::optional<bool>(true));
        QCOMPARE(fields.metadataValue, QStringLiteral("pro"));
        const std::vector<LogFilter> rest{in[1], in[3], in[7], in[8]};
        QVERIFY(fields.rest == rest);
    }
};

QTEST_GUILESS_MAIN(TestDatasetFilters)
#include "tst_datasetfilters.moc"
