#include "ui/engine/SimulatePanel.h"

#include "app/LogMixLoader.h"
#include "app/RouteDocument.h"
#include "app/api/ApiClient.h"
#include "model/engine/RequestMix.h"
#include "model/engine/RouteFields.h"
#include "ui/engine/EngineText.h"
#include "ui/engine/SimulationResultView.h"

#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <map>
#include <utility>

namespace rd {

namespace {

enum ProviderColumn { kModel, kFailPercent, kP50, kP95 };

QSpinBox *numberBox(int min, int max, int value, const char *name)
{
    auto *box = new QSpinBox;
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(min, max);
    box->setValue(value);
    box->setGroupSeparatorShown(true);
    return box;
}

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

SimulatePanel::SimulatePanel(RouteDocument *document, QWidget *parent) : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("simulatePanel"));
    m_requests = numberBox(1, 10'000'000, 10'000, "simulateRequests");
    m_requests->setSingleStep(1000);
    m_seed = numberBox(1, 1'000'000, 1, "simulateSeed");
    m_seed->setToolTip(tr("The same settings and seed give the same result, request for request."));
    m_rate = numberBox(1, 100'000, 10, "simulateRate");
    m_rate->setSuffix(tr(" per second"));
    m_rate->setToolTip(tr("Requests arrive evenly at this rate: it decides how fast rate limits fill up."));

    m_mix = new QPlainTextEdit;
    m_mix->setObjectName(QStringLiteral("simulateMix"));
    m_mix->setPlaceholderText(tr("One request a line; empty: every request carries no metadata.\n"
                                 "{\"weight\": 3, \"metadata\": {\"plan\": \"free\"}}\n"
                                 "{\"weight\": 1, \"metadata\": {\"plan\": \"pro\"}}"));
    m_mix->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_fromLogs = new QPushButton(tr("From Recent Logs"));
    m_fromLogs->setObjectName(QStringLiteral("simulateFromLogs"));
    m_fromLogs->setToolTip(tr("Replace the mix with the metadata of the gateway's most recent logs"));
    m_fromLogs->setEnabled(false);
    m_logCount = numberBox(1, 5000, 200, "simulateLogCount");
    m_logCount->setSuffix(tr(" logs"));
    connect(m_fromLogs, &QPushButton::clicked, this, [this] { loadMixFromLogs(m_logCount->value()); });
    auto *logsRow = new QHBoxLayout;
    logsRow->addWidget(m_fromLogs);
    logsRow->addWidget(m_logCount);
    logsRow->addStretch(1);

    m_providers = new QTableWidget(0, 4);
    m_providers->setObjectName(QStringLiteral("simulateProviders"));
    m_providers->setHorizontalHeaderLabels({tr("Model"), tr("Fails %"), tr("p50 ms"), tr("p95 ms")});
    m_providers->horizontalHeader()->setSectionResizeMode(kModel, QHeaderView::Stretch);
    for (int column : {kFailPercent, kP50, kP95}) {
        m_providers->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Fixed);
        m_providers->setColumnWidth(column, 62);
    }
    m_providers->setTextElideMode(Qt::ElideLeft); // the model's own name is the telling end
    m_providers->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_providers->verticalHeader()->hide();
    m_providers->verticalHeader()->setDefaultSectionSize(m_providers->fontMetrics().height() + 10);
    m_providers->setToolTip(tr("How often each model's attempts fail, and how long an attempt takes (median and "
                               "95th percentile)."));

    auto *form = new QFormLayout;
    form->addRow(tr("Requests:"), m_requests);
    form->addRow(tr("Arriving at:"), m_rate);
    form->addRow(tr("Seed:"), m_seed);
    auto *settings = new QGroupBox(tr("Traffic"));
    auto *settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addLayout(form);
    settingsLayout->addWidget(new QLabel(tr("Mix (JSON Lines, as routectl simulate --mix):")));
    settingsLayout->addWidget(m_mix, 1);
    settingsLayout->addLayout(logsRow);
    auto *providers = new QGroupBox(tr("Models"));
    auto *providersLayout = new QVBoxLayout(providers);
    providersLayout->addWidget(m_providers);

    m_run = new QPushButton(tr("Simulate"));
    m_run->setObjectName(QStringLiteral("simulateRun"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("simulateCancel"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("simulateProgress"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("simulateStatus"));
    m_status->setWordWrap(true);
    m_status->hide(); // shown with something to say: an empty line would push the results down
    connect(m_run, &QPushButton::clicked, this, &SimulatePanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &SimulatePanel::cancel);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 3);
    runRow->addStretch(1); // the buttons keep their size while no progress bar shows

    m_result = new SimulationResultView;
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(runRow);
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(m_result, 1);

    // The settings scroll rather than holding the panel tall: the canvas above keeps its room.
    auto *settingsScroll = new QScrollArea;
    settingsScroll->setWidget(settings);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_mix->setMinimumHeight(60);

    auto *split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    split->addWidget(settingsScroll);
    split->addWidget(providers);
    split->addWidget(right);
    split->setStretchFactor(2, 1);
    split->setSizes({250, 330, 560});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (m_shared) {
            m_progress->setValue(
                static_cast<int>(m_shared->done.load() * 1000 / std::max<std::uint64_t>(1, m_runRequests)));
        }
    });

    if (m_document) {
        connect(m_document, &RouteDocument::changed, this, [this] {
            syncModels();
            if (m_report && !m_stale) {
                m_stale = true;
                setStatus(tr("The route changed since this run: simulate again to update the figures."));
            }
        });
        connect(m_document, &RouteDocument::documentReset, this, &SimulatePanel::syncModels);
    }
    syncModels();
}

SimulatePanel::~SimulatePanel()
{
    // A run still going stops at its next progress step; its result has nowhere to go.
    if (m_shared) {
        m_shared->cancel = true;
    }
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->waitForFinished();
    }
}

void SimulatePanel::setLogSource(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    m_fromLogs->setEnabled(client != nullptr && !gatewayId.isEmpty());
    if (!m_fromLogs->isEnabled()) {
        m_fromLogs->setToolTip(tr("Open the route from a gateway to replay its logs"));
    }
}

void SimulatePanel::syncModels()
{
    if (!m_document) {
        return;
    }
    const std::vector<std::string> models = RouteFields::modelKeys(m_document->route());
    bool same = static_cast<int>(models.size()) == m_providers->rowCount();
    for (int row = 0; same && row < m_providers->rowCount(); ++row) {
        same = m_providers->item(row, kModel)->text() == qs(models[static_cast<std::size_t>(row)]);
    }
    if (same) {
        return; // most edits do not change which models the route calls: the rows and what is typed in them stay
    }
    std::map<QString, QStringList> kept;
    for (int row = 0; row < m_providers->rowCount(); ++row) {
        QStringList values;
        for (int column = kFailPercent; column <= kP95; ++column) {
            values << m_providers->item(row, column)->text();
        }
        kept[m_providers->item(row, kModel)->text()] = values;
    }
    m_providers->setRowCount(0);
    for (const std::string &key : models) {
        const QString name = qs(key);
        const int row = m_providers->rowCount();
        m_providers->insertRow(row);
        auto *model = new QTableWidgetItem(name);
        model->setFlags(Qt::ItemIsEnabled);
        model->setToolTip(name);
        m_providers->setItem(row, kModel, model);
        const QStringList defaults{QStringLiteral("0"), QString::number(ProviderBehaviour::kDefaultLatency.p50Ms),
                                   QString::number(ProviderBehaviour::kDefaultLatency.p95Ms)};
        const QStringList values = kept.contains(name) ? kept[name] : defaults;
        for (int column = kFailPercent; column <= kP95; ++column) {
            auto *item = new QTableWidgetItem(values.value(column - kFailPercent));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_providers->setItem(row, column, item);
        }
    }
}

std::optional<SimulationOptions> SimulatePanel::options(QString *error) const
{
    SimulationOptions options;
    options.requests = static_cast<std::uint64_t>(m_requests->value());
    options.seed = static_cast<std::uint64_t>(m_seed->value());
    options.requestsPerSecond = m_rate->value();
    const std::string mixText = m_mix->toPlainText().toStdString();
    if (mixText.find_first_not_of(" \t\r\n") != std::string::npos) {
        Decoded<std::vector<WeightedContext>> mix = RequestMix::parse(mixText);
        if (!mix) {
            *error = tr("Mix, %1").arg(qs(mix.error->toString()));
            return std::nullopt;
        }
        options.mix = std::move(*mix.value);
    }
    for (int row = 0; row < m_providers->rowCount(); ++row) {
        const QString model = m_providers->item(row, kModel)->text();
        bool okFail = false;
        bool okP50 = false;
        bool okP95 = false;
        const double fail = m_providers->item(row, kFailPercent)->text().trimmed().toDouble(&okFail);
        const double p50 = m_providers->item(row, kP50)->text().trimmed().toDouble(&okP50);
        const double p95 = m_providers->item(row, kP95)->text().trimmed().toDouble(&okP95);
        if (!okFail || fail < 0 || fail > 100) {
            *error = tr("%1: the failure rate is a percentage from 0 to 100.").arg(model);
            return std::nullopt;
        }
        if (!okP50 || !okP95 || p50 <= 0 || p95 < p50) {
            *error = tr("%1: latencies are milliseconds above 0, with p95 at least p50.").arg(model);
            return std::nullopt;
        }
        options.behaviour.setFailureRate(model.toStdString(), fail / 100);
        options.behaviour.setLatency(model.toStdString(), {p50, p95});
    }
    return options;
}

void SimulatePanel::run()
{
    if (m_watcher || !m_document) {
        return;
    }
    QString error;
    std::optional<SimulationOptions> opts = options(&error);
    if (!opts) {
        setStatus(error);
        return;
    }
    m_shared = std::make_shared<Shared>();
    opts->progress = [shared = m_shared](std::uint64_t done) {
        shared->done = done;
        return !shared->cancel.load();
    };
    m_runRequests = opts->requests;
    // The worker gets its own copy of the route: the editor may change it while the run goes on.
    m_watcher = new QFutureWatcher<SimulationReport>(this);
    connect(m_watcher, &QFutureWatcher<SimulationReport>::finished, this, &SimulatePanel::finish);
    m_watcher->setFuture(QtConcurrent::run(
        [route = m_document->route(), options = std::move(*opts)] { return TrafficSimulator::run(route, options); }));
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->show();
    m_poll->start();
    setStatus(tr("Simulating %1 requests…").arg(EngineText::count(m_runRequests)));
    emit runningChanged(true);
}

void SimulatePanel::cancel()
{
    if (m_shared) {
        m_shared->cancel = true;
        setStatus(tr("Cancelling…"));
    }
}

void SimulatePanel::finish()
{
    const SimulationReport report = m_watcher->result();
    m_watcher->deleteLater();
    m_watcher = nullptr;
    m_shared.reset();
    m_poll->stop();
    m_progress->hide();
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_report = report;
    m_stale = false;
    m_result->showReport(report);
    m_overlay = SimulationResultView::overlayFor(report);
    setStatus(report.cancelled ? tr("Cancelled: the figures cover the requests simulated before it.") : QString());
    emit overlayChanged();
    emit runningChanged(false);
}

void SimulatePanel::loadMixFromLogs(int count)
{
    if (!m_client || m_gatewayId.isEmpty() || m_loader) {
        return;
    }
    m_loader = new LogMixLoader(m_client, m_gatewayId, count, this);
    m_fromLogs->setEnabled(false);
    setStatus(tr("Reading the last %1 logs…").arg(count));
    connect(m_loader, &LogMixLoader::progress, this,
            [this](int loaded, int wanted) { setStatus(tr("Reading logs: %1 of %2…").arg(loaded).arg(wanted)); });
    m_loader->start([this](const std::vector<Json> &metadata, const std::optional<ApiError> &error) {
        m_loader->deleteLater();
        m_fromLogs->setEnabled(true);
        if (error) {
            setStatus(tr("Could not read the logs: %1").arg(error->summary));
        } else if (metadata.empty()) {
            setStatus(tr("The gateway has no logs yet: the mix is unchanged."));
        } else {
            // Identical metadata becomes one weighted line: a mix of thousands of logs stays readable.
            std::map<std::string, int> counts;
            std::vector<std::string> order;
            for (const Json &m : metadata) {
                const std::string line = RequestMix::lineFor(m);
                if (counts[line]++ == 0) {
                    order.push_back(line);
                }
            }
            QStringList lines;
            for (const std::string &line : order) {
                Json json = Json::parse(line);
                json["weight"] = counts[line];
                lines << qs(json.dump());
            }
            m_mix->setPlainText(lines.join(QLatin1Char('\n')));
            setStatus(tr("The mix now replays the metadata of the last %1 logs (%2 distinct).")
                          .arg(metadata.size())
                          .arg(order.size()));
        }
        emit mixLoaded();
    });
}

QString SimulatePanel::statusText() const
{
    return m_status->text();
}

void SimulatePanel::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

} // namespace rd
