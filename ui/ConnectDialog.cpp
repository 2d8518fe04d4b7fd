#include "ui/ConnectDialog.h"

#include "app/ConnectionNetwork.h"
#include "app/ConnectionStore.h"
#include "app/SecretStore.h"
#include "app/StatusColors.h"
#include "app/api/ApiCall.h"
#include "ui/ConnectionNetworkFields.h"
#include "ui/FormHints.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

namespace {

// Scoped by object name so only these labels change; the colours follow the palette, light or dark.
QString hintStyleSheet(const QPalette &palette)
{
    return QStringLiteral(R"(
QLabel#connectError { color: %1; }
QToolButton#advancedToggle { border: none; padding: 2px 0; }
QLabel[level="warning"], QLabel#keychainNote { color: %2; }
QLabel[level="error"] { color: %1; }
)")
        .arg(StatusColors::text(StatusColors::Role::Error, palette).name(),
             StatusColors::text(StatusColors::Role::Warning, palette).name());
}

bool looksLikeAccountId(const QString &text)
{
    static const QRegularExpression hex32(QStringLiteral("^[0-9a-fA-F]{32}$"));
    return hex32.match(text).hasMatch();
}

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString shortAccount(const QString &accountId)
{
    return accountId.size() > 10 ? accountId.left(4) + QChar(0x2026) + accountId.right(4) : accountId;
}

QLineEdit *secretEdit(const QString &objectName)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    // Keep the secret out of the clipboard-history and input-method prediction paths where the platform allows.
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

ConnectDialog::ConnectDialog(ConnectionStore *store, QWidget *parent) : ConnectDialog(store, Connection{}, parent)
{}

ConnectDialog::ConnectDialog(ConnectionStore *store, const Connection &existing, QWidget *parent)
    : QDialog(parent), m_store(store), m_existing(existing), m_client(new ApiClient(this))
{
    m_checkOptions.timeoutMs = 20000;
    m_checkOptions.maxRetries = 1; // a person is waiting: report a dead network soon rather than retry at length
    build();
    fillFrom(existing);
    validate();

    SecretStore *secrets = m_store->secrets();
    const auto showKeychainNote = [this] {
        m_keychainNote->setText(SecretStore::sessionOnlyMessage());
        m_keychainNote->setVisible(true);
        fitHeight();
    };
    connect(secrets, &SecretStore::keychainUnavailable, this, showKeychainNote);
    if (!secrets->persistent()) {
        showKeychainNote();
    } else {
        // Find out now rather than after the user typed the secret; the answer arrives through the signal.
        secrets->probe(this, {});
    }
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::build()
{
    setWindowTitle(isEditing() ? tr("Edit Connection") : tr("Connect to Cloudflare"));
    setStyleSheet(hintStyleSheet(palette()));
    setMinimumWidth(500);

    auto *intro = new QLabel(tr("Route Designer works with the AI Gateway routes of a Cloudflare account. The "
                                "credentials are checked with Cloudflare before anything is saved."));
    intro->setWordWrap(true);

    m_fields = new QWidget;
    m_form = new QFormLayout(m_fields);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Optional, e.g. Production"));
    m_form->addRow(tr("&Name:"), m_name);

    m_accountId = new QLineEdit;
    m_accountId->setObjectName(QStringLiteral("accountIdEdit"));
    m_accountId->setPlaceholderText(tr("32 characters, from the dashboard URL"));
    m_accountIdHint = FormHints::label(QStringLiteral("accountIdHint"));
    m_form->addRow(tr("&Account ID:"), FormHints::withHint(m_accountId, m_accountIdHint));

    m_tokenKind = new QRadioButton(tr("API &token"));
    m_tokenKind->setObjectName(QStringLiteral("apiTokenRadio"));
    m_globalKeyKind = new QRadioButton(tr("&Email + Global API key"));
    m_globalKeyKind->setObjectName(QStringLiteral("globalKeyRadio"));
    auto *kinds = new QButtonGroup(this);
    kinds->addButton(m_tokenKind);
    kinds->addButton(m_globalKeyKind);
    m_tokenKind->setChecked(true);
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(m_tokenKind);
    kindRow->addWidget(m_globalKeyKind);
    kindRow->addStretch();
    m_form->addRow(tr("Sign in with:"), kindRow);

    m_token = secretEdit(QStringLiteral("apiTokenEdit"));
    m_form->addRow(tr("API t&oken:"), m_token);
    m_email = new QLineEdit;
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setPlaceholderText(tr("The account's login email"));
    m_form->addRow(tr("E&mail:"), m_email);
    m_globalKey = secretEdit(QStringLiteral("globalKeyEdit"));
    m_form->addRow(tr("Global API &key:"), m_globalKey);

    m_advancedToggle = new QToolButton;
    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(tr("Advanced"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setAutoRaise(true);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_baseUrl = new QLineEdit;
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setPlaceholderText(ApiClient::kCloudflareBaseUrl.toString());
    m_baseUrlHint = FormHints::label(QStringLiteral("baseUrlHint"));
    // In the same form as the other fields, so that the labels line up when it opens.
    m_form->addRow(m_advancedToggle);
    QWidget *baseUrlRow = FormHints::withHint(m_baseUrl, m_baseUrlHint);
    m_form->addRow(tr("API &base URL:"), baseUrlRow);
    m_form->setRowVisible(baseUrlRow, false);
    m_network = new ConnectionNetworkFields(this);
    m_form->addRow(tr("&Proxy:"), m_network->proxyRow());
    m_form->addRow(tr("Extra &CA file:"), m_network->caRow());
    m_form->setRowVisible(m_network->proxyRow(), false);
    m_form->setRowVisible(m_network->caRow(), false);
    connect(m_network, &ConnectionNetworkFields::changed, this, &ConnectDialog::validate);
    connect(m_advancedToggle, &QToolButton::toggled, this, [this, baseUrlRow](bool open) {
        m_advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        for (QWidget *row : {baseUrlRow, m_network->proxyRow(), m_network->caRow()}) {
            m_form->setRowVisible(row, open);
        }
        fitHeight();
    });

    m_keychainNote = new QLabel;
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setVisible(false);

    m_busy = new QProgressBar;
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("connectStatus"));
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_busy);
    statusRow->addWidget(m_status, 1);
    // The row keeps its room while idle, and the status text never widens the dialog: the fields above must
    // not move or resize when a check starts.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    for (QWidget *busyPart : {static_cast<QWidget *>(m_busy), static_cast<QWidget *>(m_status)}) {
        QSizePolicy policy = busyPart->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        busyPart->setSizePolicy(policy);
        busyPart->setVisible(false);
    }

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("connectError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setVisible(false);

    m_buttons = new QDialogButtonBox;
    m_connect = m_buttons->addButton(isEditing() ? tr("Save && Connect") : tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    // The box's own accepted/rejected would close the dialog; both buttons need to do something else first.
    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::startConnect);
    connect(m_cancel, &QPushButton::clicked, this, &ConnectDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addWidget(m_fields);
    layout->addWidget(m_keychainNote);
    layout->addLayout(statusRow);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_name, m_accountId, m_token, m_email, m_globalKey, m_baseUrl}) {
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    }
    connect(m_tokenKind, &QRadioButton::toggled, this, &ConnectDialog::updateKind);
}

void ConnectDialog::fillFrom(const Connection &connection)
{
    m_name->setText(connection.name);
    m_accountId->setText(connection.accountId);
    m_email->setText(connection.email);
    (connection.kind == Connection::Kind::GlobalKey ? m_globalKeyKind : m_tokenKind)->setChecked(true);
    if (connection.baseUrl != ApiClient::kCloudflareBaseUrl) {
        m_baseUrl->setText(connection.baseUrl.toString());
    }
    m_network->fill(connection);
    if (connection.baseUrl != ApiClient::kCloudflareBaseUrl || !m_network->isDefault()) {
        m_advancedToggle->setChecked(true);
    }
    updateKind();
}

void ConnectDialog::updateKind()
{
    const bool token = m_tokenKind->isChecked();
    m_form->setRowVisible(m_token, token);
    m_form->setRowVisible(m_email, !token);
    m_form->setRowVisible(m_globalKey, !token);
    const QString keep = tr("Leave empty to keep the stored secret");
    const bool canKeep =
        isEditing() && (token ? Connection::Kind::ApiToken : Connection::Kind::GlobalKey) == m_existing.kind;
    m_token->setPlaceholderText(canKeep ? keep : tr("With the AI Gateway Read permission (Edit to deploy)"));
    m_globalKey->setPlaceholderText(canKeep ? keep : tr("From My Profile › API Tokens"));
    validate();
    if (isVisible()) {
        fitHeight();
    }
}

void ConnectDialog::validate()
{
    const QString accountId = m_accountId->text().trimmed();
    FormHints::set(m_accountIdHint,
            accountId.isEmpty() || looksLikeAccountId(accountId)
                ? QString()
                : tr("Usually 32 hexadecimal characters: is this a zone ID?"),
            "warning");

    bool urlOk = true;
    QString urlHint;
    bool urlWarning = false;
    if (!m_baseUrl->text().trimmed().isEmpty()) {
        const QUrl url = formBaseUrl();
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
            urlOk = false;
            urlHint = tr("Enter an http or https URL.");
        } else if (url.scheme() == QLatin1String("http") && !isLoopback(url)) {
            urlWarning = true;
            urlHint = tr("Plain http: the secret would cross the network unencrypted.");
        }
    }
    FormHints::set(m_baseUrlHint, urlHint, urlWarning ? "warning" : "error");

    const bool token = m_tokenKind->isChecked();
    const bool secretOk = keepsStoredSecret() || !formSecret().isEmpty();
    const bool emailOk = token || m_email->text().trimmed().contains(QLatin1Char('@'));
    const bool networkOk = m_network->validate();
    m_connect->setEnabled(m_state == State::Idle && !accountId.isEmpty() && secretOk && emailOk && urlOk &&
                          networkOk);
}

void ConnectDialog::setState(State state)
{
    m_state = state;
    const bool busy = state != State::Idle;
    m_fields->setEnabled(!busy);
    m_busy->setVisible(busy);
    m_status->setVisible(busy);
    switch (state) {
    case State::Idle:
        m_status->clear();
        break;
    case State::ReadingSecret:
        m_status->setText(tr("Reading the stored secret…"));
        break;
    case State::Checking:
        m_status->setText(tr("Checking the credentials with %1…").arg(formBaseUrl().host()));
        break;
    case State::Saving:
        m_status->setText(tr("Saving the connection…"));
        break;
    }
    // Saving cannot be taken back halfway, so Cancel waits for it.
    m_cancel->setEnabled(state != State::Saving);
    validate();
}

void ConnectDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    fitHeight();
}

void ConnectDialog::fitHeight()
{
    // Only the height follows the content: a width chosen by the layout or the user stays, so the fields keep
    // their size when a message appears under them.
    if (!isVisible()) {
        return;
    }
    layout()->activate();
    const int needed =
        layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : layout()->totalSizeHint().height();
    resize(width(), qMax(needed, layout()->totalMinimumSize().height()));
}

QString ConnectDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void ConnectDialog::startConnect()
{
    if (isBusy() || !m_connect->isEnabled()) {
        return;
    }
    showError(QString());
    const Connection connection = formConnection();
    if (!keepsStoredSecret()) {
        check(connection, formSecret());
        return;
    }
    setState(State::ReadingSecret);
    m_store->secrets()->read(m_existing.secretKey(), this, [this, connection](const SecretStore::Result &result) {
        if (m_state != State::ReadingSecret) {
            return; // cancelled meanwhile
        }
        if (!result.ok) {
            setState(State::Idle);
            showError(result.notFound ? tr("No secret is stored for this connection any more: enter it again.")
                                      : result.error);
            (m_tokenKind->isChecked() ? m_token : m_globalKey)->setFocus();
            return;
        }
        check(connection, result.secret);
    });
}

void ConnectDialog::check(const Connection &connection, const QString &secret)
{
    setState(State::Checking);
    ApiClient::Options options = m_checkOptions;
    options.baseUrl = connection.baseUrl;
    // The check goes the way the connection's requests will: through its proxy, trusting its CA file.
    if (const auto problem = ConnectionNetwork::applyTo(connection, options)) {
        setState(State::Idle);
        showError(*problem);
        return;
    }
    m_client->setOptions(options);
    m_client->setCredentials(connection.kind == Connection::Kind::GlobalKey
                                 ? ApiCredentials::globalKey(connection.accountId, connection.email, secret)
                                 : ApiCredentials::apiToken(connection.accountId, secret));
    // Listing gateways proves the account id and the credentials together, and needs only read permission.
    m_call = m_client->listGateways(PageQuery{}, this,
                                    [this, connection, secret](const ApiResult<ListPage<Gateway>> &result) {
                                        m_call = nullptr;
                                        onChecked(connection, secret, result.error);
                                    });
}

void ConnectDialog::onChecked(const Connection &connection, const QString &secret, const std::optional<ApiError> &error)
{
    // The client holds the secret for no longer than the check.
    m_client->setCredentials(ApiCredentials());
    if (error && error->kind == ApiError::Kind::Cancelled) {
        return; // reject() already put the dialog back
    }
    if (error) {
        setState(State::Idle);
        showError(error->toString());
        if (error->isAuthError()) {
            QLineEdit *secretField = m_tokenKind->isChecked() ? m_token : m_globalKey;
            secretField->setFocus();
            secretField->selectAll();
        }
        emit checkFinished(false);
        return;
    }
    setState(State::Saving);
    const auto saved = [this](const Connection &stored) {
        return [this, stored](const QString &saveError) {
            if (!saveError.isEmpty()) {
                setState(State::Idle);
                showError(saveError);
                emit checkFinished(false);
                return;
            }
            m_saved = stored;
            m_store->setCurrentId(stored.id);
            setState(State::Idle);
            emit checkFinished(true);
            accept();
        };
    };
    if (isEditing()) {
        // An unchanged secret is not written again: that could prompt for the keychain for nothing.
        m_store->update(connection, keepsStoredSecret() ? QString() : secret, this, saved(connection));
    } else {
        Connection stored = connection;
        stored.id = Connection::newId();
        m_store->add(stored, secret, this, saved(stored));
    }
}

void ConnectDialog::reject()
{
    switch (m_state) {
    case State::Idle:
        QDialog::reject();
        return;
    case State::Checking:
        if (m_call) {
            m_call->cancel();
        }
        m_call = nullptr;
        m_client->setCredentials(ApiCredentials());
        break;
    case State::ReadingSecret:
        break;
    case State::Saving:
        return;
    }
    setState(State::Idle);
    showError(QString());
}

Connection ConnectDialog::formConnection() const
{
    Connection c = m_existing;
    c.kind = m_tokenKind->isChecked() ? Connection::Kind::ApiToken : Connection::Kind::GlobalKey;
    c.accountId = m_accountId->text().trimmed();
    c.email = c.kind == Connection::Kind::GlobalKey ? m_email->text().trimmed() : QString();
    c.baseUrl = formBaseUrl();
    m_network->apply(c);
    c.name = m_name->text().trimmed();
    if (c.name.isEmpty()) {
        c.name = tr("Account %1").arg(shortAccount(c.accountId));
    }
    return c;
}

QString ConnectDialog::formSecret() const
{
    return (m_tokenKind->isChecked() ? m_token : m_globalKey)->text().trimmed();
}

bool ConnectDialog::keepsStoredSecret() const
{
    const auto kind = m_tokenKind->isChecked() ? Connection::Kind::ApiToken : Connection::Kind::GlobalKey;
    return isEditing() && kind == m_existing.kind && formSecret().isEmpty();
}

QUrl ConnectDialog::formBaseUrl() const
{
    const QString text = m_baseUrl->text().trimmed();
    if (text.isEmpty()) {
        return ApiClient::kCloudflareBaseUrl;
    }
    QUrl url(text, QUrl::StrictMode);
    // A trailing slash would double up with the paths the client appends.
    url.setPath(url.path().endsWith(QLatin1Char('/')) ? url.path().chopped(1) : url.path());
    return url;
}

} // namespace rd
