#include "ui/gateway/DlpEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kOriginalRole = Qt::UserRole + 1;
const QStringList kActions{QStringLiteral("BLOCK"), QStringLiteral("FLAG")};
// The check column's choices and what each sends.
const QStringList kChecks{QStringLiteral("REQUEST"), QStringLiteral("RESPONSE"), QStringLiteral("REQUEST, RESPONSE")};

QString joined(const Json &strings)
{
    QStringList out;
    if (strings.is_array()) {
        for (const Json &s : strings) {
            out << (s.is_string() ? QString::fromStdString(s.get<std::string>()) : QString::fromStdString(s.dump()));
        }
    }
    return out.join(QStringLiteral(", "));
}

Json split(const QString &text)
{
    Json out = Json::array();
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) {
            out.push_back(part.trimmed().toStdString());
        }
    }
    return out;
}

QComboBox *choiceCombo(const QStringList &choices, const QString &value)
{
    auto *combo = new QComboBox;
    combo->addItems(choices);
    if (combo->findText(value) < 0 && !value.isEmpty()) {
        combo->addItem(value); // kept as the server has it; the check says what is allowed
    }
    combo->setCurrentIndex(std::max(0, combo->findText(value)));
    return combo;
}

} // namespace

DlpEditor::DlpEditor(const GatewaySetting &setting, QObject *parent) : GatewayFieldEditor(setting, parent)
{
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("setting_dlp"));
    m_enabled = new QCheckBox(tr("Enabled"));
    m_enabled->setObjectName(QStringLiteral("dlpEnabled"));
    m_useSimple = new QRadioButton(tr("One action over profiles"));
    m_usePolicies = new QRadioButton(tr("Policies"));
    m_usePolicies->setObjectName(QStringLiteral("dlpUsePolicies"));
    auto *shapeRow = new QHBoxLayout;
    shapeRow->addWidget(m_enabled);
    shapeRow->addSpacing(12);
    shapeRow->addWidget(m_useSimple);
    shapeRow->addWidget(m_usePolicies);
    shapeRow->addStretch(1);

    auto *simple = new QWidget;
    m_action = choiceCombo(kActions, QString());
    m_action->setObjectName(QStringLiteral("dlpAction"));
    m_profiles = new QLineEdit;
    m_profiles->setObjectName(QStringLiteral("dlpProfiles"));
    m_profiles->setPlaceholderText(tr("DLP profile ids, separated by commas"));
    auto *simpleForm = new QFormLayout(simple);
    simpleForm->setContentsMargins(0, 0, 0, 0);
    simpleForm->addRow(tr("Action:"), m_action);
    simpleForm->addRow(tr("Profiles:"), m_profiles);

    auto *table = new QWidget;
    m_policies = new QTableWidget(0, 5);
    m_policies->setObjectName(QStringLiteral("dlpPolicies"));
    m_policies->setHorizontalHeaderLabels({tr("Id"), tr("Action"), tr("Checks"), tr("On"), tr("Profiles")});
    m_policies->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_policies->horizontalHeader()->setStretchLastSection(true);
    m_policies->verticalHeader()->hide();
    m_policies->setMinimumHeight(110);
    m_policies->setToolTip(tr("Profiles: DLP profile ids separated by commas"));
    auto *add = new QPushButton(tr("Add Policy"));
    auto *remove = new QPushButton(tr("Remove Policy"));
    auto *tableButtons = new QHBoxLayout;
    tableButtons->addWidget(add);
    tableButtons->addWidget(remove);
    tableButtons->addStretch(1);
    auto *tableLayout = new QVBoxLayout(table);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_policies);
    tableLayout->addLayout(tableButtons);

    m_shapes = new QStackedWidget;
    m_shapes->addWidget(simple);
    m_shapes->addWidget(table);
    auto *layout = new QVBoxLayout(m_widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(shapeRow);
    layout->addWidget(m_shapes);

    connect(m_enabled, &QCheckBox::toggled, this, &DlpEditor::markEdited);
    connect(m_usePolicies, &QRadioButton::toggled, this, [this] {
        updateShape();
        markEdited();
    });
    connect(m_action, &QComboBox::currentIndexChanged, this, &DlpEditor::markEdited);
    connect(m_profiles, &QLineEdit::textEdited, this, &DlpEditor::markEdited);
    connect(m_policies, &QTableWidget::itemChanged, this, &DlpEditor::markEdited);
    connect(add, &QPushButton::clicked, this, &DlpEditor::addPolicy);
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_policies->currentRow();
        if (row >= 0) {
            m_policies->removeRow(row);
            markEdited();
        }
    });
    m_useSimple->setChecked(true);
    updateShape();
}

void DlpEditor::updateShape()
{
    m_shapes->setCurrentIndex(m_usePolicies->isChecked() ? 1 : 0);
}

void DlpEditor::addPolicy()
{
    addPolicyRow(Json{{"id", "policy-" + std::to_string(m_policies->rowCount() + 1)},
                      {"action", "FLAG"},
                      {"check", Json::array({"REQUEST", "RESPONSE"})},
                      {"enabled", true},
                      {"profiles", Json::array()}});
    m_policies->setCurrentCell(m_policies->rowCount() - 1, IdColumn);
    markEdited();
}

void DlpEditor::addPolicyRow(const Json &policy)
{
    const QSignalBlocker block(m_policies);
    const int row = m_policies->rowCount();
    m_policies->insertRow(row);
    auto *id = new QTableWidgetItem(QString::fromStdString(policy.value("id", std::string())));
    id->setData(kOriginalRole, QString::fromStdString(policy.dump()));
    m_policies->setItem(row, IdColumn, id);
    auto *action = choiceCombo(kActions, QString::fromStdString(policy.value("action", std::string())));
    connect(action, &QComboBox::currentIndexChanged, this, &DlpEditor::markEdited);
    m_policies->setCellWidget(row, ActionColumn, action);
    auto *checks = choiceCombo(kChecks, joined(policy.value("check", Json::array())));
    connect(checks, &QComboBox::currentIndexChanged, this, &DlpEditor::markEdited);
    m_policies->setCellWidget(row, CheckColumn, checks);
    auto *enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    enabled->setCheckState(policy.value("enabled", false) ? Qt::Checked : Qt::Unchecked);
    m_policies->setItem(row, EnabledColumn, enabled);
    m_policies->setItem(row, ProfilesColumn, new QTableWidgetItem(joined(policy.value("profiles", Json::array()))));
}

void DlpEditor::show(const Json &value)
{
    m_policies->setRowCount(0);
    const Json dlp = value.is_object() ? value : Json::object();
    m_enabled->setChecked(dlp.value("enabled", false));
    const bool policies = dlp.contains("policies");
    (policies ? m_usePolicies : m_useSimple)->setChecked(true);
    const QString action = QString::fromStdString(dlp.value("action", std::string("FLAG")));
    m_action->setCurrentIndex(std::max(0, m_action->findText(action)));
    m_profiles->setText(joined(dlp.value("profiles", Json::array())));
    if (policies && dlp["policies"].is_array()) {
        for (const Json &policy : dlp["policies"]) {
            addPolicyRow(policy.is_object() ? policy : Json::object());
        }
    }
    updateShape();
}

Json DlpEditor::current() const
{
    const Json &was = loaded();
    const bool policies = m_usePolicies->isChecked();
    // The server's object when the shape is unchanged, so fields inside it the app does not know stay.
    Json dlp = was.is_object() && was.contains("policies") == policies ? was : Json::object();
    dlp["enabled"] = m_enabled->isChecked();
    if (!policies) {
        dlp["action"] = m_action->currentText().toStdString();
        dlp["profiles"] = split(m_profiles->text());
        return dlp;
    }
    Json list = Json::array();
    for (int row = 0; row < m_policies->rowCount(); ++row) {
        const QTableWidgetItem *id = m_policies->item(row, IdColumn);
        Json policy = Json::parse(id->data(kOriginalRole).toString().toStdString(), nullptr, false);
        if (!policy.is_object()) {
            policy = Json::object();
        }
        policy["id"] = id->text().trimmed().toStdString();
        policy["action"] =
            qobject_cast<QComboBox *>(m_policies->cellWidget(row, ActionColumn))->currentText().toStdString();
        policy["check"] = split(qobject_cast<QComboBox *>(m_policies->cellWidget(row, CheckColumn))->currentText());
        policy["enabled"] = m_policies->item(row, EnabledColumn)->checkState() == Qt::Checked;
        policy["profiles"] = split(m_policies->item(row, ProfilesColumn)->text());
        list.push_back(std::move(policy));
    }
    dlp["policies"] = std::move(list);
    return dlp;
}

} // namespace rd
