#include "ui/gateway/GatewayFieldEditor.h"

#include "model/GatewaySettings.h"
#include "ui/gateway/AdminLabels.h"

#include <QLabel>

namespace rd {

GatewayFieldEditor::GatewayFieldEditor(const GatewaySetting &setting, QObject *parent)
    : QObject(parent), m_setting(setting)
{
    m_problemLabel = AdminLabels::problem(QStringLiteral("problem_") + key());
}

QString GatewayFieldEditor::key() const
{
    return QString::fromUtf8(m_setting.key.data(), static_cast<qsizetype>(m_setting.key.size()));
}

void GatewayFieldEditor::load(const Json &gateway)
{
    const std::string name(m_setting.key);
    auto it = gateway.find(name);
    m_loaded = it == gateway.end() ? Json() : *it;
    m_loading = true;
    show(m_loaded);
    m_loading = false;
    m_dirty = false;
    AdminLabels::setProblem(m_problemLabel, QString());
}

void GatewayFieldEditor::markEdited()
{
    if (m_loading) {
        return;
    }
    m_dirty = true;
    showProblem();
    emit edited();
}

bool GatewayFieldEditor::isChanged() const
{
    if (!m_dirty || m_setting.readOnly) {
        return false;
    }
    // Back to what the server has counts as unchanged.
    return current() != comparable(m_loaded);
}

void GatewayFieldEditor::apply(Json &body) const
{
    // null clears an optional field; the server keeps what the body leaves out.
    body[std::string(m_setting.key)] = current();
}

QString GatewayFieldEditor::problem() const
{
    if (m_setting.readOnly) {
        return {};
    }
    if (QString own = widgetProblem(); !own.isEmpty()) {
        return own;
    }
    const Json value = checkable();
    if (value.is_null()) {
        return m_setting.required
                   ? tr("Required: %1.").arg(QString::fromStdString(GatewaySettings::describe(m_setting)))
                   : QString();
    }
    if (auto issue = GatewaySettings::problem(m_setting, value)) {
        return QString::fromStdString(*issue);
    }
    return {};
}

void GatewayFieldEditor::showProblem()
{
    AdminLabels::setProblem(m_problemLabel, problem());
}

} // namespace rd
