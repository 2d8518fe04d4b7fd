#include "widgets/inspector/ConditionalPage.h"

#include "app/RouteDocument.h"
#include "model/JsonText.h"
#include "widgets/inspector/ConditionBuilder.h"
#include "widgets/inspector/ProviderCatalog.h"

#include <QApplication>
#include <QFocusEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <set>

namespace rd {

namespace {

constexpr int kBuilderTab = 0;
constexpr int kJsonTab = 1;

// Fields already used elsewhere in the route come first: routes tend to test the same few keys.
QStringList fieldSuggestions(const Route &route)
{
    QStringList fields;
    std::set<std::string> seen;
    const auto add = [&](const std::string &field) {
        if (!field.empty() && !field.starts_with('$') && seen.insert(field).second) {
            fields << QString::fromStdString(field);
        }
    };
    for (const Element &e : route.elements()) {
        if (e.type == ElementType::Conditional && e.conditional.conditions) {
            if (auto model = ConditionModel::fromJson(*e.conditional.conditions)) {
                for (const auto &row : model->rows) {
                    add(row.field);
                }
            }
        } else if (e.type == ElementType::Rate && e.rate.key) {
            add(*e.rate.key);
        }
    }
    for (const QString &field : ProviderCatalog::conditionFields()) {
        add(field.toStdString());
    }
    return fields;
}

} // namespace

ConditionalPage::ConditionalPage(QWidget *parent)
    : InspectorPage(parent), m_note(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_builder(new ConditionBuilder(this)), m_json(new QPlainTextEdit(this)), m_jsonError(new QLabel(this)),
      m_apply(new QPushButton(tr("&Apply"), this)), m_revert(new QPushButton(tr("Re&vert"), this))
{
    m_note->setObjectName(QStringLiteral("builderNote"));
    m_note->setWordWrap(true);
    m_note->setText(tr("These conditions use forms the builder cannot show (nested groups, other operators or "
                       "values). Edit them as JSON: they are kept exactly as written."));
    m_note->hide();

    m_json->setObjectName(QStringLiteral("conditionsJson"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setTabChangesFocus(true);
    m_json->setPlaceholderText(QStringLiteral("{\"metadata.plan\": {\"$eq\": \"free\"}}"));
    m_json->installEventFilter(this);
    m_jsonError->setObjectName(QStringLiteral("jsonError"));
    m_jsonError->setWordWrap(true);
    m_jsonError->hide();
    m_apply->setObjectName(QStringLiteral("applyJson"));
    m_revert->setObjectName(QStringLiteral("revertJson"));

    auto *jsonPage = new QWidget(this);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->addWidget(m_json, 1);
    jsonLayout->addWidget(m_jsonError);
    jsonLayout->addLayout(buttons);

    m_tabs->addTab(m_builder, tr("&Builder"));
    m_tabs->addTab(jsonPage, tr("&JSON"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_note);
    layout->addWidget(m_tabs, 1);

    connect(m_builder, &ConditionBuilder::edited, this, &ConditionalPage::applyBuilder);
    connect(m_builder, &ConditionBuilder::editingFinished, this, &ConditionalPage::endEditSession);
    connect(m_apply, &QPushButton::clicked, this, &ConditionalPage::applyJson);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        m_jsonError->hide();
        setJsonText(m_shownText);
    });
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] {
        const bool dirty = m_json->toPlainText() != m_shownText;
        m_apply->setEnabled(dirty);
        m_revert->setEnabled(dirty);
    });
}

void ConditionalPage::populate(const Element &element)
{
    if (document()) {
        m_builder->setFieldSuggestions(fieldSuggestions(document()->route()));
    }
    showConditions(element.conditional.conditions);
}

void ConditionalPage::showConditions(const std::optional<Json> &conditions)
{
    m_jsonError->hide();
    setJsonText(conditions ? QString::fromStdString(JsonText::format(*conditions)) : QString());
    const std::optional<ConditionModel> model = ConditionModel::fromJson(conditions.value_or(Json::object()));
    m_builder->setModel(model.value_or(ConditionModel{}));
    m_tabs->setTabEnabled(kBuilderTab, model.has_value());
    m_note->setVisible(!model);
    if (!model) {
        m_tabs->setCurrentIndex(kJsonTab);
    }
}

void ConditionalPage::setJsonText(const QString &text)
{
    m_shownText = text;
    m_json->setPlainText(text);
}

void ConditionalPage::applyBuilder(const QString &mergeHint)
{
    const Element *current = currentElement();
    if (!current) {
        return;
    }
    Element e = *current;
    e.hasProperties = true;
    e.conditional.conditions = m_builder->model().toJson();
    apply(e, tr("conditions"), QStringLiteral("conditions.") + (mergeHint.isEmpty() ? QStringLiteral("-") : mergeHint));
    if (mergeHint.isEmpty()) {
        endEditSession();
    }
    // The page skips showing its own change, so the JSON tab is brought up to date here.
    m_jsonError->hide();
    setJsonText(QString::fromStdString(JsonText::format(*e.conditional.conditions)));
}

bool ConditionalPage::applyJson()
{
    const QString text = m_json->toPlainText();
    const Element *current = currentElement();
    if (!current) {
        return false;
    }
    const Decoded<Json> parsed = JsonText::parse(text.toStdString());
    if (!parsed) {
        showJsonError(
            tr("Not applied: %1").arg(QString::fromStdString(parsed.error.value_or(DecodeIssue{}).toString())));
        return false;
    }
    if (!parsed.value->is_object()) {
        showJsonError(tr("Not applied: conditions must be a JSON object ({ ... })."));
        return false;
    }
    m_jsonError->hide();
    if (current->conditional.conditions == *parsed.value) {
        m_shownText = text;
        m_apply->setEnabled(false);
        m_revert->setEnabled(false);
        return true;
    }
    Element e = *current;
    e.hasProperties = true;
    e.conditional.conditions = *parsed.value;
    endEditSession();
    apply(e, tr("conditions"), QStringLiteral("conditions.json"));
    endEditSession();
    // Keep what the user wrote on screen (their layout), and let the builder follow if it can.
    m_shownText = text;
    m_apply->setEnabled(false);
    m_revert->setEnabled(false);
    const std::optional<ConditionModel> model = ConditionModel::fromJson(*parsed.value);
    m_builder->setModel(model.value_or(ConditionModel{}));
    m_tabs->setTabEnabled(kBuilderTab, model.has_value());
    m_note->setVisible(!model);
    return true;
}

bool ConditionalPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_json && event->type() == QEvent::FocusOut && m_json->toPlainText() != m_shownText) {
        // Leaving the editor applies, except towards Revert (which would otherwise revert nothing) and when
        // the whole window loses focus or a menu opens: the user has not moved on from the text.
        const Qt::FocusReason reason = static_cast<QFocusEvent *>(event)->reason();
        if (QApplication::focusWidget() != m_revert && reason != Qt::ActiveWindowFocusReason &&
            reason != Qt::PopupFocusReason) {
            applyJson();
        }
    }
    return InspectorPage::eventFilter(watched, event);
}

void ConditionalPage::showJsonError(const QString &message)
{
    setStatusText(m_jsonError, message, StatusColors::Role::Error);
    m_jsonError->show();
}

} // namespace rd
