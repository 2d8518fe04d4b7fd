#include "ui/gateway/GatewayScalarEditor.h"

#include "model/GatewaySettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

#include <climits>
#include <cmath>

namespace rd {

namespace {
QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}
} // namespace

GatewayScalarEditor::GatewayScalarEditor(const GatewaySetting &setting, QObject *parent)
    : GatewayFieldEditor(setting, parent)
{
    const QString name = QStringLiteral("setting_") + key();
    switch (setting.kind) {
    case GatewaySettingKind::Boolean:
        m_check = new QCheckBox(setting.readOnly ? tr("(set by Cloudflare)") : QString());
        m_check->setEnabled(!setting.readOnly);
        connect(m_check, &QCheckBox::toggled, this, &GatewayScalarEditor::markEdited);
        m_widget = m_check;
        break;
    case GatewaySettingKind::Number: {
        m_spin = new QSpinBox;
        // The seed's range; where it gives only a minimum of 0 there is no upper bound but int's.
        const int low = static_cast<int>(setting.min);
        const int high = setting.hasRange() ? static_cast<int>(setting.max) : INT_MAX;
        m_spin->setRange(setting.required ? low : low - 1, high);
        if (!setting.required) {
            m_spin->setSpecialValueText(tr("not set"));
        }
        m_spin->setGroupSeparatorShown(true);
        m_spin->setMinimumWidth(180);
        connect(m_spin, &QSpinBox::valueChanged, this, &GatewayScalarEditor::markEdited);
        m_widget = m_spin;
        break;
    }
    case GatewaySettingKind::Choice:
        m_combo = new QComboBox;
        if (!setting.required) {
            m_combo->addItem(tr("not set"), QString());
        }
        for (std::string_view choice : setting.choices) {
            m_combo->addItem(qs(choice), qs(choice));
        }
        connect(m_combo, &QComboBox::currentIndexChanged, this, &GatewayScalarEditor::markEdited);
        m_widget = m_combo;
        break;
    default:
        m_line = new QLineEdit;
        if (setting.hasRange()) {
            m_line->setPlaceholderText(tr("not set, or %1 to %2 characters").arg(setting.min).arg(setting.max));
        } else {
            m_line->setPlaceholderText(tr("not set"));
        }
        connect(m_line, &QLineEdit::textEdited, this, &GatewayScalarEditor::markEdited);
        m_widget = m_line;
        break;
    }
    m_widget->setObjectName(name);
    m_widget->setToolTip(tr("%1: %2").arg(key(), qs(GatewaySettings::describe(setting))));
}

GatewayScalarEditor::~GatewayScalarEditor()
{
    // The widget belongs to the dialog's layout.
}

int GatewayScalarEditor::unsetValue() const
{
    return static_cast<int>(setting().min) - 1;
}

void GatewayScalarEditor::show(const Json &value)
{
    if (m_check) {
        m_check->setChecked(value.is_boolean() && value.get<bool>());
    } else if (m_spin) {
        if (value.is_number()) {
            m_spin->setValue(static_cast<int>(std::llround(value.get<double>())));
        } else {
            m_spin->setValue(setting().required ? static_cast<int>(setting().min) : unsetValue());
        }
    } else if (m_combo) {
        const QString text = value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
        int index = m_combo->findData(text);
        if (index < 0 && !text.isEmpty()) {
            // A value this app does not know: shown as it is, so saving keeps it.
            m_combo->addItem(text, text);
            index = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(std::max(0, index));
    } else if (m_line) {
        m_line->setText(value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString());
    }
}

Json GatewayScalarEditor::current() const
{
    if (m_check) {
        // An optional flag the server does not have stays absent until it is ticked.
        if (loaded().is_null() && !m_check->isChecked()) {
            return Json();
        }
        return m_check->isChecked();
    }
    if (m_spin) {
        if (!setting().required && m_spin->value() == unsetValue()) {
            return Json();
        }
        return m_spin->value();
    }
    if (m_combo) {
        const QString text = m_combo->currentData().toString();
        return text.isEmpty() ? Json() : Json(text.toStdString());
    }
    const QString text = m_line->text();
    return text.isEmpty() ? Json() : Json(text.toStdString());
}

QString GatewayScalarEditor::widgetProblem() const
{
    if (m_line && setting().hasRange() && !m_line->text().isEmpty()) {
        const auto length = m_line->text().toUcs4().size();
        if (length < setting().min || length > setting().max) {
            return tr("Needs %1 to %2 characters; this has %3.").arg(setting().min).arg(setting().max).arg(length);
        }
    }
    return {};
}

} // namespace rd
