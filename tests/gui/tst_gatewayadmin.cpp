// Gateway administration against an in-process sandbox over loopback: the Manage menu in a panel as narrow as
// before, New Gateway (an id the API refuses is caught as it is typed; a taken id and the account's limit come back
// from the server; a lost answer is looked up), Delete Gateway (the question names the routes; the id must be typed;
// a delete cancelled on the wire is read back) and Provider Keys (the secret sent once and found nowhere afterwards:
// not in the dialog, the settings files, or the request log; a lost answer looked for by alias).
#include "GatewayAdminFixture.h"
#include "ui/gateway/RouteRows.h"

using namespace rd;
using namespace rd::test;

class TestGatewayAdmin : public GatewayAdminFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startSandbox(); }
    void manageButtonKeepsThePanelNarrow();
    void newGatewayChecksTheIdAndCreates();
    void newGatewayShowsTheServersRefusals();
    // The create reached the server, the answer did not: the dialog looks the gateway up before saying anything.
    void newGatewayWithALostAnswerIsLookedUp();
    void deleteNamesTheRoutesAndDeletes();
    void deleteOfAGatewayWithoutRoutesNeedsNoTyping();
    // Ten routes are named, the rest counted.
    void deleteOfAGatewayWithManyRoutesCountsTheRest();
    // Lost answers of a delete (cancelled on the wire) and of a new key (dropped after it was stored).
    void deleteCancelledOnTheWireIsReadBack();
    void addKeySendsTheSecretOnceAndKeepsItNowhere();
    void addKeyWithALostAnswerIsLookedFor();
};

void TestGatewayAdmin::manageButtonKeepsThePanelNarrow()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000001"));
    auto browser = browserOn(client.get());
    QCOMPARE(browser->currentGatewayId(), kGateway);
    auto *manage = browser->findChild<QWidget *>(QStringLiteral("manageGatewayButton"));
    QVERIFY(manage && manage->isVisible());
    // The route list (300 wide at least, plus the panel's margins) still sets the panel's width, not the gateway
    // row the button joined.
    QVERIFY2(browser->minimumSizeHint().width() <= browser->routeList()->minimumWidth() + 2 * 8 + 4,
             qPrintable(QString::number(browser->minimumSizeHint().width())));
    const QStringList actions{QStringLiteral("newGatewayAction"), QStringLiteral("gatewaySettingsAction"),
                              QStringLiteral("providerKeysAction"), QStringLiteral("deleteGatewayAction")};
    for (const QString &name : actions) {
        auto *action = browser->admin()->menu()->findChild<QAction *>(name);
        QVERIFY2(action && action->isEnabled(), qPrintable(name));
    }
    rd::test::screenshot(browser.get(), QStringLiteral("gatewayadmin-browser.png"));
}

void TestGatewayAdmin::newGatewayChecksTheIdAndCreates()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000002"));
    auto browser = browserOn(client.get());
    browser->admin()->newGateway();
    NewGatewayDialog *dialog = browser->admin()->newDialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(!dialog->createButton()->isEnabled());
    QVERIFY(dialog->problemText().isEmpty()); // nothing typed is not yet wrong

    QTest::keyClicks(dialog->idEdit(), QStringLiteral("Team Alpha"));
    QVERIFY(dialog->problemText().contains(QStringLiteral("lowercase")));
    QVERIFY(!dialog->createButton()->isEnabled());
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-new-bad-id.png"));
    dialog->idEdit()->setText(QString(65, QLatin1Char('a')));
    QVERIFY(dialog->problemText().contains(QStringLiteral("64")));
    QVERIFY(!dialog->createButton()->isEnabled());

    dialog->idEdit()->clear();
    QTest::keyClicks(dialog->idEdit(), QStringLiteral("team-alpha"));
    QVERIFY(dialog->problemText().isEmpty());
    QVERIFY(dialog->createButton()->isEnabled());
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-new.png"));
    dialog->createButton()->click();
    QTRY_VERIFY(browser->admin()->newDialog() == nullptr || !browser->admin()->newDialog()->isVisible());
    QTRY_COMPARE(browser->currentGatewayId(), QStringLiteral("team-alpha"));
    QTRY_VERIFY(!browser->isBusy());
    QVERIFY(browser->gatewayCombo()->findData(QStringLiteral("team-alpha")) >= 0);

    const Json created = serverGateway(client.get(), QStringLiteral("team-alpha"));
    QVERIFY2(created.is_object(), "the server has no team-alpha");
    QCOMPARE(created.value("collect_logs", false), true);
    QCOMPARE(created.value("cache_ttl", -1), 0);
    QCOMPARE(created.value("rate_limiting_limit", -1), 0);
    QCOMPARE(created.value("cache_invalidate_on_update", true), false);
}

void TestGatewayAdmin::newGatewayShowsTheServersRefusals()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000003"));
    auto browser = browserOn(client.get());

    browser->admin()->newGateway();
    NewGatewayDialog *dialog = browser->admin()->newDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->idEdit(), kGateway);
    QVERIFY(dialog->createButton()->isEnabled());
    dialog->createButton()->click();
    QTRY_VERIFY(!dialog->errorText().isEmpty());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("already exists")), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible()); // stays open to try another id
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-new-duplicate.png"));
    dialog->reject();

    // Fill the account up to its 10 gateways, then ask for one more.
    PageQuery query;
    const auto page = await<ListPage<Gateway>>([&](auto cb) { client->listGateways(query, nullptr, cb); });
    QVERIFY(page);
    for (int i = static_cast<int>(page.value->items.size()); i < 10; ++i) {
        const auto made = await<Gateway>(
            [&](auto cb) { client->createGateway(Gateway::create("filler-" + std::to_string(i)), nullptr, cb); });
        QVERIFY2(made, made ? "" : qPrintable(made.error->toString()));
    }
    QTRY_VERIFY(browser->admin()->newDialog() == nullptr);
    browser->admin()->newGateway();
    dialog = browser->admin()->newDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->idEdit(), QStringLiteral("one-too-many"));
    dialog->createButton()->click();
    QTRY_VERIFY(!dialog->errorText().isEmpty());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("10 gateways")), qPrintable(dialog->errorText()));
    QVERIFY(serverGateway(client.get(), QStringLiteral("one-too-many")).is_null());
    dialog->reject();
}

void TestGatewayAdmin::newGatewayWithALostAnswerIsLookedUp()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000012"));
    auto browser = browserOn(client.get());
    FaultSpec drop;
    drop.kind = FaultSpec::Kind::DropConnection;
    drop.applyFirst = true;
    drop.method = QStringLiteral("POST");
    drop.pathContains = QStringLiteral("/gateways");
    m_server->injectFault(drop);

    browser->admin()->newGateway();
    NewGatewayDialog *dialog = browser->admin()->newDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->idEdit(), QStringLiteral("lost-answer"));
    dialog->createButton()->click();
    QTRY_VERIFY(!dialog->isBusy());
    const auto *status = dialog->findChild<QLabel *>(QStringLiteral("newGatewayStatus"));
    QVERIFY2(status->text().contains(QStringLiteral("although its answer was lost")), qPrintable(status->text()));
    QVERIFY(dialog->errorText().isEmpty());
    QVERIFY(serverGateway(client.get(), QStringLiteral("lost-answer")).is_object());
    QTRY_COMPARE(browser->currentGatewayId(), QStringLiteral("lost-answer"));
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-new-lost.png"));
    dialog->reject();

    // Cancelled while the server works on it (applied after the delay): read until it shows.
    FaultSpec slow;
    slow.kind = FaultSpec::Kind::Slow;
    slow.delayMs = 800;
    slow.method = QStringLiteral("POST");
    slow.pathContains = QStringLiteral("/gateways");
    m_server->injectFault(slow);
    QTRY_VERIFY(browser->admin()->newDialog() == nullptr);
    browser->admin()->newGateway();
    dialog = browser->admin()->newDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->idEdit(), QStringLiteral("cancelled-on-the-wire"));
    dialog->createButton()->click();
    QTest::qWait(300);
    dialog->reject(); // cancels; the dialog stays to say what became of the create
    QVERIFY(dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 10000);
    QVERIFY2(dialog->findChild<QLabel *>(QStringLiteral("newGatewayStatus"))
                 ->text()
                 .contains(QStringLiteral("although its answer was lost")),
             qPrintable(dialog->errorText()));
    QVERIFY(serverGateway(client.get(), QStringLiteral("cancelled-on-the-wire")).is_object());
    QTRY_COMPARE(browser->currentGatewayId(), QStringLiteral("cancelled-on-the-wire"));
    dialog->reject();
}

void TestGatewayAdmin::deleteNamesTheRoutesAndDeletes()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000009"));
    PageQuery query;
    query.perPage = 50;
    const auto routes = await<ListPage<Route>>([&](auto cb) { client->listRoutes(kGateway, query, nullptr, cb); });
    QVERIFY(routes && !routes.value->items.empty());
    auto browser = browserOn(client.get());

    browser->admin()->deleteGateway();
    DeleteGatewayDialog *dialog = browser->admin()->deleteDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->routesLoaded());
    const QString question = dialog->questionText();
    for (const Route &route : routes.value->items) {
        QVERIFY2(question.contains(QString::fromStdString(route.name())), qPrintable(question));
    }
    QVERIFY(question.contains(QStringLiteral("%1 in all").arg(routes.value->items.size())));
    for (const char *word : {"logs", "datasets", "evaluations", "provider keys", "fail"}) {
        QVERIFY2(question.contains(QLatin1String(word)), word);
    }
    QVERIFY(dialog->confirmEdit()->isVisible());
    QVERIFY(!dialog->deleteButton()->isEnabled());
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("demo"));
    QVERIFY(!dialog->deleteButton()->isEnabled());
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-delete.png"));
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("-gateway"));
    QVERIFY(dialog->deleteButton()->isEnabled());
    dialog->deleteButton()->click();
    QTRY_VERIFY(browser->admin()->deleteDialog() == nullptr);
    QTRY_VERIFY(!browser->isBusy());
    QVERIFY(serverGateway(client.get(), kGateway).is_null());
    QCOMPARE(browser->gatewayCombo()->findData(kGateway), -1);
}

void TestGatewayAdmin::deleteOfAGatewayWithoutRoutesNeedsNoTyping()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000010"));
    const auto made =
        await<Gateway>([&](auto cb) { client->createGateway(Gateway::create("empty-gateway"), nullptr, cb); });
    QVERIFY(made);
    auto browser = browserOn(client.get());
    browser->gatewayCombo()->setCurrentIndex(browser->gatewayCombo()->findData(QStringLiteral("empty-gateway")));
    QTRY_VERIFY(!browser->isBusy());
    browser->admin()->deleteGateway();
    DeleteGatewayDialog *dialog = browser->admin()->deleteDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->routesLoaded());
    QVERIFY(dialog->questionText().contains(QStringLiteral("no routes")));
    QVERIFY(!dialog->confirmEdit()->isVisible());
    QVERIFY(dialog->deleteButton()->isEnabled());
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-delete-empty.png"));
    dialog->deleteButton()->click();
    QTRY_VERIFY(browser->admin()->deleteDialog() == nullptr);
    QVERIFY(serverGateway(client.get(), QStringLiteral("empty-gateway")).is_null());
    QVERIFY(serverGateway(client.get(), kGateway).is_object());
}

void TestGatewayAdmin::deleteCancelledOnTheWireIsReadBack()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000014"));
    const auto made =
        await<Gateway>([&](auto cb) { client->createGateway(Gateway::create("slow-delete"), nullptr, cb); });
    QVERIFY(made);
    auto browser = browserOn(client.get());
    browser->gatewayCombo()->setCurrentIndex(browser->gatewayCombo()->findData(QStringLiteral("slow-delete")));
    QTRY_VERIFY(!browser->isBusy());
    browser->admin()->deleteGateway();
    DeleteGatewayDialog *dialog = browser->admin()->deleteDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->deleteButton()->isEnabled());
    FaultSpec slow;
    slow.kind = FaultSpec::Kind::Slow;
    slow.delayMs = 800;
    slow.method = QStringLiteral("DELETE");
    slow.pathContains = QStringLiteral("/gateways/");
    m_server->injectFault(slow);
    dialog->deleteButton()->click();
    QTest::qWait(300);
    dialog->reject(); // cancels the delete on the wire; the dialog stays to say what became of it
    QVERIFY(dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 10000);
    const auto *status = dialog->findChild<QLabel *>(QStringLiteral("deleteGatewayStatus"));
    QVERIFY2(status && status->text().contains(QStringLiteral("although its answer was lost")),
             qPrintable(dialog->errorText()));
    QVERIFY(serverGateway(client.get(), QStringLiteral("slow-delete")).is_null());
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    QTRY_COMPARE(browser->gatewayCombo()->findData(QStringLiteral("slow-delete")), -1);
    dialog->reject();
}

void TestGatewayAdmin::addKeySendsTheSecretOnceAndKeepsItNowhere()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000011"));
    auto browser = browserOn(client.get());
    const QString secret = QStringLiteral("sk-live-a8f3c2d19e7b4410");
    QSettings().setValue(QStringLiteral("probe"), 1); // the settings file exists, so the search means something
    QSettings().sync();

    browser->admin()->providerKeys();
    ProviderKeysDialog *keys = browser->admin()->keysDialog();
    QVERIFY(keys);
    QTRY_VERIFY(!keys->isBusy());
    const int before = keys->list()->topLevelItemCount();

    // A refusal first: the secret is gone from the field all the same.
    keys->addKey();
    AddProviderKeyDialog *add = keys->addDialog();
    QVERIFY(add);
    QTest::keyClicks(add->aliasEdit(), QStringLiteral("blank"));
    QTest::keyClicks(add->secretEdit(), QStringLiteral("   "));
    add->addButton()->click();
    QTRY_VERIFY(!add->errorText().isEmpty());
    QVERIFY(add->errorText().contains(QStringLiteral("secret")));
    QVERIFY(add->secretEdit()->text().isEmpty());
    add->reject();
    QTRY_VERIFY(keys->addDialog() == nullptr);

    keys->addKey();
    add = keys->addDialog();
    QVERIFY(add);
    QCOMPARE(add->secretEdit()->echoMode(), QLineEdit::Password);
    QTest::keyClicks(add->aliasEdit(), QStringLiteral("production"));
    add->providerCombo()->setCurrentText(QStringLiteral("anthropic"));
    QTest::keyClicks(add->secretEdit(), secret);
    add->defaultCheck()->setChecked(true);
    add->limitCheck()->setChecked(true);
    add->limitSpin()->setValue(500);
    add->periodSpin()->setValue(3600);
    rd::test::screenshot(add, QStringLiteral("gatewayadmin-add-key.png"));
    add->addButton()->click();
    QVERIFY(add->secretEdit()->text().isEmpty()); // cleared as it is sent
    QTRY_VERIFY(keys->addDialog() == nullptr);
    QTRY_COMPARE(keys->list()->topLevelItemCount(), before + 1);

    QTreeWidgetItem *row = keys->list()->currentItem();
    QVERIFY(row);
    QCOMPARE(row->text(ProviderKeysDialog::AliasColumn), QStringLiteral("production"));
    QCOMPARE(row->text(ProviderKeysDialog::ProviderColumn), QStringLiteral("anthropic"));
    QVERIFY(row->text(ProviderKeysDialog::SecretColumn).endsWith(secret.right(4)));
    QVERIFY(row->text(ProviderKeysDialog::LimitColumn).contains(QStringLiteral("500")));
    QVERIFY(!row->text(ProviderKeysDialog::DefaultColumn).isEmpty());
    rd::test::screenshot(keys, QStringLiteral("gatewayadmin-keys.png"));

    QVERIFY(!anyContains(visibleTexts(keys), secret));
    QVERIFY(!anyContains(visibleTexts(browser.get()), secret));
    QVERIFY(!m_logged.isEmpty());
    QVERIFY(!anyContains(m_logged, secret));
    QSettings().sync();
    int files = 0;
    QDirIterator it(m_config.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
        ++files;
    }
    QVERIFY(files > 0);
    keys->reject();
}

void TestGatewayAdmin::addKeyWithALostAnswerIsLookedFor()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000015"));
    auto browser = browserOn(client.get());
    browser->admin()->providerKeys();
    ProviderKeysDialog *keys = browser->admin()->keysDialog();
    QVERIFY(keys);
    QTRY_VERIFY(!keys->isBusy());
    keys->addKey();
    AddProviderKeyDialog *add = keys->addDialog();
    QVERIFY(add);
    QTest::keyClicks(add->aliasEdit(), QStringLiteral("lost-key"));
    QTest::keyClicks(add->secretEdit(), QStringLiteral("sk-lost-answer-0123456789"));
    FaultSpec drop;
    drop.kind = FaultSpec::Kind::DropConnection;
    drop.applyFirst = true;
    drop.method = QStringLiteral("POST");
    drop.pathContains = QStringLiteral("/provider_configs");
    m_server->injectFault(drop);
    add->addButton()->click();
    QVERIFY(add->secretEdit()->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!add->isBusy(), 10000);
    const auto *status = add->findChild<QLabel *>(QStringLiteral("addKeyStatus"));
    QVERIFY2(status->text().contains(QStringLiteral("although its answer was lost")),
             qPrintable(status->text() + QLatin1Char('|') + add->errorText()));
    QTRY_VERIFY(!keys->list()->findItems(QStringLiteral("lost-key"), Qt::MatchExactly).isEmpty());
    add->reject();
    keys->reject();
}

void TestGatewayAdmin::deleteOfAGatewayWithManyRoutesCountsTheRest()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000016"));
    const auto made =
        await<Gateway>([&](auto cb) { client->createGateway(Gateway::create("many-routes"), nullptr, cb); });
    QVERIFY(made);
    for (int i = 1; i <= 12; ++i) {
        const QString name = QStringLiteral("route-%1").arg(i, 2, 10, QLatin1Char('0'));
        const auto route = await<Route>([&](auto cb) {
            client->createRoute(QStringLiteral("many-routes"), RouteRows::starterRoute(name), nullptr, cb);
        });
        QVERIFY2(route, route ? "" : qPrintable(route.error->toString()));
    }
    auto browser = browserOn(client.get());
    browser->gatewayCombo()->setCurrentIndex(browser->gatewayCombo()->findData(QStringLiteral("many-routes")));
    QTRY_VERIFY(!browser->isBusy());
    browser->admin()->deleteGateway();
    DeleteGatewayDialog *dialog = browser->admin()->deleteDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->routesLoaded());
    const QString question = dialog->questionText();
    QVERIFY2(question.contains(QStringLiteral("12 in all")) && question.contains(QStringLiteral("and 2 more")),
             qPrintable(question));
    QCOMPARE(static_cast<int>(question.count(QStringLiteral("“route-"))), 10);
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-delete-many.png"));
    dialog->reject();
    QTRY_VERIFY(browser->admin()->deleteDialog() == nullptr);
    QVERIFY(serverGateway(client.get(), QStringLiteral("many-routes")).is_object()); // Cancel deletes nothing
}

QTEST_MAIN(TestGatewayAdmin)
#include "tst_gatewayadmin.moc"
