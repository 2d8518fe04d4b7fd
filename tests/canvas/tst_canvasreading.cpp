// A route opens readable: the demo route in the main window as it first opens on a 1440x900 screen, and in the
// deploy dialog's preview, shows its cards' titles and summaries at the zoom it opens with. ctest runs this
// twice: at 1x and with QT_SCALE_FACTOR=2 (a 2880x1800 screen), where what a person sees is the same.
#include "app/RouteDocument.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "ui/DeployDialog.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteMinimap.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-reading-71c2";
const QString kAccount = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");
const QString kGateway = QStringLiteral("demo-gateway");

// What MainWindow::readSettings gives a first start on a 1440x900 screen (logical pixels, at any scale).
constexpr QSize kFirstWindow(1296, 810);

void saveShot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }
}

} // namespace

class TestCanvasReading : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demoRouteOpensReadable();
    void deployPreviewOpensReadable();

private:
    // Checks what `view` shows at its present zoom: text at least 9 logical pixels, the level of detail that
    // draws it, and on screen the start card plus `minCards` cards in all, each with its summary line painted.
    static void checkReadable(RouteView *view, int minCards, const QString &shotName);

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
};

void TestCanvasReading::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("Route Designer Tests"));
    // The 1x and 2x runs may go in parallel: each keeps its own settings, starting from none.
    const bool doubled = qEnvironmentVariable("QT_SCALE_FACTOR") == QStringLiteral("2");
    QCoreApplication::setApplicationName(doubled ? QStringLiteral("tst_canvasreading_2x")
                                                 : QStringLiteral("tst_canvasreading"));
    QSettings().clear();
    if (doubled) {
        QCOMPARE(qApp->devicePixelRatio(), 2.0);
    }
    QVERIFY(m_dir.isValid());
    SandboxServer::Options options;
    options.databasePath = m_dir.filePath(QStringLiteral("sandbox.sqlite"));
    options.token = kToken;
    m_server = std::make_unique<SandboxServer>(options);
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
}

void TestCanvasReading::checkReadable(RouteView *view, int minCards, const QString &shotName)
{
    // The smallest text on a card is the summary line and the port labels: 11 px at zoom 1.
    const qreal shownPixels = view->zoom() * 11;
    QVERIFY2(shownPixels >= 9.0,
             qPrintable(QStringLiteral("card text %1 px at zoom %2").arg(shownPixels).arg(view->zoom())));
    QVERIFY(view->zoom() >= canvas::kLodText);
    QVERIFY(view->zoom() >= canvas::kLodOverview);

    const QImage frame = view->viewport()->grab().toImage();
    const qreal ratio = frame.devicePixelRatio();
    if (qEnvironmentVariable("QT_SCALE_FACTOR") == QStringLiteral("2")) {
        QCOMPARE(ratio, 2.0);
    }
    saveShot(view->window(), shotName);
    const QRect viewRect = view->viewport()->rect();
    const QRect minimap =
        view->minimap()->isVisible() ? view->minimap()->geometry().translated(-view->viewport()->pos()) : QRect();
    int readable = 0;
    bool startShown = false;
    QStringList blank;
    for (const Element &element : view->document()->route().elements()) {
        const ElementItem *item = view->routeScene()->elementItem(element.id);
        const QRect card = view->mapFromScene(item->sceneBoundingRect()).boundingRect();
        if (!viewRect.contains(card) || card.intersects(minimap) || element.summary().empty()) {
            if (element.type == ElementType::Start && viewRect.contains(card)) {
                startShown = true;
            }
            continue;
        }
        startShown = startShown || element.type == ElementType::Start;
        // The summary line, below the header: dark text on the white card, counted in device pixels.
        const QRectF line = item->mapRectToScene(QRectF(12, canvas::kHeaderHeight + 4, canvas::kNodeWidth - 24, 16));
        const QRect pixels = QRectF(QRectF(view->mapFromScene(line).boundingRect()).topLeft() * ratio,
                                    QRectF(view->mapFromScene(line).boundingRect()).size() * ratio)
                                 .toRect()
                                 .intersected(frame.rect());
        int ink = 0;
        for (int y = pixels.top(); y <= pixels.bottom(); ++y) {
            for (int x = pixels.left(); x <= pixels.right(); ++x) {
                ink += qGray(frame.pixel(x, y)) < 170 ? 1 : 0;
            }
        }
        if (ink >= 20) {
            ++readable;
        } else {
            blank << QString::fromStdString(element.id);
        }
    }
    QVERIFY(startShown);
    QVERIFY2(blank.isEmpty(), qPrintable(QStringLiteral("no summary drawn on ") + blank.join(QStringLiteral(", "))));
    QVERIFY2(readable >= minCards, qPrintable(QStringLiteral("%1 readable cards").arg(readable)));
}

void TestCanvasReading::demoRouteOpensReadable()
{
    MainWindow window;
    window.resize(kFirstWindow);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openRouteFile(QStringLiteral(RD_DEMO_ROUTE)));
    RouteEditorPage *page = window.currentEditor();
    QVERIFY(page);
    RouteView *view = page->view();
    // The page fits once it is shown at its real size (the demo route never fits at 100% in this window).
    QSignalSpy fitted(view, &RouteView::zoomChanged);
    QTRY_VERIFY(fitted.count() > 0 || view->zoom() != 1.0);
    QCoreApplication::processEvents();
    checkReadable(view, 2, QStringLiteral("reading-editor"));

    // Fit to View still shows the whole route, however small.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F);
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(view->routeScene()->elementsBoundingRect()));
}

void TestCanvasReading::deployPreviewOpensReadable()
{
    ApiClient client;
    ApiClient::Options o;
    o.baseUrl = m_server->baseUrl();
    o.timeoutMs = 5000;
    client.setOptions(o);
    client.setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
    auto routes = await<ListPage<Route>>([&](auto cb) {
        client.listRoutes(kGateway, PageQuery{1, 50, {}, {}, {}}, this, cb);
    });
    QVERIFY2(routes, qPrintable(why(routes.error)));
    QString routeId;
    for (const Route &r : routes.value->items) {
        if (r.name() == "support-chat") {
            routeId = QString::fromStdString(r.id());
        }
    }
    QVERIFY(!routeId.isEmpty());

    DeployDialog dialog(&client, kGateway, routeId);
    QSignalSpy shown(&dialog, &DeployDialog::diffShown);
    dialog.show();
    QVERIFY(shown.wait(10000));
    QTRY_VERIFY(!dialog.isBusy());
    // The second fit is queued for when layout has given the preview its size.
    QCoreApplication::processEvents();
    checkReadable(dialog.view(), 2, QStringLiteral("reading-deploy"));
}

QTEST_MAIN(TestCanvasReading)
#include "tst_canvasreading.moc"
