#include "ui/gateway/OtelEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QString headerLines(const Json &headers)
{
    QStringList lines;
    if (headers.is_object()) {
        for (const auto &[name, value] : headers.items()) {
            lines << qs(name) + QLatin1Char('=') +
                         (value.is_string() ? qs(value.get<std::string>()) : qs(value.dump()));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

OtelEditor::OtelEditor(const GatewaySetting &setting, QObject *parent) : GatewayFieldEditor(setting, parent)
{
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("setting_otel"));
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("otelExporters"));
    m_list->setMaximumHeight(90);
    auto *add = new QPushButton(tr("Add Exporter"));
    add->setObjectName(QStringLiteral("otelAdd"));
    m_remove = new QPushButton(tr("Remove"));
    m_remove->setObjectName(QStringLiteral("otelRemove"));
    auto *listButtons = new QVBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch(1);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_list, 1);
    listRow->addLayout(listButtons);

    m_form = new QWidget;
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("otelUrl"));
    m_url->setPlaceholderText(tr("https://collector.example.com/v1/traces"));
    m_contentType = new QComboBox;
    m_contentType->setObjectName(QStringLiteral("otelContentType"));
    m_contentType->addItem(tr("not set"), QString());
    m_contentType->addItem(QStringLiteral("json"), QStringLiteral("json"));
    m_contentType->addItem(QStringLiteral("protobuf"), QStringLiteral("protobuf"));
    m_headers = new QPlainTextEdit;
    m_headers->setObjectName(QStringLiteral("otelHeaders"));
    m_headers->setPlaceholderText(tr("one header a line: name=value"));
    m_headers->setTabChangesFocus(true);
    m_headers->setFixedHeight(m_headers->fontMetrics().lineSpacing() * 3 + 12);
    m_authorization = new QLineEdit;
    m_authorization->setObjectName(QStringLiteral("otelAuthorization"));
    m_authorization->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("URL:"), m_url);
    form->addRow(tr("Content type:"), m_contentType);
    form->addRow(tr("Headers:"), m_headers);
    form->addRow(tr("Authorization:"), m_authorization);

    auto *layout = new QVBoxLayout(m_widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(listRow);
    layout->addWidget(m_form);

    connect(add, &QPushButton::clicked, this, &OtelEditor::addExporter);
    connect(m_remove, &QPushButton::clicked, this, &OtelEditor::removeExporter);
    connect(m_list, &QListWidget::currentRowChanged, this, &OtelEditor::select);
    connect(m_url, &QLineEdit::textEdited, this, &OtelEditor::formEdited);
    connect(m_contentType, &QComboBox::currentIndexChanged, this, &OtelEditor::formEdited);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &OtelEditor::formEdited);
    connect(m_authorization, &QLineEdit::textEdited, this, &OtelEditor::formEdited);
    select(-1);
}

QString OtelEditor::listText(int row) const
{
    const QString url = m_exporters[static_cast<std::size_t>(row)].url;
    return url.isEmpty() ? tr("(exporter %1: no URL yet)").arg(row + 1) : url;
}

void OtelEditor::select(int row)
{
    m_row = row;
    m_filling = true;
    const bool any = row >= 0 && row < static_cast<int>(m_exporters.size());
    m_form->setEnabled(any);
    m_remove->setEnabled(any);
    const Exporter empty;
    const Exporter &e = any ? m_exporters[static_cast<std::size_t>(row)] : empty;
    m_url->setText(e.url);
    m_contentType->setCurrentIndex(std::max(0, m_contentType->findData(e.contentType)));
    m_headers->setPlainText(e.headers);
    m_authorization->setText(e.secretTyped ? e.typedSecret : QString());
    m_authorization->setPlaceholderText(!any             ? QString()
                                        : e.secretMoved() ? tr("type it again for the new URL")
                                        : e.storedSecret ? tr("unchanged — type to replace")
                                                         : tr("none — type to set"));
    m_filling = false;
}

void OtelEditor::formEdited()
{
    if (m_filling || m_row < 0 || m_row >= static_cast<int>(m_exporters.size())) {
        return;
    }
    Exporter &e = m_exporters[static_cast<std::size_t>(m_row)];
    e.url = m_url->text();
    e.contentType = m_contentType->currentData().toString();
    e.headers = m_headers->toPlainText();
    if (!m_authorization->text().isEmpty() || e.secretTyped) {
        e.typedSecret = m_authorization->text();
        e.secretTyped = !e.typedSecret.isEmpty();
    }
    if (QListWidgetItem *item = m_list->item(m_row)) {
        item->setText(listText(m_row));
    }
    markEdited();
}

void OtelEditor::addExporter()
{
    m_exporters.push_back(Exporter{});
    m_list->addItem(listText(static_cast<int>(m_exporters.size()) - 1));
    m_list->setCurrentRow(static_cast<int>(m_exporters.size()) - 1);
    markEdited();
}

void OtelEditor::removeExporter()
{
    const int row = m_row;
    if (row < 0 || row >= static_cast<int>(m_exporters.size())) {
        return;
    }
    // The server finds a kept authorization by the exporter's url, so the others keep theirs wherever they move.
    m_exporters.erase(m_exporters.begin() + row);
    m_filling = true;
    delete m_list->takeItem(row);
    m_filling = false;
    select(m_list->currentRow());
    markEdited();
}

void OtelEditor::show(const Json &value)
{
    m_exporters.clear();
    if (value.is_array()) {
        for (const Json &item : value) {
            Exporter e;
            e.original = item.is_object() ? item : Json::object();
            e.storedSecret = e.original.contains("authorization");
            e.original.erase("authorization"); // not kept by this editor at all
            e.url = qs(e.original.value("url", std::string()));
            e.contentType = e.original.value("content_type", Json()).is_string()
                                ? qs(e.original["content_type"].get<std::string>())
                                : QString();
            e.headers = headerLines(e.original.value("headers", Json::object()));
            m_exporters.push_back(std::move(e));
        }
    }
    m_list->clear();
    for (int row = 0; row < static_cast<int>(m_exporters.size()); ++row) {
        m_list->addItem(listText(row));
    }
    if (!m_exporters.empty()) {
        m_list->setCurrentRow(0);
    }
    select(m_list->currentRow());
}

Json OtelEditor::build(bool standIns) const
{
    if (m_exporters.empty() && loaded().is_null()) {
        return Json();
    }
    Json out = Json::array();
    for (const Exporter &e : m_exporters) {
        Json item = e.original;
        item["url"] = e.url.trimmed().toStdString();
        Json headers = Json::object();
        for (const QString &line : e.headers.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const qsizetype eq = line.indexOf(QLatin1Char('='));
            if (eq > 0) {
                headers[line.left(eq).trimmed().toStdString()] = line.mid(eq + 1).trimmed().toStdString();
            }
        }
        item["headers"] = std::move(headers);
        if (e.contentType.isEmpty()) {
            item.erase("content_type");
        } else {
            item["content_type"] = e.contentType.toStdString();
        }
        if (e.secretTyped) {
            item["authorization"] = e.typedSecret.toStdString();
        } else if (!e.storedSecret || e.secretMoved() || standIns) {
            // A new exporter without one sends an empty authorization (the API requires the field); the stand-in
            // lets the model check the rest.
            item["authorization"] = "";
        }
        out.push_back(std::move(item));
    }
    return out;
}

Json OtelEditor::current() const
{
    return build(false);
}

Json OtelEditor::checkable() const
{
    return build(true);
}

Json OtelEditor::comparable(const Json &loadedValue) const
{
    Json out = loadedValue;
    if (out.is_array()) {
        for (Json &item : out) {
            if (item.is_object()) {
                item.erase("authorization");
            }
        }
    }
    return out;
}

QString OtelEditor::widgetProblem() const
{
    for (std::size_t i = 0; i < m_exporters.size(); ++i) {
        const Exporter &e = m_exporters[i];
        if (e.url.trimmed().isEmpty()) {
            return tr("Exporter %1 needs a URL.").arg(i + 1);
        }
        if (e.secretMoved() && !e.secretTyped) {
            return tr("Exporter %1 points to a new URL: type its authorization again (the stored one stays with the "
                      "old address, never sent to another).")
                .arg(i + 1);
        }
        for (const QString &line : e.headers.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!line.trimmed().isEmpty() && line.indexOf(QLatin1Char('=')) <= 0) {
                return tr("Exporter %1: the header line “%2” needs the form name=value.").arg(i + 1).arg(line);
            }
        }
    }
    return {};
}

} // namespace rd
