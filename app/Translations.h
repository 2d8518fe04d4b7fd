#pragma once

namespace rd {

// The translations built into the app. Messages that count things are written once, with Qt's plural marker:
// tr("%n error(s)", nullptr, n). Qt alone would show that as "1 error(s)"; the English translation
// (resources/translations/route-designer_en.ts) gives the English forms, "1 error" and "2 errors", as any other
// language's translation gives its own. So the English one is always loaded, whatever the locale, and a
// translation for the user's language, once there is one, goes on top of it.
class Translations
{
public:
    // Installs the built-in translations into the running QCoreApplication; once is enough, a second call does
    // nothing. False when there is no application yet or the English plurals are missing from the build.
    static bool install();
    // Where the English plural forms live among the resources.
    static const char *englishPluralsPath();
};

} // namespace rd
