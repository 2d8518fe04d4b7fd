// The inspector reads the element-type descriptors: every type gets a page, the own pages take ranges and
// choices from the descriptors, and the form built from a descriptor alone (what a new type gets) edits every
// property through the document.
#include "app/RouteDocument.h"
#include "model/ElementTypes.h"
#include "widgets/inspector/ChoiceComboBox.h"
#include "widgets/inspector/ElementInspector.h"
#include "widgets/inspector/NumberSpinBox.h"
#include "widgets/inspector/PropertyFormPage.h"

#include <QLabel>
#include <QLineEdit>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace rd;

class TestPropertyForm : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everyTypeHasAPage();
    void ownPagesTakeRangesAndChoicesFromTheDescriptors();
    void formHasAFieldForEveryProperty();
    void formEditsEveryKindOfProperty();
    void formRefusesTextThatIsNotJson();
    void choiceKeepsAValueThatIsNone();

private:
    static QString name(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }
    const Element &element(const std::string &id) const { return *m_doc->route().find(id); }
    // A form for `type` on the document's element of that type.
    std::unique_ptr<PropertyFormPage> formFor(ElementType type)
    {
        auto page = std::make_unique<PropertyFormPage>(type);
        page->setDocument(m_doc.get());
        page->showElement(element(std::string(elementTypeName(type))));
        page->show();
        return page;
    }

    std::unique_ptr<RouteDocument> m_doc;
};

void TestPropertyForm::init()
{
    // One element of every known type, each called by its type's name, as Element::make makes it.
    std::vector<Element> elements;
    for (ElementType type : kKnownElementTypes) {
        elements.push_back(Element::make(type, std::string(elementTypeName(type))));
    }
    m_doc = std::make_unique<RouteDocument>(Route(std::move(elements)));
}

void TestPropertyForm::cleanup()
{
    m_doc.reset();
}

void TestPropertyForm::everyTypeHasAPage()
{
    ElementInspector inspector;
    inspector.setDocument(m_doc.get());
    inspector.show();
    for (ElementType type : kKnownElementTypes) {
        inspector.setElement(std::string(elementTypeName(type)));
        InspectorPage *page = inspector.currentPage();
        QVERIFY(page);
        // Every type known today has a page of its own; none falls to the unknown type's read-only page.
        QVERIFY(!qobject_cast<PropertyFormPage *>(page));
        QVERIFY(!page->findChild<QWidget *>(QStringLiteral("rawProperties")));
        QCOMPARE(inspector.findChild<QLabel *>(QStringLiteral("typeName"))->text(),
                 name(ElementTypes::of(type).displayName));
    }
}

void TestPropertyForm::ownPagesTakeRangesAndChoicesFromTheDescriptors()
{
    ElementInspector inspector;
    inspector.setDocument(m_doc.get());
    inspector.setElement("model");
    for (const char *property : {"timeout", "retries"}) {
        const NumberRange &range = ElementTypes::of(ElementType::Model).property(property)->range;
        auto *box = inspector.findChild<NumberSpinBox *>(QLatin1String(property));
        QVERIFY(box);
        QCOMPARE(box->lowest(), double(range.minimum));
        QCOMPARE(box->maximum(), range.largestOffered);
    }
    QCOMPARE(inspector.findChild<NumberSpinBox *>(QStringLiteral("retries"))->decimals(), 0);

    inspector.setElement("rate");
    const PropertyDescriptor &limitType = *ElementTypes::of(ElementType::Rate).property("limitType");
    auto *combo = inspector.findChild<QComboBox *>(QStringLiteral("limitType"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), int(limitType.choices.size()));
    for (int i = 0; i < combo->count(); ++i) {
        QCOMPARE(combo->itemData(i).toString(), name(limitType.choices[std::size_t(i)].value));
        QVERIFY(combo->itemText(i).contains(name(limitType.choices[std::size_t(i)].unit)));
    }
    QCOMPARE(combo->itemText(0), QStringLiteral("count (requests)"));
}

void TestPropertyForm::formHasAFieldForEveryProperty()
{
    for (ElementType type : kKnownElementTypes) {
        const auto page = formFor(type);
        QCOMPARE(page->elementType(), type);
        QCOMPARE(page->findChild<QLabel *>(QStringLiteral("description"))->text(),
                 name(ElementTypes::of(type).description));
        for (const PropertyDescriptor &p : ElementTypes::of(type).properties) {
            QWidget *field = page->findChild<QWidget *>(name(p.name));
            QVERIFY2(field, p.name.data());
            switch (p.kind()) {
            case PropertyKind::Text:
                if (p.choices.empty()) {
                    QVERIFY(qobject_cast<QLineEdit *>(field));
                } else {
                    QCOMPARE(qobject_cast<ChoiceComboBox *>(field)->count(), int(p.choices.size()));
                }
                break;
            case PropertyKind::Number: {
                auto *box = qobject_cast<NumberSpinBox *>(field);
                QVERIFY(box);
                QCOMPARE(box->lowest(), double(p.range.minimum));
                QCOMPARE(box->maximum(), p.range.largestOffered);
                QCOMPARE(box->decimals() == 0, p.range.whole);
                break;
            }
            case PropertyKind::Json:
                QVERIFY(qobject_cast<QLineEdit *>(field));
                break;
            }
        }
    }
}

void TestPropertyForm::formEditsEveryKindOfProperty()
{
    auto model = formFor(ElementType::Model);
    const int before = m_doc->undoStack()->count();
    auto *provider = model->findChild<QLineEdit *>(QStringLiteral("provider"));
    provider->setFocus();
    QTest::keyClicks(provider, QStringLiteral("openai"));
    QCOMPARE(element("model").model.provider, std::optional<std::string>("openai"));
    QCOMPARE(m_doc->undoStack()->count(), before + 1); // the typing is one step
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Change provider of 'model'"));

    auto *retries = model->findChild<NumberSpinBox *>(QStringLiteral("retries"));
    retries->setValue(3);
    QCOMPARE(element("model").model.retries, std::optional<Number>(Number::fromInteger(3)));
    QVERIFY(element("model").model.retries->isInteger());

    auto rate = formFor(ElementType::Rate);
    auto *limitType = rate->findChild<ChoiceComboBox *>(QStringLiteral("limitType"));
    limitType->setCurrentIndex(limitType->findData(QStringLiteral("cost")));
    QCOMPARE(element("rate").rate.limitType, std::optional<std::string>("cost"));

    auto conditional = formFor(ElementType::Conditional);
    auto *conditions = conditional->findChild<QLineEdit *>(QStringLiteral("conditions"));
    QCOMPARE(conditions->text(), QStringLiteral("{}"));
    conditions->selectAll();
    QTest::keyClicks(conditions, QStringLiteral(R"({"metadata.plan":{"$eq":"free"}})"));
    QCOMPARE(element("conditional").conditional.conditions,
             std::optional<Json>(Json{{"metadata.plan", {{"$eq", "free"}}}}));

    // Undo goes back through the document, and the form shows it when told.
    m_doc->undoStack()->undo();
    conditional->showElement(element("conditional"));
    QCOMPARE(conditions->text(), QStringLiteral("{}"));
}

void TestPropertyForm::formRefusesTextThatIsNotJson()
{
    auto conditional = formFor(ElementType::Conditional);
    auto *conditions = conditional->findChild<QLineEdit *>(QStringLiteral("conditions"));
    conditions->selectAll();
    QTest::keyClicks(conditions, QStringLiteral("{\"metadata"));
    QCOMPARE(element("conditional").conditional.conditions, std::optional<Json>(Json::object()));
    bool said = false;
    for (QLabel *label : conditional->findChildren<QLabel *>()) {
        said = said || (label->isVisible() && label->text().startsWith(QStringLiteral("Not JSON yet")));
    }
    QVERIFY(said);
}

void TestPropertyForm::choiceKeepsAValueThatIsNone()
{
    Element rate = element("rate");
    rate.rate.limitType = "tokens";
    m_doc->updateElement(rate, QStringLiteral("test"));
    auto page = formFor(ElementType::Rate);
    auto *limitType = page->findChild<ChoiceComboBox *>(QStringLiteral("limitType"));
    QCOMPARE(limitType->value(), QStringLiteral("tokens"));
    QCOMPARE(limitType->currentText(), QStringLiteral("tokens (not valid)"));
    limitType->setValue(std::nullopt);
    QCOMPARE(limitType->count(), int(ElementTypes::of(ElementType::Rate).property("limitType")->choices.size()));
    QCOMPARE(limitType->currentIndex(), -1);
    QCOMPARE(element("rate").rate.limitType, std::optional<std::string>("tokens")); // showing never writes
}

QTEST_MAIN(TestPropertyForm)
#include "tst_propertyform.moc"
