#include "ui/gateway/NewGatewayDialog.h"

#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "model/GatewaySettings.h"
#include "ui/gateway/AdminLabels.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

NewGatewayDialog::NewGatewayDialog(ApiClient *client, QWidget *parent) : QDialog(parent), m_client(client)
{
    setObjectName(QStringLiteral("newGatewayDialog"));
    setWindowTitle(tr("New Gateway"));

    auto *label = new QLabel(tr("Gateway &id:"));
    m_id = new QLineEdit;
    m_id->setObjectName(QStringLiteral("gatewayIdEdit"));
    m_id->setMaxLength(GatewaySettings::kIdMaxLength + 16); // long enough to say it is too long
    m_id->setPlaceholderText(tr("e.g. my-app-production"));
    label->setBuddy(m_id);
    m_problem = AdminLabels::problem(QStringLiteral("gatewayIdProblem"));
    auto *about = AdminLabels::hint(
        tr("Clients reach the gateway by its id, and it cannot be renamed. Up to %1 lowercase letters, digits and "
           "'-'. It starts as the dashboard's does: logs collected, no caching, no rate limit; change that in "
           "Gateway Settings… afterwards. An account has at most 10 gateways.")
            .arg(GatewaySettings::kIdMaxLength));
    m_error = AdminLabels::problem(QStringLiteral("newGatewayError"));
    m_status = AdminLabels::hint(QString());
    m_status->setObjectName(QStringLiteral("newGatewayStatus"));
    m_status->setVisible(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_create = m_buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createGatewayButton"));
    m_create->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewGatewayDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_id, &QLineEdit::textChanged, this, &NewGatewayDialog::check);

    auto *layout = new QVBoxLayout(this);
    // Grows with a wrapped message (the server's reason, a lost answer) instead of cutting it off.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(label);
    layout->addWidget(m_id);
    layout->addWidget(m_problem);
    layout->addWidget(about);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    resize(440, sizeHint().height());
    check();
    AdminLabels::fitHeight(this);
}

bool NewGatewayDialog::isBusy() const
{
    return !m_call.isNull() || !m_check.isNull();
}

QString NewGatewayDialog::problemText() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

QString NewGatewayDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void NewGatewayDialog::reject()
{
    if (m_call) {
        m_call->cancel();
        return;
    }
    if (m_check) {
        return; // what a lost create did is being read
    }
    QDialog::reject();
}

void NewGatewayDialog::check()
{
    const std::string id = m_id->text().toStdString();
    const auto problem = GatewaySettings::idProblem(id);
    // An empty field is not yet wrong: say nothing until something is typed.
    AdminLabels::setProblem(m_problem, problem && !id.empty() ? QString::fromStdString(*problem) : QString());
    m_create->setEnabled(!problem && !isBusy());
    AdminLabels::setProblem(m_error, QString());
}

void NewGatewayDialog::setBusy(bool busy, const QString &status)
{
    m_id->setReadOnly(busy);
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());
    AdminLabels::fitHeight(this);
    m_create->setEnabled(!busy && !GatewaySettings::idProblem(m_id->text().toStdString()));
}

void NewGatewayDialog::create()
{
    const QString id = m_id->text();
    if (!m_client || GatewaySettings::idProblem(id.toStdString()) || isBusy()) {
        return;
    }
    AdminLabels::setProblem(m_error, QString());
    m_call = m_client->createGateway(Gateway::create(id.toStdString()), this, [this, id](const ApiResult<Gateway> &r) {
        m_call.clear();
        if (r) {
            setBusy(false);
            emit created(id);
            accept();
            return;
        }
        const ApiError &error = *r.error;
        if (error.mayHaveBeenApplied || error.kind == ApiError::Kind::Cancelled) {
            lookUp(id, error);
            return;
        }
        setBusy(false);
        // The server's own words, which name the gateway: "A gateway with id … already exists", "… already has
        // 10 gateways …".
        AdminLabels::setProblem(m_error, error.toString());
    });
    setBusy(true, tr("Creating “%1”…").arg(id));
}

void NewGatewayDialog::lookUp(const QString &id, const ApiError &error)
{
    setBusy(true, tr("The answer was lost (%1); asking the server whether “%2” was created…").arg(error.summary, id));
    // Read until the gateway shows up or the watch is over: a create cancelled while the server worked on it may
    // still be applied after the first read.
    QPointer<ApiClient> client = m_client;
    auto *check = new WriteCheck(
        [client, id](QObject *context, const WriteCheck::Answer &answer) {
            if (!client) {
                answer(WriteCheck::Reading{false, QString(), ApiError{}});
                return;
            }
            client->getGateway(id, context, [answer](const ApiResult<Gateway> &r) {
                WriteCheck::Reading reading;
                reading.applied = r.ok();
                if (!r && !r.error->isNotFound()) {
                    reading.error = *r.error;
                }
                answer(reading);
            });
        },
        error.mayHaveBeenApplied, this);
    m_check = check;
    connect(check, &WriteCheck::settled, this, [this, id](WriteCheck::State state) {
        m_check.clear();
        setBusy(false);
        if (state == WriteCheck::State::Applied) {
            emit created(id);
            m_status->setText(tr("The server created “%1” although its answer was lost.").arg(id));
            m_status->setVisible(true);
            m_create->setEnabled(false);
            m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
            AdminLabels::fitHeight(this);
        } else if (state == WriteCheck::State::NotApplied) {
            AdminLabels::setProblem(m_error, tr("The answer was lost and the server has no gateway “%1”: it was not "
                                                "created. You can try again.")
                                                 .arg(id));
        } else {
            AdminLabels::setProblem(m_error, tr("The answer was lost and the server could not be asked whether “%1” "
                                                "was created. Refresh the gateway list before trying again.")
                                                 .arg(id));
        }
    });
    check->start();
}

} // namespace rd
