#pragma once

#include "model/Route.h"
#include "model/RouteCallSnippets.h"
#include "model/engine/RouteCallExample.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace rd {

class ApiClient;
class GatewayKeyCheck;

// "Use This Route…": how an application calls the route. The gateway's URLs (the OpenAI-compatible one and each
// provider's the route uses, as the API names them), the metadata the route reads with example values and the
// path they take, and three snippets to copy (curl, OpenAI Python, OpenAI JavaScript) that send exactly that.
// It warns when no version is deployed (then nothing answers), when the tab shows something else than what is
// deployed, when the gateway wants a token, and when a provider of the route has no stored key.
class UseRouteDialog : public QDialog
{
    Q_OBJECT

public:
    struct Target
    {
        ApiClient *client = nullptr;
        QString gatewayId;
        QString routeName;
        QString deployedVersionId; // "" when nothing is deployed
        bool showsDeployed = true; // the tab's route is the deployed version, unchanged
        Route route;               // what the tab shows: its metadata keys and example path
        QPointer<GatewayKeyCheck> keys;
    };

    explicit UseRouteDialog(Target target, QWidget *parent = nullptr);

    enum Snippet { Curl = 0, Python = 1, JavaScript = 2 };
    QPlainTextEdit *snippetEdit(Snippet which) const;
    QPushButton *copyButton(Snippet which) const;
    QString snippetText(Snippet which) const;
    QTabWidget *snippetTabs() const { return m_tabs; }
    QTreeWidget *urlList() const { return m_urls; }
    QCheckBox *callerKeysBox() const { return m_callerKeys; }
    QString warningText() const;
    QString metadataText() const;
    // The snippets' input once the gateway answered (its URL and whether it is authenticated).
    const std::optional<RouteCallSnippets::Input> &input() const { return m_input; }
    bool isReady() const { return m_input.has_value(); }
    const RouteCallExample &example() const { return m_example; }

signals:
    // The gateway's answers are in and the snippets written (or why not: warningText()).
    void ready();

private:
    void readGateway();
    void readProviderUrls();
    void refresh();
    void refreshWarnings();

    Target m_target;
    RouteCallExample m_example;
    std::optional<bool> m_authenticated;
    QString m_compatUrl;
    QString m_error;
    std::optional<RouteCallSnippets::Input> m_input;

    QLabel *m_warnings;
    QTreeWidget *m_urls;
    QLabel *m_metadata;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_edits[3] = {};
    QPushButton *m_copies[3] = {};
    QCheckBox *m_callerKeys;
};

} // namespace rd
