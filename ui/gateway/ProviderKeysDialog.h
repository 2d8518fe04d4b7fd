#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace rd {

class AddProviderKeyDialog;
class ApiCall;
class ApiClient;

// A gateway's stored provider keys as the server lists them (alias, provider, the secret's preview, default,
// rate limit), with Add Key… to store another. No secret is ever shown: only the server's preview.
class ProviderKeysDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { AliasColumn, ProviderColumn, SecretColumn, DefaultColumn, LimitColumn };

    ProviderKeysDialog(ApiClient *client, const QString &gatewayId, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QPushButton *addButton() const { return m_add; }
    // The Add Key dialog while it is open.
    AddProviderKeyDialog *addDialog() const;
    QString statusText() const;
    bool isBusy() const { return !m_call.isNull(); }

public slots:
    void refresh();
    void addKey();

signals:
    // A key was stored on the gateway: warnings about missing keys read the gateway again.
    void keyAdded(const QString &gatewayId);

private:
    QPointer<ApiClient> m_client;
    QPointer<ApiCall> m_call;
    QPointer<AddProviderKeyDialog> m_addDialog;
    QString m_gateway;
    QString m_select;
    QTreeWidget *m_list = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_refresh = nullptr;
};

} // namespace rd
