#include "ui/gateway/GatewaySettingsDialog.h"

#include "app/WriteCheck.h"
#include "app/api/ApiClient.h"
#include "model/GatewaySettings.h"
#include "ui/gateway/AdminLabels.h"
#include "ui/gateway/DlpEditor.h"
#include "ui/gateway/GatewayScalarEditor.h"
#include "ui/gateway/OtelEditor.h"
#include "ui/gateway/StripeEditor.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTime>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace rd {

namespace {

constexpr GatewaySettingGroup kGroups[] = {GatewaySettingGroup::Caching,  GatewaySettingGroup::RateLimiting,
                                           GatewaySettingGroup::Retries,  GatewaySettingGroup::Logging,
                                           GatewaySettingGroup::Security, GatewaySettingGroup::Export,
                                           GatewaySettingGroup::Billing,  GatewaySettingGroup::Other};

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

GatewayFieldEditor *makeEditor(const GatewaySetting &setting, QObject *parent)
{
    switch (setting.kind) {
    case GatewaySettingKind::Dlp:
        return new DlpEditor(setting, parent);
    case GatewaySettingKind::Otel:
        return new OtelEditor(setting, parent);
    case GatewaySettingKind::Stripe:
        return new StripeEditor(setting, parent);
    default:
        return new GatewayScalarEditor(setting, parent);
    }
}

// The gateway without the secrets it holds: what is compared after a lost answer, never shown.
Json withoutSecrets(Json gateway)
{
    for (const std::string &pointer : GatewaySettings::secretPointers(gateway)) {
        const Json::json_pointer at(pointer);
        gateway[at.parent_pointer()].erase(at.back());
    }
    return gateway;
}

// Whether `gateway` holds every field of `asked` (both without secrets) as asked: null means absent.
bool shows(const Json &gateway, const Json &asked)
{
    const Json there = withoutSecrets(gateway);
    for (const auto &[key, value] : asked.items()) {
        if (key == "modified_at" || key == "created_at" || key == "id") {
            continue;
        }
        const auto it = there.find(key);
        const bool same = value.is_null() ? it == there.end() || it->is_null() : it != there.end() && *it == value;
        if (!same) {
            return false;
        }
    }
    return true;
}

} // namespace

GatewaySettingsDialog::GatewaySettingsDialog(ApiClient *client, const QString &gatewayId, QWidget *parent)
    : QDialog(parent), m_client(client), m_gateway(gatewayId)
{
    setObjectName(QStringLiteral("gatewaySettingsDialog"));
    setWindowTitle(tr("Gateway Settings — %1").arg(gatewayId));

    m_heading = new QLabel(tr("Reading “%1”…").arg(gatewayId));
    m_heading->setObjectName(QStringLiteral("gatewaySettingsHeading"));
    m_heading->setWordWrap(true);
    m_groups = new QListWidget;
    m_groups->setObjectName(QStringLiteral("gatewaySettingGroups"));
    m_pages = new QStackedWidget;
    buildPages();
    // As wide as the longest title in bold with its "changed" mark, so marking a group never needs a scroll bar.
    QFont bold = m_groups->font();
    bold.setBold(true);
    int widest = 0;
    for (GatewaySettingGroup group : kGroups) {
        widest = std::max(widest, QFontMetrics(bold).horizontalAdvance(qs(GatewaySettings::groupTitle(group)) +
                                                                       QStringLiteral(" •")));
    }
    m_groups->setFixedWidth(widest + 2 * m_groups->frameWidth() + 16);
    m_groups->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_groups->setSpacing(2);
    connect(m_groups, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_groups->setCurrentRow(0);

    auto *middle = new QHBoxLayout;
    middle->addWidget(m_groups);
    middle->addWidget(m_pages, 1);

    m_error = AdminLabels::problem(QStringLiteral("gatewaySettingsError"));
    m_status = AdminLabels::hint(QString());
    m_status->setObjectName(QStringLiteral("gatewaySettingsStatus"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_save = m_buttons->addButton(tr("&Save"), QDialogButtonBox::ApplyRole);
    m_save->setObjectName(QStringLiteral("saveGatewaySettings"));
    m_save->setDefault(true);
    m_revert = m_buttons->addButton(tr("&Revert"), QDialogButtonBox::ResetRole);
    m_revert->setToolTip(tr("Show the server's values again, dropping the changes made here"));
    connect(m_save, &QPushButton::clicked, this, &GatewaySettingsDialog::save);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        load(m_server);
        setStatus(tr("Changes dropped."));
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &GatewaySettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(middle, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(860, 620);
    updateButtons();
}

void GatewaySettingsDialog::buildPages()
{
    for (GatewaySettingGroup group : kGroups) {
        auto *page = new QWidget;
        auto *form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
        form->setVerticalSpacing(10);
        for (const GatewaySetting &setting : GatewaySettings::all()) {
            if (setting.group != group) {
                continue;
            }
            GatewayFieldEditor *editor = makeEditor(setting, this);
            m_editors.push_back(editor);
            connect(editor, &GatewayFieldEditor::edited, this, &GatewaySettingsDialog::updateButtons);
            auto *field = new QWidget;
            auto *column = new QVBoxLayout(field);
            column->setContentsMargins(0, 0, 0, 0);
            column->setSpacing(2);
            // A number is a few digits: its box keeps a number's width instead of the page's.
            column->addWidget(editor->widget(), 0,
                              setting.kind == GatewaySettingKind::Number ? Qt::AlignLeft : Qt::Alignment());
            auto *hint = AdminLabels::hint(qs(setting.explanation));
            hint->setToolTip(qs(GatewaySettings::describe(setting)));
            column->addWidget(hint);
            column->addWidget(editor->problemLabel());
            auto *label = new QLabel(qs(setting.label) + QLatin1Char(':'));
            label->setToolTip(qs(setting.key));
            label->setBuddy(editor->widget());
            form->addRow(label, field);
        }
        auto *title = new QLabel(qs(GatewaySettings::groupTitle(group)));
        QFont bold = title->font();
        bold.setWeight(QFont::DemiBold);
        bold.setPointSizeF(bold.pointSizeF() * 1.1);
        title->setFont(bold);
        auto *column = new QVBoxLayout(page);
        column->addWidget(title);
        column->addLayout(form);
        column->addStretch(1);
        auto *scroll = new QScrollArea;
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(page);
        m_pages->addWidget(scroll);
        m_groups->addItem(qs(GatewaySettings::groupTitle(group)));
    }
}

void GatewaySettingsDialog::start()
{
    if (!m_client) {
        return;
    }
    m_call = m_client->getGateway(m_gateway, this, [this](const ApiResult<Gateway> &r) {
        m_call.clear();
        if (!r) {
            showServerError(tr("Reading “%1”").arg(m_gateway), *r.error);
            updateButtons();
            return;
        }
        load(r.value->json());
        setStatus(tr("Read from the server at %1.").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    });
    updateButtons();
}

GatewayFieldEditor *GatewaySettingsDialog::editor(const QString &key) const
{
    for (GatewayFieldEditor *editor : m_editors) {
        if (editor->key() == key) {
            return editor;
        }
    }
    return nullptr;
}

void GatewaySettingsDialog::load(const Json &gateway)
{
    m_server = gateway;
    for (GatewayFieldEditor *editor : m_editors) {
        editor->load(gateway);
    }
    m_heading->setText(tr("<b>%1</b> — created %2, last modified %3")
                           .arg(m_gateway.toHtmlEscaped(), qs(gateway.value("created_at", std::string("?"))),
                                qs(gateway.value("modified_at", std::string("?")))));
    AdminLabels::setProblem(m_error, QString());
    updateButtons();
}

bool GatewaySettingsDialog::isBusy() const
{
    return !m_call.isNull() || !m_check.isNull();
}

bool GatewaySettingsDialog::hasChanges() const
{
    return std::any_of(m_editors.begin(), m_editors.end(), [](const GatewayFieldEditor *e) { return e->isChanged(); });
}

Json GatewaySettingsDialog::pendingBody() const
{
    // Every stored secret out: the server keeps a secret the body leaves out. A retyped one comes back in apply().
    Json body = withoutSecrets(m_server);
    for (const GatewayFieldEditor *editor : m_editors) {
        if (editor->isChanged()) {
            editor->apply(body);
        }
    }
    return body;
}

QStringList GatewaySettingsDialog::problems() const
{
    QStringList out;
    for (const GatewayFieldEditor *editor : m_editors) {
        if (QString problem = editor->problem(); !problem.isEmpty()) {
            out << qs(editor->setting().label) + QStringLiteral(": ") + problem;
        }
    }
    return out;
}

QString GatewaySettingsDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString GatewaySettingsDialog::statusText() const
{
    return m_status->text();
}

void GatewaySettingsDialog::setStatus(const QString &text)
{
    m_status->setText(text);
}

void GatewaySettingsDialog::showServerError(const QString &what, const ApiError &error)
{
    setStatus(QString());
    AdminLabels::setProblem(m_error, QStringLiteral("%1: %2").arg(what, error.toString()));
    // Cloudflare's message names the field in backquotes: point at it.
    for (GatewayFieldEditor *editor : m_editors) {
        if (error.toString().contains(QLatin1Char('`') + editor->key() + QLatin1Char('`'))) {
            AdminLabels::setProblem(editor->problemLabel(), tr("The server refused this value (see below)."));
        }
    }
}

void GatewaySettingsDialog::updateButtons()
{
    const bool loaded = isLoaded();
    const bool changed = loaded && hasChanges();
    m_save->setEnabled(loaded && !isBusy() && changed);
    m_revert->setEnabled(loaded && !isBusy() && changed);
    // A group with changes in it is marked in the list.
    for (int row = 0; row < m_groups->count(); ++row) {
        bool groupChanged = false;
        for (const GatewayFieldEditor *editor : m_editors) {
            groupChanged = groupChanged || (editor->setting().group == kGroups[row] && editor->isChanged());
        }
        QListWidgetItem *item = m_groups->item(row);
        QFont font = item->font();
        font.setBold(groupChanged);
        item->setFont(font);
        const QString title = qs(GatewaySettings::groupTitle(kGroups[row]));
        item->setText(groupChanged ? title + QStringLiteral(" •") : title);
    }
}

void GatewaySettingsDialog::save()
{
    if (!m_client || !isLoaded() || isBusy()) {
        return;
    }
    AdminLabels::setProblem(m_error, QString());
    GatewayFieldEditor *first = nullptr;
    for (GatewayFieldEditor *editor : m_editors) {
        editor->showProblem();
        if (!first && !editor->problem().isEmpty()) {
            first = editor;
        }
    }
    if (first) {
        const auto group = std::find(std::begin(kGroups), std::end(kGroups), first->setting().group);
        m_groups->setCurrentRow(static_cast<int>(group - std::begin(kGroups)));
        AdminLabels::setProblem(m_error, tr("Nothing was sent: fix the fields marked in red first (%1).")
                                             .arg(problems().join(QStringLiteral("; "))));
        return;
    }
    if (!hasChanges()) {
        setStatus(tr("Nothing changed."));
        return;
    }
    const Json body = pendingBody();
    Gateway gateway;
    for (const auto &[key, value] : body.items()) {
        gateway.setField(key, value);
    }
    gateway.setField("id", m_gateway.toStdString());
    setStatus(tr("Saving…"));
    m_call = m_client->updateGateway(gateway, this, [this, body](const ApiResult<Gateway> &r) {
        m_call.clear();
        if (r) {
            reread(tr("Saved. The fields show what the server has now."));
            return;
        }
        if (r.error->mayHaveBeenApplied || r.error->kind == ApiError::Kind::Cancelled) {
            lostAnswer(body, *r.error);
            return;
        }
        showServerError(tr("The server did not save the changes"), *r.error);
        updateButtons();
    });
    updateButtons();
}

void GatewaySettingsDialog::reread(const QString &message)
{
    setStatus(tr("Reading the gateway back…"));
    m_call = m_client->getGateway(m_gateway, this, [this, message](const ApiResult<Gateway> &r) {
        m_call.clear();
        if (!r) {
            showServerError(tr("Saved, but reading it back failed; close and open the settings again to see them"),
                            *r.error);
            updateButtons();
            return;
        }
        load(r.value->json());
        setStatus(message);
        emit saved(m_gateway);
    });
    updateButtons();
}

void GatewaySettingsDialog::lostAnswer(const Json &sent, const ApiError &error)
{
    setStatus(tr("The answer was lost (%1); asking the server what it has…").arg(error.summary));
    // Read until the server shows the changes or the watch is over: a request cancelled while the server worked
    // on it may still be applied after the first read.
    auto latest = std::make_shared<Json>();
    QPointer<ApiClient> client = m_client;
    const QString id = m_gateway;
    const Json asked = withoutSecrets(sent);
    auto *check = new WriteCheck(
        [client, id, asked, latest](QObject *context, const WriteCheck::Answer &answer) {
            if (!client) {
                answer(WriteCheck::Reading{false, QString(), ApiError{}});
                return;
            }
            client->getGateway(id, context, [asked, latest, answer](const ApiResult<Gateway> &r) {
                WriteCheck::Reading reading;
                if (!r) {
                    reading.error = *r.error;
                } else {
                    *latest = r.value->json();
                    reading.applied = shows(*latest, asked);
                }
                answer(reading);
            });
        },
        error.mayHaveBeenApplied, this);
    m_check = check;
    connect(check, &WriteCheck::settled, this, [this, latest](WriteCheck::State state) {
        m_check.clear();
        if (state == WriteCheck::State::Applied) {
            load(*latest);
            setStatus(tr("The server saved the changes although its answer was lost."));
            emit saved(m_gateway);
        } else if (state == WriteCheck::State::NotApplied) {
            m_server = *latest; // the edits stay on screen, to be saved over what the server has now
            setStatus(QString());
            AdminLabels::setProblem(m_error, tr("The answer was lost and the server does not show the changes: they "
                                                "were not saved. Your edits are still here; Save to try again."));
        } else {
            setStatus(QString());
            AdminLabels::setProblem(m_error, tr("The answer was lost and the gateway could not be read to see whether "
                                                "the changes were saved: close and open the settings again before "
                                                "saving once more."));
        }
        updateButtons();
    });
    check->start();
    updateButtons();
}

void GatewaySettingsDialog::reject()
{
    if (m_call) {
        m_call->cancel(); // a save's callback then reads back what the server did
        return;
    }
    if (m_check) {
        return; // what a lost save did is being read: closing now would leave it unsaid
    }
    if (hasChanges()) {
        QMessageBox ask(QMessageBox::Question, tr("Unsaved Changes"),
                        tr("Save the changes to “%1” before closing?").arg(m_gateway),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        ask.setObjectName(QStringLiteral("unsavedGatewaySettings"));
        ask.setDefaultButton(QMessageBox::Save);
        const int answer = ask.exec();
        if (answer == QMessageBox::Save) {
            save();
            return;
        }
        if (answer != QMessageBox::Discard) {
            return;
        }
    }
    QDialog::reject();
}

} // namespace rd
