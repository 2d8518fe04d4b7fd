#include "InspectorFixture.h"
#include "app/RouteDocument.h"
#include "model/JsonText.h"
#include "model/Share.h"
#include "widgets/inspector/ConditionBuilder.h"
#include "widgets/inspector/ConditionRowWidget.h"
#include "widgets/inspector/ConditionalPage.h"
#include "widgets/inspector/ElementInspector.h"
#include "widgets/inspector/FindingsView.h"
#include "widgets/inspector/NumberSpinBox.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <memory>

using namespace rd;
using inspectortest::dump;

class TestInspector : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void emptyState();
    void modelFieldsEditAndUndo();
    void typingTimeoutIsOneUndoStep();
    void missingNumbersShowAsNotSet();
    void clearingANumberRemovesIt();
    void rateFieldsEditAndUndo();
    void missingRateNumbersShowAsNotSet();
    void windowUnits();
    void percentageBranches();
    void invalidShareRefused();
    void tooManyBranchesWarns();
    void builderWritesConditions();
    void builderEveryOperator();
    void unrepresentableConditionsKeptByteForByte();
    void rawJsonApplies();
    void rawJsonRefusesInvalid();
    void renameRefusesTakenId();
    void escapeRevertsTheId();
    void followsUndoRenameAndRemoval();
    void findingsShown();
    void unknownTypeReadOnly();
    void passThroughPages();
    void screenshots();

private:
    template<class T> T *child(const char *name) const
    {
        T *w = m_inspector->findChild<T *>(QLatin1String(name));
        if (!w) {
            qFatal("no child %s", name);
        }
        return w;
    }
    const Element &element(const std::string &id) const { return *m_doc->route().find(id); }
    int undoCount() const { return m_doc->undoStack()->count(); }
    // Undoes everything done since `count` commands were on the stack.
    void undoTo(int count) const
    {
        while (m_doc->undoStack()->index() > count) {
            m_doc->undoStack()->undo();
        }
    }
    static void commit(QLineEdit *edit, const QString &text)
    {
        edit->setText(text);
        emit edit->editingFinished();
    }
    static void retype(QLineEdit *edit, const QString &text)
    {
        edit->selectAll();
        QTest::keyClicks(edit, text);
    }
    // The fixture plus a model and a rate limit that leave every optional number out.
    void addBareElements()
    {
        std::vector<Element> elements = m_doc->route().elements();
        for (Element &e : inspectortest::elementsFromJson(R"json([
            {"id": "bare", "type": "model", "properties": {"provider": "openai", "model": "gpt-4o"},
             "outputs": {}},
            {"id": "bare_rate", "type": "rate", "properties": {"key": "metadata.user_id", "limitType": "count"},
             "outputs": {}}])json")) {
            elements.push_back(std::move(e));
        }
        m_doc->reset(Route(std::move(elements)), {});
    }
    ConditionalPage *conditionalPage() const { return static_cast<ConditionalPage *>(m_inspector->currentPage()); }

    std::unique_ptr<RouteDocument> m_doc;
    std::unique_ptr<ElementInspector> m_inspector;
};

void TestInspector::init()
{
    m_doc = std::make_unique<RouteDocument>(Route(inspectortest::fixtureElements()));
    m_inspector = std::make_unique<ElementInspector>();
    m_inspector->setDocument(m_doc.get());
    m_inspector->resize(420, 600);
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
}

void TestInspector::cleanup()
{
    m_inspector.reset();
    m_doc.reset();
}

void TestInspector::emptyState()
{
    ElementInspector bare;
    QVERIFY(!bare.currentPage());
    QVERIFY(!bare.findChild<QLabel *>(QStringLiteral("emptyState"))->isHidden());
    QCOMPARE(bare.findChild<QLabel *>(QStringLiteral("emptyState"))->text(),
             QStringLiteral("Select an element to edit it"));

    QVERIFY(!m_inspector->currentPage());
    m_inspector->setElement("gpt4o_mini");
    QVERIFY(m_inspector->currentPage());
    QCOMPARE(child<QLabel>("typeName")->text(), QStringLiteral("Model"));
    QCOMPARE(child<QLineEdit>("idEdit")->text(), QStringLiteral("gpt4o_mini"));
    m_inspector->setElement("");
    QVERIFY(!m_inspector->currentPage());
    m_inspector->setElement("no_such_element");
    QVERIFY(!m_inspector->currentPage());
}

void TestInspector::modelFieldsEditAndUndo()
{
    m_inspector->setElement("gpt4o_mini");
    const std::string original = dump(element("gpt4o_mini"));
    const int before = undoCount();

    auto *provider = child<QComboBox>("provider");
    QCOMPARE(provider->currentText(), QStringLiteral("openai"));
    provider->lineEdit()->selectAll();
    QTest::keyClicks(provider->lineEdit(), QStringLiteral("my-provider"));
    QCOMPARE(element("gpt4o_mini").model.provider.value(), std::string("my-provider"));
    QCOMPARE(undoCount(), before + 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change provider of 'gpt4o_mini'"));
    emit provider->lineEdit()->editingFinished();

    auto *model = child<QLineEdit>("model");
    retype(model, QStringLiteral("gpt-4.1"));
    QCOMPARE(element("gpt4o_mini").model.model.value(), std::string("gpt-4.1"));
    QCOMPARE(undoCount(), before + 2);
    emit model->editingFinished();

    auto *timeout = child<NumberSpinBox>("timeout");
    QCOMPARE(timeout->value(), 30000.0);
    timeout->setValue(45000);
    QVERIFY(element("gpt4o_mini").model.timeout->isInteger());
    QCOMPARE(element("gpt4o_mini").model.timeout->toInteger(), 45000);

    auto *retries = child<NumberSpinBox>("retries");
    QCOMPARE(retries->value(), 2.0);
    retries->setValue(3);
    QCOMPARE(element("gpt4o_mini").model.retries.value(), Number::fromInteger(3));
    QCOMPARE(undoCount(), before + 4);
    // The property the editor does not know rode along untouched.
    QVERIFY(dump(element("gpt4o_mini")).find(R"("x-note":"kept")") != std::string::npos);

    undoTo(before);
    QCOMPARE(dump(element("gpt4o_mini")), original);
    // And the page followed the undo.
    QCOMPARE(timeout->value(), 30000.0);
    QCOMPARE(provider->currentText(), QStringLiteral("openai"));
}

void TestInspector::typingTimeoutIsOneUndoStep()
{
    m_inspector->setElement("gpt4o_mini");
    const std::string original = dump(element("gpt4o_mini"));
    const int before = undoCount();
    auto *timeout = child<NumberSpinBox>("timeout");
    timeout->setFocus();
    timeout->selectAll();
    QTest::keyClicks(timeout, QStringLiteral("12345"));
    QCOMPARE(timeout->value(), 12345.0);
    QCOMPARE(element("gpt4o_mini").model.timeout.value(), Number::fromInteger(12345));
    QCOMPARE(undoCount(), before + 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change timeout of 'gpt4o_mini'"));

    // Finishing the edit closes the step: typing again later is a step of its own.
    QTest::keyClick(timeout, Qt::Key_Return);
    timeout->selectAll();
    QTest::keyClicks(timeout, QStringLiteral("500"));
    QCOMPARE(element("gpt4o_mini").model.timeout.value(), Number::fromInteger(500));
    QCOMPARE(undoCount(), before + 2);

    m_doc->undoStack()->undo();
    QCOMPARE(element("gpt4o_mini").model.timeout.value(), Number::fromInteger(12345));
    m_doc->undoStack()->undo();
    QCOMPARE(dump(element("gpt4o_mini")), original);
}

void TestInspector::missingNumbersShowAsNotSet()
{
    addBareElements();
    m_inspector->setElement("bare");
    const std::string original = dump(element("bare"));
    auto *timeout = child<NumberSpinBox>("timeout");
    auto *retries = child<NumberSpinBox>("retries");
    QVERIFY(!timeout->isSet());
    QVERIFY(!retries->isSet());
    QCOMPARE(timeout->text(), QStringLiteral("\u2014"));
    QCOMPARE(retries->text(), QStringLiteral("\u2014"));

    // Going through the fields without typing writes nothing.
    timeout->setFocus();
    QTest::keyClick(timeout, Qt::Key_Return);
    retries->setFocus();
    QTest::keyClick(retries, Qt::Key_Return);
    child<QLineEdit>("model")->setFocus();
    QCOMPARE(undoCount(), 0);
    QCOMPARE(dump(element("bare")), original);

    // Typing sets the value; emptying the field takes it out again.
    timeout->setFocus();
    timeout->selectAll();
    QTest::keyClicks(timeout, QStringLiteral("5000"));
    QCOMPARE(element("bare").model.timeout, std::optional(Number::fromInteger(5000)));
    QTest::keyClick(timeout, Qt::Key_Return);
    QCOMPARE(undoCount(), 1);
    timeout->selectAll();
    QTest::keyClick(timeout, Qt::Key_Backspace);
    QVERIFY(!element("bare").model.timeout);
    QCOMPARE(dump(element("bare")), original);
    QCOMPARE(undoCount(), 2);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change timeout of 'bare'"));

    // Up from "not set" starts at the lowest value; down from it goes back to "not set".
    retries->setFocus();
    QTest::keyClick(retries, Qt::Key_Up);
    QCOMPARE(element("bare").model.retries, std::optional(Number::fromInteger(0)));
    QTest::keyClick(retries, Qt::Key_Down);
    QVERIFY(!element("bare").model.retries);
    QCOMPARE(retries->text(), QStringLiteral("\u2014"));

    undoTo(1);
    QCOMPARE(element("bare").model.timeout, std::optional(Number::fromInteger(5000)));
    QCOMPARE(timeout->value(), 5000.0);
    undoTo(0);
    QCOMPARE(dump(element("bare")), original);
    QCOMPARE(timeout->text(), QStringLiteral("\u2014"));
}

void TestInspector::clearingANumberRemovesIt()
{
    m_inspector->setElement("gpt4o_mini");
    const std::string original = dump(element("gpt4o_mini"));
    const int before = undoCount();
    auto *timeout = child<NumberSpinBox>("timeout");
    timeout->setFocus();
    timeout->selectAll();
    QTest::keyClick(timeout, Qt::Key_Delete);
    QVERIFY(!element("gpt4o_mini").model.timeout);
    QVERIFY(dump(element("gpt4o_mini")).find("timeout") == std::string::npos);
    QTest::keyClick(timeout, Qt::Key_Return);
    QCOMPARE(undoCount(), before + 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change timeout of 'gpt4o_mini'"));
    // Shown again from the document: "not set".
    m_inspector->setElement("gate");
    m_inspector->setElement("gpt4o_mini");
    QCOMPARE(timeout->text(), QStringLiteral("\u2014"));

    m_doc->undoStack()->undo();
    QCOMPARE(dump(element("gpt4o_mini")), original);
    QCOMPARE(timeout->value(), 30000.0);
}

void TestInspector::rateFieldsEditAndUndo()
{
    m_inspector->setElement("limiter");
    const std::string original = dump(element("limiter"));
    const int before = undoCount();

    auto *key = child<QComboBox>("rateKey");
    QCOMPARE(key->currentText(), QStringLiteral("metadata.user_id"));
    key->lineEdit()->selectAll();
    QTest::keyClicks(key->lineEdit(), QStringLiteral("headers.x-tenant"));
    QCOMPARE(element("limiter").rate.key.value(), std::string("headers.x-tenant"));
    QCOMPARE(undoCount(), before + 1);

    auto *limit = child<NumberSpinBox>("limit");
    QCOMPARE(limit->text(), QStringLiteral("100 requests"));
    limit->setValue(250);
    QCOMPARE(element("limiter").rate.limit.value(), Number::fromInteger(250));
    limit->setValue(2.5);
    QCOMPARE(element("limiter").rate.limit.value(), Number::fromDouble(2.5));
    QCOMPARE(limit->cleanText(), QStringLiteral("2.5"));

    auto *limitType = child<QComboBox>("limitType");
    QCOMPARE(limitType->currentData().toString(), QStringLiteral("count"));
    limitType->setCurrentIndex(limitType->findData(QStringLiteral("cost")));
    QCOMPARE(element("limiter").rate.limitType.value(), std::string("cost"));
    QCOMPARE(limit->prefix(), QStringLiteral("$ "));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change limit type of 'limiter'"));

    undoTo(before);
    QCOMPARE(dump(element("limiter")), original);
    QCOMPARE(limitType->currentData().toString(), QStringLiteral("count"));
    QCOMPARE(limit->text(), QStringLiteral("100 requests"));
}

void TestInspector::missingRateNumbersShowAsNotSet()
{
    addBareElements();
    m_inspector->setElement("bare_rate");
    const std::string original = dump(element("bare_rate"));
    auto *limit = child<NumberSpinBox>("limit");
    auto *amount = child<NumberSpinBox>("windowAmount");
    auto *unit = child<QComboBox>("windowUnit");
    QVERIFY(!limit->isSet());
    QVERIFY(!amount->isSet());
    QCOMPARE(limit->text(), QStringLiteral("\u2014"));
    QCOMPARE(amount->text(), QStringLiteral("\u2014"));

    // A unit for a window that is not set, and a visit to the limit, write nothing.
    unit->setCurrentIndex(unit->findText(QStringLiteral("hours")));
    limit->setFocus();
    QTest::keyClick(limit, Qt::Key_Return);
    QCOMPARE(undoCount(), 0);
    QCOMPARE(dump(element("bare_rate")), original);

    limit->selectAll();
    QTest::keyClicks(limit, QStringLiteral("50"));
    QCOMPARE(element("bare_rate").rate.limit, std::optional(Number::fromInteger(50)));
    QCOMPARE(undoCount(), 1);
    amount->setValue(2);
    QCOMPARE(element("bare_rate").rate.window, std::optional(Number::fromInteger(7200)));
    amount->clearNumber();
    QVERIFY(!element("bare_rate").rate.window);

    undoTo(0);
    QCOMPARE(dump(element("bare_rate")), original);
    QVERIFY(!limit->isSet());
}

void TestInspector::windowUnits()
{
    m_inspector->setElement("limiter");
    const std::string original = dump(element("limiter"));
    const int before = undoCount();
    auto *amount = child<NumberSpinBox>("windowAmount");
    auto *unit = child<QComboBox>("windowUnit");
    QCOMPARE(amount->text(), QStringLiteral("1"));
    QCOMPARE(unit->currentText(), QStringLiteral("hours"));

    amount->setValue(2);
    QCOMPARE(element("limiter").rate.window.value(), Number::fromInteger(7200));
    unit->setCurrentIndex(unit->findText(QStringLiteral("days")));
    QCOMPARE(element("limiter").rate.window.value(), Number::fromInteger(172800));
    QVERIFY(dump(element("limiter")).find(R"("window":172800)") != std::string::npos);

    // Shown again from the document (another element and back): the largest unit that divides it.
    m_inspector->setElement("gate");
    m_inspector->setElement("limiter");
    QCOMPARE(amount->text(), QStringLiteral("2"));
    QCOMPARE(unit->currentText(), QStringLiteral("days"));

    unit->setCurrentIndex(unit->findText(QStringLiteral("minutes")));
    QCOMPARE(element("limiter").rate.window.value(), Number::fromInteger(120));
    amount->setValue(1.5);
    QCOMPARE(element("limiter").rate.window.value(), Number::fromInteger(90));
    m_inspector->setElement("gate");
    m_inspector->setElement("limiter");
    QCOMPARE(amount->text(), QStringLiteral("90"));
    QCOMPARE(unit->currentText(), QStringLiteral("seconds"));

    undoTo(before);
    QCOMPARE(dump(element("limiter")), original);
}

void TestInspector::percentageBranches()
{
    m_inspector->setElement("split");
    const std::string original = dump(element("split"));
    const int before = undoCount();
    auto *total = child<QLabel>("total");
    QCOMPARE(total->text(), QStringLiteral("Total 90% \u2014 must be 100%"));
    QCOMPARE(child<QLabel>("target:60%")->text(), QStringLiteral("gpt4o_mini"));

    // Add: the remainder, unwired.
    child<QPushButton>("addBranch")->click();
    QVERIFY(element("split").output("10%"));
    QVERIFY(element("split").output("10%")->target.empty());
    QCOMPARE(total->text(), QStringLiteral("Total 100%"));
    QVERIFY(child<QLabel>("target:10%")->text().contains(QStringLiteral("not connected")));

    // Nothing remains: a 0% branch, and a second one gets a key of its own.
    child<QPushButton>("addBranch")->click();
    QVERIFY(element("split").output("0%"));
    child<QPushButton>("addBranch")->click();
    QVERIFY(element("split").output("1%"));
    QCOMPARE(element("split").outputs.size(), std::size_t{5});

    // Remove.
    child<QToolButton>("remove:1%")->click();
    child<QToolButton>("remove:0%")->click();
    QVERIFY(!element("split").output("0%"));
    QCOMPARE(element("split").outputs.size(), std::size_t{3});

    // The total follows typing before anything is committed.
    auto *sixty = child<QLineEdit>("share:60%");
    retype(sixty, QStringLiteral("50"));
    QCOMPARE(total->text(), QStringLiteral("Total 90% \u2014 must be 100%"));
    QCOMPARE(element("split").outputs.front().name, std::string("60%"));
    // Committed: the branch keeps its place and its target.
    emit sixty->editingFinished();
    QCOMPARE(element("split").outputs.front().name, std::string("50%"));
    QCOMPARE(element("split").outputs.front().target, std::string("gpt4o_mini"));
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change share 60% of 'split' to 50%"));
    QCOMPARE(total->text(), QStringLiteral("Total 90% \u2014 must be 100%"));

    undoTo(before);
    QCOMPARE(dump(element("split")), original);
    QCOMPARE(total->text(), QStringLiteral("Total 90% \u2014 must be 100%"));
}

void TestInspector::invalidShareRefused()
{
    m_inspector->setElement("split");
    const std::string original = dump(element("split"));
    const int before = undoCount();
    auto *message = child<QLabel>("shareMessage");
    QVERIFY(message->isHidden());

    for (const QString &bad :
         {QStringLiteral("abc"), QStringLiteral("-5%"), QStringLiteral("2000%"), QStringLiteral("")}) {
        auto *edit = child<QLineEdit>("share:60%");
        commit(edit, bad);
        QVERIFY2(!message->isHidden(), qPrintable(bad));
        QCOMPARE(edit->text(), QStringLiteral("60%"));
    }
    QVERIFY(message->text().contains(QStringLiteral("25%")));
    // Taken by the other branch.
    commit(child<QLineEdit>("share:60%"), QStringLiteral("30%"));
    QVERIFY(message->text().contains(QStringLiteral("already")));
    QCOMPARE(child<QLineEdit>("share:60%")->text(), QStringLiteral("60%"));

    QCOMPARE(undoCount(), before);
    QCOMPARE(dump(element("split")), original);
}

void TestInspector::tooManyBranchesWarns()
{
    m_inspector->setElement("split");
    auto *warning = child<QLabel>("tooManyBranches");
    for (int i = 0; i < 3; ++i) {
        child<QPushButton>("addBranch")->click();
    }
    QCOMPARE(element("split").outputs.size(), std::size_t{5});
    QVERIFY(warning->isHidden());
    child<QPushButton>("addBranch")->click();
    QCOMPARE(element("split").outputs.size(), std::size_t{6});
    QVERIFY(!warning->isHidden());
}

void TestInspector::builderWritesConditions()
{
    m_inspector->setElement("gate");
    const std::string original = dump(element("gate"));
    const int before = undoCount();
    ConditionalPage *page = conditionalPage();
    QVERIFY(page);
    QVERIFY(page->tabs()->isTabEnabled(0));
    QVERIFY(child<QLabel>("builderNote")->isHidden());
    ConditionBuilder *builder = page->builder();
    QCOMPARE(builder->rows().size(), 1);
    ConditionRowWidget *row = builder->rows().front();
    QCOMPARE(row->fieldBox()->currentText(), QStringLiteral("metadata.plan"));
    QCOMPARE(row->operatorBox()->currentText(), QStringLiteral("equals"));
    QCOMPARE(row->valueEdit()->text(), QStringLiteral("free"));

    // Typing a value: one undo step.
    retype(row->valueEdit(), QStringLiteral("pro"));
    QCOMPARE(element("gate").conditional.conditions->dump(), std::string(R"({"metadata.plan":{"$eq":"pro"}})"));
    QCOMPARE(undoCount(), before + 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change conditions of 'gate'"));
    emit row->valueEdit()->editingFinished();

    row->operatorBox()->setCurrentIndex(row->operatorBox()->findData(QStringLiteral("$ne")));
    QCOMPARE(element("gate").conditional.conditions->dump(), std::string(R"({"metadata.plan":{"$ne":"pro"}})"));

    // A new row changes nothing until it has a field.
    const int beforeAdd = undoCount();
    builder->findChild<QPushButton *>(QStringLiteral("addCondition"))->click();
    QCOMPARE(builder->rows().size(), 2);
    QCOMPARE(undoCount(), beforeAdd);
    ConditionRowWidget *second = builder->rows().at(1);
    QTest::keyClicks(second->fieldBox()->lineEdit(), QStringLiteral("metadata.age"));
    second->operatorBox()->setCurrentIndex(second->operatorBox()->findData(QStringLiteral("$gte")));
    retype(second->valueEdit(), QStringLiteral("18"));
    QCOMPARE(element("gate").conditional.conditions->dump(),
             std::string(R"({"$and":[{"metadata.plan":{"$ne":"pro"}},{"metadata.age":{"$gte":18}}]})"));

    builder->joinBox()->setCurrentIndex(1);
    QCOMPARE(element("gate").conditional.conditions->dump(),
             std::string(R"({"$or":[{"metadata.plan":{"$ne":"pro"}},{"metadata.age":{"$gte":18}}]})"));
    // The JSON tab is in sync.
    QCOMPARE(page->jsonEdit()->toPlainText().toStdString(), JsonText::format(*element("gate").conditional.conditions));

    // Removing the first row.
    row->findChild<QToolButton *>(QStringLiteral("removeCondition"))->click();
    QCOMPARE(element("gate").conditional.conditions->dump(), std::string(R"({"metadata.age":{"$gte":18}})"));

    undoTo(before);
    QCOMPARE(dump(element("gate")), original);
    QCOMPARE(builder->rows().size(), 1);
    QCOMPARE(builder->rows().front()->valueEdit()->text(), QStringLiteral("free"));
}

void TestInspector::builderEveryOperator()
{
    struct Case
    {
        const char *op;
        const char *text;
        const char *json;
    };
    const Case cases[] = {
        {"$eq", "free", R"("free")"},
        {"$ne", "42", "42"},
        {"$gt", "1.5", "1.5"},
        {"$gte", "\"7\"", R"("7")"},
        {"$lt", "-3", "-3"},
        {"$lte", "true", "true"},
        {"$in", "pro, team, 3", R"(["pro","team",3])"},
        {"$nin", "free", R"(["free"])"},
        {"$exists", "false", "false"},
        {"$regex", "^curl/", R"("^curl/")"},
    };
    m_inspector->setElement("gate");
    for (const Case &c : cases) {
        ConditionRowWidget *row = conditionalPage()->builder()->rows().front();
        row->operatorBox()->setCurrentIndex(row->operatorBox()->findData(QString::fromLatin1(c.op)));
        retype(row->valueEdit(), QString::fromUtf8(c.text));
        emit row->valueEdit()->editingFinished();
        const std::string expected = std::string(R"({"metadata.plan":{")") + c.op + R"(":)" + c.json + "}}";
        QCOMPARE(element("gate").conditional.conditions->dump(), expected);
        // Shown again from the document: the same row.
        m_inspector->setElement("split");
        m_inspector->setElement("gate");
        row = conditionalPage()->builder()->rows().front();
        QCOMPARE(row->operatorBox()->currentData().toString(), QString::fromLatin1(c.op));
        QCOMPARE(row->valueEdit()->text(), QString::fromUtf8(c.text));
    }
}

void TestInspector::unrepresentableConditionsKeptByteForByte()
{
    const std::string original = dump(element("weird"));
    const int before = undoCount();
    m_inspector->setElement("weird");
    ConditionalPage *page = conditionalPage();
    QVERIFY(!page->tabs()->isTabEnabled(0));
    QCOMPARE(page->tabs()->currentIndex(), 1);
    QVERIFY(!child<QLabel>("builderNote")->isHidden());
    QCOMPARE(page->jsonEdit()->toPlainText().toStdString(), JsonText::format(*element("weird").conditional.conditions));

    // Looking around must not write anything.
    page->tabs()->setCurrentIndex(0);
    page->tabs()->setCurrentIndex(1);
    page->jsonEdit()->setFocus();
    child<QLineEdit>("idEdit")->setFocus();
    page->findChild<QPushButton *>(QStringLiteral("applyJson"))->click();
    QVERIFY(page->applyJson());
    m_inspector->setElement("gate");
    m_inspector->setElement("weird");
    m_inspector->setElement({});

    QCOMPARE(undoCount(), before);
    QCOMPARE(dump(element("weird")), original);
    QVERIFY(original.find(R"("$gte":1.5,"$mod":[2,0])") != std::string::npos);
}

void TestInspector::rawJsonApplies()
{
    m_inspector->setElement("gate");
    const std::string original = dump(element("gate"));
    const int before = undoCount();
    ConditionalPage *page = conditionalPage();
    page->tabs()->setCurrentIndex(1);

    page->jsonEdit()->setPlainText(QStringLiteral("{\"metadata.team\": {\"$in\": [\"a\", \"b\"]}}"));
    page->findChild<QPushButton *>(QStringLiteral("applyJson"))->click();
    QCOMPARE(element("gate").conditional.conditions->dump(), std::string(R"({"metadata.team":{"$in":["a","b"]}})"));
    QCOMPARE(undoCount(), before + 1);
    QVERIFY(page->tabs()->isTabEnabled(0));
    QCOMPARE(page->builder()->rows().size(), 1);
    QCOMPARE(page->builder()->rows().front()->valueEdit()->text(), QStringLiteral("a, b"));

    // Anything that is an object, even what the builder cannot show; applied on focus-out too.
    page->jsonEdit()->setFocus();
    page->jsonEdit()->setPlainText(QStringLiteral("{\"$nor\": [{\"a\": {\"$eq\": 1}}]}"));
    child<QLineEdit>("idEdit")->setFocus();
    QCOMPARE(element("gate").conditional.conditions->dump(), std::string(R"({"$nor":[{"a":{"$eq":1}}]})"));
    QCOMPARE(undoCount(), before + 2);
    QVERIFY(!page->tabs()->isTabEnabled(0));
    QVERIFY(!child<QLabel>("builderNote")->isHidden());

    undoTo(before);
    QCOMPARE(dump(element("gate")), original);
    QVERIFY(page->tabs()->isTabEnabled(0));
}

void TestInspector::rawJsonRefusesInvalid()
{
    m_inspector->setElement("gate");
    const std::string original = dump(element("gate"));
    const int before = undoCount();
    ConditionalPage *page = conditionalPage();
    auto *error = child<QLabel>("jsonError");

    page->jsonEdit()->setPlainText(QStringLiteral("{\n  \"metadata.plan\": {\"$eq\": }\n}"));
    QVERIFY(!page->applyJson());
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().contains(QStringLiteral("line 2")), qPrintable(error->text()));
    QVERIFY(error->text().contains(QStringLiteral("column")));

    page->jsonEdit()->setPlainText(QStringLiteral("[1, 2]"));
    QVERIFY(!page->applyJson());
    QVERIFY(error->text().contains(QStringLiteral("object")));

    QCOMPARE(undoCount(), before);
    QCOMPARE(dump(element("gate")), original);
    // Revert brings back what the document has, and moving to it does not apply the text first.
    page->jsonEdit()->setPlainText(QStringLiteral("{\"metadata.plan\": {\"$eq\": \"team\"}}"));
    page->jsonEdit()->setFocus();
    auto *revert = page->findChild<QPushButton *>(QStringLiteral("revertJson"));
    revert->setFocus(Qt::MouseFocusReason);
    revert->click();
    QCOMPARE(undoCount(), before);
    QCOMPARE(page->jsonEdit()->toPlainText().toStdString(), JsonText::format(*element("gate").conditional.conditions));
}

void TestInspector::renameRefusesTakenId()
{
    m_inspector->setElement("gpt4o_mini");
    const int before = undoCount();
    auto *id = child<QLineEdit>("idEdit");
    auto *message = child<QLabel>("idMessage");

    commit(id, QStringLiteral("limiter"));
    QVERIFY(!message->isHidden());
    QVERIFY(message->text().contains(QStringLiteral("already")));
    QCOMPARE(id->text(), QStringLiteral("gpt4o_mini"));
    commit(id, QStringLiteral("   "));
    QVERIFY(!message->isHidden());
    QCOMPARE(id->text(), QStringLiteral("gpt4o_mini"));
    QCOMPARE(undoCount(), before);

    commit(id, QStringLiteral("gpt_small"));
    QVERIFY(message->isHidden());
    QVERIFY(m_doc->route().contains("gpt_small"));
    QCOMPARE(m_inspector->element(), std::string("gpt_small"));
    QCOMPARE(element("limiter").output("success")->target, std::string("gpt_small"));
    QCOMPARE(undoCount(), before + 1);
}

void TestInspector::escapeRevertsTheId()
{
    m_inspector->setElement("gpt4o_mini");
    const int before = undoCount();
    auto *id = child<QLineEdit>("idEdit");
    id->setFocus();
    retype(id, QStringLiteral("something_else"));
    QTest::keyClick(id, Qt::Key_Escape);
    QCOMPARE(id->text(), QStringLiteral("gpt4o_mini"));
    // Leaving the field afterwards renames nothing.
    child<QLineEdit>("model")->setFocus();
    emit id->editingFinished();
    QCOMPARE(undoCount(), before);
    QVERIFY(m_doc->route().contains("gpt4o_mini"));
    QVERIFY(!m_doc->route().contains("something_else"));
    QCOMPARE(m_inspector->element(), std::string("gpt4o_mini"));

    // After Esc the field is still in use: typing and Enter rename as usual.
    retype(id, QStringLiteral("renamed"));
    QTest::keyClick(id, Qt::Key_Return);
    QVERIFY(m_doc->route().contains("renamed"));
    QCOMPARE(undoCount(), before + 1);
}

void TestInspector::followsUndoRenameAndRemoval()
{
    m_inspector->setElement("gpt4o_mini");
    child<NumberSpinBox>("retries")->setValue(5);
    m_doc->renameElement("gpt4o_mini", "renamed");
    QCOMPARE(m_inspector->element(), std::string("renamed"));
    QCOMPARE(child<QLineEdit>("idEdit")->text(), QStringLiteral("renamed"));
    m_doc->undoStack()->undo();
    QCOMPARE(m_inspector->element(), std::string("gpt4o_mini"));
    m_doc->undoStack()->undo();
    QCOMPARE(child<NumberSpinBox>("retries")->value(), 2.0);

    m_doc->removeElements({"gpt4o_mini"});
    QVERIFY(!m_inspector->currentPage());
    m_doc->reset(Route(inspectortest::fixtureElements()), {});
    QVERIFY(!m_inspector->currentPage());
}

void TestInspector::findingsShown()
{
    m_inspector->setElement("split");
    const auto texts = [this] {
        QStringList list;
        for (QLabel *label : m_inspector->findChildren<QLabel *>(QStringLiteral("finding"))) {
            list << label->text();
        }
        return list.join(QLatin1Char('\n'));
    };
    int expected = 0;
    for (const Finding &f : m_doc->findings()) {
        expected += f.elementId == "split" ? 1 : 0;
    }
    auto *findings = m_inspector->findChild<FindingsView *>();
    QCOMPARE(findings->count(), expected);
    QVERIFY2(texts().contains(QStringLiteral("add up to 90%")), qPrintable(texts()));
    // Live: fixing the total clears that finding (the new branch is unwired, which is one of its own).
    child<QPushButton>("addBranch")->click();
    QVERIFY2(!texts().contains(QStringLiteral("add up to")), qPrintable(texts()));
    int now = 0;
    for (const Finding &f : m_doc->findings()) {
        now += f.elementId == "split" ? 1 : 0;
    }
    QCOMPARE(findings->count(), now);
}

void TestInspector::unknownTypeReadOnly()
{
    m_inspector->setElement("future");
    auto *raw = child<QPlainTextEdit>("rawProperties");
    QVERIFY(raw->isReadOnly());
    QVERIFY(raw->toPlainText().contains(QStringLiteral("\"ttl\": 60")));
    QVERIFY(child<QLabel>("typeName")->text().contains(QStringLiteral("cache")));
}

void TestInspector::passThroughPages()
{
    m_inspector->setElement("start");
    QVERIFY(child<QLabel>("explanation")->text().contains(QStringLiteral("next")));
    m_inspector->setElement("end");
    QVERIFY(child<QLabel>("explanation")->text().contains(QStringLiteral("ends")));
}

void TestInspector::screenshots()
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("RD_SCREENSHOT_DIR not set");
    }
    m_inspector->resize(400, 640);
    // Two rows show the builder as most routes use it.
    Element gate = element("gate");
    gate.conditional.conditions = Json::parse(R"({"$or":[{"metadata.plan":{"$eq":"free"}},)"
                                              R"({"metadata.user_id":{"$in":["u1","u2"]}}]})");
    m_doc->updateElement(gate, QStringLiteral("screenshot"));
    for (const char *id : {"gpt4o_mini", "limiter", "split", "gate", "weird", "future", "start", ""}) {
        m_inspector->setElement(id);
        QCoreApplication::processEvents();
        const QString name = *id ? QString::fromLatin1(id) : QStringLiteral("empty");
        QVERIFY(m_inspector->grab().save(dir + QStringLiteral("/inspector-") + name + QStringLiteral(".png")));
    }
}

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
