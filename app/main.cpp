// The composition root: the one file allowed to see every layer.
#include "app/AppInfo.h"
#include "app/LocalSandbox.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

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

    // No account set up yet: work against the built-in sandbox, which speaks the same API.
    rd::LocalSandbox sandbox;
    QString error;
    if (sandbox.start(&error)) {
        window.useConnection(sandbox.client(), QObject::tr("Local sandbox"));
    } else {
        qWarning("The local sandbox could not start: %s", qPrintable(error));
    }
    for (const QString &path : parser.positionalArguments()) {
        window.openRouteFile(path);
    }
    return QApplication::exec();
}
