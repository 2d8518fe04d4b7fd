#include "ui/engine/TestRequestDialog.h"

#include "app/RouteDocument.h"
#include "app/SecretStore.h"
#include "app/api/ApiClient.h"
#include "model/engine/RouteFields.h"
#include "ui/VersionText.h"
#include "ui/engine/EngineText.h"
#include "ui/engine/RequestContextEditor.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <set>

namespace rd {

namespace {

QLabel *note()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    label->setPalette(p);
    return label;
}

QLineEdit *secretEdit(const char *name, const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(QString::fromLatin1(name));
    edit->setEchoMode(QLineEdit::Password);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

TestRequestDialog::TestRequestDialog(Target target, RouteDocument *document, SecretStore *secrets, QWidget *parent)
    : QDialog(parent), m_target(std::move(target)), m_document(document), m_secrets(secrets),
      m_request(new GatewayTestRequest(this))
{
    setObjectName(QStringLiteral("testRequestDialog"));
    setWindowTitle(tr("Send Test Request"));
    const bool cloudflare = GatewayTestRequest::isCloudflare(endpoint());

    m_intro = new QLabel;
    m_intro->setWordWrap(true);
    const QString version = m_target.deployedVersionId.isEmpty()
                                ? tr("Nothing is deployed yet, so the gateway will refuse the route.")
                                : tr("The gateway routes it with the deployed version %1, not the draft on the "
                                     "canvas.")
                                      .arg(VersionText::shortId(m_target.deployedVersionId));
    m_intro->setText((cloudflare ? tr("One real request through gateway “%1”: the provider bills it. ")
                                 : tr("One request through gateway “%1” of the local sandbox: nothing is billed. "))
                         .arg(m_target.gatewayId) +
                     version);

    m_url = new QLineEdit(endpoint().toString());
    m_url->setObjectName(QStringLiteral("testRequestUrl"));
    m_url->setReadOnly(true);
    m_url->setCursorPosition(0); // the host and account first; the path's end is the same for every gateway
    m_model = new QLineEdit(QStringLiteral("dynamic/") + m_target.routeName);
    m_model->setObjectName(QStringLiteral("testRequestModel"));
    m_prompt = new QLineEdit(tr("Say hello in five words."));
    m_prompt->setObjectName(QStringLiteral("testRequestPrompt"));
    m_metadata = new RequestContextEditor(RequestContextEditor::Fields::MetadataOnly);
    if (m_document) {
        m_metadata->offerKeys(RouteFields::metadataKeys(m_document->route()));
    }
    m_gatewayToken = secretEdit("gatewayTokenEdit", tr("only if the gateway has authentication on"));
    m_gatewayNote = note();
    m_providerKey = secretEdit("providerKeyEdit", tr("only for providers without a key stored on the gateway"));
    m_providerNote = note();
    if (!m_target.knownGatewayToken.isEmpty()) {
        m_gatewayToken->setText(m_target.knownGatewayToken);
        m_gatewayToken->setReadOnly(true);
        m_gatewayToken->setClearButtonEnabled(false);
        m_gatewayNote->setText(tr("The local sandbox's own token, filled in for you."));
    }

    auto *form = new QFormLayout;
    form->addRow(tr("Endpoint:"), m_url);
    form->addRow(tr("Model:"), m_model);
    form->addRow(tr("Prompt:"), m_prompt);
    form->addRow(tr("Gateway token:"), m_gatewayToken);
    form->addRow(QString(), m_gatewayNote);
    form->addRow(tr("Provider key:"), m_providerKey);
    form->addRow(QString(), m_providerNote);
    auto *metadataBox = new QGroupBox(tr("Metadata (cf-aig-metadata)"));
    auto *metadataLayout = new QVBoxLayout(metadataBox);
    metadataLayout->addWidget(m_metadata);

    m_result = new QLabel(tr("Not sent yet."));
    m_result->setObjectName(QStringLiteral("testRequestResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_result->font();
    bold.setWeight(QFont::DemiBold);
    m_result->setFont(bold);
    m_answer = new QPlainTextEdit;
    m_answer->setObjectName(QStringLiteral("testRequestAnswer"));
    m_answer->setReadOnly(true);
    m_answer->setPlaceholderText(tr("The model's answer"));
    m_headers = new QTreeWidget;
    m_headers->setObjectName(QStringLiteral("testRequestHeaders"));
    m_headers->setHeaderLabels({tr("Header"), tr("Value")});
    m_headers->setRootIsDecorated(false);
    m_headers->header()->setStretchLastSection(true);
    m_headers->setColumnWidth(0, 170);
    m_path = new QLabel;
    m_path->setObjectName(QStringLiteral("testRequestPath"));
    m_path->setWordWrap(true);

    m_send = new QPushButton(cloudflare ? tr("Send (Billed)") : tr("Send"));
    m_send->setObjectName(QStringLiteral("testRequestSend"));
    m_send->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel Request"));
    m_cancel->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &TestRequestDialog::send);
    connect(m_cancel, &QPushButton::clicked, m_request, &GatewayTestRequest::cancel);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(form);
    leftLayout->addWidget(metadataBox, 1);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_result);
    rightLayout->addWidget(m_answer, 2);
    rightLayout->addWidget(m_headers, 1);
    rightLayout->addWidget(m_path);
    auto *split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    split->addWidget(left);
    split->addWidget(right);
    split->setSizes({460, 420});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(920, 560);

    readGateway();
    readSecrets();
}

QUrl TestRequestDialog::endpoint() const
{
    if (!m_target.client) {
        return {};
    }
    return GatewayTestRequest::chatCompletionsUrl(m_target.client->options().baseUrl,
                                                  m_target.client->credentials().accountId(), m_target.gatewayId);
}

void TestRequestDialog::setMetadata(const Json &metadata)
{
    m_metadata->setMetadata(metadata);
}

QString TestRequestDialog::gatewayTokenKey() const
{
    return QStringLiteral("gateway-token/%1/%2").arg(m_target.connectionId, m_target.gatewayId);
}

QString TestRequestDialog::providerKeyKey() const
{
    return QStringLiteral("provider-key/%1/%2").arg(m_target.connectionId, m_target.gatewayId);
}

void TestRequestDialog::readGateway()
{
    if (!m_target.client) {
        return;
    }
    m_target.client->getGateway(m_target.gatewayId, this, [this](const ApiResult<Gateway> &result) {
        if (!result) {
            m_gatewayNote->setText(tr("Whether the gateway wants a token is unknown: %1").arg(result.error->summary));
        } else if (m_target.knownGatewayToken.isEmpty()) {
            m_gatewayNote->setText(result.value->authentication()
                                       ? tr("Needed: the gateway has authentication on.")
                                       : tr("Not needed: the gateway has authentication off."));
        }
    });
    m_target.client->listProviderConfigs(
        m_target.gatewayId, PageQuery{}, this, [this](const ApiResult<ListPage<ProviderConfig>> &result) {
            if (!result) {
                m_providerNote->setText(tr("Which keys the gateway stores is unknown: %1").arg(result.error->summary));
                return;
            }
            std::set<QString> stored;
            for (const ProviderConfig &config : result.value->items) {
                stored.insert(QString::fromStdString(config.providerSlug()));
            }
            QStringList missing;
            if (m_document) {
                std::set<QString> used;
                for (const std::string &key : RouteFields::modelKeys(m_document->route())) {
                    used.insert(QString::fromStdString(key.substr(0, key.find('/'))));
                }
                for (const QString &provider : used) {
                    if (!stored.contains(provider)) {
                        missing << provider;
                    }
                }
            }
            m_providerNote->setText(
                missing.isEmpty() ? tr("Not needed: the gateway stores a key for every provider the route uses.")
                                  : tr("The gateway stores no key for: %1.").arg(missing.join(QStringLiteral(", "))));
        });
}

void TestRequestDialog::readSecrets()
{
    if (!m_secrets) {
        return;
    }
    if (m_target.knownGatewayToken.isEmpty()) {
        m_secrets->read(gatewayTokenKey(), this, [this](const SecretStore::Result &r) {
            if (r.ok && m_gatewayToken->text().isEmpty()) {
                m_readGatewayToken = r.secret;
                m_gatewayToken->setText(r.secret);
            }
        });
    }
    m_secrets->read(providerKeyKey(), this, [this](const SecretStore::Result &r) {
        if (r.ok && m_providerKey->text().isEmpty()) {
            m_readProviderKey = r.secret;
            m_providerKey->setText(r.secret);
        }
    });
}

void TestRequestDialog::rememberSecrets()
{
    if (!m_secrets) {
        return;
    }
    const auto ignore = [](const SecretStore::Result &) {
    };
    if (m_target.knownGatewayToken.isEmpty() && m_gatewayToken->text() != m_readGatewayToken) {
        m_readGatewayToken = m_gatewayToken->text();
        if (m_readGatewayToken.isEmpty()) {
            m_secrets->remove(gatewayTokenKey(), this, ignore);
        } else {
            m_secrets->write(gatewayTokenKey(), m_readGatewayToken, this, ignore);
        }
    }
    if (m_providerKey->text() != m_readProviderKey) {
        m_readProviderKey = m_providerKey->text();
        if (m_readProviderKey.isEmpty()) {
            m_secrets->remove(providerKeyKey(), this, ignore);
        } else {
            m_secrets->write(providerKeyKey(), m_readProviderKey, this, ignore);
        }
    }
}

void TestRequestDialog::send()
{
    if (m_request->isRunning() || !m_target.client) {
        return;
    }
    const QUrl url = endpoint();
    if (m_confirmBilled && GatewayTestRequest::isCloudflare(url)) {
        const auto answer = QMessageBox::question(
            this, tr("Send a Billed Request?"),
            tr("This request goes to Cloudflare and on to a model provider, which bills it like any other "
               "request. Send it?"),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            return;
        }
    }
    GatewayTestRequest::Input input;
    input.url = url;
    input.model = m_model->text().trimmed();
    input.prompt = m_prompt->text();
    input.metadata = m_metadata->metadata();
    input.gatewayToken = m_gatewayToken->text().trimmed();
    input.providerKey = m_providerKey->text().trimmed();
    m_send->setEnabled(false);
    m_cancel->setEnabled(true);
    m_result->setText(tr("Sending…"));
    m_answer->clear();
    m_headers->clear();
    m_path->clear();
    const Json metadata = input.metadata;
    m_request->send(input, [this, metadata](const GatewayTestRequest::Outcome &outcome) {
        m_send->setEnabled(true);
        m_cancel->setEnabled(false);
        showOutcome(outcome, metadata);
    });
}

void TestRequestDialog::showOutcome(const GatewayTestRequest::Outcome &outcome, const Json &metadata)
{
    m_outcome = outcome;
    for (const auto &[name, value] : outcome.headers) {
        new QTreeWidgetItem(m_headers, {name, value});
    }
    if (!outcome.ok()) {
        m_result->setText(outcome.errorText);
        m_answer->setPlainText(outcome.body);
        emit finished();
        return;
    }
    // Secrets are remembered once they worked: a typo is not kept.
    rememberSecrets();
    const QString served = outcome.servedProvider.isEmpty()
                               ? outcome.servedModel
                               : outcome.servedProvider + QLatin1Char('/') + outcome.servedModel;
    m_result->setText(tr("HTTP %1 in %2 ms · served by %3")
                          .arg(outcome.status)
                          .arg(outcome.latencyMs)
                          .arg(served.isEmpty() ? tr("an unnamed model") : served));
    m_answer->setPlainText(outcome.answer);

    if (!m_document || outcome.servedModel.isEmpty()) {
        emit finished();
        return;
    }
    RequestContext context;
    context.metadata = metadata;
    const std::optional<TraceSearch::Match> match = TraceSearch::find(
        m_document->route(), context, outcome.servedProvider.toStdString(), outcome.servedModel.toStdString());
    if (!match) {
        m_path->setText(tr("No path of the route on the canvas ends at %1 for this metadata: the deployed version "
                           "differs from the draft, or the request took a way the draft does not have.")
                            .arg(served));
    } else {
        QStringList failed;
        for (const std::string &key : match->failing) {
            failed << QString::fromStdString(key);
        }
        m_path->setText(failed.isEmpty() ? tr("On the canvas: the path that ends at %1 is lit.").arg(served)
                                         : tr("On the canvas: the path that ends at %1 is lit, as if %2 had failed.")
                                               .arg(served, failed.join(QStringLiteral(", "))));
        emit traceFound(*match, metadata);
    }
    emit finished();
}

QString TestRequestDialog::resultText() const
{
    return m_result->text();
}

QString TestRequestDialog::answerText() const
{
    return m_answer->toPlainText();
}

QString TestRequestDialog::pathText() const
{
    return m_path->text();
}

} // namespace rd
