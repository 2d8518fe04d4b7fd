#include "ui/analytics/AnalyticsPage.h"

#include "app/ApiCallBudget.h"
#include "app/LogAnalyticsReader.h"
#include "app/api/ApiClient.h"
#include "model/LogAnalytics.h"
#include "ui/analytics/AnalyticsRoutePicker.h"
#include "widgets/TimeSeriesChart.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QTimeZone>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace rd {

namespace {
constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
// Charts are redrawn at most this often while pages arrive: a redraw rebuilds every series.
constexpr int kRedrawMs = 250;
} // namespace

AnalyticsPage::AnalyticsPage(QWidget *parent) : QWidget(parent), m_redrawTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("analyticsPage"));
    m_redrawTimer->setSingleShot(true);
    m_redrawTimer->setInterval(kRedrawMs);
    connect(m_redrawTimer, &QTimer::timeout, this, &AnalyticsPage::redraw);

    m_requestsChart = new TimeSeriesChart;
    m_requestsChart->setObjectName(QStringLiteral("analyticsRequestsChart"));
    m_requestsChart->setValueTitle(tr("Requests"));
    m_metricChart = new TimeSeriesChart;
    m_metricChart->setObjectName(QStringLiteral("analyticsMetricChart"));
    auto *charts = new QSplitter(Qt::Vertical);
    charts->addWidget(m_requestsChart);
    charts->addWidget(m_metricChart);
    charts->setChildrenCollapsible(false);

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("analyticsSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildBar());
    layout->addWidget(buildStatusLine());
    layout->addWidget(m_summary);
    layout->addWidget(charts, 1);
    setMetric(AnalyticsSeries::Metric::Latency);
}

AnalyticsPage::~AnalyticsPage() = default;

QWidget *AnalyticsPage::buildBar()
{
    m_range = new QComboBox;
    m_range->setObjectName(QStringLiteral("analyticsRange"));
    m_range->addItem(tr("Last 24 hours"), int(Range::Last24Hours));
    m_range->addItem(tr("Last 7 days"), int(Range::Last7Days));
    m_range->addItem(tr("Last 30 days"), int(Range::Last30Days));
    m_range->addItem(tr("Since the route's current deployment"), int(Range::SinceDeployment));
    m_range->addItem(tr("Custom…"), int(Range::Custom));
    m_range->setCurrentIndex(1);

    const QString format = QStringLiteral("yyyy-MM-dd HH:mm");
    m_from = new QDateTimeEdit;
    m_from->setObjectName(QStringLiteral("analyticsFrom"));
    m_to = new QDateTimeEdit;
    m_to->setObjectName(QStringLiteral("analyticsTo"));
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setDisplayFormat(format);
        edit->setCalendarPopup(true);
#if QT_VERSION >= QT_VERSION_CHECK(6, 7, 0)
        // Qt 6.7 deprecates time specs for zones (Debian 13's 6.8 fails the -Werror build on the old call).
        edit->setTimeZone(QTimeZone(QTimeZone::LocalTime));
#else
        edit->setTimeSpec(Qt::LocalTime);
#endif
        edit->setVisible(false);
    }
    m_to->setDateTime(QDateTime::currentDateTime());
    m_from->setDateTime(m_to->dateTime().addDays(-7));
    auto *zone = new QLabel(QDateTime::currentDateTime().timeZoneAbbreviation());
    zone->setObjectName(QStringLiteral("analyticsZone"));
    zone->setToolTip(tr("Times are local; the range is sent to the API in UTC"));

    m_routes = new AnalyticsRoutePicker;
    m_metric = new QComboBox;
    m_metric->setObjectName(QStringLiteral("analyticsMetric"));
    for (const auto metric : {AnalyticsSeries::Metric::Latency, AnalyticsSeries::Metric::Errors,
                              AnalyticsSeries::Metric::Tokens, AnalyticsSeries::Metric::Cost}) {
        m_metric->addItem(AnalyticsSeries::metricTitle(metric), int(metric));
    }
    m_reload = new QPushButton(tr("&Reload"));
    m_reload->setObjectName(QStringLiteral("analyticsReload"));
    m_reload->setToolTip(tr("Read the range's logs again"));

    connect(m_range, &QComboBox::activated, this, &AnalyticsPage::rangeChosen);
    connect(m_from, &QDateTimeEdit::editingFinished, this, &AnalyticsPage::reload);
    connect(m_to, &QDateTimeEdit::editingFinished, this, &AnalyticsPage::reload);
    connect(m_metric, &QComboBox::activated, this, [this] { redraw(); });
    connect(m_reload, &QPushButton::clicked, this, &AnalyticsPage::reload);
    connect(m_routes, &AnalyticsRoutePicker::deploymentsChanged, this, [this](const QString &error) {
        if (!error.isEmpty()) {
            m_outcome = tr("The route's deployments could not be read: %1").arg(error);
            updateStatus();
        }
        drawMarkers();
        // "Since the current deployment" moves with the route: read again.
        if (m_waitingForDeployments || m_range->currentData().toInt() == int(Range::SinceDeployment)) {
            m_waitingForDeployments = false;
            reload();
        }
    });

    auto *bar = new QWidget;
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Range:")));
    layout->addWidget(m_range);
    layout->addWidget(m_from);
    layout->addWidget(m_to);
    layout->addWidget(zone);
    layout->addSpacing(16);
    layout->addWidget(new QLabel(tr("Mark deployments of:")));
    layout->addWidget(m_routes);
    layout->addSpacing(16);
    layout->addWidget(new QLabel(tr("Lower chart:")));
    layout->addWidget(m_metric);
    layout->addStretch(1);
    layout->addWidget(m_reload);
    return bar;
}

QWidget *AnalyticsPage::buildStatusLine()
{
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("analyticsStatus"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("analyticsProgress"));
    m_progress->setFixedWidth(180);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("analyticsCancel"));
    m_cancel->setToolTip(tr("Stop reading; the charts keep what was read"));
    m_cancel->setVisible(false);
    connect(m_cancel, &QPushButton::clicked, this, &AnalyticsPage::cancel);
    auto *line = new QWidget;
    auto *layout = new QHBoxLayout(line);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    return line;
}

void AnalyticsPage::setGateway(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    delete m_reader;
    m_reader = new LogAnalyticsReader(client, gatewayId, this);
    connect(m_reader, &LogAnalyticsReader::counted, this, [this] { updateStatus(); });
    connect(m_reader, &LogAnalyticsReader::updated, this, [this] {
        updateStatus();
        if (!m_redrawTimer->isActive()) {
            m_redrawTimer->start();
        }
    });
    connect(m_reader, &LogAnalyticsReader::finished, this, &AnalyticsPage::readFinished);
    m_routes->setGateway(client, gatewayId);
    reload();
}

void AnalyticsPage::setRange(Range range)
{
    m_range->setCurrentIndex(m_range->findData(int(range)));
    rangeChosen();
}

void AnalyticsPage::setCustomRange(qint64 fromMs, qint64 toMs)
{
    m_range->setCurrentIndex(m_range->findData(int(Range::Custom)));
    m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(fromMs).toLocalTime());
    m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(toMs).toLocalTime());
    rangeChosen();
}

void AnalyticsPage::setMetric(AnalyticsSeries::Metric metric)
{
    m_metric->setCurrentIndex(m_metric->findData(int(metric)));
    redraw();
}

void AnalyticsPage::rangeChosen()
{
    const bool custom = m_range->currentData().toInt() == int(Range::Custom);
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    reload();
}

void AnalyticsPage::reload()
{
    if (!m_reader) {
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    switch (Range(m_range->currentData().toInt())) {
    case Range::Last24Hours:
        m_fromMs = now - kDayMs;
        m_toMs = now;
        break;
    case Range::Last7Days:
        m_fromMs = now - 7 * kDayMs;
        m_toMs = now;
        break;
    case Range::Last30Days:
        m_fromMs = now - 30 * kDayMs;
        m_toMs = now;
        break;
    case Range::SinceDeployment:
        if (!m_routes->deploymentsLoaded()) {
            m_waitingForDeployments = true; // read once they are
            m_reader->cancel();
            m_outcome = tr("Reading the route's deployments…");
            updateStatus();
            return;
        }
        if (m_routes->currentDeploymentMs() < 0) {
            m_reader->cancel();
            m_outcome = m_routes->routeId().isEmpty()
                            ? tr("Choose a route to read since its current deployment.")
                            : tr("Route %1 has never been deployed.").arg(m_routes->routeName());
            updateStatus();
            return;
        }
        m_fromMs = m_routes->currentDeploymentMs();
        m_toMs = now;
        break;
    case Range::Custom:
        m_fromMs = m_from->dateTime().toMSecsSinceEpoch();
        m_toMs = m_to->dateTime().toMSecsSinceEpoch();
        if (m_toMs <= m_fromMs) {
            m_outcome = tr("The range ends before it starts.");
            updateStatus();
            return;
        }
        break;
    }
    m_outcome.clear();
    m_reader->start(m_fromMs, m_toMs);
    redraw();
    updateStatus();
}

void AnalyticsPage::cancel()
{
    if (m_reader) {
        m_reader->cancel();
    }
}

bool AnalyticsPage::isReading() const
{
    return m_reader && m_reader->isRunning();
}

void AnalyticsPage::readFinished(const std::optional<ApiError> &error, bool cancelled)
{
    const QLocale locale;
    const qint64 read = m_reader->rowsRead();
    const qint64 total = m_reader->totalCount();
    if (error) {
        m_outcome = tr("Reading the logs failed after %1 of them: %2").arg(locale.toString(read), error->toString());
    } else if (cancelled) {
        m_outcome = tr("Stopped after %1 of %2 logs: the charts show those.")
                        .arg(locale.toString(read), locale.toString(std::max<qint64>(total, read)));
    } else if (total > read) {
        m_outcome =
            tr("Charted the newest %1 of %2 logs in the range (at most %3 are read).")
                .arg(locale.toString(read), locale.toString(total), locale.toString(LogAnalyticsReader::kMaxRows));
    } else {
        m_outcome = tr("%1 logs, %2.").arg(locale.toString(read), rangeText());
    }
    m_redrawTimer->stop();
    redraw();
    updateStatus();
}

QString AnalyticsPage::rangeText() const
{
    const qint64 bucket = m_reader && m_reader->analytics() ? m_reader->analytics()->bucketMs() : 0;
    return tr("%1 to %2, per %3")
        .arg(TimeSeriesChart::localTimeText(m_fromMs), TimeSeriesChart::localTimeText(m_toMs),
             AnalyticsSeries::bucketText(bucket));
}

void AnalyticsPage::updateStatus()
{
    const bool running = isReading();
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    m_reload->setEnabled(!running);
    if (!running || !m_reader) {
        m_status->setText(m_outcome);
        return;
    }
    const QLocale locale;
    const qint64 total = m_reader->totalCount();
    if (total < 0) {
        m_status->setText(tr("Counting the logs from %1 to %2…")
                              .arg(TimeSeriesChart::localTimeText(m_fromMs), TimeSeriesChart::localTimeText(m_toMs)));
        m_progress->setRange(0, 0);
        return;
    }
    const qint64 planned = m_reader->plannedRows();
    m_progress->setRange(0, int(std::max<qint64>(1, planned)));
    m_progress->setValue(int(m_reader->rowsRead()));
    const double left = m_reader->remainingSeconds();
    m_status->setText(tr("Reading %1 of %2 logs (%3 API calls), %4 left")
                          .arg(locale.toString(m_reader->rowsRead()), locale.toString(planned),
                               locale.toString(ApiCallBudget::callsForRows(planned)),
                               ApiCallBudget::durationText(std::max(0.0, left))));
}

void AnalyticsPage::redraw()
{
    const auto metric = AnalyticsSeries::Metric(m_metric->currentData().toInt());
    m_metricChart->setValueTitle(AnalyticsSeries::metricAxisTitle(metric));
    const LogAnalytics *a = m_reader ? m_reader->analytics() : nullptr;
    if (!a) {
        m_requestsChart->setTitle(tr("Requests by model"));
        m_metricChart->setTitle(AnalyticsSeries::metricTitle(metric));
        return;
    }
    const QString per = AnalyticsSeries::bucketText(a->bucketMs());
    m_requestsChart->setTitle(tr("Requests by model, per %1").arg(per));
    m_metricChart->setTitle(tr("%1, per %2").arg(AnalyticsSeries::metricTitle(metric), per));
    for (TimeSeriesChart *chart : {m_requestsChart, m_metricChart}) {
        chart->setTimeRange(a->fromMs(), a->toMs());
    }
    m_requestsChart->setSeries(AnalyticsSeries::requestsByModel(*a));
    m_metricChart->setSeries(AnalyticsSeries::metric(*a, metric));
    const QString empty = a->rowsAdded() == 0 && !isReading() ? tr("No logs in this range") : QString();
    m_requestsChart->setEmptyText(empty);
    m_metricChart->setEmptyText(empty);

    // Totals over the range, for a number to go with the shapes.
    qint64 requests = 0, errors = 0, tokens = 0;
    double cost = 0;
    for (std::size_t i = 0; i < a->bucketCount(); ++i) {
        requests += a->bucket(i).requests;
        errors += a->bucket(i).errors;
        tokens += a->bucket(i).tokensIn + a->bucket(i).tokensOut;
        cost += a->bucket(i).cost;
    }
    const QLocale locale;
    m_summary->setText(requests == 0 ? QString()
                                     : tr("<b>%1</b> requests · <b>%2</b> errors (%3 %) · <b>%4</b> tokens · "
                                          "<b>$%5</b> · %6 models")
                                           .arg(locale.toString(requests), locale.toString(errors),
                                                locale.toString(100.0 * double(errors) / double(requests), 'f', 1),
                                                locale.toString(tokens), locale.toString(cost, 'f', 2))
                                           .arg(a->models().size()));
    drawMarkers();
}

void AnalyticsPage::drawMarkers()
{
    const auto markers = AnalyticsSeries::deploymentMarkers(m_routes->deployments());
    m_requestsChart->setMarkers(markers);
    m_metricChart->setMarkers(markers);
}

QString AnalyticsPage::statusText() const
{
    return m_status->text();
}

QString AnalyticsPage::summaryText() const
{
    return m_summary->text();
}

} // namespace rd
