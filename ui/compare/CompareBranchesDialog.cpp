#include "ui/compare/CompareBranchesDialog.h"

#include "app/api/ApiCall.h"
#include "app/api/ApiClient.h"
#include "ui/engine/EngineText.h"
#include "ui/engine/TrafficOverlay.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <functional>

namespace rd {

namespace {

enum Column { kModel, kCards, kRequests, kCost, kSpeed, kFeedback, kState, kLogs, kColumnCount };
enum RangeChoice { kSinceDeployment, kLastWeek, kLastMonth };

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

std::optional<double> number(const std::optional<std::string> &text)
{
    if (!text || text->empty()) {
        return std::nullopt;
    }
    bool ok = false;
    const double value = qs(*text).toDouble(&ok);
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

QTableWidgetItem *cell(const QString &text, bool number = true)
{
    auto *item = new QTableWidgetItem(text);
    if (number) {
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    return item;
}

} // namespace

CompareBranchesDialog::CompareBranchesDialog(ApiClient *client, const QString &gatewayId, const QString &routeId,
                                             const Route &route, const QString &routeName, QWidget *parent)
    : QDialog(parent), m_client(client), m_gatewayId(gatewayId), m_routeId(routeId), m_route(route),
      m_routeName(routeName)
{
    setObjectName(QStringLiteral("compareBranchesDialog"));
    setWindowTitle(tr("Compare Branches · %1").arg(routeName));
    setAttribute(Qt::WA_DeleteOnClose);

    auto *title = new QLabel(tr("How did each model of <b>%1</b> do?").arg(routeName.toHtmlEscaped()));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    title->setFont(big);
    m_range = new QComboBox;
    m_range->setObjectName(QStringLiteral("compareRange"));
    m_range->addItem(tr("Since the current deployment"), kSinceDeployment);
    m_range->addItem(tr("Last 7 days"), kLastWeek);
    m_range->addItem(tr("Last 30 days"), kLastMonth);
    connect(m_range, &QComboBox::currentIndexChanged, this, &CompareBranchesDialog::rebuild);
    auto *rangeRow = new QFormLayout;
    rangeRow->addRow(tr("Logs from:"), m_range);

    m_plan = new QLabel;
    m_plan->setObjectName(QStringLiteral("comparePlan"));
    m_plan->setWordWrap(true);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setWordWrap(true);

    m_table = new QTableWidget(0, kColumnCount);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setHorizontalHeaderLabels({tr("Model"), tr("Cards"), tr("Requests"), tr("Avg cost"), tr("Avg duration"),
                                        tr("Positive feedback"), tr("Evaluation"), QString()});
    m_table->horizontalHeader()->setSectionResizeMode(kModel, QHeaderView::Stretch);
    for (int column = kCards; column < kColumnCount; ++column) {
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    m_table->horizontalHeaderItem(kCost)->setToolTip(tr("Cloudflare's cost evaluator: the average cost of a request"));
    m_table->horizontalHeaderItem(kSpeed)->setToolTip(tr("Cloudflare's speed evaluator: the average duration"));
    m_table->horizontalHeaderItem(kFeedback)->setToolTip(
        tr("Cloudflare's performance evaluator: the share of rated requests rated positive"));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 14);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setMinimumHeight(180);

    m_created = new QLabel;
    m_created->setObjectName(QStringLiteral("compareCreated"));
    m_created->setWordWrap(true);
    m_created->setForegroundRole(QPalette::PlaceholderText);

    m_compare = new QPushButton(tr("Compare"));
    m_compare->setObjectName(QStringLiteral("compareRun"));
    m_compare->setDefault(true);
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("compareStop"));
    m_cleanUp = new QPushButton(tr("Delete What Was Created"));
    m_cleanUp->setObjectName(QStringLiteral("compareCleanUp"));
    m_close = new QPushButton(tr("Close"));
    connect(m_compare, &QPushButton::clicked, this, &CompareBranchesDialog::compare);
    connect(m_stop, &QPushButton::clicked, this, [this] { m_comparison->cancel(); });
    connect(m_cleanUp, &QPushButton::clicked, this, [this] { m_comparison->cleanUp(); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_compare);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    buttons->addWidget(m_cleanUp);
    buttons->addWidget(m_close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(rangeRow);
    layout->addWidget(m_plan);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_created);
    layout->addLayout(buttons);
    resize(980, 520);

    rebuild();
    readDeployment();
}

CompareBranchesDialog::~CompareBranchesDialog() = default;

QString CompareBranchesDialog::planText() const
{
    return m_plan->text();
}

QString CompareBranchesDialog::statusText() const
{
    return m_status->text();
}

bool CompareBranchesDialog::isReady() const
{
    return m_deploymentRead || m_range->currentData().toInt() != kSinceDeployment;
}

void CompareBranchesDialog::readDeployment()
{
    if (!m_client) {
        return;
    }
    m_status->setText(tr("Reading when the route was deployed…"));
    m_client->listDeployments(
        m_gatewayId, m_routeId, PageQuery{1, 1, {}, QStringLiteral("created_at"), QStringLiteral("desc")}, this,
        [this](const ApiResult<ListPage<RouteDeployment>> &result) {
            m_deploymentRead = true;
            if (!result) {
                m_status->setText(tr("Could not read the route's deployments: %1").arg(result.error->toString()));
            } else {
                m_status->clear();
                if (!result.value->items.empty()) {
                    m_deployedAt = QDateTime::fromString(qs(result.value->items.front().createdAt()), Qt::ISODate);
                }
            }
            rebuild();
        });
}

QDateTime CompareBranchesDialog::rangeStart() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (m_range->currentData().toInt()) {
    case kLastWeek:
        return now.addDays(-7);
    case kLastMonth:
        return now.addDays(-30);
    default:
        // Never deployed (or unknown): the last week is what a person would look at.
        return m_deployedAt.isValid() ? m_deployedAt.toUTC() : now.addDays(-7);
    }
}

void CompareBranchesDialog::rebuild()
{
    if (m_comparison && m_comparison->state() != BranchComparison::State::Planned) {
        return; // the range is fixed once things exist on the account
    }
    delete m_comparison;
    m_comparison = new BranchComparison(m_client, m_gatewayId, m_route, m_routeName, rangeStart(), this);
    connect(m_comparison, &BranchComparison::changed, this, &CompareBranchesDialog::refresh);
    updatePlan();
    refresh();
}

void CompareBranchesDialog::updatePlan()
{
    const int n = static_cast<int>(m_comparison->branches().size());
    if (n == 0) {
        m_plan->setText(tr("The route calls no model: there is nothing to compare."));
        return;
    }
    const QString since = m_range->currentData().toInt() == kSinceDeployment && m_deployedAt.isValid()
                              ? tr("since the current deployment, %1").arg(TrafficOverlay::localTime(m_deployedAt))
                              : tr("since %1").arg(TrafficOverlay::localTime(m_comparison->from()));
    m_plan->setText(
        tr("Compares the logs %1. This <b>creates on gateway %2</b> one dataset and one evaluation per model below "
           "(%3 datasets, %3 evaluations, %4 API calls), then reads the evaluations every %5 s until Cloudflare has "
           "run them. When you are done, delete them here or keep them in the gateway's evaluations.")
            .arg(since, m_gatewayId.toHtmlEscaped())
            .arg(n)
            .arg(m_comparison->plannedCreateCalls())
            .arg(BranchComparison::kPollMs / 1000));
}

void CompareBranchesDialog::compare()
{
    if (!isReady()) {
        return;
    }
    m_comparison->start();
}

void CompareBranchesDialog::refresh()
{
    using State = BranchComparison::State;
    const BranchComparison &c = *m_comparison;
    const State state = c.state();
    const auto &branches = c.branches();
    const auto &types = c.types();

    // The best of each figure among the branches that have one: bold, so the table reads at a glance.
    std::optional<double> bestCost, bestSpeed, bestFeedback;
    for (const auto &b : branches) {
        if (const auto v = number(b.result(types, "cost"))) {
            bestCost = bestCost ? std::min(*bestCost, *v) : *v;
        }
        if (const auto v = number(b.result(types, "speed"))) {
            bestSpeed = bestSpeed ? std::min(*bestSpeed, *v) : *v;
        }
        if (const auto v = number(b.result(types, "performance"))) {
            bestFeedback = bestFeedback ? std::max(*bestFeedback, *v) : *v;
        }
    }
    const auto mark = [](QTableWidgetItem *item, bool best) {
        QFont f = item->font();
        f.setBold(best);
        item->setFont(f);
        if (best) {
            item->setToolTip(tr("The best of the models compared"));
        }
        return item;
    };

    m_table->setRowCount(static_cast<int>(branches.size()));
    for (int row = 0; row < static_cast<int>(branches.size()); ++row) {
        const BranchComparison::Branch &b = branches[static_cast<std::size_t>(row)];
        auto *model = cell(qs(b.key), false);
        model->setToolTip(b.datasetName);
        m_table->setItem(row, kModel, model);
        QStringList cards;
        for (const std::string &id : b.cards) {
            cards << qs(id);
        }
        m_table->setItem(row, kCards, cell(cards.join(QStringLiteral(", ")), false));
        const bool processed = b.evaluation && b.evaluation->processed();
        const auto cost = number(b.result(types, "cost"));
        const auto speed = number(b.result(types, "speed"));
        const auto feedback = number(b.result(types, "performance"));
        std::optional<double> total;
        if (processed && b.evaluation->totalLogs()) {
            total = b.evaluation->totalLogs()->toDouble();
        }
        const QString none = processed ? QStringLiteral("–") : QString();
        m_table->setItem(row, kRequests, cell(total ? EngineText::count(static_cast<std::uint64_t>(*total)) : none));
        m_table->setItem(row, kCost, mark(cell(cost ? TrafficOverlay::cost(*cost) : none), cost && cost == bestCost));
        m_table->setItem(row, kSpeed,
                         mark(cell(speed ? TrafficOverlay::duration(*speed) : none), speed && speed == bestSpeed));
        m_table->setItem(
            row, kFeedback,
            mark(cell(feedback ? EngineText::percent(*feedback) : (processed ? tr("no ratings") : QString())),
                 feedback && feedback == bestFeedback));
        QString stateText;
        if (processed) {
            stateText = tr("✓ done");
        } else if (!b.evaluationId.isEmpty()) {
            stateText = tr("⏳ running");
        } else if (!b.datasetId.isEmpty()) {
            stateText = tr("dataset made");
        }
        m_table->setItem(row, kState, cell(stateText, false));
        auto *logs = new QPushButton(tr("Logs"));
        logs->setObjectName(QStringLiteral("compareLogs%1").arg(row));
        logs->setToolTip(tr("Open the logs this model's dataset selects"));
        const std::vector<LogFilter> filters = b.filters(c.from());
        connect(logs, &QPushButton::clicked, this, [this, filters] { emit logsRequested(m_gatewayId, filters); });
        m_table->setCellWidget(row, kLogs, logs);
    }

    const bool busy = state == State::Creating || state == State::Waiting || state == State::CleaningUp;
    m_compare->setEnabled(state == State::Planned && isReady() && !branches.empty() && m_client);
    m_range->setEnabled(state == State::Planned);
    m_stop->setEnabled(state == State::Creating || state == State::Waiting);
    m_cleanUp->setEnabled(!busy && c.createdCount() > 0);
    m_cleanUp->setText(c.createdCount() > 0 ? tr("Delete What Was Created (%1)").arg(c.createdCount())
                                            : tr("Delete What Was Created"));
    if (!c.lastMessage().isEmpty()) {
        m_status->setText(c.lastMessage());
    }
    // A count and the names' common start: the full names are a hover away (eight of them fill the dialog).
    const QStringList made = c.created();
    m_created->setText(made.isEmpty() ? QString()
                                      : tr("On the account now, made by this comparison: %1 and %2, named “Compare "
                                           "%3 · <model> · <time>”.")
                                            .arg(tr("%n dataset(s)", nullptr, c.createdDatasets()),
                                                 tr("%n evaluation(s)", nullptr, c.createdEvaluations()), m_routeName));
    m_created->setToolTip(made.join(QLatin1Char('\n')));
}

void CompareBranchesDialog::done(int result)
{
    const BranchComparison::State state = m_comparison->state();
    const int created = m_comparison->createdCount();
    if (created > 0 && state != BranchComparison::State::CleaningUp) {
        CloseAnswer answer = m_closeAnswer;
        if (answer == CloseAnswer::Ask) {
            QMessageBox box(
                QMessageBox::Question, tr("Compare Branches"),
                tr("This comparison created %n dataset(s) and evaluation(s) on gateway %1.", nullptr, created)
                    .arg(m_gatewayId),
                QMessageBox::NoButton, this);
            box.setInformativeText(tr("Delete them now, or keep them in the gateway's evaluations?"));
            QPushButton *del = box.addButton(tr("Delete Them"), QMessageBox::DestructiveRole);
            QPushButton *keep = box.addButton(tr("Keep Them"), QMessageBox::AcceptRole);
            box.addButton(QMessageBox::Cancel);
            box.setDefaultButton(keep);
            box.exec();
            answer = box.clickedButton() == del    ? CloseAnswer::Delete
                     : box.clickedButton() == keep ? CloseAnswer::Keep
                                                   : CloseAnswer::Cancel;
        }
        if (answer == CloseAnswer::Cancel) {
            return;
        }
        if (answer == CloseAnswer::Delete) {
            // Close once the deletes are through; a failure keeps the dialog open, saying what is left.
            m_comparison->cancel();
            connect(m_comparison, &BranchComparison::stateChanged, this, [this, result](BranchComparison::State s) {
                if (s == BranchComparison::State::CleanedUp) {
                    QDialog::done(result);
                }
            });
            m_comparison->cleanUp();
            return;
        }
    }
    m_comparison->cancel();
    QDialog::done(result);
}

} // namespace rd
