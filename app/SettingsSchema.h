#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <vector>

class QSettings;

namespace rd {

// The layout of the settings (which QSettings keys exist and what their values mean) has a version, kept under
// versionKey(), and this is where settings written by an older Route Designer are brought up to date.
//
// Version 1 is the layout from before the version was kept: mainWindow/{geometry,state,lastDirectory},
// routeEditor/bottomPanelHeight, session/lastGateway, session/openTabs and session/recent as delimited strings,
// connections/{list,current}. Settings without the key are version 1.
//
// To change the layout (say, open tabs and recent routes as structured data): append a step to steps() in
// SettingsSchema.cpp that rewrites version N into N+1. The version is then steps().size() + 1. main() runs
// migrate() before anything reads the settings; a newer app's settings are left untouched.
class SettingsSchema
{
    Q_DECLARE_TR_FUNCTIONS(rd::SettingsSchema)

public:
    // Rewrites the settings of one version into the next.
    using Step = std::function<void(QSettings &)>;

    enum class Outcome {
        Current,  // at this version already, or empty (a first start): the version is written
        Upgraded, // older: every step from its version on ran, then the version was written
        Newer,    // written by a newer Route Designer (or with a version this one cannot read): untouched
    };
    struct Result
    {
        Outcome outcome = Outcome::Current;
        int found = 0;   // the version the settings had (1 when they had none)
        QString message; // for a person, when the outcome is Newer
    };

    static QString versionKey(); // "schema/version"

    SettingsSchema();                                 // this build's steps
    explicit SettingsSchema(std::vector<Step> steps); // steps[i] turns version i + 1 into i + 2

    int version() const { return static_cast<int>(m_steps.size()) + 1; }
    Result migrate(QSettings &settings) const;

    // From here on, QSettings() in this process reads and writes a copy of `settings` in `directory`: a session
    // can then use settings a newer Route Designer wrote without writing over them. False when the copy could
    // not be written.
    static bool useCopyIn(const QSettings &settings, const QString &directory);

private:
    static std::vector<Step> steps();

    std::vector<Step> m_steps;
};

} // namespace rd
