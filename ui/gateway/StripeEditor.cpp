#include "ui/gateway/StripeEditor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace rd {

StripeEditor::StripeEditor(const GatewaySetting &setting, QObject *parent) : GatewayFieldEditor(setting, parent)
{
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("setting_stripe"));
    m_use = new QCheckBox(tr("Send usage events to Stripe"));
    m_use->setObjectName(QStringLiteral("stripeUse"));
    m_authorization = new QLineEdit;
    m_authorization->setObjectName(QStringLiteral("stripeAuthorization"));
    m_authorization->setEchoMode(QLineEdit::Password);
    m_events = new QPlainTextEdit;
    m_events->setObjectName(QStringLiteral("stripeEvents"));
    m_events->setPlaceholderText(tr("one usage event payload a line"));
    m_events->setTabChangesFocus(true);
    m_events->setFixedHeight(m_events->fontMetrics().lineSpacing() * 3 + 12);
    auto *form = new QFormLayout(m_widget);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(m_use);
    form->addRow(tr("Authorization:"), m_authorization);
    form->addRow(tr("Usage events:"), m_events);

    connect(m_use, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        markEdited();
    });
    connect(m_authorization, &QLineEdit::textEdited, this, &StripeEditor::markEdited);
    connect(m_events, &QPlainTextEdit::textChanged, this, &StripeEditor::markEdited);
    updateEnabled();
}

void StripeEditor::updateEnabled()
{
    m_authorization->setEnabled(m_use->isChecked());
    m_events->setEnabled(m_use->isChecked());
}

void StripeEditor::show(const Json &value)
{
    const bool on = value.is_object();
    m_storedSecret = on && value.contains("authorization");
    m_use->setChecked(on);
    m_authorization->clear();
    m_authorization->setPlaceholderText(m_storedSecret ? tr("unchanged — type to replace") : tr("none — type to set"));
    QStringList payloads;
    if (on && value.value("usage_events", Json()).is_array()) {
        for (const Json &event : value["usage_events"]) {
            if (event.is_object() && event.value("payload", Json()).is_string()) {
                payloads << QString::fromStdString(event["payload"].get<std::string>());
            }
        }
    }
    m_events->setPlainText(payloads.join(QLatin1Char('\n')));
    updateEnabled();
}

Json StripeEditor::build(bool standIn) const
{
    if (!m_use->isChecked()) {
        return Json(); // null: the body clears it
    }
    Json stripe = loaded().is_object() ? loaded() : Json::object();
    stripe.erase("authorization");
    if (!m_authorization->text().isEmpty()) {
        stripe["authorization"] = m_authorization->text().toStdString();
    } else if (!m_storedSecret || standIn) {
        stripe["authorization"] = "";
    }
    // Each kept event keeps what else the server had in it; new lines are new events.
    const Json oldEvents = stripe.value("usage_events", Json::array());
    Json events = Json::array();
    std::size_t i = 0;
    for (const QString &line : m_events->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        Json event =
            oldEvents.is_array() && i < oldEvents.size() && oldEvents[i].is_object() ? oldEvents[i] : Json::object();
        event["payload"] = line.toStdString();
        events.push_back(std::move(event));
        ++i;
    }
    stripe["usage_events"] = std::move(events);
    return stripe;
}

Json StripeEditor::current() const
{
    return build(false);
}

Json StripeEditor::checkable() const
{
    return build(true);
}

Json StripeEditor::comparable(const Json &loadedValue) const
{
    Json out = loadedValue;
    if (out.is_object()) {
        out.erase("authorization");
    }
    return out;
}

} // namespace rd
