#include "ui/ConnectionControls.h"

#include "app/ConnectionManager.h"
#include "app/ConnectionStore.h"
#include "app/SecretStore.h"
#include "app/StatusColors.h"
#include "app/api/ApiClient.h"
#include "ui/ConnectDialog.h"
#include "widgets/StatusIndicator.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace rd {

ConnectionControls::ConnectionControls(ConnectionManager *connections, QWidget *window)
    : QObject(window), m_connections(connections), m_window(window), m_indicator(new StatusIndicator),
      m_group(new QActionGroup(this)), m_newAction(new QAction(tr("&New Connection…"), this)),
      m_editAction(new QAction(tr("&Edit Current Connection…"), this)),
      m_removeAction(new QAction(tr("&Remove Current Connection…"), this))
{
    m_indicator->setObjectName(QStringLiteral("connectionIndicator"));
    m_indicator->setText(tr("Local sandbox"));
    m_indicator->setColor(StatusColors::mark(StatusColors::Role::Idle));
    m_indicator->setToolTip(tr("Not connected to Cloudflare: routes are opened and validated on this computer."));

    m_group->setExclusive(true);
    m_newAction->setObjectName(QStringLiteral("newConnectionAction"));
    connect(m_newAction, &QAction::triggered, this, &ConnectionControls::newConnection);
    connect(m_editAction, &QAction::triggered, this, &ConnectionControls::editConnection);
    connect(m_removeAction, &QAction::triggered, this, &ConnectionControls::removeConnection);

    connect(connections, &ConnectionManager::connectionsChanged, this, &ConnectionControls::rebuildMenu);
    connect(connections, &ConnectionManager::clientChanged, this, &ConnectionControls::showConnecting);
    connect(connections, &ConnectionManager::switching, this,
            [this](const QString &name) { m_indicator->setText(tr("%1 · reading the keychain…").arg(name)); });
    connect(connections, &ConnectionManager::secretUnreadable, this, [this](const QString &name, const QString &error) {
        m_indicator->setText(tr("%1 · no secret").arg(name));
        m_indicator->setColor(StatusColors::mark(StatusColors::Role::Error));
        QMessageBox::warning(
            m_window, tr("Cannot Connect"),
            tr("The secret of “%1” could not be read: %2\n\nEdit the connection to enter it again.").arg(name, error));
    });
    connect(connections, &ConnectionManager::keychainUnavailable, this,
            [this] { emit message(SecretStore::sessionOnlyMessage(), 15000); });
}

void ConnectionControls::setMenu(QMenu *menu)
{
    m_menu = menu;
    rebuildMenu();
}

void ConnectionControls::showConnecting(ApiClient *client, const QString &name)
{
    m_indicator->setText(tr("%1 · connecting…").arg(name));
    m_indicator->setColor(StatusColors::mark(StatusColors::Role::Pending));
    m_indicator->setToolTip(client ? client->options().baseUrl.toString() : QString());
}

void ConnectionControls::showGateways(int count)
{
    m_indicator->setText(tr("%1 · %n gateway(s)", nullptr, count).arg(m_connections->name()));
    m_indicator->setColor(StatusColors::mark(StatusColors::Role::Ok));
    ApiClient *client = m_connections->client();
    m_indicator->setToolTip(tr("Connected to %1").arg(client ? client->options().baseUrl.toString() : QString()));
}

void ConnectionControls::showUnavailable(const ApiError &error)
{
    m_indicator->setText(tr("%1 · unavailable").arg(m_connections->name()));
    m_indicator->setColor(StatusColors::mark(StatusColors::Role::Error));
    m_indicator->setToolTip(error.toString());
    emit message(error.summary, 10000);
}

void ConnectionControls::rebuildMenu()
{
    if (!m_menu) {
        return;
    }
    m_menu->clear();
    for (QAction *action : m_group->actions()) {
        m_group->removeAction(action);
        action->deleteLater();
    }
    ConnectionStore *store = m_connections->store();
    const QString current = m_connections->currentId();
    auto addChoice = [this, store, &current](const QString &id, const QString &text, const QString &tip) {
        QAction *choice = m_menu->addAction(text);
        choice->setCheckable(true);
        choice->setChecked(id == current);
        choice->setToolTip(tip);
        choice->setData(id);
        m_group->addAction(choice);
        connect(choice, &QAction::triggered, this, [this, store, id] {
            if (store) {
                store->setCurrentId(id); // the manager follows the store
            } else {
                m_connections->switchTo(id);
            }
        });
    };
    addChoice(QString(), tr("Local Sandbox"), tr("The built-in sandbox on this computer"));
    if (store) {
        for (const Connection &connection : store->connections()) {
            addChoice(connection.id, connection.name, connection.accountId);
        }
    }
    m_menu->addSeparator();
    m_menu->addAction(m_newAction);
    m_menu->addAction(m_editAction);
    m_menu->addAction(m_removeAction);
    m_newAction->setEnabled(store != nullptr);
    m_editAction->setEnabled(store && !current.isEmpty());
    m_removeAction->setEnabled(store && !current.isEmpty());
}

void ConnectionControls::newConnection()
{
    ConnectionStore *store = m_connections->store();
    if (!store) {
        return;
    }
    auto *dialog = new ConnectDialog(store, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ConnectionControls::editConnection()
{
    ConnectionStore *store = m_connections->store();
    if (!store || !store->current()) {
        return;
    }
    auto *dialog = new ConnectDialog(store, *store->current(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { m_connections->switchTo(m_connections->currentId()); });
    dialog->open();
}

void ConnectionControls::removeConnection()
{
    ConnectionStore *store = m_connections->store();
    if (!store || !store->current()) {
        return;
    }
    const Connection connection = *store->current();
    auto *confirm =
        new QMessageBox(QMessageBox::Question, tr("Remove Connection"),
                        tr("Remove the connection “%1”?").arg(connection.name), QMessageBox::Cancel, m_window);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    confirm->setInformativeText(tr("Its secret is deleted from the keychain. Routes on the account are not touched."));
    QPushButton *remove = confirm->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    connect(confirm, &QMessageBox::finished, this, [this, confirm, remove, id = connection.id] {
        if (confirm->clickedButton() == remove && m_connections->store()) {
            m_connections->store()->remove(id, this);
        }
    });
    confirm->open();
}

} // namespace rd
