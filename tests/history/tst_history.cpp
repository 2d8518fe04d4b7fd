#include "app/RouteDocument.h"
#include "app/api/ApiClient.h"
#include "app/sandbox/SandboxServer.h"
#include "support/ApiAwait.h"
#include "ui/DeployDialog.h"
#include "ui/RouteHistoryPanel.h"
#include "widgets/canvas/DiffGhostItem.h"
#include "widgets/canvas/DiffHaloItem.h"
#include "widgets/canvas/ElementItem.h"
#include "widgets/canvas/RouteScene.h"
#include "widgets/canvas/RouteView.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QEventLoop>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <map>
#include <memory>

using namespace rd;
using rd::test::await;
using rd::test::why;

namespace {

const QByteArray kToken = "sandbox-token-history-5e1f";
const QString kAccount = QStringLiteral("0d37909e38d3e99c29fa2cd343ac421a");
const QString kGateway = QStringLiteral("demo-gateway");

Route simpleRoute(const std::string &name)
{
    Route r;
    r.setName(name);
    r.addElement(Element::make(ElementType::Start, "start"));
    Element m = Element::make(ElementType::Model, "gpt");
    m.model.provider = "openai";
    m.model.model = "gpt-4o-mini";
    m.model.timeout = Number::fromInteger(20000);
    m.model.retries = Number::fromInteger(1);
    r.addElement(m);
    r.addElement(Element::make(ElementType::End, "end"));
    r.connect("start", "next", "gpt");
    r.connect("gpt", "success", "end");
    r.connect("gpt", "fallback", "end");
    return r;
}

// The version with a changed `gpt` and an added `backup`: exactly two marks.
Route changedRoute(const std::string &name)
{
    Route r = simpleRoute(name);
    Element gpt = *r.find("gpt");
    gpt.model.timeout = Number::fromInteger(45000);
    r.replaceElement(gpt);
    Element backup = Element::make(ElementType::Model, "backup");
    backup.model.provider = "anthropic";
    backup.model.model = "claude-3-5-haiku-latest";
    r.addElement(backup);
    // The server wants every model wired; wiring `gpt` to it is part of `gpt`'s change.
    r.connect("gpt", "fallback", "backup");
    r.connect("backup", "success", "end");
    r.connect("backup", "fallback", "end");
    return r;
}

void saveShot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RD_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        return;
    }
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x20, 0x22, 0x27));
    p.setColor(QPalette::WindowText, QColor(0xE6, 0xE8, 0xEB));
    p.setColor(QPalette::Base, QColor(0x17, 0x19, 0x1D));
    p.setColor(QPalette::AlternateBase, QColor(0x24, 0x27, 0x2D));
    p.setColor(QPalette::Text, QColor(0xE6, 0xE8, 0xEB));
    p.setColor(QPalette::Button, QColor(0x2B, 0x2E, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xE6, 0xE8, 0xEB));
    p.setColor(QPalette::Highlight, QColor(0x3B, 0x82, 0xF6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, QColor(0x44, 0x48, 0x50));
    return p;
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<ApiClient> m_client;

    std::unique_ptr<ApiClient> makeClient()
    {
        auto client = std::make_unique<ApiClient>();
        ApiClient::Options o;
        o.baseUrl = m_server->baseUrl();
        o.timeoutMs = 5000;
        o.backoffInitialMs = 20;
        o.backoffMaxMs = 100;
        client->setOptions(o);
        client->setCredentials(ApiCredentials::apiToken(kAccount, QString::fromLatin1(kToken)));
        return client;
    }

    // A fresh route on the server: its id and the id of its first (deployed) version.
    QString createRoute(const std::string &name)
    {
        auto created = await<Route>([&](auto cb) { m_client->createRoute(kGateway, simpleRoute(name), this, cb); });
        if (!created) {
            qWarning() << "create route failed:" << why(created.error);
            return {};
        }
        return QString::fromStdString(created.value->id());
    }

    std::vector<RouteVersion> versions(const QString &routeId)
    {
        auto list = await<ListPage<RouteVersion>>([&](auto cb) {
            m_client->listVersions(kGateway, routeId,
                                   PageQuery{1, 50, {}, QStringLiteral("created_at"), QStringLiteral("desc")}, this,
                                   cb);
        });
        return list ? list.value->items : std::vector<RouteVersion>{};
    }

    std::vector<RouteDeployment> deployments(const QString &routeId)
    {
        auto list = await<ListPage<RouteDeployment>>([&](auto cb) {
            m_client->listDeployments(kGateway, routeId,
                                      PageQuery{1, 50, {}, QStringLiteral("created_at"), QStringLiteral("desc")}, this,
                                      cb);
        });
        return list ? list.value->items : std::vector<RouteDeployment>{};
    }

    // Adds a version and returns its id (the API does not: it is the newest in the list).
    QString createVersion(const QString &routeId, const Route &route)
    {
        auto created = await<Route>([&](auto cb) { m_client->createVersion(kGateway, routeId, route, this, cb); });
        if (!created) {
            qWarning() << "create version failed:" << why(created.error);
            return {};
        }
        const auto list = versions(routeId);
        return list.empty() ? QString() : QString::fromStdString(list.front().versionId());
    }

    static std::map<std::string, DiffMark::Kind> halos(RouteScene *scene)
    {
        std::map<std::string, DiffMark::Kind> out;
        for (QGraphicsItem *item : scene->items()) {
            if (item->type() == DiffHaloItem::Type) {
                auto *card = static_cast<ElementItem *>(item->parentItem());
                out.emplace(card->elementId(), static_cast<DiffHaloItem *>(item)->kind());
            }
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        SandboxServer::Options options;
        options.databasePath = m_dir.filePath(QStringLiteral("sandbox.sqlite"));
        options.token = kToken;
        m_server = std::make_unique<SandboxServer>(options);
        QString error;
        QVERIFY2(m_server->start(0, &error), qPrintable(error));
    }

    void init()
    {
        m_server->clearFaults();
        m_client = makeClient();
    }

    void cleanup() { m_client.reset(); }

    void historyListsDemoRoute()
    {
        auto routes = await<ListPage<Route>>([&](auto cb) {
            m_client->listRoutes(kGateway, PageQuery{1, 50, {}, {}, {}}, this, cb);
        });
        QVERIFY2(routes, qPrintable(why(routes.error)));
        QString routeId;
        for (const Route &r : routes.value->items) {
            if (r.name() == "support-chat") {
                routeId = QString::fromStdString(r.id());
            }
        }
        QVERIFY(!routeId.isEmpty());

        RouteHistoryPanel panel(m_client.get(), kGateway, routeId);
        panel.resize(520, 560);
        panel.show();
        QSignalSpy refreshed(&panel, &RouteHistoryPanel::refreshed);
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(panel.versions().size(), std::size_t(2));
        QVERIFY(!panel.deployments().empty());
        // The seeded route deployed its newer version last.
        QCOMPARE(panel.deployedVersionId(), panel.latestVersionId());
        QCOMPARE(panel.versionList()->topLevelItemCount(), 2);
        QTreeWidgetItem *newest = panel.versionList()->topLevelItem(0);
        QVERIFY(newest->text(2).contains(QStringLiteral("Active")));
        QCOMPARE(newest->data(0, Qt::UserRole).toString(), panel.latestVersionId());
        QCOMPARE(newest->text(0).size(), 8);
        QVERIFY(newest->toolTip(0).contains(panel.latestVersionId()));
        QVERIFY(!panel.versionList()->topLevelItem(1)->text(2).contains(QStringLiteral("Active")));
        QCOMPARE(panel.deploymentList()->topLevelItemCount(), int(panel.deployments().size()));
        QVERIFY(panel.errorText().isEmpty());

        // Open read-only hands over the version's graph.
        panel.selectVersion(panel.versions().back().versionId().c_str());
        QSignalSpy opened(&panel, &RouteHistoryPanel::openVersionRequested);
        panel.openSelectedReadOnly();
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.at(0).at(1).toString(), QString::fromStdString(panel.versions().back().versionId()));
        QVERIFY(!opened.at(0).at(0).value<Route>().empty());
        saveShot(&panel, QStringLiteral("history-panel"));
    }

    // Refreshes overlap (Refresh pressed while one is out, a save's check refreshing meanwhile): the newest one
    // is what the lists show, once, and an older one can neither overwrite it nor, failing, cancel it.
    void overlappingRefreshesShowTheNewestOnce()
    {
        const QString routeId = createRoute("history-overlap");
        QVERIFY(!routeId.isEmpty());
        RouteHistoryPanel panel(m_client.get(), kGateway, routeId);
        panel.show();
        QSignalSpy refreshed(&panel, &RouteHistoryPanel::refreshed);
        QVERIFY(refreshed.wait(10000));
        refreshed.clear();
        panel.refresh();
        panel.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 10000);
        QTest::qWait(100);
        QCOMPARE(refreshed.count(), 1);
        QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));
    }

    void refreshShowsNewVersion()
    {
        const QString routeId = createRoute("history-refresh");
        QVERIFY(!routeId.isEmpty());
        RouteHistoryPanel panel(m_client.get(), kGateway, routeId);
        QSignalSpy refreshed(&panel, &RouteHistoryPanel::refreshed);
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(panel.versions().size(), std::size_t(1));

        const QString added = createVersion(routeId, changedRoute("history-refresh"));
        QVERIFY(!added.isEmpty());
        panel.refresh();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(panel.versions().size(), std::size_t(2));
        QCOMPARE(panel.latestVersionId(), added);
        QVERIFY(panel.deployedVersionId() != added);
        QVERIFY(panel.versionList()->topLevelItem(0)->text(2).contains(QStringLiteral("Newest")));

        // Restore hands the version over for the editor.
        panel.selectVersion(added);
        QSignalSpy restored(&panel, &RouteHistoryPanel::restoreVersionRequested);
        panel.restoreSelected();
        QVERIFY(restored.wait(10000));
        QVERIFY(restored.at(0).at(0).value<Route>().contains("backup"));
    }

    void deployDialogMarksAndDeploys()
    {
        const QString routeId = createRoute("history-deploy");
        const QString target = createVersion(routeId, changedRoute("history-deploy"));
        QVERIFY(!target.isEmpty());

        DeployDialog dialog(m_client.get(), kGateway, routeId);
        dialog.setInitialVersion(target);
        QSignalSpy shown(&dialog, &DeployDialog::diffShown);
        dialog.show();
        QVERIFY(shown.wait(10000));
        QTRY_VERIFY(!dialog.isBusy());
        QCOMPARE(dialog.selectedVersionId(), target);
        QVERIFY(dialog.diff().has_value());

        const auto marks = halos(dialog.scene());
        const std::map<std::string, DiffMark::Kind> expected{{"gpt", DiffMark::Kind::Changed},
                                                             {"backup", DiffMark::Kind::Added}};
        QCOMPARE(marks.size(), expected.size());
        QVERIFY(marks == expected);
        for (QGraphicsItem *item : dialog.scene()->items()) {
            QVERIFY(item->type() != DiffGhostItem::Type);
        }
        QVERIFY(dialog.view()->isReadOnly());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("diffSummary"))
                    ->text()
                    .contains(QStringLiteral("1 changed, 1 added, 0 removed")));
        const QString text = dialog.diffText();
        QVERIFY2(text.contains(QStringLiteral("+        \"timeout\": 45000")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("-        \"timeout\": 20000")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("+      \"id\": \"backup\"")));
        QVERIFY(dialog.deployButton()->isEnabled());
        saveShot(&dialog, QStringLiteral("deploy-dialog"));
        dialog.setPalette(darkPalette());
        QCoreApplication::processEvents();
        saveShot(&dialog, QStringLiteral("deploy-dialog-dark"));
        dialog.setPalette(QPalette());

        QSignalSpy deployed(&dialog, &DeployDialog::deployed);
        QTest::mouseClick(dialog.deployButton(), Qt::LeftButton);
        QVERIFY(deployed.wait(10000));
        QCOMPARE(deployed.at(0).at(0).toString(), target);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const auto list = deployments(routeId);
        QVERIFY(!list.empty());
        QCOMPARE(QString::fromStdString(list.front().versionId()), target);
    }

    void warnsWhenRouteChangedOnServer()
    {
        const QString routeId = createRoute("history-race");
        const QString mine = createVersion(routeId, changedRoute("history-race"));
        Route theirs = changedRoute("history-race");
        theirs.setName("history-race");
        Element gpt = *theirs.find("gpt");
        gpt.model.retries = Number::fromInteger(3);
        theirs.replaceElement(gpt);

        DeployDialog dialog(m_client.get(), kGateway, routeId);
        dialog.setInitialVersion(mine);
        QSignalSpy shown(&dialog, &DeployDialog::diffShown);
        dialog.show();
        QVERIFY(shown.wait(10000));
        QTRY_VERIFY(!dialog.isBusy());

        // Someone else adds a version and deploys it while the dialog is open.
        auto other = makeClient();
        const QString theirsId = createVersion(routeId, theirs);
        auto done = await<Route>([&](auto cb) { other->createDeployment(kGateway, routeId, theirsId, this, cb); });
        QVERIFY2(done, qPrintable(why(done.error)));

        QSignalSpy changed(&dialog, &DeployDialog::serverChangeDetected);
        QSignalSpy deployed(&dialog, &DeployDialog::deployed);
        QTest::mouseClick(dialog.deployButton(), Qt::LeftButton);
        QVERIFY(changed.wait(10000));
        QVERIFY(dialog.isServerChangeWarningShown());
        const QString message = changed.at(0).at(0).toString();
        QVERIFY2(message.startsWith(QStringLiteral("This route changed on the server since you opened it")),
                 qPrintable(message));
        QVERIFY(message.contains(theirsId.left(8)));
        QCOMPARE(deployed.count(), 0);
        QCOMPARE(QString::fromStdString(deployments(routeId).front().versionId()), theirsId);
        // The comparison is now against what is deployed now, and deploying waits for the acknowledgement.
        QTRY_VERIFY(!dialog.isBusy());
        QCOMPARE(dialog.deployedVersionId(), theirsId);
        QVERIFY(!dialog.deployButton()->isEnabled());
        saveShot(&dialog, QStringLiteral("deploy-dialog-server-changed"));

        dialog.acknowledgeServerChange()->setChecked(true);
        QTRY_VERIFY(dialog.deployButton()->isEnabled());
        QTest::mouseClick(dialog.deployButton(), Qt::LeftButton);
        QVERIFY(deployed.wait(10000));
        QCOMPARE(QString::fromStdString(deployments(routeId).front().versionId()), mine);
    }

    void rollBackDeploysOlderVersion()
    {
        const QString routeId = createRoute("history-rollback");
        const QString first = QString::fromStdString(versions(routeId).front().versionId());
        const QString second = createVersion(routeId, changedRoute("history-rollback"));
        auto done = await<Route>([&](auto cb) { m_client->createDeployment(kGateway, routeId, second, this, cb); });
        QVERIFY2(done, qPrintable(why(done.error)));

        RouteHistoryPanel panel(m_client.get(), kGateway, routeId);
        panel.show();
        QSignalSpy refreshed(&panel, &RouteHistoryPanel::refreshed);
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(panel.deployedVersionId(), second);
        panel.selectVersion(first);
        auto *deployButton = panel.findChild<QPushButton *>(QStringLiteral("deployButton"));
        QVERIFY(deployButton->text().contains(QStringLiteral("Roll")));
        QTest::mouseClick(deployButton, Qt::LeftButton);
        QPointer<DeployDialog> dialog = panel.deployDialog();
        QVERIFY(dialog);
        QSignalSpy shown(dialog.data(), &DeployDialog::diffShown);
        QVERIFY(shown.wait(10000));
        QTRY_VERIFY(!dialog->isBusy());
        QCOMPARE(dialog->selectedVersionId(), first);
        QVERIFY(dialog->deployButton()->text().startsWith(QStringLiteral("Roll Back")));
        // Rolling back removes what the newer version added.
        QCOMPARE(dialog->diff()->status("backup"), RouteDiff::Status::Removed);
        bool ghost = false;
        for (QGraphicsItem *item : dialog->scene()->items()) {
            ghost = ghost || (item->type() == DiffGhostItem::Type &&
                              static_cast<DiffGhostItem *>(item)->elementId() == "backup");
        }
        QVERIFY(ghost);
        saveShot(dialog, QStringLiteral("deploy-dialog-rollback"));

        QSignalSpy deployed(&panel, &RouteHistoryPanel::deployed);
        QTest::mouseClick(dialog->deployButton(), Qt::LeftButton);
        QVERIFY(deployed.wait(10000));
        QCOMPARE(deployed.at(0).at(0).toString(), first);
        QCOMPARE(QString::fromStdString(deployments(routeId).front().versionId()), first);
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 2, 10000); // the panel refreshes after deploying
        QCOMPARE(panel.deployedVersionId(), first);
    }

    void readOnlyViewRefusesEdits()
    {
        RouteDocument document(simpleRoute("read-only"), {});
        RouteScene scene(&document);
        RouteView view(&scene);
        view.resize(800, 600);
        view.setReadOnly(true);
        view.show();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.setFocus();
        const Route before = document.route();
        const auto positionsBefore = document.positions();

        view.selectAll();
        QCOMPARE(scene.selectedElementIds().size(), std::size_t(3));
        QVERIFY(!view.deleteAction()->isEnabled());
        QTest::keyClick(&view, Qt::Key_Delete);
        QTest::keyClick(&view, Qt::Key_Backspace);
        view.deleteSelection();
        view.cutSelection();
        view.duplicateSelection();
        QTest::keyClick(&view, Qt::Key_Right);
        view.addElementAtCenter(ElementType::Model);
        QVERIFY(document.route() == before);
        QVERIFY(document.positions() == positionsBefore);
        QVERIFY(!view.acceptDrops());

        // Dragging a card leaves it where it was.
        view.fitToView();
        ElementItem *card = scene.elementItem("gpt");
        const QPoint from = view.mapFromScene(card->mapToScene(card->cardRect().center() - QPointF(0, 20)));
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
        for (int step = 1; step <= 5; ++step) {
            QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(step * 20, step * 10)),
                             view.viewport()->mapToGlobal(QPointF(from + QPoint(step * 20, step * 10))), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view.viewport(), &move);
        }
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, from + QPoint(100, 50));
        QVERIFY(document.positions() == positionsBefore);
        QVERIFY(document.route() == before);

        // Back to editable, the same Delete works: the test above did test something.
        view.setReadOnly(false);
        view.selectAll();
        QVERIFY(view.deleteAction()->isEnabled());
        QTest::keyClick(&view, Qt::Key_Delete);
        QVERIFY(document.route().empty());
    }

    void serverFaultDuringDeployKeepsDialogOpen()
    {
        const QString routeId = createRoute("history-fault");
        const QString target = createVersion(routeId, changedRoute("history-fault"));
        DeployDialog dialog(m_client.get(), kGateway, routeId);
        dialog.setInitialVersion(target);
        QSignalSpy shown(&dialog, &DeployDialog::diffShown);
        dialog.show();
        QVERIFY(shown.wait(10000));
        QTRY_VERIFY(!dialog.isBusy());

        FaultSpec fault;
        fault.kind = FaultSpec::Kind::ServerError;
        fault.count = 5;
        fault.method = QStringLiteral("POST");
        fault.pathContains = QStringLiteral("/deployments");
        m_server->injectFault(fault);

        QSignalSpy failed(&dialog, &DeployDialog::failed);
        QSignalSpy deployed(&dialog, &DeployDialog::deployed);
        QTest::mouseClick(dialog.deployButton(), Qt::LeftButton);
        QVERIFY(failed.wait(15000));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.startsWith(QStringLiteral("Deploying version %1 failed: ").arg(target.left(8))),
                 qPrintable(message));
        QCOMPARE(dialog.errorText(), message);
        QCOMPARE(deployed.count(), 0);
        QVERIFY(dialog.isVisible());
        QTRY_VERIFY(!dialog.isBusy());
        QVERIFY(dialog.deployButton()->isEnabled());
        QVERIFY(QString::fromStdString(deployments(routeId).front().versionId()) != target);
        saveShot(&dialog, QStringLiteral("deploy-dialog-error"));
    }
};

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
