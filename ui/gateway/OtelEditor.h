#pragma once

#include "ui/gateway/GatewayFieldEditor.h"

#include <vector>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace rd {

// The gateway's OpenTelemetry exporters: a list, and the chosen one's URL, content type, headers (key=value
// lines) and authorization. The stored authorization is never shown or kept in a widget: its field is empty
// and masked, and left so it is left out of the body (the server keeps the one it has); typed, it replaces it.
class OtelEditor : public GatewayFieldEditor
{
    Q_OBJECT

public:
    explicit OtelEditor(const GatewaySetting &setting, QObject *parent = nullptr);

    QWidget *widget() const override { return m_widget; }
    QListWidget *exporterList() const { return m_list; }
    QLineEdit *urlEdit() const { return m_url; }
    QComboBox *contentTypeCombo() const { return m_contentType; }
    QPlainTextEdit *headersEdit() const { return m_headers; }
    QLineEdit *authorizationEdit() const { return m_authorization; }
    void addExporter();
    void removeExporter();

protected:
    void show(const Json &value) override;
    Json current() const override;
    Json checkable() const override;
    Json comparable(const Json &loadedValue) const override;
    QString widgetProblem() const override;

private:
    struct Exporter
    {
        Json original = Json::object(); // the server's object: fields the app does not know go back with it
        QString url;
        QString contentType;
        QString headers;
        bool storedSecret = false; // the server has an authorization for it
        // Pointed at another address: the server keeps a stored authorization only for the same url, and the old
        // collector's secret must not follow the exporter elsewhere unasked.
        bool secretMoved() const
        {
            return storedSecret && url.trimmed().toStdString() != original.value("url", std::string());
        }
        QString typedSecret;       // what was typed, until the dialog is saved or closed
        bool secretTyped = false;
    };
    Json build(bool standIns) const;
    void select(int row);
    void formEdited();
    QString listText(int row) const;

    std::vector<Exporter> m_exporters;
    int m_row = -1;
    bool m_filling = false;
    QWidget *m_widget = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_remove = nullptr;
    QWidget *m_form = nullptr;
    QLineEdit *m_url = nullptr;
    QComboBox *m_contentType = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QLineEdit *m_authorization = nullptr;
};

} // namespace rd
