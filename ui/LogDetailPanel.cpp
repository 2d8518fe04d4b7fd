#include "ui/LogDetailPanel.h"

#include "app/LogTableModel.h"
#include "app/StatusColors.h"
#include "app/api/ApiClient.h"
#include "model/JsonText.h"
#include "model/LogEntry.h"
#include "ui/LogDeleteButton.h"

#include <QButtonGroup>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

// QButtonGroup reserves -1 ("no id"), so "bad" gets its own id and is mapped to the API's -1 here.
constexpr int kGoodId = 1;
constexpr int kNoneId = 0;
constexpr int kBadId = 2;
constexpr int kNoScore = -1;

int feedbackFromId(int id)
{
    return id == kGoodId ? 1 : id == kBadId ? -1 : 0;
}

int idFromFeedback(int feedback)
{
    return feedback > 0 ? kGoodId : feedback < 0 ? kBadId : kNoneId;
}

QString dumpPretty(const Json &json)
{
    // Bodies are whatever a provider sent: replace bad UTF-8 rather than fail on it.
    return QString::fromStdString(json.dump(2, ' ', false, Json::error_handler_t::replace));
}

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QLabel *fieldLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text);
    label->setBuddy(buddy);
    return label;
}

QLabel *valueLabel()
{
    auto *label = new QLabel;
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QPlainTextEdit *bodyView(const QString &name)
{
    auto *view = new QPlainTextEdit;
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

// Emoji only where a font can draw them; a box in place of a thumb is worse than a word.
bool haveEmojiFont()
{
    const QStringList families = QFontDatabase::families();
    return std::any_of(families.begin(), families.end(),
                       [](const QString &family) { return family.contains(QLatin1String("Emoji")); });
}

} // namespace

LogDetailPanel::LogDetailPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("logDetailPanel"));
    buildUi();
    applyPalette();
    clear();
}

// Calls in flight were started with this panel as their context: destroying it cancels them without callbacks.
LogDetailPanel::~LogDetailPanel() = default;

void LogDetailPanel::buildUi()
{
    auto *empty = new QLabel(tr("Select a log to see its request, its response and its feedback."));
    empty->setObjectName(QStringLiteral("logDetailEmpty"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false); // drawn in the palette's disabled text colour: a hint, not content

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("logDetailTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("logDetailProgress"));
    m_progress->setRange(0, 3);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(120);
    m_progress->setMaximumHeight(10);
    m_progress->setAccessibleName(tr("Loading the log"));

    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("logDetailCancel"));
    connect(m_cancelButton, &QPushButton::clicked, this, &LogDetailPanel::cancel);

    m_errorBar = new QWidget;
    m_errorBar->setObjectName(QStringLiteral("logDetailError"));
    m_errorBar->setAttribute(Qt::WA_StyledBackground);
    m_errorIcon = new QLabel;
    m_errorIcon->setPixmap(QIcon(QStringLiteral(":/icons/error.svg")).pixmap(16, 16));
    m_errorText = new QLabel;
    m_errorText->setObjectName(QStringLiteral("logDetailErrorText"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retryButton = new QPushButton(tr("Retry"));
    m_retryButton->setObjectName(QStringLiteral("logDetailRetry"));
    connect(m_retryButton, &QPushButton::clicked, this, &LogDetailPanel::reload);
    auto *errorLayout = new QHBoxLayout(m_errorBar);
    errorLayout->setContentsMargins(8, 6, 8, 6);
    errorLayout->addWidget(m_errorIcon, 0, Qt::AlignTop);
    errorLayout->addWidget(m_errorText, 1);
    errorLayout->addWidget(m_retryButton, 0, Qt::AlignTop);

    // Summary and feedback on the left, bodies on the right: bodies want the width, fields do not.
    auto *summary = new QWidget;
    m_form = new QFormLayout(summary);
    m_form->setContentsMargins(0, 0, 8, 0);
    m_form->setLabelAlignment(Qt::AlignRight);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addSummaryRow(tr("Status"), m_status);
    addSummaryRow(tr("Time"), m_time);
    addSummaryRow(tr("Model"), m_providerModel);
    addSummaryRow(tr("Path"), m_path);
    addSummaryRow(tr("Tokens"), m_tokens);
    addSummaryRow(tr("Cost"), m_cost);
    addSummaryRow(tr("Duration"), m_duration);
    addSummaryRow(tr("Step"), m_step);
    addSummaryRow(tr("Size"), m_sizes);
    addSummaryRow(tr("Metadata"), m_metadata);

    m_feedbackBox = new QWidget;
    m_feedbackBox->setObjectName(QStringLiteral("feedbackBox"));
    m_feedback = new QButtonGroup(this);
    const bool emoji = haveEmojiFont();
    auto *good = new QRadioButton(emoji ? tr("👍 Good") : tr("Good"));
    good->setObjectName(QStringLiteral("feedbackGood"));
    auto *bad = new QRadioButton(emoji ? tr("👎 Bad") : tr("Bad"));
    bad->setObjectName(QStringLiteral("feedbackBad"));
    auto *none = new QRadioButton(tr("None"));
    none->setObjectName(QStringLiteral("feedbackNone"));
    m_feedback->addButton(good, kGoodId);
    m_feedback->addButton(bad, kBadId);
    m_feedback->addButton(none, kNoneId);
    connect(m_feedback, &QButtonGroup::idClicked, this, &LogDetailPanel::feedbackEdited);
    m_score = new QSpinBox;
    m_score->setObjectName(QStringLiteral("feedbackScore"));
    m_score->setRange(kNoScore, 100);
    m_score->setSpecialValueText(tr("Not scored"));
    m_score->setToolTip(tr("A score from 0 to 100, for evaluations"));
    connect(m_score, &QSpinBox::valueChanged, this, &LogDetailPanel::feedbackEdited);
    m_saveButton = new QPushButton(tr("Save feedback"));
    m_saveButton->setObjectName(QStringLiteral("feedbackSave"));
    connect(m_saveButton, &QPushButton::clicked, this, &LogDetailPanel::saveFeedback);
    m_saveState = new QLabel;
    m_saveState->setObjectName(QStringLiteral("feedbackState"));
    m_saveState->setWordWrap(true);
    m_saveState->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *feedbackLabel = new QLabel(tr("Feedback"));
    feedbackLabel->setFont(titleFont);
    auto *scoreLabel = fieldLabel(tr("Score"), m_score);
    auto *feedbackLayout = new QHBoxLayout(m_feedbackBox);
    feedbackLayout->setContentsMargins(0, 0, 0, 0);
    feedbackLayout->addWidget(feedbackLabel);
    feedbackLayout->addWidget(good);
    feedbackLayout->addWidget(bad);
    feedbackLayout->addWidget(none);
    feedbackLayout->addSpacing(12);
    feedbackLayout->addWidget(scoreLabel);
    feedbackLayout->addWidget(m_score);
    feedbackLayout->addWidget(m_saveButton);
    m_deleteButton = new LogDeleteButton;
    connect(m_deleteButton, &LogDeleteButton::finished, this,
            [this](const QString &id, LogDeletion::Outcome outcome, const QString &message) {
                setSaveState(message, outcome != LogDeletion::Outcome::Deleted);
                if (outcome == LogDeletion::Outcome::Deleted) {
                    emit logDeleted(id);
                }
            });

    // Feedback sits in the header: it is about the whole log, and the columns below need the height.
    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_progress);
    header->addWidget(m_cancelButton);
    header->addStretch(1);
    header->addWidget(m_saveState, 2);
    header->addSpacing(8);
    header->addWidget(m_feedbackBox);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(summary);
    leftLayout->addStretch();
    auto *leftScroll = new QScrollArea;
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftScroll->setMinimumWidth(280);

    m_request = bodyView(QStringLiteral("logRequestBody"));
    m_response = bodyView(QStringLiteral("logResponseBody"));
    m_heads = bodyView(QStringLiteral("logHeaders"));
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("logBodyTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_request, tr("Request"));
    m_tabs->addTab(m_response, tr("Response"));
    m_tabs->addTab(m_heads, tr("Headers"));
    // Beside the bodies it deletes, not in the header with the feedback: that row sets the panel's smallest width.
    m_tabs->setCornerWidget(m_deleteButton, Qt::TopRightCorner);

    auto *split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    split->addWidget(leftScroll);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({380, 900});

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(header);
    contentLayout->addWidget(m_errorBar);
    contentLayout->addWidget(split, 1);

    m_stack = new QStackedWidget;
    m_stack->addWidget(empty);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->addWidget(m_stack);
}

void LogDetailPanel::addSummaryRow(const QString &label, QLabel *&value)
{
    value = valueLabel();
    value->setObjectName(QStringLiteral("summary") + QString(label).remove(QLatin1Char(' ')));
    m_form->addRow(label, value);
}

void LogDetailPanel::applyPalette()
{
    if (!m_saveState) {
        return; // a palette change while the widgets are still being made
    }
    const auto look = LogTableModel::Appearance::forPalette(palette());
    const StatusColors::Band error = StatusColors::band(StatusColors::Role::Error, palette());
    m_errorBar->setStyleSheet(QStringLiteral("#logDetailError { background: %1; border: 1px solid %2; "
                                             "border-radius: 4px; }")
                                  .arg(error.background.name(), error.border.name()));
    QPalette statusPalette = m_status->palette();
    statusPalette.setColor(QPalette::WindowText, m_successShown ? look.okColor : look.failedColor);
    m_status->setPalette(statusPalette);
    QPalette savePalette = m_saveState->palette();
    savePalette.setColor(QPalette::WindowText, m_saveFailed ? look.failedColor : look.okColor);
    m_saveState->setPalette(savePalette);
}

void LogDetailPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
    QWidget::changeEvent(event);
}

void LogDetailPanel::setGateway(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    m_deleteButton->setGateway(client, gatewayId);
    clear();
}

bool LogDetailPanel::isLoading() const
{
    return std::any_of(m_calls.begin(), m_calls.end(), [](const QPointer<ApiCall> &call) { return !call.isNull(); });
}

QString LogDetailPanel::requestText() const
{
    return m_request->toPlainText();
}

QString LogDetailPanel::responseText() const
{
    return m_response->toPlainText();
}

QString LogDetailPanel::prettyBody(const Json &body)
{
    if (body.is_null()) {
        return {};
    }
    if (body.is_string()) {
        const std::string &text = body.get_ref<const std::string &>();
        auto parsed = JsonText::parse(text);
        if (parsed && (parsed.value->is_object() || parsed.value->is_array())) {
            return dumpPretty(*parsed.value);
        }
        return QString::fromStdString(text);
    }
    return dumpPretty(body);
}

void LogDetailPanel::clear()
{
    cancel();
    m_logId.clear();
    m_deleteButton->setLog({}, {});
    m_stack->setCurrentIndex(0);
}

void LogDetailPanel::showLog(const QString &logId)
{
    if (logId.isEmpty()) {
        clear();
        return;
    }
    const bool sameLog = logId == m_logId;
    m_logId = logId;
    if (!sameLog) {
        // Nothing of the previous log may stay on screen under the new title.
        for (QLabel *label :
             {m_status, m_time, m_providerModel, m_path, m_tokens, m_cost, m_duration, m_step, m_sizes, m_metadata}) {
            label->clear();
        }
        m_request->clear();
        m_response->clear();
        m_heads->clear();
        setSaveState({}, false);
    }
    m_title->setText(tr("Log %1").arg(logId));
    m_stack->setCurrentIndex(1);
    reload();
}

void LogDetailPanel::reload()
{
    const bool wasLoading = isLoading();
    ++m_generation;
    for (const QPointer<ApiCall> &call : std::as_const(m_calls)) {
        if (call) {
            call->cancel();
        }
    }
    m_calls.clear();
    m_errorBar->hide();
    if (!m_client || m_gatewayId.isEmpty() || m_logId.isEmpty()) {
        m_progress->hide();
        m_cancelButton->hide();
        if (wasLoading) {
            emit loadingChanged(false);
        }
        return;
    }
    // Feedback is edited against what the server holds: not before that has arrived.
    m_entryShown = false;
    m_feedbackBox->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();

    const quint64 generation = m_generation;
    const QString id = m_logId;
    startCall(m_client->getLog(m_gatewayId, id, this, [this, generation](const ApiResult<LogEntry> &result) {
        if (generation != m_generation) {
            return;
        }
        if (result) {
            showEntry(*result.value);
        } else {
            showFailure(tr("Loading the log"), *result.error);
        }
    }));
    startCall(m_client->getLogRequest(m_gatewayId, id, this, [this, generation](const ApiResult<Json> &result) {
        if (generation != m_generation) {
            return;
        }
        if (result) {
            const QString text = prettyBody(*result.value);
            m_request->setPlainText(text.isEmpty() ? tr("(no request body was logged)") : text);
        } else {
            m_request->setPlainText(tr("The request body could not be loaded."));
            showFailure(tr("Loading the request body"), *result.error);
        }
    }));
    startCall(m_client->getLogResponse(m_gatewayId, id, this, [this, generation](const ApiResult<Json> &result) {
        if (generation != m_generation) {
            return;
        }
        if (result) {
            const QString text = prettyBody(*result.value);
            m_response->setPlainText(text.isEmpty() ? tr("(no response body was logged)") : text);
        } else {
            m_response->setPlainText(tr("The response body could not be loaded."));
            showFailure(tr("Loading the response body"), *result.error);
        }
    }));
    if (!wasLoading) {
        emit loadingChanged(true);
    }
}

void LogDetailPanel::startCall(ApiCall *call)
{
    m_calls.append(call);
    const quint64 generation = m_generation;
    // finished comes after the callback: by then the fields are filled in.
    connect(call, &ApiCall::finished, this, [this, call, generation] {
        if (generation == m_generation) {
            callDone(call);
        }
    });
}

void LogDetailPanel::callDone(ApiCall *call)
{
    m_calls.removeAll(call);
    m_progress->setValue(m_progress->value() + 1);
    if (isLoading()) {
        return;
    }
    m_progress->hide();
    m_cancelButton->hide();
    emit loadingChanged(false);
    emit loaded(m_logId);
}

void LogDetailPanel::cancel()
{
    if (!isLoading()) {
        return;
    }
    ++m_generation;
    for (const QPointer<ApiCall> &call : std::as_const(m_calls)) {
        if (call) {
            call->cancel();
        }
    }
    m_calls.clear();
    m_progress->hide();
    m_cancelButton->hide();
    m_errorText->setText(tr("Stopped loading this log. Retry to load it again."));
    m_errorIcon->setPixmap(QIcon(QStringLiteral(":/icons/info.svg")).pixmap(16, 16));
    m_errorBar->show();
    emit loadingChanged(false);
}

void LogDetailPanel::showEntry(const LogEntry &entry)
{
    const QLocale locale;
    const QString none = QStringLiteral("—");
    const int status = entry.statusCode() ? static_cast<int>(entry.statusCode()->toInteger()) : 0;
    m_successShown = entry.success();
    const QString statusText = entry.success() ? tr("Succeeded") : tr("Failed");
    const QString icon = entry.success() ? QStringLiteral(":/icons/ok.svg") : QStringLiteral(":/icons/error.svg");
    m_status->setText(
        QStringLiteral("<img src=\"%1\" width=\"14\" height=\"14\" style=\"vertical-align: middle\"> "
                       "%2%3")
            .arg(icon, statusText.toHtmlEscaped(), status > 0 ? QStringLiteral(" · HTTP %1").arg(status) : QString()));
    const QDateTime at = QDateTime::fromString(QString::fromStdString(entry.createdAt()), Qt::ISODateWithMs);
    m_time->setText(at.isValid() ? locale.toString(at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"))
                                 : none);
    m_time->setToolTip(at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString());
    m_providerModel->setText(
        QStringLiteral("%1 / %2").arg(QString::fromStdString(entry.provider()), QString::fromStdString(entry.model())));
    m_path->setText(entry.path().empty() ? none : QString::fromStdString(entry.path()));
    m_deleteButton->setLog(QString::fromStdString(entry.id()),
                           tr("%1, %2").arg(m_providerModel->text(), m_time->text()));
    const auto in = entry.tokensIn();
    const auto out = entry.tokensOut();
    m_tokens->setText(
        tr("%1 in · %2 out")
            .arg(in ? locale.toString(in->toInteger()) : none, out ? locale.toString(out->toInteger()) : none));
    const auto cost = entry.cost();
    m_cost->setText(cost ? QStringLiteral("$%1%2").arg(QString::number(cost->toDouble(), 'f', 6),
                                                       entry.customCost() ? tr(" (custom)") : QString())
                         : none);
    const auto duration = entry.durationMs();
    const QString took = duration ? tr("%1 ms").arg(locale.toString(duration->toInteger())) : none;
    m_duration->setText(entry.cached() ? tr("%1 · served from the gateway's cache").arg(took) : took);
    const auto step = entry.step();
    m_step->setText(step ? tr("%1 (0 = the first model the route tried)").arg(step->toInteger()) : none);
    const auto requestSize = entry.requestSize();
    const auto responseSize = entry.responseSize();
    m_sizes->setText(requestSize || responseSize
                         ? tr("%1 request · %2 response")
                               .arg(requestSize ? formatBytes(requestSize->toInteger()) : none,
                                    responseSize ? formatBytes(responseSize->toInteger()) : none)
                         : none);
    QStringList pairs;
    const Json metadata = entry.metadataObject();
    for (const auto &[key, value] : metadata.items()) {
        pairs << QStringLiteral("%1: %2").arg(
            QString::fromStdString(key),
            QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump()));
    }
    m_metadata->setText(pairs.isEmpty() ? none : pairs.join(QStringLiteral(" · ")));

    QStringList heads;
    for (const auto &[title, text] : {std::pair{tr("Request headers"), entry.requestHead()},
                                      std::pair{tr("Response headers"), entry.responseHead()}}) {
        heads << QStringLiteral("# %1\n%2").arg(title, text.empty() ? tr("(not logged)") : prettyBody(Json(text)));
    }
    m_heads->setPlainText(heads.join(QStringLiteral("\n\n")));

    const Json &json = entry.json();
    const auto feedback = json.find("feedback");
    m_savedFeedback = feedback != json.end() && feedback->is_number() ? feedback->get<int>() : 0;
    const auto score = json.find("score");
    m_savedScore = score != json.end() && score->is_number() ? std::optional<int>(score->get<int>()) : std::nullopt;
    m_feedback->button(idFromFeedback(m_savedFeedback))->setChecked(true);
    {
        const QSignalBlocker blocker(m_score);
        m_score->setValue(m_savedScore.value_or(kNoScore));
    }
    m_entryShown = true;
    m_feedbackBox->setEnabled(true);
    updateSaveButton();
    applyPalette();
}

void LogDetailPanel::showFailure(const QString &where, const ApiError &error)
{
    // The first failure names the place; the others usually repeat it (same network, same token).
    if (m_errorBar->isHidden()) {
        m_errorIcon->setPixmap(QIcon(QStringLiteral(":/icons/error.svg")).pixmap(16, 16));
        m_errorText->setText(
            QStringLiteral("<b>%1 failed.</b> %2").arg(where.toHtmlEscaped(), error.toString().toHtmlEscaped()));
        m_errorBar->show();
    }
    emit errorOccurred(where, error);
}

int LogDetailPanel::currentFeedback() const
{
    return feedbackFromId(m_feedback->checkedId());
}

void LogDetailPanel::feedbackEdited()
{
    if (!m_saveCall) {
        setSaveState({}, false); // "saved" or a failure no longer describes what is on screen
    }
    updateSaveButton();
}

void LogDetailPanel::updateSaveButton()
{
    const std::optional<int> score = m_score->value() == kNoScore ? std::nullopt : std::optional(m_score->value());
    const bool changed = currentFeedback() != m_savedFeedback || score != m_savedScore;
    m_saveButton->setEnabled(m_entryShown && !m_saveCall && changed);
}

void LogDetailPanel::setSaveState(const QString &text, bool failed)
{
    m_saveFailed = failed;
    m_saveState->setText(text);
    m_saveState->setVisible(!text.isEmpty());
    applyPalette();
}

void LogDetailPanel::saveFeedback()
{
    if (!m_client || m_logId.isEmpty() || m_saveCall) {
        return;
    }
    ApiClient::LogPatch patch;
    patch.feedback = currentFeedback();
    if (m_score->value() != kNoScore) {
        patch.score = m_score->value();
    }
    const QString id = m_logId;
    const int feedback = *patch.feedback;
    const std::optional<int> score = patch.score;
    m_saveButton->setEnabled(false);
    setSaveState(tr("Saving…"), false);
    m_saveCall =
        m_client->patchLog(m_gatewayId, id, patch, this, [this, id, feedback, score](const ApiResult<Json> &result) {
            m_saveCall = nullptr;
            if (id != m_logId) {
                return; // saved, but another log is on screen now
            }
            if (result) {
                m_savedFeedback = feedback;
                m_savedScore = score;
                setSaveState(tr("Feedback saved."), false);
                emit feedbackSaved(id, feedback, score);
            } else {
                setSaveState(tr("Saving the feedback failed: %1").arg(result.error->toString()), true);
                emit errorOccurred(tr("Saving the feedback"), *result.error);
            }
            updateSaveButton();
        });
}

} // namespace rd
