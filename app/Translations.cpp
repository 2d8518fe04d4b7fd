#include "app/Translations.h"

#include <QCoreApplication>
#include <QString>
#include <QTranslator>

namespace rd {

namespace {

constexpr char kTranslatorName[] = "rd-english-plurals";

} // namespace

const char *Translations::englishPluralsPath()
{
    return ":/i18n/route-designer_en.qm";
}

bool Translations::install()
{
    QCoreApplication *app = QCoreApplication::instance();
    if (app == nullptr) {
        return false;
    }
    if (app->findChild<QTranslator *>(QLatin1String(kTranslatorName), Qt::FindDirectChildrenOnly) != nullptr) {
        return true;
    }
    // Owned by the application, so it lives exactly as long as the translations are asked for.
    auto *english = new QTranslator(app);
    english->setObjectName(QLatin1String(kTranslatorName));
    if (!english->load(QString::fromLatin1(englishPluralsPath())) || !QCoreApplication::installTranslator(english)) {
        delete english;
        return false;
    }
    return true;
}

} // namespace rd
