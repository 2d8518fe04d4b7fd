#include "app/SettingsSchema.h"

#include "app/SchemaVersion.h"

#include <QSettings>

namespace rd {

std::vector<SettingsSchema::Step> SettingsSchema::steps()
{
    // Version 1 is the only layout so far; the step to version 2 goes here.
    return {};
}

QString SettingsSchema::versionKey()
{
    return QStringLiteral("schema/version");
}

SettingsSchema::SettingsSchema() : m_steps(steps())
{}

SettingsSchema::SettingsSchema(std::vector<Step> steps) : m_steps(std::move(steps))
{}

SettingsSchema::Result SettingsSchema::migrate(QSettings &settings) const
{
    Result result;
    const QVariant stored = settings.value(versionKey());
    bool readable = true;
    if (stored.isValid()) {
        result.found = stored.toInt(&readable);
    } else {
        // No settings at all (a first start) are at this version; settings without one predate versions.
        result.found = settings.allKeys().isEmpty() ? version() : SchemaVersion::kUnversioned;
    }
    if (!readable || result.found < 1 || result.found > version()) {
        result.outcome = Outcome::Newer;
        const QString why =
            readable && result.found > version()
                ? tr("Route Designer’s settings (%1) were written by a newer version of the app (settings version "
                     "%2; this one reads up to %3).")
                      .arg(settings.fileName())
                      .arg(result.found)
                      .arg(version())
                : tr("Route Designer’s settings (%1) have a version this one does not know: “%2”.")
                      .arg(settings.fileName(), stored.toString());
        result.message = why + QLatin1Char(' ') +
                         tr("They are left as they are: this session starts from a copy, and what changes in it "
                            "(windows, open tabs, recent routes, connections) is not kept.");
        return result;
    }
    for (int from = result.found; from < version(); ++from) {
        m_steps[static_cast<std::size_t>(from - 1)](settings);
    }
    result.outcome = result.found < version() ? Outcome::Upgraded : Outcome::Current;
    settings.setValue(versionKey(), version());
    settings.sync();
    return result;
}

bool SettingsSchema::useCopyIn(const QSettings &settings, const QString &directory)
{
    // QSettings() uses the default format, and an explicit path for it: an INI file in `directory` on every
    // platform, whatever the original was stored in.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, directory);
    QSettings copy;
    copy.clear();
    const QStringList keys = settings.allKeys();
    for (const QString &key : keys) {
        copy.setValue(key, settings.value(key));
    }
    copy.sync();
    return copy.status() == QSettings::NoError;
}

} // namespace rd
