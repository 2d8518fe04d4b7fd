#include "ui/gateway/AddProviderKeyDialog.h"

#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "ui/gateway/AdminLabels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rd {

QStringList AddProviderKeyDialog::commonProviders()
{
    return {QStringLiteral("openai"),       QStringLiteral("anthropic"),     QStringLiteral("google-ai-studio"),
            QStringLiteral("workers-ai"),   QStringLiteral("groq"),          QStringLiteral("mistral"),
            QStringLiteral("azure-openai"), QStringLiteral("aws-bedrock"),   QStringLiteral("google-vertex-ai"),
            QStringLiteral("deepseek"),     QStringLiteral("perplexity-ai"), QStringLiteral("cohere"),
            QStringLiteral("openrouter"),   QStringLiteral("grok"),          QStringLiteral("cerebras")};
}

AddProviderKeyDialog::AddProviderKeyDialog(ApiClient *client, const QString &gatewayId, QWidget *parent)
    : QDialog(parent), m_client(client), m_gateway(gatewayId)
{
    setObjectName(QStringLiteral("addProviderKeyDialog"));
    setWindowTitle(tr("Add Provider Key to “%1”").arg(gatewayId));

    m_alias = new QLineEdit;
    m_alias->setObjectName(QStringLiteral("keyAliasEdit"));
    m_alias->setPlaceholderText(tr("e.g. production"));
    m_provider = new QComboBox;
    m_provider->setObjectName(QStringLiteral("keyProviderCombo"));
    m_provider->setEditable(true);
    m_provider->addItems(commonProviders());
    m_provider->setToolTip(tr("The provider's slug, as in the gateway URL …/{gateway}/{provider}/…"));
    m_secret = new QLineEdit;
    m_secret->setObjectName(QStringLiteral("keySecretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("the provider's API key"));
    m_default = new QCheckBox(tr("Default key for this provider"));
    m_default->setObjectName(QStringLiteral("keyDefaultCheck"));
    m_limit = new QCheckBox(tr("Limit to"));
    m_limit->setObjectName(QStringLiteral("keyLimitCheck"));
    m_limitCount = new QSpinBox;
    m_limitCount->setObjectName(QStringLiteral("keyLimitSpin"));
    m_limitCount->setRange(0, 1000000000);
    m_limitCount->setValue(100);
    m_limitCount->setSuffix(tr(" requests"));
    m_limitPeriod = new QSpinBox;
    m_limitPeriod->setObjectName(QStringLiteral("keyPeriodSpin"));
    m_limitPeriod->setRange(0, 100000000);
    m_limitPeriod->setValue(60);
    m_limitPeriod->setPrefix(tr("per "));
    m_limitPeriod->setSuffix(tr(" s"));
    auto *limitRow = new QHBoxLayout;
    limitRow->addWidget(m_limit);
    limitRow->addWidget(m_limitCount, 1);
    limitRow->addWidget(m_limitPeriod, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Alias:"), m_alias);
    form->addRow(tr("&Provider:"), m_provider);
    form->addRow(tr("&Secret:"), m_secret);
    form->addRow(QString(), AdminLabels::hint(tr("Sent once and kept by Cloudflare; this app never stores it and "
                                                 "shows only the preview the server gives back.")));
    form->addRow(QString(), m_default);
    form->addRow(tr("Rate limit:"), limitRow);

    m_error = AdminLabels::problem(QStringLiteral("addKeyError"));
    m_status = AdminLabels::hint(QString());
    m_status->setObjectName(QStringLiteral("addKeyStatus"));
    m_status->setVisible(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_add = buttons->addButton(tr("Add Key"), QDialogButtonBox::AcceptRole);
    m_add->setObjectName(QStringLiteral("addKeyButton"));
    m_add->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &AddProviderKeyDialog::send);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddProviderKeyDialog::reject);

    auto *layout = new QVBoxLayout(this);
    // Grows with a wrapped message (the server's reason, a lost answer) instead of cutting it off.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);

    for (QLineEdit *edit : {m_alias, m_secret}) {
        connect(edit, &QLineEdit::textChanged, this, &AddProviderKeyDialog::updateButton);
    }
    connect(m_provider, &QComboBox::currentTextChanged, this, &AddProviderKeyDialog::updateButton);
    connect(m_limit, &QCheckBox::toggled, this, &AddProviderKeyDialog::updateButton);
    resize(460, sizeHint().height());
    updateButton();
}

bool AddProviderKeyDialog::isBusy() const
{
    return !m_call.isNull() || !m_check.isNull();
}

QString AddProviderKeyDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void AddProviderKeyDialog::updateButton()
{
    m_limitCount->setEnabled(m_limit->isChecked());
    m_limitPeriod->setEnabled(m_limit->isChecked());
    m_add->setEnabled(!isBusy() && !m_alias->text().trimmed().isEmpty() &&
                      !m_provider->currentText().trimmed().isEmpty() && !m_secret->text().isEmpty());
}

void AddProviderKeyDialog::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    AdminLabels::fitHeight(this);
}

void AddProviderKeyDialog::reject()
{
    if (m_call) {
        m_call->cancel(); // the callback then looks for the alias
        return;
    }
    if (m_check) {
        return; // what a lost create did is being read
    }
    QDialog::reject();
}

void AddProviderKeyDialog::send()
{
    const QString alias = m_alias->text().trimmed();
    const QString provider = m_provider->currentText().trimmed();
    if (!m_client || isBusy() || alias.isEmpty() || provider.isEmpty() || m_secret->text().isEmpty()) {
        return;
    }
    std::optional<Number> limit;
    std::optional<Number> period;
    if (m_limit->isChecked()) {
        limit = Number::fromInteger(m_limitCount->value());
        period = Number::fromInteger(m_limitPeriod->value());
    }
    AdminLabels::setProblem(m_error, QString());
    m_call = m_client->createProviderConfig(
        m_gateway, alias, provider, m_secret->text(), m_default->isChecked(), limit, period, this,
        [this, alias](const ApiResult<ProviderConfig> &r) {
            m_call.clear();
            if (r) {
                emit added(alias);
                accept();
                return;
            }
            if (r.error->mayHaveBeenApplied || r.error->kind == ApiError::Kind::Cancelled) {
                lookFor(alias, *r.error);
                return;
            }
            setStatus(QString());
            AdminLabels::setProblem(
                m_error,
                tr("The server did not store the key: %1\nType the secret again to retry.").arg(r.error->toString()));
            updateButton();
        });
    // Sent: the only copy left is in the request on its way.
    m_secret->clear();
    setStatus(tr("Adding “%1”…").arg(alias));
    updateButton();
}

void AddProviderKeyDialog::lookFor(const QString &alias, const ApiError &error)
{
    setStatus(tr("The answer was lost (%1); asking the server whether “%2” was stored…").arg(error.summary, alias));
    // Read the keys until one has the alias or the watch is over: a create cancelled while the server worked on it
    // may still be applied after the first read.
    QPointer<ApiClient> client = m_client;
    const QString gateway = m_gateway;
    auto *check = new WriteCheck(
        [client, gateway, alias](QObject *context, const WriteCheck::Answer &answer) {
            if (!client) {
                answer(WriteCheck::Reading{false, QString(), ApiError{}});
                return;
            }
            PageQuery query;
            query.perPage = 50;
            client->listProviderConfigs(
                gateway, query, context, [alias, answer](const ApiResult<ListPage<ProviderConfig>> &r) {
                    WriteCheck::Reading reading;
                    if (!r) {
                        reading.error = *r.error;
                    } else {
                        for (const ProviderConfig &config : r.value->items) {
                            reading.applied = reading.applied || QString::fromStdString(config.alias()) == alias;
                        }
                    }
                    answer(reading);
                });
        },
        error.mayHaveBeenApplied, this);
    m_check = check;
    connect(check, &WriteCheck::settled, this, [this, alias](WriteCheck::State state) {
        m_check.clear();
        updateButton();
        setStatus(QString());
        if (state == WriteCheck::State::Applied) {
            emit added(alias);
            setStatus(tr("The server stored “%1” although its answer was lost.").arg(alias));
            m_add->setEnabled(false);
        } else if (state == WriteCheck::State::NotApplied) {
            AdminLabels::setProblem(m_error, tr("The answer was lost and the server has no key “%1”: it was not "
                                                "stored. Type the secret again to retry.")
                                                 .arg(alias));
        } else {
            AdminLabels::setProblem(m_error, tr("The answer was lost and the keys could not be read: look at the "
                                                "list before trying again."));
        }
    });
    check->start();
    updateButton();
}

} // namespace rd
