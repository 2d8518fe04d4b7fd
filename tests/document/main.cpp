#include "app/Translations.h"

#include <QCoreApplication>

#include <gtest/gtest.h>

// Drafts use timers and QObject signals: the tests need an application object and an event loop to spin.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("route-designer-tests"));
    // The English plural forms of undo texts ("Delete 2 elements"), as main() installs them.
    rd::Translations::install();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
