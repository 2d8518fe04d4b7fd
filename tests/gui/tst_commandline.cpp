// `route-designer --help` and `--version` answer on the terminal even where there is no display at all (a CI job,
// an ssh session): the built binary is run with an environment that names no display and no Qt platform.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void answersWithoutADisplay_data();
    void answersWithoutADisplay();

private:
    static QProcessEnvironment withoutDisplay();
};

QProcessEnvironment TestCommandLine::withoutDisplay()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_SOCKET"}) {
        environment.remove(QString::fromLatin1(name));
    }
    return environment;
}

void TestCommandLine::answersWithoutADisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--help") << QStringLiteral("--help") << QStringLiteral("Usage:");
    QTest::newRow("-h") << QStringLiteral("-h") << QStringLiteral("[files...]");
    QTest::newRow("--version") << QStringLiteral("--version") << QStringLiteral(RD_VERSION_TEXT);
    QTest::newRow("-v") << QStringLiteral("-v") << QStringLiteral("Route Designer");
}

void TestCommandLine::answersWithoutADisplay()
{
    QFETCH(QString, option);
    QFETCH(QString, expected);
    QProcess app;
    app.setProcessEnvironment(withoutDisplay());
    app.start(QStringLiteral(RD_APP_BINARY), {option});
    QVERIFY2(app.waitForStarted(10000), qPrintable(app.errorString()));
    QVERIFY2(app.waitForFinished(30000), "the app did not exit");
    const QString out = QString::fromLocal8Bit(app.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(app.readAllStandardError());
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QVERIFY2(app.exitCode() == 0, qPrintable(QStringLiteral("exit %1: %2").arg(app.exitCode()).arg(err)));
    QVERIFY2(out.contains(expected), qPrintable(out + err));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
