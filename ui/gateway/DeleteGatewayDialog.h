#pragma once

#include <QDialog>
#include <QPointer>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPushButton;

namespace rd {

class ApiCall;
class ApiClient;
class WriteCheck;
struct ApiError;

// Deleting a gateway takes everything in it. The question names its routes (read from the server first) and
// what stops working; with routes, the gateway's id must be typed to go on. A delete whose answer was lost is
// read back before anything is said.
class DeleteGatewayDialog : public QDialog
{
    Q_OBJECT

public:
    DeleteGatewayDialog(ApiClient *client, const QString &gatewayId, QWidget *parent = nullptr);

    // Reads the gateway's routes, then asks.
    void start();

    QString questionText() const;
    QLineEdit *confirmEdit() const { return m_confirm; }
    QPushButton *deleteButton() const { return m_delete; }
    QString errorText() const;
    bool routesLoaded() const { return m_routesLoaded; }
    bool isBusy() const;

public slots:
    void reject() override;

signals:
    void deleted(const QString &gatewayId);

private:
    void showRoutes(const QStringList &names, int total, const QString &failure);
    void updateButton();
    void remove();
    void readBack(const ApiError &error);
    void setStatus(const QString &text);

    QPointer<ApiClient> m_client;
    QPointer<ApiCall> m_call;
    QPointer<WriteCheck> m_check;
    QString m_gateway;
    bool m_routesLoaded = false;
    bool m_needsTyping = true; // until the routes are known, assume there are some
    QLabel *m_question = nullptr;
    QLabel *m_routes = nullptr;
    QLabel *m_consequences = nullptr;
    QLabel *m_typeLabel = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace rd
