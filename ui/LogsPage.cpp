#include "ui/LogsPage.h"

#include "app/LogFilterFields.h"
#include "app/LogTableModel.h"
#include "app/StatusColors.h"
#include "app/api/ApiClient.h"
#include "ui/LogDetailPanel.h"
#include "ui/LogExportButton.h"
#include "ui/LogFilterChips.h"
#include "ui/evaluations/SaveDatasetDialog.h"
#include "widgets/inspector/ProviderCatalog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kApplyDelayMs = 350; // long enough to type a word, short enough to feel immediate

// A QDateTimeEdit at its minimum shows "Any": the bound is off.
const QDateTime kNoBound(QDate(2000, 1, 1), QTime(0, 0));

QDateTimeEdit *boundEdit(const QString &name, const QString &anyText)
{
    auto *edit = new QDateTimeEdit;
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setMinimumDateTime(kNoBound);
    edit->setSpecialValueText(anyText);
    edit->setDateTime(kNoBound);
    return edit;
}

QLabel *fieldLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text);
    label->setBuddy(buddy);
    return label;
}

QString timeValue(const QDateTime &local)
{
    return local.toUTC().toString(Qt::ISODate);
}

} // namespace

LogsPage::LogsPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("logsPage"));
    m_model = new LogTableModel(this);
    m_applyTimer = new QTimer(this);
    m_applyTimer->setSingleShot(true);
    m_applyTimer->setInterval(kApplyDelayMs);
    connect(m_applyTimer, &QTimer::timeout, this, &LogsPage::applyFilters);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("logsTable"));
    m_detail = new LogDetailPanel;
    connect(m_detail, &LogDetailPanel::logDeleted, this, &LogsPage::refresh);

    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->setObjectName(QStringLiteral("logsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 4);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 6);
    layout->setSpacing(6);
    layout->addWidget(buildFilterBar());
    layout->addWidget(buildErrorBanner());
    layout->addWidget(m_splitter, 1);
    layout->addWidget(buildStatusLine());

    configureTable();
    applyPalette();

    connect(m_model, &LogTableModel::loadingChanged, this, [this](bool loading) {
        if (loading) {
            hideError();
        }
        updateStatus();
        updateEmptyState();
    });
    connect(m_model, &LogTableModel::totalCountChanged, this, &LogsPage::updateStatus);
    connect(m_model, &LogTableModel::rowsInserted, this, &LogsPage::updateStatus);
    connect(m_model, &LogTableModel::modelReset, this, [this] {
        m_detail->clear(); // the selection went with the rows
        updateStatus();
        updateEmptyState();
    });
    connect(m_model, &LogTableModel::errorOccurred, this, &LogsPage::showError);
    connect(m_model, &LogTableModel::pageLoaded, this, &LogsPage::updateEmptyState);
    updateStatus();
    updateEmptyState();
}

LogsPage::~LogsPage() = default;

QWidget *LogsPage::buildFilterBar()
{
    m_from = boundEdit(QStringLiteral("logsFrom"), tr("Any time"));
    m_from->setToolTip(tr("Only logs after this local time"));
    m_to = boundEdit(QStringLiteral("logsTo"), tr("Now"));
    m_to->setToolTip(tr("Only logs before this local time"));

    auto *presets = new QHBoxLayout;
    presets->setSpacing(2);
    const std::pair<QString, qint64> ranges[] = {
        {tr("1 h"), 3600}, {tr("24 h"), 24 * 3600}, {tr("7 d"), 7 * 24 * 3600}, {tr("All"), 0}};
    for (const auto &[label, seconds] : ranges) {
        auto *button = new QToolButton;
        button->setText(label);
        button->setObjectName(QStringLiteral("logsRange%1").arg(seconds));
        button->setToolTip(seconds == 0 ? tr("Any time") : tr("The last %1").arg(label));
        button->setAutoRaise(false);
        connect(button, &QToolButton::clicked, this, [this, seconds = seconds] { showRecent(seconds); });
        presets->addWidget(button);
    }

    m_provider = new QComboBox;
    m_provider->setObjectName(QStringLiteral("logsProvider"));
    m_provider->setEditable(true);
    m_provider->addItem(QString());
    m_provider->addItems(ProviderCatalog::providers());
    m_provider->lineEdit()->setPlaceholderText(tr("Any provider"));
    m_provider->setInsertPolicy(QComboBox::NoInsert);
    m_provider->setMinimumContentsLength(14);
    m_provider->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    m_modelName = new QLineEdit;
    m_modelName->setObjectName(QStringLiteral("logsModel"));
    m_modelName->setPlaceholderText(tr("Any model"));
    m_modelName->setToolTip(tr("The exact model name; use Search for part of a name"));
    m_modelName->setClearButtonEnabled(true);
    m_modelName->setMinimumWidth(140);

    m_success = new QComboBox;
    m_success->setObjectName(QStringLiteral("logsSuccess"));
    m_success->addItem(tr("Any"), -1);
    m_success->addItem(tr("Succeeded"), 1);
    m_success->addItem(tr("Failed"), 0);

    m_cached = new QComboBox;
    m_cached->setObjectName(QStringLiteral("logsCached"));
    m_cached->addItem(tr("Any"), -1);
    m_cached->addItem(tr("Cached"), 1);
    m_cached->addItem(tr("Not cached"), 0);

    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("logsSearch"));
    m_search->setPlaceholderText(tr("Search id, provider, model, metadata"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(180);

    m_metadataKey = new QLineEdit;
    m_metadataKey->setObjectName(QStringLiteral("logsMetadataKey"));
    m_metadataKey->setPlaceholderText(tr("key"));
    m_metadataKey->setClearButtonEnabled(true);
    m_metadataKey->setMaximumWidth(140);
    m_metadataValue = new QLineEdit;
    m_metadataValue->setObjectName(QStringLiteral("logsMetadataValue"));
    m_metadataValue->setPlaceholderText(tr("value"));
    m_metadataValue->setClearButtonEnabled(true);
    m_metadataValue->setMaximumWidth(160);
    m_metadataKey->setToolTip(tr("Logs whose cf-aig-metadata has this key"));
    m_metadataValue->setToolTip(tr("Logs whose cf-aig-metadata has this value under any key"));

    auto *reset = new QPushButton(tr("Clear filters"));
    reset->setObjectName(QStringLiteral("logsResetFilters"));
    connect(reset, &QPushButton::clicked, this, &LogsPage::resetFilters);
    m_moreFilters = new LogFilterChips;
    connect(m_moreFilters, &LogFilterChips::removed, this, &LogsPage::applyFilters);

    auto *first = new QHBoxLayout;
    first->addWidget(fieldLabel(tr("&From"), m_from));
    first->addWidget(m_from);
    first->addWidget(fieldLabel(tr("&to"), m_to));
    first->addWidget(m_to);
    first->addLayout(presets);
    first->addSpacing(16);
    first->addWidget(fieldLabel(tr("&Provider"), m_provider));
    first->addWidget(m_provider);
    first->addWidget(fieldLabel(tr("&Model"), m_modelName));
    first->addWidget(m_modelName, 1);

    auto *second = new QHBoxLayout;
    second->addWidget(fieldLabel(tr("&Search"), m_search));
    second->addWidget(m_search, 1);
    second->addSpacing(16);
    second->addWidget(fieldLabel(tr("Res&ult"), m_success));
    second->addWidget(m_success);
    second->addWidget(fieldLabel(tr("&Cache"), m_cached));
    second->addWidget(m_cached);
    second->addSpacing(16);
    second->addWidget(fieldLabel(tr("Me&tadata"), m_metadataKey));
    second->addWidget(m_metadataKey);
    second->addWidget(new QLabel(QStringLiteral("=")));
    second->addWidget(m_metadataValue);
    second->addSpacing(16);
    second->addWidget(reset);

    for (QDateTimeEdit *edit : {m_from, m_to}) {
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &LogsPage::scheduleApply);
    }
    connect(m_provider, &QComboBox::currentTextChanged, this, &LogsPage::scheduleApply);
    for (QComboBox *combo : {m_success, m_cached}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &LogsPage::scheduleApply);
    }
    for (QLineEdit *edit : {m_modelName, m_search, m_metadataKey, m_metadataValue}) {
        connect(edit, &QLineEdit::textChanged, this, &LogsPage::scheduleApply);
        connect(edit, &QLineEdit::returnPressed, this, &LogsPage::applyFilters);
    }

    auto *bar = new QWidget;
    bar->setObjectName(QStringLiteral("logsFilterBar"));
    auto *rows = new QVBoxLayout(bar);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(6);
    rows->addLayout(first);
    rows->addLayout(second);
    rows->addWidget(m_moreFilters);
    return bar;
}

QWidget *LogsPage::buildErrorBanner()
{
    m_errorBanner = new QWidget;
    m_errorBanner->setObjectName(QStringLiteral("logsErrorBanner"));
    m_errorBanner->setAttribute(Qt::WA_StyledBackground);
    auto *icon = new QLabel;
    icon->setPixmap(QIcon(QStringLiteral(":/icons/error.svg")).pixmap(16, 16));
    m_errorText = new QLabel;
    m_errorText->setObjectName(QStringLiteral("logsErrorText"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retryButton = new QPushButton(tr("Retry"));
    m_retryButton->setObjectName(QStringLiteral("logsRetry"));
    connect(m_retryButton, &QPushButton::clicked, m_model, &LogTableModel::retry);
    auto *close = new QToolButton;
    close->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
    close->setAutoRaise(true);
    close->setToolTip(tr("Hide this message"));
    connect(close, &QToolButton::clicked, this, &LogsPage::hideError);
    auto *layout = new QHBoxLayout(m_errorBanner);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_errorText, 1);
    layout->addWidget(m_retryButton, 0, Qt::AlignTop);
    layout->addWidget(close, 0, Qt::AlignTop);
    m_errorBanner->hide();
    return m_errorBanner;
}

QWidget *LogsPage::buildStatusLine()
{
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("logsStatus"));
    m_busy = new QProgressBar;
    m_busy->setObjectName(QStringLiteral("logsBusy"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedSize(90, 10);
    m_busy->setAccessibleName(tr("Loading logs"));
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("logsCancel"));
    m_cancelButton->setToolTip(tr("Stop loading; the logs already shown stay"));
    connect(m_cancelButton, &QPushButton::clicked, m_model, &LogTableModel::cancel);
    m_loadMoreButton = new QPushButton(tr("Load more"));
    m_loadMoreButton->setObjectName(QStringLiteral("logsLoadMore"));
    connect(m_loadMoreButton, &QPushButton::clicked, m_model, &LogTableModel::retry);

    auto *line = new QWidget;
    auto *layout = new QHBoxLayout(line);
    layout->setContentsMargins(0, 0, 0, 0);
    // Refresh beside the count it renews: on the filter rows it would widen the page past a laptop's window.
    auto *reload = new QPushButton(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("Refresh"));
    reload->setObjectName(QStringLiteral("logsRefresh"));
    reload->setToolTip(tr("Load the newest logs again"));
    connect(reload, &QPushButton::clicked, this, &LogsPage::refresh);
    layout->addWidget(m_status);
    layout->addWidget(reload);
    layout->addWidget(m_busy);
    layout->addWidget(m_cancelButton);
    layout->addWidget(m_loadMoreButton);
    layout->addStretch();
    // What to do with the logs the filters select, beside each other and off the filter rows, which set the page's
    // (and so the window's) smallest width.
    auto *saveDataset = new QPushButton(tr("Save as &Dataset…"));
    saveDataset->setObjectName(QStringLiteral("logsSaveDataset"));
    saveDataset->setToolTip(tr("Save these filters as a dataset of the gateway, for evaluations"));
    connect(saveDataset, &QPushButton::clicked, this, [this] {
        if (m_client) {
            SaveDatasetDialog::start(this, m_client, m_gatewayId, currentFilters(), currentSearch());
        }
    });
    layout->addWidget(saveDataset);
    layout->addWidget(new LogExportButton(this));
    return line;
}

void LogsPage::configureTable()
{
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setIconSize(QSize(14, 14));
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    header->setMinimumSectionSize(48);
    // Widths from the text each column holds at its widest, so nothing usual is cut off.
    const QFontMetrics metrics = fontMetrics();
    const int padding = 28; // cell margins plus room for the sort arrow
    auto width = [&](const QString &sample) {
        return metrics.horizontalAdvance(sample) + padding;
    };
    const QLocale locale;
    header->resizeSection(LogTableModel::TimeColumn, width(QStringLiteral("2025-12-31 23:59:59")));
    header->resizeSection(LogTableModel::StatusColumn, width(QStringLiteral("Status")) + 22);
    header->resizeSection(LogTableModel::ProviderColumn, width(QStringLiteral("google-ai-studio")));
    header->resizeSection(LogTableModel::ModelColumn, width(QStringLiteral("@cf/meta/llama-3.1-8b-instruct")));
    header->resizeSection(LogTableModel::TokensInColumn, width(tr("Tokens out")));
    header->resizeSection(LogTableModel::TokensOutColumn, width(tr("Tokens out")));
    header->resizeSection(LogTableModel::CostColumn, width(QStringLiteral("$0.000000")));
    header->resizeSection(LogTableModel::DurationColumn, width(tr("%1 ms").arg(locale.toString(99999))));
    header->resizeSection(LogTableModel::CachedColumn, width(tr("Cached")));

    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_table->setSortingEnabled(true);
    // Only some columns can be sorted by the API: the arrow must not claim an order the rows are not in.
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column, Qt::SortOrder) {
        if (!LogTableModel::isSortable(column)) {
            const QSignalBlocker blocker(header);
            header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
        }
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LogsPage::selectionChanged);

    m_emptyLabel = new QLabel(m_table->viewport());
    m_emptyLabel->setObjectName(QStringLiteral("logsEmpty"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextFormat(Qt::RichText);
    connect(m_emptyLabel, &QLabel::linkActivated, this, &LogsPage::resetFilters);
    m_table->viewport()->installEventFilter(this);
}

void LogsPage::applyPalette()
{
    if (!m_emptyLabel) {
        return; // a palette change while the widgets are still being made
    }
    auto appearance = LogTableModel::Appearance::forPalette(palette());
    appearance.okIcon = QIcon(QStringLiteral(":/icons/ok.svg"));
    appearance.failedIcon = QIcon(QStringLiteral(":/icons/error.svg"));
    m_model->setAppearance(appearance);

    const StatusColors::Band error = StatusColors::band(StatusColors::Role::Error, palette());
    m_errorBanner->setStyleSheet(
        QStringLiteral("#logsErrorBanner { background: %1; border: 1px solid %2; border-radius: 4px; }")
            .arg(error.background.name(), error.border.name()));
    QPalette muted = m_emptyLabel->palette();
    muted.setColor(QPalette::WindowText, appearance.mutedColor);
    m_emptyLabel->setPalette(muted);
}

void LogsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
    QWidget::changeEvent(event);
}

bool LogsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        m_emptyLabel->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
    }
    return QWidget::eventFilter(watched, event);
}

void LogsPage::setGateway(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    m_applyTimer->stop();
    hideError();
    m_detail->setGateway(client, gatewayId);
    m_model->setSource(client, gatewayId, currentFilters(), currentSearch());
}

void LogsPage::showModelLogs(const QString &provider, const QString &model)
{
    clearFilterFields();
    m_provider->setCurrentText(provider);
    m_modelName->setText(model);
    applyFilters();
}

void LogsPage::showFilters(const std::vector<LogFilter> &filters)
{
    clearFilterFields();
    const LogFilterFields fields = LogFilterFields::split(filters);
    m_from->setDateTime(fields.from.value_or(kNoBound));
    m_to->setDateTime(fields.to.value_or(kNoBound));
    m_provider->setCurrentText(fields.provider);
    m_modelName->setText(fields.model);
    m_success->setCurrentIndex(m_success->findData(fields.success ? int(*fields.success) : -1));
    m_cached->setCurrentIndex(m_cached->findData(fields.cached ? int(*fields.cached) : -1));
    m_metadataKey->setText(fields.metadataKey);
    m_metadataValue->setText(fields.metadataValue);
    m_moreFilters->setFilters(fields.rest);
    applyFilters();
}

std::vector<LogFilter> LogsPage::currentFilters() const
{
    std::vector<LogFilter> filters;
    if (m_from->dateTime() > kNoBound) {
        filters.push_back(LogFilter{"created_at", "gt", {Json(timeValue(m_from->dateTime()).toStdString())}});
    }
    if (m_to->dateTime() > kNoBound) {
        filters.push_back(LogFilter{"created_at", "lt", {Json(timeValue(m_to->dateTime()).toStdString())}});
    }
    if (const QString provider = m_provider->currentText().trimmed(); !provider.isEmpty()) {
        filters.push_back(LogFilter{"provider", "eq", {Json(provider.toStdString())}});
    }
    if (const QString model = m_modelName->text().trimmed(); !model.isEmpty()) {
        filters.push_back(LogFilter{"model", "eq", {Json(model.toStdString())}});
    }
    if (const int success = m_success->currentData().toInt(); success >= 0) {
        filters.push_back(LogFilter{"success", "eq", {Json(success == 1)}});
    }
    if (const int cached = m_cached->currentData().toInt(); cached >= 0) {
        filters.push_back(LogFilter{"cached", "eq", {Json(cached == 1)}});
    }
    if (const QString key = m_metadataKey->text().trimmed(); !key.isEmpty()) {
        filters.push_back(LogFilter{"metadata.key", "eq", {Json(key.toStdString())}});
    }
    if (const QString value = m_metadataValue->text().trimmed(); !value.isEmpty()) {
        filters.push_back(LogFilter{"metadata.value", "eq", {Json(value.toStdString())}});
    }
    filters.insert(filters.end(), m_moreFilters->filters().begin(), m_moreFilters->filters().end());
    return filters;
}

QString LogsPage::currentSearch() const
{
    return m_search->text().trimmed();
}

QString LogsPage::statusText() const
{
    return m_status->text();
}

QString LogsPage::errorText() const
{
    return m_errorBanner->isHidden() ? QString() : m_errorText->text();
}

void LogsPage::scheduleApply()
{
    m_applyTimer->start();
}

void LogsPage::applyFilters()
{
    m_applyTimer->stop();
    const auto filters = currentFilters();
    const QString search = currentSearch();
    if (filters == m_model->filters() && search == m_model->search()) {
        return;
    }
    hideError();
    m_model->setQuery(filters, search);
}

void LogsPage::resetFilters()
{
    clearFilterFields();
    applyFilters();
}

void LogsPage::clearFilterFields()
{
    m_from->setDateTime(kNoBound);
    m_to->setDateTime(kNoBound);
    m_provider->setCurrentIndex(0);
    m_provider->setCurrentText(QString());
    m_modelName->clear();
    m_success->setCurrentIndex(0);
    m_cached->setCurrentIndex(0);
    m_search->clear();
    m_metadataKey->clear();
    m_metadataValue->clear();
    m_moreFilters->clear();
}

void LogsPage::refresh()
{
    m_applyTimer->stop();
    hideError();
    const auto filters = currentFilters();
    const QString search = currentSearch();
    if (filters == m_model->filters() && search == m_model->search()) {
        m_model->refresh();
    } else {
        m_model->setQuery(filters, search);
    }
}

void LogsPage::showRecent(qint64 seconds)
{
    {
        const QSignalBlocker fromBlocker(m_from);
        const QSignalBlocker toBlocker(m_to);
        m_from->setDateTime(seconds > 0 ? QDateTime::currentDateTime().addSecs(-seconds) : kNoBound);
        m_to->setDateTime(kNoBound);
    }
    applyFilters();
}

void LogsPage::showError(const QString &where, const ApiError &error)
{
    m_errorText->setText(
        QStringLiteral("<b>%1 failed.</b> %2").arg(where.toHtmlEscaped(), error.toString().toHtmlEscaped()));
    m_errorBanner->show();
    m_retryButton->setFocus();
    updateStatus();
    updateEmptyState();
}

void LogsPage::hideError()
{
    m_errorBanner->hide();
}

void LogsPage::updateStatus()
{
    const QLocale locale;
    const bool loading = m_model->isLoading();
    const int shown = m_model->rowCount();
    const bool stopped = !loading && m_model->isPaused() && m_model->hasMore();
    QString text;
    if (m_gatewayId.isEmpty()) {
        text = tr("No gateway chosen");
    } else if (const auto total = m_model->totalCount(); total && *total == 0 && shown == 0) {
        text = tr("No logs");
    } else if (total) {
        text = tr("Showing %1 of %2").arg(locale.toString(shown), locale.toString(*total));
    } else if (shown > 0) {
        text = tr("Showing %1").arg(locale.toString(shown));
    } else if (stopped) {
        text = tr("Loading stopped");
    } else if (m_model->lastError()) {
        text = tr("No logs loaded");
    }
    if (loading) {
        text += text.isEmpty() ? tr("Loading…") : tr(" · loading…");
    } else if (stopped && shown > 0) {
        text += tr(" · stopped");
    }
    m_status->setText(text);
    m_busy->setVisible(loading);
    m_cancelButton->setVisible(loading);
    m_loadMoreButton->setVisible(stopped);
}

void LogsPage::updateEmptyState()
{
    QString text;
    if (m_model->rowCount() == 0) {
        if (m_gatewayId.isEmpty() || !m_client) {
            text = tr("Choose a gateway to see its logs.");
        } else if (m_model->isLoading()) {
            text = tr("Loading logs…");
        } else if (m_model->lastError()) {
            text = tr("The logs could not be loaded.");
        } else if (m_model->isPaused()) {
            text = tr("Loading was stopped.");
        } else if (!m_model->filters().empty() || !m_model->search().isEmpty()) {
            text = tr("No logs match these filters. <a href=\"reset\">Clear filters</a>");
        } else {
            text = tr("This gateway has no logs yet. Requests through it appear here once it has logging on.");
        }
    }
    m_emptyLabel->setText(text);
    m_emptyLabel->setVisible(!text.isEmpty());
    m_emptyLabel->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
}

void LogsPage::selectionChanged()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return; // keep showing the last log: deselecting is usually an accident
    }
    m_detail->showLog(m_model->logId(rows.first().row()));
}

} // namespace rd
