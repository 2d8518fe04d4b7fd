#include "ui/gateway/DeleteGatewayDialog.h"

#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "ui/gateway/AdminLabels.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace rd {

namespace {
// Names listed in the question; the rest are counted.
constexpr int kNamesShown = 10;
constexpr int kRoutesPerPage = 50;
} // namespace

DeleteGatewayDialog::DeleteGatewayDialog(ApiClient *client, const QString &gatewayId, QWidget *parent)
    : QDialog(parent), m_client(client), m_gateway(gatewayId)
{
    setObjectName(QStringLiteral("deleteGatewayDialog"));
    setWindowTitle(tr("Delete Gateway"));

    m_question = new QLabel(tr("Delete the gateway “%1”?").arg(gatewayId));
    QFont bold = m_question->font();
    bold.setWeight(QFont::DemiBold);
    m_question->setFont(bold);
    m_question->setWordWrap(true);
    m_routes = new QLabel(tr("Reading its routes…"));
    m_routes->setObjectName(QStringLiteral("deleteGatewayRoutes"));
    m_routes->setWordWrap(true);
    m_routes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_consequences = new QLabel(
        tr("Every call through “%1” will fail (its URLs answer “not found”), and its logs, datasets, evaluations and "
           "stored provider keys are deleted with it. This cannot be undone.")
            .arg(gatewayId));
    m_consequences->setWordWrap(true);
    m_typeLabel = new QLabel(tr("To confirm, type the gateway's id, <b>%1</b>:").arg(gatewayId.toHtmlEscaped()));
    m_confirm = new QLineEdit;
    m_confirm->setObjectName(QStringLiteral("deleteGatewayConfirm"));
    m_typeLabel->setBuddy(m_confirm);
    connect(m_confirm, &QLineEdit::textChanged, this, &DeleteGatewayDialog::updateButton);
    m_error = AdminLabels::problem(QStringLiteral("deleteGatewayError"));
    m_status = AdminLabels::hint(QString());
    m_status->setObjectName(QStringLiteral("deleteGatewayStatus"));
    m_status->setVisible(false);

    auto *buttons = new QDialogButtonBox;
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setDefault(true);
    m_delete = buttons->addButton(tr("Delete “%1”").arg(gatewayId), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(QStringLiteral("deleteGatewayButton"));
    m_delete->setAutoDefault(false);
    connect(m_delete, &QPushButton::clicked, this, &DeleteGatewayDialog::remove);
    connect(m_cancel, &QPushButton::clicked, this, &DeleteGatewayDialog::reject);

    auto *layout = new QVBoxLayout(this);
    // Grows with a wrapped message (the server's reason, a lost answer) instead of cutting it off.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(m_question);
    layout->addWidget(m_routes);
    layout->addWidget(m_consequences);
    layout->addSpacing(6);
    layout->addWidget(m_typeLabel);
    layout->addWidget(m_confirm);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(480, sizeHint().height());
    updateButton();
}

void DeleteGatewayDialog::start()
{
    if (!m_client) {
        return;
    }
    PageQuery query;
    query.perPage = kRoutesPerPage;
    m_call = m_client->listRoutes(m_gateway, query, this, [this](const ApiResult<ListPage<Route>> &r) {
        m_call.clear();
        if (!r) {
            showRoutes({}, -1, r.error->toString());
            return;
        }
        QStringList names;
        for (const Route &route : r.value->items) {
            names << QString::fromStdString(route.name());
        }
        const int total = static_cast<int>(r.value->info.totalCount.value_or(static_cast<std::int64_t>(names.size())));
        showRoutes(names, std::max(total, static_cast<int>(names.size())), QString());
    });
}

bool DeleteGatewayDialog::isBusy() const
{
    return !m_call.isNull() || !m_check.isNull();
}

QString DeleteGatewayDialog::questionText() const
{
    return m_question->text() + QLatin1Char('\n') + m_routes->text() + QLatin1Char('\n') + m_consequences->text();
}

QString DeleteGatewayDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void DeleteGatewayDialog::showRoutes(const QStringList &names, int total, const QString &failure)
{
    m_routesLoaded = true;
    if (!failure.isEmpty()) {
        // Unknown routes are treated as routes: the id must be typed.
        m_routes->setText(tr("Its routes could not be read (%1); any it has are deleted with it.").arg(failure));
        m_needsTyping = true;
    } else if (total == 0) {
        m_routes->setText(tr("It has no routes."));
        m_needsTyping = false;
    } else {
        QStringList shown = names.mid(0, kNamesShown);
        for (QString &name : shown) {
            name = QStringLiteral("“%1”").arg(name);
        }
        QString list = shown.join(QStringLiteral(", "));
        if (total > shown.size()) {
            list += tr(" and %1 more").arg(total - shown.size());
        }
        m_routes->setText(tr("Its routes are deleted with it (%1 in all): %2. Clients calling dynamic/<name> on "
                             "this gateway get errors.")
                              .arg(total)
                              .arg(list));
        m_needsTyping = true;
    }
    m_typeLabel->setVisible(m_needsTyping);
    m_confirm->setVisible(m_needsTyping);
    updateButton();
    AdminLabels::fitHeight(this);
}

void DeleteGatewayDialog::updateButton()
{
    const bool typed = !m_needsTyping || m_confirm->text().trimmed() == m_gateway;
    m_delete->setEnabled(m_routesLoaded && typed && !isBusy());
}

void DeleteGatewayDialog::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    AdminLabels::fitHeight(this);
}

void DeleteGatewayDialog::reject()
{
    if (m_call) {
        m_call->cancel(); // a delete's callback then reads the server back
        return;
    }
    if (m_check) {
        return; // what a lost delete did is being read
    }
    QDialog::reject();
}

void DeleteGatewayDialog::remove()
{
    if (!m_client || isBusy()) {
        return;
    }
    AdminLabels::setProblem(m_error, QString());
    setStatus(tr("Deleting “%1”…").arg(m_gateway));
    m_call = m_client->deleteGateway(m_gateway, this, [this](const ApiResult<Gateway> &r) {
        m_call.clear();
        if (r) {
            emit deleted(m_gateway);
            accept();
            return;
        }
        if (r.error->mayHaveBeenApplied || r.error->kind == ApiError::Kind::Cancelled) {
            readBack(*r.error);
            return;
        }
        setStatus(QString());
        AdminLabels::setProblem(m_error, tr("The server did not delete “%1”: %2").arg(m_gateway, r.error->toString()));
        updateButton();
    });
    updateButton();
}

void DeleteGatewayDialog::readBack(const ApiError &error)
{
    setStatus(
        tr("The answer was lost (%1); asking the server whether “%2” is still there…").arg(error.summary, m_gateway));
    // Read until the gateway is gone or the watch is over: a delete cancelled while the server worked on it may
    // still be applied after the first read.
    QPointer<ApiClient> client = m_client;
    const QString id = m_gateway;
    auto *check = new WriteCheck(
        [client, id](QObject *context, const WriteCheck::Answer &answer) {
            if (!client) {
                answer(WriteCheck::Reading{false, QString(), ApiError{}});
                return;
            }
            client->getGateway(id, context, [answer](const ApiResult<Gateway> &r) {
                WriteCheck::Reading reading;
                reading.applied = !r && r.error->isNotFound();
                if (!r && !r.error->isNotFound()) {
                    reading.error = *r.error;
                }
                answer(reading);
            });
        },
        error.mayHaveBeenApplied, this);
    m_check = check;
    connect(check, &WriteCheck::settled, this, [this](WriteCheck::State state) {
        m_check.clear();
        updateButton();
        setStatus(QString());
        if (state == WriteCheck::State::Applied) {
            setStatus(tr("The server deleted “%1” although its answer was lost.").arg(m_gateway));
            m_delete->setEnabled(false);
            m_cancel->setText(tr("Close"));
            emit deleted(m_gateway);
        } else if (state == WriteCheck::State::NotApplied) {
            AdminLabels::setProblem(m_error,
                                    tr("“%1” is still there: it was not deleted. You can try again.").arg(m_gateway));
        } else {
            AdminLabels::setProblem(m_error, tr("The answer was lost and the server could not be asked whether “%1” "
                                                "is still there. Refresh the gateway list before trying again.")
                                                 .arg(m_gateway));
        }
    });
    check->start();
    updateButton();
}

} // namespace rd
