// Gateway Settings against an in-process sandbox over loopback: fields of several groups saved and read back, a
// local range error that sends nothing, the question about unsaved changes, fields this app does not know kept,
// secrets masked and left out of the body unless retyped, and a save cancelled on the wire read back.
#include "GatewayAdminFixture.h"

using namespace rd;
using namespace rd::test;

class TestGatewaySettings : public GatewayAdminFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startSandbox(); }
    void settingsOfSeveralGroupsAreSavedAndReadBack();
    void aLocalRangeErrorSendsNothing();
    void unsavedChangesAreAskedAbout();
    void unknownFieldsSurviveASave();
    void secretsAreMaskedAndLeftOutUnlessRetyped();
    // A save cancelled on the wire: the dialog reads the server until it shows the changes.
    void settingsSaveCancelledOnTheWireIsReadBack();
};

void TestGatewaySettings::settingsOfSeveralGroupsAreSavedAndReadBack()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000004"));
    auto browser = browserOn(client.get());
    GatewaySettingsDialog *dialog = openSettings(*browser);
    QVERIFY(dialog && dialog->isLoaded());
    QVERIFY(dialog->width() <= 1024 && dialog->height() <= 700);
    QVERIFY(!dialog->saveButton()->isEnabled()); // nothing changed yet
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-settings.png"));

    auto scalar = [&](const char *key) {
        return qobject_cast<GatewayScalarEditor *>(dialog->editor(QString::fromLatin1(key)));
    };
    QVERIFY(scalar("is_default") && !scalar("is_default")->checkBox()->isEnabled());
    scalar("cache_ttl")->spinBox()->setValue(300);           // Caching
    scalar("rate_limiting_limit")->spinBox()->setValue(120); // Rate limiting
    scalar("rate_limiting_interval")->spinBox()->setValue(60);
    QComboBox *technique = scalar("rate_limiting_technique")->comboBox();
    technique->setCurrentIndex(technique->findData(QStringLiteral("sliding")));
    QCOMPARE(scalar("retry_max_attempts")->spinBox()->maximum(), 5); // the seed's range
    scalar("retry_max_attempts")->spinBox()->setValue(3);            // Retries
    QComboBox *backoff = scalar("retry_backoff")->comboBox();
    backoff->setCurrentIndex(backoff->findData(QStringLiteral("exponential")));
    scalar("log_management")->spinBox()->setValue(50000); // Logging
    QComboBox *strategy = scalar("log_management_strategy")->comboBox();
    strategy->setCurrentIndex(strategy->findData(QStringLiteral("DELETE_OLDEST")));
    scalar("authentication")->checkBox()->setChecked(true); // Security
    auto *dlp = qobject_cast<DlpEditor *>(dialog->editor(QStringLiteral("dlp")));
    QVERIFY(dlp);
    dlp->enabledCheck()->setChecked(true);
    dlp->policiesChoice()->setChecked(true);
    dlp->addPolicy();
    dlp->policyTable()->item(0, DlpEditor::ProfilesColumn)->setText(QStringLiteral("profile-a, profile-b"));
    QVERIFY(dialog->saveButton()->isEnabled());
    QVERIFY(dialog->problems().isEmpty());
    dialog->groupList()->setCurrentRow(4);
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-settings-security.png"));

    dialog->saveButton()->click();
    QTRY_VERIFY(dialog->statusText().contains(QStringLiteral("Saved")));
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    QVERIFY(!dialog->hasChanges());

    const Json server = serverGateway(client.get(), kGateway);
    QCOMPARE(server.value("cache_ttl", 0), 300);
    QCOMPARE(server.value("rate_limiting_limit", 0), 120);
    QCOMPARE(server.value("rate_limiting_interval", 0), 60);
    QCOMPARE(server.value("rate_limiting_technique", std::string()), std::string("sliding"));
    QCOMPARE(server.value("retry_max_attempts", 0), 3);
    QCOMPARE(server.value("retry_backoff", std::string()), std::string("exponential"));
    QCOMPARE(server.value("log_management", 0), 50000);
    QCOMPARE(server.value("log_management_strategy", std::string()), std::string("DELETE_OLDEST"));
    QCOMPARE(server.value("authentication", false), true);
    QVERIFY(server["dlp"]["enabled"] == true);
    QCOMPARE(server["dlp"]["policies"].size(), std::size_t(1));
    QVERIFY(server["dlp"]["policies"][0]["profiles"] == Json::array({"profile-a", "profile-b"}));
    QVERIFY(server["dlp"]["policies"][0]["check"] == Json::array({"REQUEST", "RESPONSE"}));

    // The dialog shows what the server has (read back after the save), field by field.
    QCOMPARE(scalar("cache_ttl")->spinBox()->value(), server.value("cache_ttl", -1));
    QCOMPARE(scalar("log_management")->spinBox()->value(), server.value("log_management", -1));
    QCOMPARE(technique->currentData().toString(),
             QString::fromStdString(server.value("rate_limiting_technique", std::string())));
    QVERIFY(dialog->pendingBody()["dlp"] == server["dlp"]);
    QVERIFY(dialog->statusText().contains(QStringLiteral("what the server has")));
    dialog->reject();
}

void TestGatewaySettings::aLocalRangeErrorSendsNothing()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000005"));
    auto browser = browserOn(client.get());
    const Json before = serverGateway(client.get(), kGateway);
    GatewaySettingsDialog *dialog = openSettings(*browser);
    QVERIFY(dialog && dialog->isLoaded());

    auto *key = qobject_cast<GatewayScalarEditor *>(dialog->editor(QStringLiteral("logpush_public_key")));
    QVERIFY(key && key->lineEdit());
    dialog->groupList()->setCurrentRow(5); // Export
    QTest::keyClicks(key->lineEdit(), QStringLiteral("too-short"));
    QVERIFY(key->problemLabel()->isVisible()); // said on the field as it is typed
    QVERIFY2(key->problemLabel()->text().contains(QStringLiteral("16 to 1024")),
             qPrintable(key->problemLabel()->text()));
    dialog->groupList()->setCurrentRow(0);

    const int puts = static_cast<int>(m_logged.filter(QStringLiteral("PUT")).size());
    dialog->saveButton()->click();
    QVERIFY(dialog->errorText().contains(QStringLiteral("Nothing was sent")));
    QCOMPARE(dialog->groupList()->currentRow(), 5); // brought to the field
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-settings-range-error.png"));
    QTest::qWait(200);
    QCOMPARE(static_cast<int>(m_logged.filter(QStringLiteral("PUT")).size()), puts);
    const Json after = serverGateway(client.get(), kGateway);
    QCOMPARE(after.dump(), before.dump());

    // Long enough, it goes.
    key->lineEdit()->clear();
    QTest::keyClicks(key->lineEdit(), QStringLiteral("pk-0123456789abcdef0123"));
    QVERIFY(!key->problemLabel()->isVisible());
    dialog->saveButton()->click();
    QTRY_VERIFY(dialog->statusText().contains(QStringLiteral("Saved")));
    QCOMPARE(serverGateway(client.get(), kGateway).value("logpush_public_key", std::string()),
             std::string("pk-0123456789abcdef0123"));
    dialog->reject();
}

void TestGatewaySettings::unsavedChangesAreAskedAbout()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000006"));
    auto browser = browserOn(client.get());
    const int ttl = serverGateway(client.get(), kGateway).value("cache_ttl", -1);
    GatewaySettingsDialog *dialog = openSettings(*browser);
    QVERIFY(dialog && dialog->isLoaded());
    qobject_cast<GatewayScalarEditor *>(dialog->editor(QStringLiteral("cache_ttl")))->spinBox()->setValue(ttl + 42);
    QVERIFY(dialog->hasChanges());
    QVERIFY(dialog->groupList()->item(0)->text().contains(QStringLiteral("•")));

    bool asked = false;
    answerBox(QStringLiteral("unsavedGatewaySettings"), QMessageBox::Cancel, &asked);
    dialog->reject();
    QVERIFY(asked);
    QVERIFY(dialog->isVisible());

    asked = false;
    answerBox(QStringLiteral("unsavedGatewaySettings"), QMessageBox::Discard, &asked);
    dialog->reject();
    QVERIFY(asked);
    QTRY_VERIFY(browser->admin()->settingsDialog() == nullptr);
    QCOMPARE(serverGateway(client.get(), kGateway).value("cache_ttl", -1), ttl); // discarded: nothing sent
}

void TestGatewaySettings::unknownFieldsSurviveASave()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000007"));
    // Plant a field this app does not know, as a newer API would send it.
    Gateway planted = *Gateway::fromJson(serverGateway(client.get(), kGateway)).value;
    planted.setField("future_setting", Json{{"mode", "strict"}, {"level", 3}});
    const auto put = await<Gateway>([&](auto cb) { client->updateGateway(planted, nullptr, cb); });
    QVERIFY2(put, put ? "" : qPrintable(put.error->toString()));
    QVERIFY(serverGateway(client.get(), kGateway).contains("future_setting"));
    auto browser = browserOn(client.get());
    GatewaySettingsDialog *dialog = openSettings(*browser);
    QVERIFY(dialog && dialog->isLoaded());
    qobject_cast<GatewayScalarEditor *>(dialog->editor(QStringLiteral("cache_ttl")))->spinBox()->setValue(77);
    QVERIFY(dialog->pendingBody()["future_setting"] == Json({{"mode", "strict"}, {"level", 3}}));
    dialog->saveButton()->click();
    QTRY_VERIFY(dialog->statusText().contains(QStringLiteral("Saved")));
    const Json server = serverGateway(client.get(), kGateway);
    QCOMPARE(server.value("cache_ttl", 0), 77);
    QVERIFY(server["future_setting"] == Json({{"mode", "strict"}, {"level", 3}}));
    dialog->reject();
}

void TestGatewaySettings::secretsAreMaskedAndLeftOutUnlessRetyped()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000008"));
    const std::string otelSecret = "Bearer otel-secret-5b1d";
    const std::string stripeSecret = "sk_test_stripe-secret-9c4e";
    Gateway planted = *Gateway::fromJson(serverGateway(client.get(), kGateway)).value;
    planted.setField("otel", Json::array({Json{{"authorization", otelSecret},
                                               {"url", "https://otel.example.com/v1/traces"},
                                               {"headers", Json{{"x-team", "routing"}}},
                                               {"content_type", "json"}}}));
    planted.setField(
        "stripe", Json{{"authorization", stripeSecret}, {"usage_events", Json::array({Json{{"payload", "tokens"}}})}});
    const auto put = await<Gateway>([&](auto cb) { client->updateGateway(planted, nullptr, cb); });
    QVERIFY2(put, put ? "" : qPrintable(put.error->toString()));

    auto browser = browserOn(client.get());
    GatewaySettingsDialog *dialog = openSettings(*browser);
    QVERIFY(dialog && dialog->isLoaded());
    auto *otel = qobject_cast<OtelEditor *>(dialog->editor(QStringLiteral("otel")));
    auto *stripe = qobject_cast<StripeEditor *>(dialog->editor(QStringLiteral("stripe")));
    QVERIFY(otel && stripe);
    QCOMPARE(otel->exporterList()->count(), 1);
    QCOMPARE(otel->urlEdit()->text(), QStringLiteral("https://otel.example.com/v1/traces"));
    QCOMPARE(otel->headersEdit()->toPlainText(), QStringLiteral("x-team=routing"));
    for (QLineEdit *secret : {otel->authorizationEdit(), stripe->authorizationEdit()}) {
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QVERIFY(secret->text().isEmpty());
        QVERIFY(secret->placeholderText().contains(QStringLiteral("unchanged")));
    }
    const QStringList texts = visibleTexts(dialog);
    QVERIFY(!anyContains(texts, QString::fromStdString(otelSecret)));
    QVERIFY(!anyContains(texts, QString::fromStdString(stripeSecret)));
    dialog->groupList()->setCurrentRow(5);
    rd::test::screenshot(dialog, QStringLiteral("gatewayadmin-settings-export.png"));

    // Another field changed: the body leaves both stored secrets out.
    otel->headersEdit()->setPlainText(QStringLiteral("x-team=routing\nx-env=prod"));
    const Json body = dialog->pendingBody();
    QVERIFY(body["otel"][0]["headers"]["x-env"] == "prod");
    QVERIFY(!body["otel"][0].contains("authorization"));
    QVERIFY(!body["stripe"].contains("authorization"));
    QVERIFY(body.dump().find(otelSecret) == std::string::npos);
    QVERIFY(body.dump().find(stripeSecret) == std::string::npos);

    dialog->saveButton()->click();
    QTRY_VERIFY(!dialog->isBusy());
    QVERIFY2(dialog->statusText().contains(QStringLiteral("Saved")), qPrintable(dialog->errorText()));
    Json server = serverGateway(client.get(), kGateway);
    QVERIFY(server["otel"][0]["headers"]["x-env"] == "prod");
    QVERIFY(server["otel"][0]["authorization"] == otelSecret);
    QVERIFY(server["stripe"]["authorization"] == stripeSecret);

    // Pointed at another address, an exporter needs its authorization typed again: the stored one never follows
    // it to a new collector. Nothing is sent until then.
    const int puts = m_server->requestCount(QStringLiteral("PUT"), QStringLiteral("/gateways/"));
    otel->urlEdit()->setText(QStringLiteral("https://otel.example.com/v2/traces"));
    emit otel->urlEdit()->textEdited(otel->urlEdit()->text());
    dialog->saveButton()->click();
    QTRY_VERIFY(dialog->errorText().contains(QStringLiteral("new URL")));
    QCOMPARE(m_server->requestCount(QStringLiteral("PUT"), QStringLiteral("/gateways/")), puts);
    QTest::keyClicks(otel->authorizationEdit(), QStringLiteral("Bearer otel-v2"));
    dialog->saveButton()->click();
    QTRY_VERIFY(!dialog->isBusy());
    QVERIFY2(dialog->statusText().contains(QStringLiteral("Saved")), qPrintable(dialog->errorText()));
    server = serverGateway(client.get(), kGateway);
    QVERIFY(server["otel"][0]["url"] == "https://otel.example.com/v2/traces");
    QVERIFY(server["otel"][0]["authorization"] == "Bearer otel-v2");

    // Retyped, a secret is sent and replaces the stored one.
    QTest::keyClicks(stripe->authorizationEdit(), QStringLiteral("sk_test_new-secret"));
    QVERIFY(dialog->pendingBody()["stripe"]["authorization"] == "sk_test_new-secret");
    QVERIFY(!dialog->pendingBody()["otel"][0].contains("authorization"));
    dialog->saveButton()->click();
    QTRY_VERIFY(dialog->statusText().contains(QStringLiteral("Saved")));
    server = serverGateway(client.get(), kGateway);
    QVERIFY(server["stripe"]["authorization"] == "sk_test_new-secret");
    QVERIFY(server["otel"][0]["authorization"] == "Bearer otel-v2");
    QVERIFY(stripe->authorizationEdit()->text().isEmpty()); // read back: the field is empty again
    for (const QString &line : m_logged) {
        QVERIFY(!line.contains(QStringLiteral("secret")));
    }
    dialog->reject();
}

void TestGatewaySettings::settingsSaveCancelledOnTheWireIsReadBack()
{
    auto client = accountClient(QStringLiteral("a0000000000000000000000000000013"));
    auto browser = browserOn(client.get());
    GatewaySettingsDialog *dialog = openSettings(*browser);
    QVERIFY(dialog && dialog->isLoaded());
    const int ttl = serverGateway(client.get(), kGateway).value("cache_ttl", -1);
    qobject_cast<GatewayScalarEditor *>(dialog->editor(QStringLiteral("cache_ttl")))->spinBox()->setValue(ttl + 5);
    // Cancelled while the server works on it (the sandbox applies a slow request after the delay): the first read
    // still shows the old value, later ones the new.
    FaultSpec slow;
    slow.kind = FaultSpec::Kind::Slow;
    slow.delayMs = 800;
    slow.method = QStringLiteral("PUT");
    slow.pathContains = QStringLiteral("/gateways/");
    m_server->injectFault(slow);
    dialog->saveButton()->click();
    QTest::qWait(300);
    dialog->reject(); // cancels the save on the wire; the dialog stays to say what became of it
    QVERIFY(dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 10000);
    QVERIFY2(dialog->statusText().contains(QStringLiteral("although its answer was lost")),
             qPrintable(dialog->statusText() + QLatin1Char('|') + dialog->errorText()));
    QVERIFY(!dialog->hasChanges());
    QCOMPARE(serverGateway(client.get(), kGateway).value("cache_ttl", -1), ttl + 5);
    dialog->reject();
}

QTEST_MAIN(TestGatewaySettings)
#include "tst_gatewaysettings.moc"
