// The composition root: the one file allowed to see every layer.
#include "app/AppInfo.h"
#include "app/ConnectionStore.h"
#include "app/SecretStore.h"
#include "app/LocalSandbox.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(rd::AppInfo::name());
    QApplication::setApplicationDisplayName(rd::AppInfo::name());
    QApplication::setOrganizationName(rd::AppInfo::organization());
    QApplication::setApplicationVersion(rd::AppInfo::version());
    QApplication::setDesktopFileName(rd::AppInfo::desktopFileName());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/route-designer.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(rd::AppInfo::tagline());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Route files to open."),
                                 QStringLiteral("[files...]"));
    parser.process(app);

    rd::MainWindow window;
    window.show();
    window.offerDraftRestore();

    // The built-in sandbox speaks the same API: the connection used until an account is set up, and always
    // one choice away in File > Connection.
    rd::LocalSandbox sandbox;
    QString error;
    if (!sandbox.start(&error)) {
        qWarning("The local sandbox could not start: %s", qPrintable(error));
    }
    QSettings settings;
    rd::SecretStore secrets;
    rd::ConnectionStore connections(&settings, &secrets);
    window.restoreOpenTabs();
    window.setConnections(sandbox.isRunning() ? sandbox.client() : nullptr, &connections);
    for (const QString &path : parser.positionalArguments()) {
        window.openRouteFile(path);
    }
    return QApplication::exec();
}
