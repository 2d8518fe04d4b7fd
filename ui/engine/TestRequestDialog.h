#pragma once

#include "app/GatewayTestRequest.h"
#include "model/engine/TraceSearch.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace rd {

class ApiClient;
class RequestContextEditor;
class RouteDocument;
class SecretStore;

// "Send Test Request…": one real request to the gateway the route lives on, for `dynamic/<route>`, so through
// the version deployed there (not the draft on the canvas). It shows the answer, the time, the model and provider
// Cloudflare's headers name, and finds the path of the drawn route that ends at that model (traceFound()).
// Offline it goes to the local sandbox's data plane; on a real account it says, before sending, that the request
// is billed. The gateway token and the provider key are typed once and kept in the keychain (never in settings).
class TestRequestDialog : public QDialog
{
    Q_OBJECT

public:
    struct Target
    {
        ApiClient *client = nullptr;
        QString connectionId; // keys the keychain entries: "" = the local sandbox
        QString gatewayId;
        QString routeName;
        QString deployedVersionId; // "" when nothing is deployed: the gateway will answer an error
        // The local sandbox's gateway token, known to the app: filled in, never stored.
        QString knownGatewayToken;
    };

    TestRequestDialog(Target target, RouteDocument *document, SecretStore *secrets, QWidget *parent = nullptr);

    // Starts with the metadata the Trace panel has.
    void setMetadata(const Json &metadata);
    // Real accounts ask before a billed request; tests (and people who said so) can skip it.
    void setConfirmBilled(bool confirm) { m_confirmBilled = confirm; }

    QUrl endpoint() const;
    RequestContextEditor *metadataEditor() const { return m_metadata; }
    QLineEdit *gatewayTokenEdit() const { return m_gatewayToken; }
    QLineEdit *providerKeyEdit() const { return m_providerKey; }
    QPushButton *sendButton() const { return m_send; }
    QString resultText() const;
    QString answerText() const;
    QString pathText() const;
    const std::optional<GatewayTestRequest::Outcome> &outcome() const { return m_outcome; }

public slots:
    void send();

signals:
    // After an answer: the path of the drawn route that ends at the serving model, with the metadata sent.
    void traceFound(const rd::TraceSearch::Match &match, const rd::Json &metadata);
    // The answer came (or the request failed): outcome() has it.
    void finished();

private:
    void readGateway();
    void readSecrets();
    void rememberSecrets();
    void showOutcome(const GatewayTestRequest::Outcome &outcome, const Json &metadata);
    QString gatewayTokenKey() const;
    QString providerKeyKey() const;

    Target m_target;
    QPointer<RouteDocument> m_document;
    QPointer<SecretStore> m_secrets;
    GatewayTestRequest *m_request;
    bool m_confirmBilled = true;
    QLabel *m_intro;
    QLineEdit *m_url;
    QLineEdit *m_model;
    QLineEdit *m_prompt;
    RequestContextEditor *m_metadata;
    QLineEdit *m_gatewayToken;
    QLabel *m_gatewayNote;
    QLineEdit *m_providerKey;
    QLabel *m_providerNote;
    QPushButton *m_send;
    QPushButton *m_cancel;
    QLabel *m_result;
    QPlainTextEdit *m_answer;
    QTreeWidget *m_headers;
    QLabel *m_path;
    std::optional<GatewayTestRequest::Outcome> m_outcome;
    QString m_readGatewayToken; // as read from the keychain: written back only when changed
    QString m_readProviderKey;
};

} // namespace rd
