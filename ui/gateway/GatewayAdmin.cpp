#include "ui/gateway/GatewayAdmin.h"

#include "app/api/ApiClient.h"
#include "ui/gateway/DeleteGatewayDialog.h"
#include "ui/gateway/GatewaySettingsDialog.h"
#include "ui/gateway/NewGatewayDialog.h"
#include "ui/gateway/ProviderKeysDialog.h"

#include <QMenu>
#include <QToolButton>

namespace rd {

GatewayAdmin::GatewayAdmin(QWidget *owner) : QObject(owner), m_owner(owner)
{
    m_menu = new QMenu(owner);
    m_menu->setObjectName(QStringLiteral("gatewayAdminMenu"));
    m_new = m_menu->addAction(tr("&New Gateway…"), this, &GatewayAdmin::newGateway);
    m_new->setObjectName(QStringLiteral("newGatewayAction"));
    m_settings = m_menu->addAction(tr("Gateway &Settings…"), this, &GatewayAdmin::editSettings);
    m_settings->setObjectName(QStringLiteral("gatewaySettingsAction"));
    m_keys = m_menu->addAction(tr("Provider &Keys…"), this, &GatewayAdmin::providerKeys);
    m_keys->setObjectName(QStringLiteral("providerKeysAction"));
    m_menu->addSeparator();
    m_delete = m_menu->addAction(tr("&Delete Gateway…"), this, &GatewayAdmin::deleteGateway);
    m_delete->setObjectName(QStringLiteral("deleteGatewayAction"));
    updateActions();
}

NewGatewayDialog *GatewayAdmin::newDialog() const
{
    return m_newDialog;
}

GatewaySettingsDialog *GatewayAdmin::settingsDialog() const
{
    return m_settingsDialog;
}

ProviderKeysDialog *GatewayAdmin::keysDialog() const
{
    return m_keysDialog;
}

DeleteGatewayDialog *GatewayAdmin::deleteDialog() const
{
    return m_deleteDialog;
}

QToolButton *GatewayAdmin::createButton()
{
    auto *button = new QToolButton;
    button->setObjectName(QStringLiteral("manageGatewayButton"));
    button->setText(tr("Manage"));
    button->setToolTip(tr("Create a gateway, or change, delete or store provider keys in this one"));
    button->setMenu(m_menu);
    button->setPopupMode(QToolButton::InstantPopup);
    return button;
}

void GatewayAdmin::offerContextMenu(QWidget *widget)
{
    widget->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(widget, &QWidget::customContextMenuRequested, this,
            [this, widget](const QPoint &pos) { m_menu->exec(widget->mapToGlobal(pos)); });
}

void GatewayAdmin::setClient(ApiClient *client)
{
    m_client = client;
    // A dialog of another account must not stay open over this one.
    for (QDialog *dialog :
         std::initializer_list<QDialog *>{m_newDialog, m_settingsDialog, m_keysDialog, m_deleteDialog}) {
        if (dialog) {
            dialog->deleteLater();
        }
    }
    updateActions();
}

void GatewayAdmin::setGatewayId(const QString &gatewayId)
{
    m_gateway = gatewayId;
    updateActions();
}

void GatewayAdmin::setEnabled(bool enabled)
{
    m_enabled = enabled;
    updateActions();
}

void GatewayAdmin::updateActions()
{
    const bool connected = m_client && m_enabled;
    m_new->setEnabled(connected);
    for (QAction *action : {m_settings, m_keys, m_delete}) {
        action->setEnabled(connected && !m_gateway.isEmpty());
    }
}

void GatewayAdmin::newGateway()
{
    if (!m_client) {
        return;
    }
    auto *dialog = new NewGatewayDialog(m_client, m_owner);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewGatewayDialog::created, this, &GatewayAdmin::gatewayCreated);
    m_newDialog = dialog;
    dialog->open();
}

void GatewayAdmin::editSettings()
{
    if (!m_client || m_gateway.isEmpty()) {
        return;
    }
    auto *dialog = new GatewaySettingsDialog(m_client, m_gateway, m_owner);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_settingsDialog = dialog;
    dialog->open();
    dialog->start();
}

void GatewayAdmin::providerKeys()
{
    if (!m_client || m_gateway.isEmpty()) {
        return;
    }
    auto *dialog = new ProviderKeysDialog(m_client, m_gateway, m_owner);
    connect(dialog, &ProviderKeysDialog::keyAdded, this,
            [this, client = QPointer<ApiClient>(m_client)](const QString &gatewayId) {
                if (client) {
                    emit providerKeyAdded(client, gatewayId);
                }
            });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_keysDialog = dialog;
    dialog->open();
    dialog->refresh();
}

void GatewayAdmin::deleteGateway()
{
    if (!m_client || m_gateway.isEmpty()) {
        return;
    }
    auto *dialog = new DeleteGatewayDialog(m_client, m_gateway, m_owner);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeleteGatewayDialog::deleted, this, &GatewayAdmin::gatewayDeleted);
    m_deleteDialog = dialog;
    dialog->open();
    dialog->start();
}

} // namespace rd
