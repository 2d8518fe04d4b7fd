// The palette, the type style, quick-add and the cards read the element-type descriptors: each layer shows
// every known type as its descriptor says, so a new type appears everywhere once it is described.
#include "model/ElementTypes.h"
#include "widgets/ElementTypeStyle.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/ElementPalette.h"
#include "widgets/canvas/QuickAddPopup.h"

#include <QMimeData>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace rd;

class TestElementTypesOnCanvas : public QObject
{
    Q_OBJECT

private slots:
    void paletteListsEveryTypeAsDescribed();
    void styleFollowsTheDescriptors();
    void quickAddOffersEveryTypeWithAnInput();
    void cardsShowTheDescribedPorts();

private:
    static QString text(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }
};

void TestElementTypesOnCanvas::paletteListsEveryTypeAsDescribed()
{
    ElementPalette palette;
    QCOMPARE(palette.count(), int(kKnownElementTypes.size()));
    for (std::size_t row = 0; row < kKnownElementTypes.size(); ++row) {
        const ElementType type = kKnownElementTypes[row];
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        const QListWidgetItem *item = palette.itemFor(type);
        QVERIFY(item);
        QCOMPARE(palette.row(item), int(row));
        QCOMPARE(item->text(), text(d.displayName));
        QVERIFY(item->toolTip().startsWith(text(d.description) + QLatin1Char('\n')));
        QVERIFY(!item->icon().isNull());

        const std::unique_ptr<QMimeData> mime(ElementPalette::createMimeData(type));
        QCOMPARE(mime->data(ElementPalette::mimeType()), QByteArray(d.name.data(), qsizetype(d.name.size())));
        QCOMPARE(ElementPalette::typeFromMimeData(mime.get()), std::optional<ElementType>(type));
    }
    QMimeData legacy;
    legacy.setData(ElementPalette::mimeType(), "rate_limit"); // older spellings are the codec's, not a drop's
    QVERIFY(!ElementPalette::typeFromMimeData(&legacy));

    palette.setTypeAvailable(ElementType::Start, false, QStringLiteral("A route has one start."));
    QCOMPARE(palette.itemFor(ElementType::Start)->toolTip(),
             text(ElementTypes::of(ElementType::Start).description) + QStringLiteral("\nA route has one start."));
}

void TestElementTypesOnCanvas::styleFollowsTheDescriptors()
{
    for (ElementType type : {ElementType::Start, ElementType::Conditional, ElementType::Percentage, ElementType::Rate,
                             ElementType::Model, ElementType::End, ElementType::Unknown}) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        QCOMPARE(ElementTypeStyle::color(type), QColor::fromRgb(d.colour));
        QCOMPARE(ElementTypeStyle::color(type).alpha(), 255);
        QCOMPARE(ElementTypeStyle::displayName(type), text(d.displayName));
        QCOMPARE(ElementTypeStyle::description(type), text(d.description));
    }
    // The colours people have learnt stay what they were.
    QCOMPARE(ElementTypeStyle::color(ElementType::Model), QColor(0xF3, 0x80, 0x20));
    QCOMPARE(ElementTypeStyle::displayName(ElementType::Rate), QStringLiteral("Rate limit"));
    QCOMPARE(ElementTypeStyle::description(ElementType::Unknown), QString());
}

void TestElementTypesOnCanvas::quickAddOffersEveryTypeWithAnInput()
{
    std::vector<ElementType> withInput;
    for (ElementType type : kKnownElementTypes) {
        if (ElementTypes::of(type).hasInput) {
            withInput.push_back(type);
        }
    }
    for (ElementType from : {ElementType::Start, ElementType::Conditional, ElementType::Percentage, ElementType::Rate,
                             ElementType::Model, ElementType::End, ElementType::Unknown}) {
        const ElementTypeDescriptor &d = ElementTypes::of(from);
        std::vector<std::string_view> outputs(d.portNames.begin(), d.portNames.end());
        outputs.push_back("50%");
        for (std::string_view output : outputs) {
            const auto offered = QuickAddPopup::offeredTypes(true, from, output);
            // The likeliest first, as the descriptor orders them.
            const auto likely =
                d.isFallback(output) && !d.likelyNextAfterFallback.empty() ? d.likelyNextAfterFallback : d.likelyNext;
            QVERIFY(offered.size() >= likely.size());
            QVERIFY(std::equal(likely.begin(), likely.end(), offered.begin()));
            // Every type a wire can lead into, once; none it cannot.
            auto sorted = offered;
            std::sort(sorted.begin(), sorted.end());
            QVERIFY(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
            QCOMPARE(sorted, withInput);
        }
    }
    // What a model's failure usually leads to differs from what its answer does.
    QCOMPARE(QuickAddPopup::offeredTypes(true, ElementType::Model, "fallback").front(), ElementType::Model);
    QCOMPARE(QuickAddPopup::offeredTypes(true, ElementType::Model, "success").front(), ElementType::End);
}

void TestElementTypesOnCanvas::cardsShowTheDescribedPorts()
{
    for (ElementType type : kKnownElementTypes) {
        const ElementTypeDescriptor &d = ElementTypes::of(type);
        const ElementItem card(Element::make(type, "x"));
        QCOMPARE(card.hasInput(), d.hasInput);
        // Unwired fixed ports are shown all the same, in their order, so a wire can be dragged from them.
        QCOMPARE(card.ports().size(), d.portNames.size());
        for (std::size_t i = 0; i < d.portNames.size(); ++i) {
            QCOMPARE(QString::fromStdString(card.ports()[i].name), text(d.portNames[i]));
            QCOMPARE(card.ports()[i].fallback, d.ports[i].fallback);
            QVERIFY(!card.ports()[i].wired);
        }
        QCOMPARE(card.color(), QColor::fromRgb(d.colour));
    }
}

QTEST_MAIN(TestElementTypesOnCanvas)
#include "tst_elementtypesoncanvas.moc"
