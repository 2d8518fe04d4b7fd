// The composition root: the one file allowed to see every layer.
#include "app/AppInfo.h"
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
    for (const QString &path : parser.positionalArguments()) {
        window.openRouteFile(path);
    }
    return QApplication::exec();
}
