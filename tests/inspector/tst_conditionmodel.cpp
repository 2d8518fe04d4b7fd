#include "widgets/inspector/ConditionModel.h"

#include <QTest>

using rd::ConditionModel;
using rd::Json;

class TestConditionModel : public QObject
{
    Q_OBJECT

private slots:
    void singleRowPerOperator_data();
    void singleRowPerOperator();
    void andOrRoundTrip();
    void readsImplicitAndAndShorthand();
    void emptyConditions();
    void refusesWhatItCannotShow_data();
    void refusesWhatItCannotShow();
    void valueText_data();
    void valueText();
};

void TestConditionModel::singleRowPerOperator_data()
{
    QTest::addColumn<QString>("json");
    QTest::newRow("$eq string") << R"({"metadata.plan":{"$eq":"free"}})";
    QTest::newRow("$eq number") << R"({"metadata.tier":{"$eq":3}})";
    QTest::newRow("$eq bool") << R"({"metadata.beta":{"$eq":true}})";
    QTest::newRow("$eq string that looks like a number") << R"({"metadata.zip":{"$eq":"01234"}})";
    QTest::newRow("$ne") << R"({"metadata.plan":{"$ne":"free"}})";
    QTest::newRow("$gt") << R"({"metadata.age":{"$gt":17}})";
    QTest::newRow("$gte real") << R"({"metadata.score":{"$gte":0.75}})";
    QTest::newRow("$lt") << R"({"metadata.age":{"$lt":-3}})";
    QTest::newRow("$lte") << R"({"metadata.age":{"$lte":65}})";
    QTest::newRow("$in") << R"({"metadata.plan":{"$in":["pro","team, inc",5,"true"]}})";
    QTest::newRow("$nin") << R"({"metadata.plan":{"$nin":["free"]}})";
    QTest::newRow("$exists") << R"({"headers.x-beta":{"$exists":false}})";
    QTest::newRow("$regex") << R"({"headers.user-agent":{"$regex":"^curl/\\d+, \"x\""}})";
}

void TestConditionModel::singleRowPerOperator()
{
    QFETCH(QString, json);
    const Json conditions = Json::parse(json.toStdString());
    const auto model = ConditionModel::fromJson(conditions);
    QVERIFY(model);
    QCOMPARE(model->rows.size(), std::size_t{1});
    // The canonical form is what the builder writes: it must come back byte for byte.
    QCOMPARE(QString::fromStdString(model->toJson().dump()), QString::fromStdString(conditions.dump()));
    // And through the text a person sees in the value field.
    const auto &row = model->rows.front();
    const std::string text = ConditionModel::valueToText(row.op, row.value);
    QCOMPARE(QString::fromStdString(ConditionModel::valueFromText(row.op, text).dump()),
             QString::fromStdString(row.value.dump()));
}

void TestConditionModel::andOrRoundTrip()
{
    for (const char *join : {"$and", "$or"}) {
        const Json conditions = Json::parse(std::string(R"({")") + join +
                                            R"(":[{"metadata.plan":{"$eq":"pro"}},{"metadata.age":{"$gte":18}},)"
                                            R"({"headers.x":{"$exists":true}}]})");
        const auto model = ConditionModel::fromJson(conditions);
        QVERIFY(model);
        QCOMPARE(model->rows.size(), std::size_t{3});
        QCOMPARE(model->join, std::string_view(join) == "$and" ? ConditionModel::Join::And : ConditionModel::Join::Or);
        QCOMPARE(QString::fromStdString(model->toJson().dump()), QString::fromStdString(conditions.dump()));
        QCOMPARE(ConditionModel::fromJson(model->toJson()), model);
    }
}

void TestConditionModel::readsImplicitAndAndShorthand()
{
    const auto model =
        ConditionModel::fromJson(Json::parse(R"({"metadata.plan":"pro","metadata.age":{"$gte":18,"$lt":65}})"));
    QVERIFY(model);
    QCOMPARE(model->join, ConditionModel::Join::And);
    QCOMPARE(model->rows.size(), std::size_t{3});
    QCOMPARE(model->rows[0], (ConditionModel::Row{"metadata.plan", "$eq", "pro"}));
    QCOMPARE(model->rows[2], (ConditionModel::Row{"metadata.age", "$lt", 65}));
    // Written back in the canonical explicit form.
    QCOMPARE(QString::fromStdString(model->toJson().dump()),
             QStringLiteral(R"({"$and":[{"metadata.plan":{"$eq":"pro"}},{"metadata.age":{"$gte":18}},)"
                            R"({"metadata.age":{"$lt":65}}]})"));
}

void TestConditionModel::emptyConditions()
{
    const auto model = ConditionModel::fromJson(Json::object());
    QVERIFY(model);
    QVERIFY(model->rows.empty());
    QCOMPARE(QString::fromStdString(model->toJson().dump()), QStringLiteral("{}"));
}

void TestConditionModel::refusesWhatItCannotShow_data()
{
    QTest::addColumn<QString>("json");
    QTest::newRow("not an object") << R"(["a"])";
    QTest::newRow("AND inside OR") << R"({"$or":[{"$and":[{"a":{"$eq":1}},{"b":{"$eq":2}}]},{"c":{"$eq":3}}]})";
    QTest::newRow("two fields inside OR") << R"({"$or":[{"a":{"$eq":1},"b":{"$eq":2}}]})";
    QTest::newRow("$elemMatch") << R"({"metadata.tags":{"$elemMatch":{"$eq":"x"}}})";
    QTest::newRow("unknown operator") << R"({"a":{"$mod":[2,0]}})";
    QTest::newRow("$regex with $options") << R"({"a":{"$regex":"x","$options":"i"}})";
    QTest::newRow("object value") << R"({"a":{"$eq":{"b":1}}})";
    QTest::newRow("array value for $eq") << R"({"a":{"$eq":[1]}})";
    QTest::newRow("nested array in $in") << R"({"a":{"$in":[[1]]}})";
    QTest::newRow("$exists not boolean") << R"({"a":{"$exists":1}})";
    QTest::newRow("$and plus a field") << R"({"$and":[{"a":{"$eq":1}}],"b":{"$eq":2}})";
    QTest::newRow("empty $and") << R"({"$and":[]})";
    QTest::newRow("$not") << R"({"$not":{"a":{"$eq":1}}})";
    QTest::newRow("empty operator object") << R"({"a":{}})";
}

void TestConditionModel::refusesWhatItCannotShow()
{
    QFETCH(QString, json);
    QVERIFY(!ConditionModel::fromJson(Json::parse(json.toStdString())));
}

void TestConditionModel::valueText_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("json");
    QTest::newRow("word") << "$eq"
                          << "free"
                          << R"("free")";
    QTest::newRow("trimmed") << "$eq"
                             << "  free "
                             << R"("free")";
    QTest::newRow("integer") << "$eq"
                             << "42"
                             << "42";
    QTest::newRow("real") << "$gt"
                          << "0.5"
                          << "0.5";
    QTest::newRow("boolean") << "$eq"
                             << "true"
                             << "true";
    QTest::newRow("quoted number") << "$eq"
                                   << R"("42")"
                                   << R"("42")";
    QTest::newRow("leading zero is text") << "$eq"
                                          << "01234"
                                          << R"("01234")";
    QTest::newRow("list") << "$in"
                          << R"(pro, team, 3, "a, b")"
                          << R"(["pro","team",3,"a, b"])";
    QTest::newRow("empty list") << "$nin"
                                << ""
                                << "[]";
    QTest::newRow("exists false") << "$exists"
                                  << "false"
                                  << "false";
    QTest::newRow("exists default") << "$exists"
                                    << ""
                                    << "true";
    QTest::newRow("regex verbatim") << "$regex"
                                    << R"( ^a,"b" )"
                                    << R"(" ^a,\"b\" ")";
}

void TestConditionModel::valueText()
{
    QFETCH(QString, op);
    QFETCH(QString, text);
    QFETCH(QString, json);
    const Json value = ConditionModel::valueFromText(op.toStdString(), text.toStdString());
    QCOMPARE(QString::fromStdString(value.dump()), json);
    const std::string shown = ConditionModel::valueToText(op.toStdString(), value);
    QCOMPARE(QString::fromStdString(ConditionModel::valueFromText(op.toStdString(), shown).dump()), json);
}

QTEST_APPLESS_MAIN(TestConditionModel)
#include "tst_conditionmodel.moc"
