#include "app/RouteDocument.h"
#include "app/Translations.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>
#include <QUndoStack>

using namespace rd;

namespace {

QString translate(const char *context, const char *text, int n)
{
    return QCoreApplication::translate(context, text, nullptr, n);
}

} // namespace

// Messages that count things are written once, tr("%n element(s)", nullptr, n), and get their English forms from
// the built-in English translation.
class TestPlurals : public QObject
{
    Q_OBJECT

private slots:
    // Without the translation Qt shows the source as it is: this is what the translation is for.
    void withoutTheTranslationTheMarkerShows()
    {
        QCOMPARE(translate("rd::RouteDocument", "%n element(s)", 2), QStringLiteral("2 element(s)"));
    }

    void installingIsOnceAndStays()
    {
        QVERIFY(Translations::install());
        QVERIFY(Translations::install());
        QCOMPARE(
            QCoreApplication::instance()->findChildren<QTranslator *>(QString(), Qt::FindDirectChildrenOnly).size(), 1);
    }

    void englishFormsFollowTheCount()
    {
        QCOMPARE(translate("rd::RouteDocument", "%n element(s)", 1), QStringLiteral("1 element"));
        QCOMPARE(translate("rd::RouteDocument", "%n element(s)", 2), QStringLiteral("2 elements"));
        QCOMPARE(translate("rd::RouteDocument", "%n element(s)", 0), QStringLiteral("0 elements"));
        QCOMPARE(translate("rd::OpenErrorsDialog", "%n file(s) could not be opened as route(s).", 1),
                 QStringLiteral("1 file could not be opened as a route."));
        QCOMPARE(translate("rd::OpenErrorsDialog", "%n file(s) could not be opened as route(s).", 4),
                 QStringLiteral("4 files could not be opened as routes."));
        QCOMPARE(translate("rd::PercentagePage", "Cloudflare accepts at most %n branch(es).", 10),
                 QStringLiteral("Cloudflare accepts at most 10 branches."));
    }

    // The real messages, as the undo menu shows them.
    void undoTextsCount()
    {
        RouteDocument doc;
        const std::string a = doc.addElement(ElementType::Start, QPointF(0, 0), std::nullopt);
        const std::string b = doc.addElement(ElementType::End, QPointF(200, 0), std::nullopt);
        const std::string c = doc.addElement(ElementType::End, QPointF(400, 0), std::nullopt);
        doc.connectOutput(a, "next", b);
        doc.removeSelection({b, c}, {});
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Delete 2 elements"));
        doc.undoStack()->undo();
        doc.removeSelection({c}, {{a, "next"}});
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Delete '%1' and 1 wire").arg(QString::fromStdString(c)));
    }
};

QTEST_GUILESS_MAIN(TestPlurals)
#include "tst_plurals.moc"
