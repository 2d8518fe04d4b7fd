// The composition root: the one file allowed to see every layer. It builds the services and hands them to the
// window, which composes them.
#include "app/AppInfo.h"
#include "app/AppServices.h"
#include "app/ConnectionManager.h"
#include "app/ConnectionStore.h"
#include "app/DraftStore.h"
#include "app/SecretStore.h"
#include "app/SessionStore.h"
#include "app/SettingsSchema.h"
#include "app/Translations.h"
#include "ui/MainWindow.h"
#include "ui/shell/LocalSandbox.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>
#include <optional>

namespace {

void describeCommandLine(QCommandLineParser &parser)
{
    parser.setApplicationDescription(rd::AppInfo::tagline());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Route files to open."),
                                 QStringLiteral("[files...]"));
}

// --help and --version are answered on the terminal before any window exists: a QApplication aborts where
// there is no display (a CI job, an ssh session), and printing text needs none. Anything else, including
// Qt's own options such as -platform, is left to the GUI's parser.
void answerTextOnlyOptions(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    QCommandLineParser parser;
    describeCommandLine(parser);
    parser.parse(arguments);
    const QStringList given = parser.optionNames();
    const bool textOnly = std::any_of(given.begin(), given.end(), [](const QString &name) {
        return name == QLatin1String("h") || name == QLatin1String("help") || name == QLatin1String("help-all") ||
               name == QLatin1String("?") || name == QLatin1String("v") || name == QLatin1String("version");
    });
    if (!textOnly) {
        return;
    }
    QCoreApplication app(argc, argv);
    QCommandLineParser printer;
    describeCommandLine(printer);
    printer.process(app); // prints the help or the version and exits
}

} // namespace

int main(int argc, char *argv[])
{
    // Set before any application object: both the text-only answer and the GUI use them.
    QCoreApplication::setApplicationName(rd::AppInfo::name());
    QCoreApplication::setOrganizationName(rd::AppInfo::organization());
    QCoreApplication::setApplicationVersion(rd::AppInfo::version());
    answerTextOnlyOptions(argc, argv);

    QApplication app(argc, argv);
    rd::Translations::install(); // the English plural forms, whatever the locale
    QApplication::setApplicationDisplayName(rd::AppInfo::name());
    QApplication::setDesktopFileName(rd::AppInfo::desktopFileName());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/route-designer.svg")));

    QCommandLineParser parser;
    describeCommandLine(parser);
    parser.process(app);

    // Before anything reads the settings: older ones are brought up to date; a newer app's are left alone and
    // this session works on a copy that lives as long as it does.
    std::optional<QTemporaryDir> settingsCopy;
    {
        QSettings stored;
        const rd::SettingsSchema::Result schema = rd::SettingsSchema().migrate(stored);
        if (schema.outcome == rd::SettingsSchema::Outcome::Newer) {
            settingsCopy.emplace();
            if (!settingsCopy->isValid() || !rd::SettingsSchema::useCopyIn(stored, settingsCopy->path())) {
                QMessageBox::critical(nullptr, rd::AppInfo::name(),
                                      schema.message + QStringLiteral("\n\n") +
                                          QCoreApplication::translate("main", "The copy cannot be made, so "
                                                                              "Route Designer stops here."));
                return 1;
            }
            QMessageBox::warning(nullptr, rd::AppInfo::name(), schema.message);
        }
    }

    // Built before the window and destroyed after it: the window only uses them.
    QSettings settings;
    rd::SecretStore secrets;
    rd::ConnectionStore connections(&settings, &secrets);
    rd::ConnectionManager connectionManager;
    rd::DraftStore drafts;
    rd::SessionStore session;
    rd::LocalSandbox sandbox;

    rd::MainWindow window(rd::AppServices{&connectionManager, &drafts, &session});
    window.show();
    window.offerDraftRestore();

    // The built-in sandbox speaks the same API: the connection used until an account is set up, and always
    // one choice away in File > Connection. Started once the window shows, so that it appears at once.
    QString error;
    if (!sandbox.start(&error)) {
        qWarning("The local sandbox could not start: %s", qPrintable(error));
    }
    window.restoreOpenTabs();
    connectionManager.setSandboxGatewayToken(sandbox.isRunning() ? sandbox.token() : QString());
    connectionManager.setSources(sandbox.isRunning() ? sandbox.client() : nullptr, &connections);
    // After the restored tabs: the files asked for now are what the user wants in front. Routes restored
    // from the server arrive later and open behind them (see MainWindow::restoreOpenTabs).
    window.openRouteFiles(parser.positionalArguments());
    return QApplication::exec();
}
