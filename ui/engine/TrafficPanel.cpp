#include "ui/engine/TrafficPanel.h"

#include "app/RouteDocument.h"
#include "app/RouteTrafficLoader.h"
#include "app/api/ApiClient.h"
#include "ui/engine/EngineText.h"
#include "ui/engine/TrafficOverlay.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedLayout>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace rd {

namespace {

enum Column { kModel, kRequests, kErrors, kElsewhere, kCost, kP50, kP95, kColumnCount };

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QTableWidgetItem *numberItem(const QString &text, const QString &toolTip = {})
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setToolTip(toolTip);
    return item;
}

} // namespace

TrafficPanel::TrafficPanel(RouteDocument *document, QWidget *parent) : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("trafficPanel"));

    m_noSource = new QLabel(tr("Traffic comes from a gateway's logs. Open this route from a gateway to see what it "
                               "did: the local sandbox has a week of logs to try it on."));
    m_noSource->setObjectName(QStringLiteral("trafficNoSource"));
    m_noSource->setWordWrap(true);
    m_noSource->setAlignment(Qt::AlignCenter);

    m_range = new QComboBox;
    m_range->setObjectName(QStringLiteral("trafficRange"));
    m_range->addItem(tr("Since the current deployment"), int(RouteTrafficLoader::Range::SinceDeployment));
    m_range->addItem(tr("Last 24 hours"), int(RouteTrafficLoader::Range::LastDay));
    m_range->addItem(tr("Last 7 days"), int(RouteTrafficLoader::Range::LastWeek));
    m_range->addItem(tr("Last 30 days"), int(RouteTrafficLoader::Range::LastMonth));
    m_sample = new QSpinBox;
    m_sample->setObjectName(QStringLiteral("trafficSample"));
    m_sample->setRange(50, 10000);
    m_sample->setSingleStep(250);
    m_sample->setValue(RouteTrafficLoader::kDefaultSample);
    m_sample->setGroupSeparatorShown(true);
    m_sample->setSuffix(tr(" logs"));
    m_sample->setToolTip(tr("How many of the newest logs are read in full for cost, latency and the way requests "
                            "went. Counts are always of every log."));
    m_draw = new QCheckBox(tr("Draw on the canvas"));
    m_draw->setObjectName(QStringLiteral("trafficDraw"));
    m_draw->setChecked(true);
    connect(m_draw, &QCheckBox::toggled, this, &TrafficPanel::overlayChanged);

    m_load = new QPushButton(tr("Show Traffic"));
    m_load->setObjectName(QStringLiteral("trafficLoad"));
    m_load->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("trafficCancel"));
    m_cancel->setEnabled(false);
    connect(m_load, &QPushButton::clicked, this, &TrafficPanel::load);
    connect(m_cancel, &QPushButton::clicked, this, &TrafficPanel::cancel);
    m_plan = new QLabel;
    m_plan->setObjectName(QStringLiteral("trafficPlan"));
    m_plan->setWordWrap(true);
    m_plan->setForegroundRole(QPalette::PlaceholderText);
    connect(m_range, &QComboBox::currentIndexChanged, this, &TrafficPanel::updatePlan);
    connect(m_sample, &QSpinBox::valueChanged, this, &TrafficPanel::updatePlan);

    auto *form = new QFormLayout;
    form->addRow(tr("Range:"), m_range);
    form->addRow(tr("Sample:"), m_sample);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    auto *settings = new QGroupBox(tr("Logs"));
    auto *settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addLayout(form);
    settingsLayout->addWidget(m_draw);
    settingsLayout->addLayout(buttons);
    settingsLayout->addWidget(m_plan);
    settingsLayout->addStretch(1);
    auto *settingsScroll = new QScrollArea;
    settingsScroll->setWidget(settings);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("trafficProgress"));
    m_progress->hide();
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("trafficStatus"));
    m_status->setWordWrap(true);
    m_status->hide();
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("trafficSummary"));
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_summary->hide();

    m_table = new QTableWidget(0, kColumnCount);
    m_table->setObjectName(QStringLiteral("trafficModels"));
    m_table->setHorizontalHeaderLabels(
        {tr("Model"), tr("Requests"), tr("Errors"), tr("Other callers"), tr("Cost (est.)"), tr("p50"), tr("p95")});
    m_table->horizontalHeaderItem(kElsewhere)
        ->setToolTip(tr("Sampled logs of the model that no way through this route explains: another route, a direct "
                        "call, or an earlier version of this one. They are left out of the shares on the wires."));
    m_table->horizontalHeader()->setSectionResizeMode(kModel, QHeaderView::Stretch);
    for (int column = kRequests; column < kColumnCount; ++column) {
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    m_table->setTextElideMode(Qt::ElideLeft);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setToolTip(tr("Double-click a model to select its card"));
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const QString id =
            m_table->item(row, kModel) ? m_table->item(row, kModel)->data(Qt::UserRole).toString() : QString();
        if (!id.isEmpty()) {
            emit elementActivated(id);
        }
    });

    m_legend = new QLabel;
    m_legend->setObjectName(QStringLiteral("trafficLegend"));
    m_legend->setWordWrap(true);
    m_legend->setForegroundRole(QPalette::PlaceholderText);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->hide();

    // The legend beside the table, not under it: the panel is short and the table needs every row it can get.
    auto *legendScroll = new QScrollArea;
    legendScroll->setWidget(m_legend);
    legendScroll->setWidgetResizable(true);
    legendScroll->setFrameShape(QFrame::NoFrame);
    legendScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_legend->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *tableRow = new QHBoxLayout;
    tableRow->addWidget(m_table, 5);
    tableRow->addWidget(legendScroll, 2);
    auto *results = new QWidget;
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_progress);
    resultsLayout->addWidget(m_status);
    resultsLayout->addWidget(m_summary);
    resultsLayout->addLayout(tableRow, 1);

    auto *split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    split->addWidget(settingsScroll);
    split->addWidget(results);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 840});
    m_body = split;

    auto *stack = new QStackedLayout(this);
    stack->setContentsMargins(4, 4, 4, 4);
    stack->addWidget(m_noSource);
    stack->addWidget(m_body);
    stack->setCurrentWidget(m_noSource);

    if (m_document) {
        connect(m_document, &RouteDocument::changed, this, [this] {
            updatePlan();
            if (m_traffic && !m_stale) {
                m_stale = true;
                m_status->setText(tr("The route changed since the traffic was read: the ways shown are of the route "
                                     "as it was. Show Traffic again to replay the logs through this one."));
                m_status->show();
            }
        });
    }
    updatePlan();
}

TrafficPanel::~TrafficPanel() = default;

void TrafficPanel::setSource(ApiClient *client, const QString &gatewayId, const QString &routeId,
                             const QString &routeName)
{
    cancel();
    m_client = client;
    m_gatewayId = gatewayId;
    m_routeId = routeId;
    m_routeName = routeName;
    delete m_loader;
    m_loader = nullptr;
    if (client) {
        m_loader = new RouteTrafficLoader(client, this);
        connect(m_loader, &RouteTrafficLoader::progress, this, [this](int made, int planned, const QString &step) {
            m_progress->setRange(0, std::max(1, planned));
            m_progress->setValue(std::min(made, planned));
            m_progress->setFormat(tr("%1 of %2 calls").arg(made).arg(planned));
            m_status->setText(step);
            m_status->show();
        });
        connect(
            m_loader, &RouteTrafficLoader::finished, this,
            [this](std::shared_ptr<const RouteTraffic> traffic, const std::optional<ApiError> &error, bool cancelled) {
                setLoading(false);
                if (error) {
                    m_status->setText(tr("Could not read the logs: %1").arg(error->toString()));
                } else if (cancelled) {
                    m_status->setText(m_traffic ? tr("Cancelled: the figures shown are from the last reading.")
                                                : tr("Cancelled."));
                } else {
                    m_traffic = std::move(traffic);
                    m_stale = false;
                    m_status->hide();
                    showTraffic();
                }
                emit loadFinished();
            });
    }
    auto *stack = static_cast<QStackedLayout *>(layout());
    stack->setCurrentWidget(hasSource() ? m_body : static_cast<QWidget *>(m_noSource));
    updatePlan();
}

bool TrafficPanel::hasSource() const
{
    return m_client && !m_gatewayId.isEmpty() && !m_routeId.isEmpty();
}

bool TrafficPanel::isLoading() const
{
    return m_loader && m_loader->isRunning();
}

FlowOverlay TrafficPanel::overlay() const
{
    return m_draw->isChecked() ? m_overlay : FlowOverlay{};
}

QString TrafficPanel::planText() const
{
    return m_plan->text();
}

QString TrafficPanel::statusText() const
{
    return m_status->isVisibleTo(this) ? m_status->text() : QString();
}

QString TrafficPanel::summaryText() const
{
    return m_summary->text();
}

QString TrafficPanel::legendText() const
{
    return m_legend->text();
}

void TrafficPanel::updatePlan()
{
    if (!m_document) {
        return;
    }
    const auto range = static_cast<RouteTrafficLoader::Range>(m_range->currentData().toInt());
    const int calls = RouteTrafficLoader::plannedCalls(m_document->route(), range, m_sample->value());
    const ApiCallBudget budget = m_loader ? m_loader->budget() : ApiCallBudget{};
    m_plan->setText(
        tr("Reads at most %1 API calls, %2.").arg(calls).arg(ApiCallBudget::durationText(budget.etaSeconds(calls))) +
        (budget.minIntervalMs > 0
             ? QLatin1Char(' ') + tr("Paced to stay well inside Cloudflare's 1,200 calls per 5 minutes.")
             : QString()));
}

void TrafficPanel::load()
{
    if (!hasSource() || !m_loader || !m_document) {
        return;
    }
    RouteTrafficLoader::Request request;
    request.gatewayId = m_gatewayId;
    request.routeId = m_routeId;
    request.routeName = m_routeName.isEmpty() ? m_document->route().name() : m_routeName.toStdString();
    request.route = m_document->route();
    request.range = static_cast<RouteTrafficLoader::Range>(m_range->currentData().toInt());
    request.sampleSize = m_sample->value();
    setLoading(true);
    m_loader->start(std::move(request));
}

void TrafficPanel::cancel()
{
    if (m_loader) {
        m_loader->cancel();
    }
}

void TrafficPanel::setLoading(bool loading)
{
    m_load->setEnabled(!loading);
    m_cancel->setEnabled(loading);
    m_range->setEnabled(!loading);
    m_sample->setEnabled(!loading);
    m_progress->setVisible(loading);
    if (loading) {
        m_progress->setValue(0);
        m_status->setText(tr("Starting…"));
        m_status->show();
    }
    emit loadingChanged(loading);
}

void TrafficPanel::showTraffic()
{
    if (!m_traffic || !m_document) {
        return;
    }
    const RouteTraffic &t = *m_traffic;
    const std::int64_t total = t.totalRequests();
    m_summary->setText(
        tr("%1 requests %2 (%3 to now) · %4 unserved")
            .arg(EngineText::count(static_cast<std::uint64_t>(total)), t.rangeText, TrafficOverlay::localTime(t.from),
                 total > 0 ? EngineText::percent(static_cast<double>(t.unserved) / static_cast<double>(total))
                           : QStringLiteral("0 %")));
    m_summary->show();
    QString legend =
        tr("<b>Counted</b> from every log in the range: requests and errors of each model, unserved requests "
           "(%1 API calls in all). <b>From a sample</b> of the newest %2 of %3 logs: cost (the sample's mean, times "
           "the requests) and latency. <b>Inferred</b> (≈, and every wire's share): the sample's metadata replayed "
           "through this route, each log along a way that ends at the model that served it. Logs name no route: "
           "calls to the same models from other routes or clients are counted too.")
            .arg(t.calls)
            .arg(EngineText::count(static_cast<std::uint64_t>(t.sampleSize)),
                 EngineText::count(static_cast<std::uint64_t>(t.sampleMatched)));
    if (t.replay.unexplained > 0) {
        legend += QLatin1Char(' ') + tr("%1 sampled logs fit no way through this route (another route, a direct "
                                        "call, or an earlier version) and are left out of the shares.")
                                         .arg(EngineText::count(static_cast<std::uint64_t>(t.replay.unexplained)));
    }
    m_legend->setText(legend);
    m_legend->show();
    fillTable();
    m_overlay = TrafficOverlay::build(t, m_document->route());
    emit overlayChanged();
}

void TrafficPanel::fillTable()
{
    const RouteTraffic &t = *m_traffic;
    m_table->setRowCount(0);
    for (const RouteTraffic::ModelCount &m : t.models) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const auto cards = t.replay.cardsOfModel.find(m.key);
        QStringList ids;
        double costUsd = 0;
        std::vector<double> durations;
        if (cards != t.replay.cardsOfModel.end()) {
            for (const std::string &id : cards->second) {
                ids << qs(id);
                costUsd += TrafficOverlay::estimatedCost(t, id, t.cardRequests(id, m.key));
                if (const auto it = t.replay.cards.find(id); it != t.replay.cards.end()) {
                    durations.insert(durations.end(), it->second.durationsMs.begin(), it->second.durationsMs.end());
                }
            }
        }
        // The model's own name, which the cards show too; the provider and the cards are a hover away.
        auto *model = new QTableWidgetItem(qs(m.model));
        model->setData(Qt::UserRole, ids.value(0));
        model->setData(Qt::UserRole + 1, qs(m.key));
        QString tip =
            tr("%1 on %n card(s): %2", nullptr, int(ids.size())).arg(qs(m.key), ids.join(QStringLiteral(", ")));
        if (ids.size() > 1) {
            tip +=
                QLatin1Char('\n') + tr("The requests are split between the cards as the replay attributed the sample.");
        }
        model->setToolTip(tip);
        m_table->setItem(row, kModel, model);
        m_table->setItem(row, kRequests, numberItem(EngineText::count(static_cast<std::uint64_t>(m.requests))));
        m_table->setItem(row, kErrors,
                         numberItem(m.requests > 0
                                        ? tr("%1 (%2)").arg(EngineText::count(static_cast<std::uint64_t>(m.errors)),
                                                            EngineText::percent(static_cast<double>(m.errors) /
                                                                                static_cast<double>(m.requests)))
                                        : QStringLiteral("–")));
        const auto elsewhere = t.replay.unexplainedByModel.find(m.key);
        m_table->setItem(
            row, kElsewhere,
            numberItem(elsewhere == t.replay.unexplainedByModel.end()
                           ? QStringLiteral("0")
                           : tr("%1 of sample").arg(EngineText::count(static_cast<std::uint64_t>(elsewhere->second)))));
        m_table->setItem(row, kCost, numberItem(costUsd > 0 ? TrafficOverlay::cost(costUsd) : QStringLiteral("–")));
        LogReplay::CardFigures all;
        all.durationsMs = std::move(durations);
        const auto p50 = all.percentileMs(0.5);
        const auto p95 = all.percentileMs(0.95);
        m_table->setItem(row, kP50, numberItem(p50 ? TrafficOverlay::duration(*p50) : QStringLiteral("–")));
        m_table->setItem(row, kP95, numberItem(p95 ? TrafficOverlay::duration(*p95) : QStringLiteral("–")));
    }
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *unserved = new QTableWidgetItem(tr("Unserved (dynamic/%1)").arg(m_routeName));
    unserved->setToolTip(tr("Requests no model of the route answered: Cloudflare logs them under the route's name."));
    unserved->setData(Qt::UserRole + 1, tr("dynamic/%1").arg(m_routeName));
    m_table->setItem(row, kModel, unserved);
    m_table->setItem(row, kRequests, numberItem(EngineText::count(static_cast<std::uint64_t>(t.unserved))));
    for (int column = kErrors; column < kColumnCount; ++column) {
        m_table->setItem(row, column, numberItem(QStringLiteral("–")));
    }
}

} // namespace rd
