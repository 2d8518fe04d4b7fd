// A route opens readable: the demo route in the main window as it first opens on a 1440x900 screen, and in the
// deploy dialog's preview, shows all its cards, each with its title and summary, at the zoom it opens with.
// ctest runs this twice: at 1x and with QT_SCALE_FACTOR=2 (a 2880x1800 screen), where what a person sees is
// the same.
#include "app/RouteDocument.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "model/RouteVersion.h"
#include "support/ApiAwait.h"
#include "support/TestWindow.h"
#include "ui/DeployDialog.h"
#include "ui/MainWindow.h"
#include "ui/RouteEditorPage.h"
#include "widgets/canvas/CanvasMetrics.h"
#include "widgets/canvas/DiffGhostItem.h"
#include "widgets/canvas/DiffMark.h"
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

#include <algorithm>
#include <cstdlib>
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
    void deployPreviewTagsRead();

private:
    // Checks what `view` shows at its present zoom: every card of the route whole in view, beside the minimap,
    // with its title and summary painted at kLegibleTextPixels logical pixels or more, and there on screen.
    static void checkReadable(RouteView *view, const QString &shotName);
    void connectClient(ApiClient &client) const;
    // The seeded support-chat route's id, through the API as the app finds it.
    void findSupportChat(ApiClient &client, QString &routeId);

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

namespace {

// Device pixels in `area` (logical viewport coordinates) of `frame` that pass `ink`.
template<typename Ink> int countInk(const QImage &frame, const QRectF &area, Ink ink)
{
    const qreal ratio = frame.devicePixelRatio();
    const QRect pixels = QRectF(area.topLeft() * ratio, area.size() * ratio).toAlignedRect().intersected(frame.rect());
    int count = 0;
    for (int y = pixels.top(); y <= pixels.bottom(); ++y) {
        for (int x = pixels.left(); x <= pixels.right(); ++x) {
            count += ink(frame.pixel(x, y)) ? 1 : 0;
        }
    }
    return count;
}

} // namespace

void TestCanvasReading::checkReadable(RouteView *view, const QString &shotName)
{
    QVERIFY(view->zoom() >= canvas::kLodOverview);
    const QImage frame = view->viewport()->grab().toImage();
    if (qEnvironmentVariable("QT_SCALE_FACTOR") == QStringLiteral("2")) {
        QCOMPARE(frame.devicePixelRatio(), 2.0);
    }
    saveShot(view->window(), shotName);
    const QRect viewRect = view->viewport()->rect();
    const QRect minimap =
        view->minimap()->isVisible() ? view->minimap()->geometry().translated(-view->viewport()->pos()) : QRect();
    const auto toView = [&](const ElementItem *item, const QRectF &area) {
        return QRectF(view->mapFromScene(item->mapRectToScene(area)).boundingRect());
    };
    QStringList problems;
    for (const Element &element : view->document()->route().elements()) {
        const ElementItem *item = view->routeScene()->elementItem(element.id);
        const QString id = QString::fromStdString(element.id);
        // The whole card in view and clear of the minimap: the route is seen at once.
        const QRect card = toView(item, item->cardRect()).toAlignedRect();
        if (!viewRect.contains(card) || card.intersects(minimap)) {
            problems << id + QStringLiteral(": not fully in view");
            continue;
        }
        // Painted at a size a person reads, in logical pixels whatever the device pixel ratio.
        const ElementItem::ShownText shown = item->shownText();
        if (shown.titlePixels < canvas::kLegibleTextPixels) {
            problems << id + QStringLiteral(": title at %1 px").arg(shown.titlePixels);
        }
        if (!element.summary().empty() && shown.summaryPixels < canvas::kLegibleTextPixels) {
            problems << id + QStringLiteral(": summary at %1 px").arg(shown.summaryPixels);
        }
        // And there on screen: light text on the header's colour, dark text on the white card.
        const int titleInk = countInk(frame, toView(item, shown.titleArea), [](QRgb p) { return qGray(p) > 225; });
        const int summaryInk = countInk(frame, toView(item, shown.summaryArea), [](QRgb p) { return qGray(p) < 170; });
        if (titleInk < 20) {
            problems << id + QStringLiteral(": no title drawn");
        }
        if (!element.summary().empty() && summaryInk < 20) {
            problems << id + QStringLiteral(": no summary drawn");
        }
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("at zoom %1: ").arg(view->zoom()) + problems.join(QStringLiteral("; "))));
}

void TestCanvasReading::demoRouteOpensReadable()
{
    TestWindow window;
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
    checkReadable(view, QStringLiteral("reading-editor"));

    // Fit to View still shows the whole route, however small.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F);
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(view->routeScene()->elementsBoundingRect()));
}

void TestCanvasReading::connectClient(ApiClient &client) const
{
    ApiClient::Options o;
    o.baseUrl = m_server->baseUrl();
    o.timeoutMs = 5000;
    client.setOptions(o);
    client.setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
}

void TestCanvasReading::findSupportChat(ApiClient &client, QString &routeId)
{
    auto routes = await<ListPage<Route>>([&](auto cb) {
        client.listRoutes(kGateway, PageQuery{1, 50, {}, {}, {}}, this, cb);
    });
    QVERIFY2(routes, qPrintable(why(routes.error)));
    for (const Route &r : routes.value->items) {
        if (r.name() == "support-chat") {
            routeId = QString::fromStdString(r.id());
        }
    }
    QVERIFY(!routeId.isEmpty());
}

void TestCanvasReading::deployPreviewOpensReadable()
{
    ApiClient client;
    connectClient(client);
    QString routeId;
    findSupportChat(client, routeId);
    if (QTest::currentTestFailed()) {
        return;
    }

    DeployDialog dialog(&client, kGateway, routeId);
    QSignalSpy shown(&dialog, &DeployDialog::diffShown);
    dialog.show();
    QVERIFY(shown.wait(10000));
    QTRY_VERIFY(!dialog.isBusy());
    // The second fit is queued for when layout has given the preview its size.
    QCoreApplication::processEvents();
    checkReadable(dialog.view(), QStringLiteral("reading-deploy"));
}

// Against an older version the preview marks changed cards with a tag and draws removed ones as ghosts: at the
// zoom it opens with, both tags ("CHANGED", "REMOVED") keep a readable height on screen, not a shrunk one.
void TestCanvasReading::deployPreviewTagsRead()
{
    ApiClient client;
    connectClient(client);
    QString routeId;
    findSupportChat(client, routeId);
    if (QTest::currentTestFailed()) {
        return;
    }
    auto versions = await<ListPage<RouteVersion>>([&](auto cb) {
        client.listVersions(kGateway, routeId, PageQuery{1, 50, {}, {}, {}}, this, cb);
    });
    QVERIFY2(versions && versions.value->items.size() >= 2, "the demo route has an older version");
    // The oldest version: the demo's first, without the rate limit (one removed, two changed against today's).
    std::string oldest = versions.value->items.front().versionId();
    std::string oldestAt = versions.value->items.front().createdAt();
    for (const RouteVersion &v : versions.value->items) {
        if (v.createdAt() < oldestAt) {
            oldest = v.versionId();
            oldestAt = v.createdAt();
        }
    }

    DeployDialog dialog(&client, kGateway, routeId);
    dialog.setInitialVersion(QString::fromStdString(oldest));
    QSignalSpy shown(&dialog, &DeployDialog::diffShown);
    dialog.show();
    QVERIFY(shown.wait(10000));
    QTRY_VERIFY(!dialog.isBusy());
    QCoreApplication::processEvents();
    RouteView *view = dialog.view();
    QVERIFY2(view->zoom() < canvas::kLodFull, "the preview opens zoomed out, where tags would shrink");

    // Count the rows of the tag's colour just above each marked card, in what the view shows.
    const QImage shot = view->viewport()->grab().toImage();
    const qreal ratio = shot.devicePixelRatio();
    const auto tagRows = [&](const QRectF &sceneCard, const QColor &color) {
        const QRect card = view->mapFromScene(sceneCard).boundingRect();
        int rows = 0;
        for (int y = std::max(0, card.top() - 40); y < card.top(); ++y) {
            for (int x = card.left() + card.width() / 2; x < card.right(); ++x) {
                const QColor c = shot.pixelColor(int(x * ratio), int(y * ratio));
                if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                        std::abs(c.blue() - color.blue()) <
                    40) {
                    ++rows;
                    break;
                }
            }
        }
        return rows;
    };
    int ghosts = 0;
    int changed = 0;
    for (QGraphicsItem *item : dialog.scene()->items()) {
        if (item->type() == DiffGhostItem::Type) {
            ++ghosts;
            const int rows = tagRows(item->mapRectToScene(QRectF(QPointF(0, 0), DiffGhostItem::size())),
                                     DiffMark::color(DiffMark::Kind::Removed));
            QVERIFY2(rows >= 12, qPrintable(QStringLiteral("REMOVED tag %1 px high").arg(rows)));
        } else if (item->type() == ElementItem::Type) {
            auto *card = static_cast<ElementItem *>(item);
            if (card->elementId() == "plan_check") {
                ++changed;
                const int rows =
                    tagRows(card->mapRectToScene(card->cardRect()), DiffMark::color(DiffMark::Kind::Changed));
                QVERIFY2(rows >= 12, qPrintable(QStringLiteral("CHANGED tag %1 px high").arg(rows)));
            }
        }
    }
    QCOMPARE(ghosts, 1);
    QCOMPARE(changed, 1);
    saveShot(&dialog, QStringLiteral("reading-deploy-tags"));
}

QTEST_MAIN(TestCanvasReading)
#include "tst_canvasreading.moc"
