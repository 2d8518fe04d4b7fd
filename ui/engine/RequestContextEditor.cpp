#include "ui/engine/RequestContextEditor.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

QDoubleSpinBox *tokenBox(double value)
{
    auto *box = new QDoubleSpinBox;
    box->setDecimals(0);
    box->setRange(0, 10'000'000);
    box->setSingleStep(100);
    box->setValue(value);
    box->setGroupSeparatorShown(true);
    return box;
}

// nullopt when the text is blank; an error when it is not a JSON object.
std::optional<Json> objectText(const QString &text, const QString &what, QString *error)
{
    if (text.trimmed().isEmpty()) {
        return std::nullopt;
    }
    Json json = Json::parse(text.toStdString(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        *error = QObject::tr("%1: write a JSON object, such as {\"key\": \"value\"}.").arg(what);
        return Json();
    }
    return json;
}

} // namespace

RequestContextEditor::RequestContextEditor(Fields fields, QWidget *parent) : QWidget(parent)
{
    m_table = new QTableWidget(0, 2);
    m_table->setObjectName(QStringLiteral("metadataTable"));
    m_table->setHorizontalHeaderLabels({tr("Metadata key"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(0, 130);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setToolTip(tr("cf-aig-metadata: at most 5 entries. An empty value is not sent. 42 is a number, true "
                           "a boolean; \"42\" in quotes and anything else is text."));
    connect(m_table, &QTableWidget::itemChanged, this, &RequestContextEditor::changed);

    auto *add = new QPushButton(tr("Add"));
    add->setObjectName(QStringLiteral("addMetadataButton"));
    auto *remove = new QPushButton(tr("Remove"));
    remove->setObjectName(QStringLiteral("removeMetadataButton"));
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = addRow(QString(), QString());
        m_table->setCurrentCell(row, 0);
        m_table->editItem(m_table->item(row, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0) {
            m_table->removeRow(row);
            emit changed();
        }
    });
    // In a dialog, Return sends (the dialog's default button), not "add a row".
    add->setAutoDefault(false);
    remove->setAutoDefault(false);
    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch(1);

    m_body = new QLineEdit;
    m_body->setObjectName(QStringLiteral("bodyEdit"));
    m_body->setPlaceholderText(tr("{\"messages\": [...]}  (optional)"));
    m_headers = new QLineEdit;
    m_headers->setObjectName(QStringLiteral("headersEdit"));
    m_headers->setPlaceholderText(tr("{\"x-team\": \"search\"}  (optional)"));
    m_tokensIn = tokenBox(RequestContext::kDefaultTokensIn);
    m_tokensOut = tokenBox(RequestContext::kDefaultTokensOut);
    for (QLineEdit *edit : {m_body, m_headers}) {
        connect(edit, &QLineEdit::textChanged, this, &RequestContextEditor::changed);
    }
    for (QDoubleSpinBox *box : {m_tokensIn, m_tokensOut}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &RequestContextEditor::changed);
    }
    auto *tokens = new QHBoxLayout;
    tokens->addWidget(m_tokensIn, 1);
    tokens->addWidget(new QLabel(tr("out")));
    tokens->addWidget(m_tokensOut, 1);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Body:"), m_body);
    form->addRow(tr("Headers:"), m_headers);
    form->addRow(tr("Tokens in:"), tokens);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(rowButtons);
    layout->addLayout(form);
    if (fields == Fields::MetadataOnly) {
        for (QWidget *w : {static_cast<QWidget *>(m_body), static_cast<QWidget *>(m_headers),
                           static_cast<QWidget *>(m_tokensIn), static_cast<QWidget *>(m_tokensOut)}) {
            w->hide();
        }
        for (int row = 0; row < form->rowCount(); ++row) {
            if (QLayoutItem *label = form->itemAt(row, QFormLayout::LabelRole); label && label->widget()) {
                label->widget()->hide();
            }
        }
        for (int i = 0; i < tokens->count(); ++i) {
            if (QWidget *w = tokens->itemAt(i)->widget()) {
                w->hide();
            }
        }
    }
}

void RequestContextEditor::setMetadata(const Json &metadata)
{
    {
        const QSignalBlocker block(m_table);
        for (int row = 0; row < m_table->rowCount(); ++row) {
            m_table->item(row, 1)->setText(QString());
        }
    }
    if (metadata.is_object()) {
        for (auto it = metadata.begin(); it != metadata.end(); ++it) {
            const QString key = QString::fromStdString(it.key());
            const QString value = valueText(it.value());
            bool found = false;
            for (int row = 0; row < m_table->rowCount() && !found; ++row) {
                if (m_table->item(row, 0)->text() == key) {
                    const QSignalBlocker block(m_table);
                    m_table->item(row, 1)->setText(value);
                    found = true;
                }
            }
            if (!found) {
                addRow(key, value);
            }
        }
    }
    emit changed();
}

QString RequestContextEditor::valueText(const Json &value)
{
    if (value.is_string()) {
        const QString text = QString::fromStdString(value.get<std::string>());
        // Text that would read back as a number or a boolean keeps its quotes.
        return parseValue(text).is_string() ? text : QLatin1Char('"') + text + QLatin1Char('"');
    }
    return QString::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

int RequestContextEditor::addRow(const QString &key, const QString &value)
{
    const QSignalBlocker block(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    auto *valueItem = new QTableWidgetItem(value);
    m_table->setItem(row, 1, valueItem);
    return row;
}

void RequestContextEditor::offerKeys(const std::vector<std::string> &keys)
{
    bool added = false;
    for (const std::string &key : keys) {
        const QString name = QString::fromStdString(key);
        if (m_table->findItems(name, Qt::MatchExactly).isEmpty()) {
            addRow(name, QString());
            added = true;
        }
    }
    if (added) {
        emit changed();
    }
}

void RequestContextEditor::setValue(const QString &key, const QString &value)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, 0) && m_table->item(row, 0)->text() == key) {
            m_table->item(row, 1)->setText(value); // itemChanged announces it
            return;
        }
    }
    addRow(key, value);
    emit changed();
}

void RequestContextEditor::setBodyText(const QString &json)
{
    m_body->setText(json);
}

Json RequestContextEditor::parseValue(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() >= 2 && trimmed.startsWith(u'"') && trimmed.endsWith(u'"')) {
        return trimmed.mid(1, trimmed.size() - 2).toStdString();
    }
    if (trimmed == QLatin1String("true") || trimmed == QLatin1String("false")) {
        return trimmed == QLatin1String("true");
    }
    bool isInt = false;
    const qlonglong integer = trimmed.toLongLong(&isInt);
    if (isInt) {
        return static_cast<std::int64_t>(integer);
    }
    bool isNumber = false;
    const double number = trimmed.toDouble(&isNumber);
    if (isNumber && !trimmed.isEmpty()) {
        return number;
    }
    return text.toStdString();
}

Json RequestContextEditor::metadata() const
{
    Json metadata = Json::object();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *key = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        if (key && value && !key->text().trimmed().isEmpty() && !value->text().isEmpty()) {
            metadata[key->text().trimmed().toStdString()] = parseValue(value->text());
        }
    }
    return metadata;
}

std::optional<RequestContext> RequestContextEditor::context(QString *error) const
{
    error->clear();
    RequestContext context;
    context.metadata = metadata();
    const std::optional<Json> body = objectText(m_body->text(), tr("Body"), error);
    const std::optional<Json> headers = objectText(m_headers->text(), tr("Headers"), error);
    if (!error->isEmpty()) {
        return std::nullopt;
    }
    if (body) {
        context.body = *body;
    }
    if (headers) {
        // Header names are case-insensitive; the engine compares them lower-cased, as HTTP/2 sends them.
        for (auto it = headers->begin(); it != headers->end(); ++it) {
            context.headers[QString::fromStdString(it.key()).toLower().toStdString()] = it.value();
        }
    }
    context.tokensIn = m_tokensIn->value();
    context.tokensOut = m_tokensOut->value();
    return context;
}

} // namespace rd
