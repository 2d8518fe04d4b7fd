#include "ui/engine/TracePanel.h"

#include "app/RouteDocument.h"
#include "model/engine/RouteFields.h"
#include "ui/engine/EngineText.h"
#include "ui/engine/RequestContextEditor.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace rd {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

TracePanel::TracePanel(RouteDocument *document, QWidget *parent) : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("tracePanel"));
    m_request = new RequestContextEditor(RequestContextEditor::Fields::All);
    connect(m_request, &RequestContextEditor::changed, this, &TracePanel::scheduleRetrace);

    m_fail = new QListWidget;
    m_fail->setObjectName(QStringLiteral("traceFailList"));
    m_fail->setToolTip(tr("Checked models fail every attempt, as if the provider were down: the trace shows "
                          "where the route falls back to."));
    m_fail->setMaximumHeight(90);
    connect(m_fail, &QListWidget::itemChanged, this, &TracePanel::scheduleRetrace);
    m_seed = new QSpinBox;
    m_seed->setObjectName(QStringLiteral("traceSeed"));
    m_seed->setRange(1, 1'000'000);
    m_seed->setToolTip(tr("Percentage splits draw at random: another seed is another draw. Seed N is the first "
                          "request of a simulation with seed N."));
    connect(m_seed, &QSpinBox::valueChanged, this, &TracePanel::scheduleRetrace);
    auto *seedRow = new QHBoxLayout;
    seedRow->addWidget(new QLabel(tr("Random draw (seed):")));
    seedRow->addWidget(m_seed);
    seedRow->addStretch(1);

    auto *requestBox = new QGroupBox(tr("Request"));
    auto *requestLayout = new QVBoxLayout(requestBox);
    requestLayout->addWidget(m_request, 1);
    auto *failLabel = new QLabel(tr("Make these models fail:"));
    requestLayout->addWidget(failLabel);
    requestLayout->addWidget(m_fail);
    requestLayout->addLayout(seedRow);

    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("traceBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #FEF0C7; color: #7A2E0E; border-radius: 4px;"
                                           " padding: 4px 8px; }"));
    m_banner->hide();
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("traceSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_summary->font();
    bold.setWeight(QFont::DemiBold);
    m_summary->setFont(bold);
    m_steps = new QTreeWidget;
    m_steps->setObjectName(QStringLiteral("traceSteps"));
    m_steps->setHeaderLabels({tr("#"), tr("Element"), tr("Took"), tr("Why")});
    m_steps->setRootIsDecorated(false);
    m_steps->setUniformRowHeights(true);
    m_steps->setWordWrap(false);
    m_steps->header()->setStretchLastSection(true);
    m_steps->setColumnWidth(0, 34);
    m_steps->setColumnWidth(1, 150);
    m_steps->setColumnWidth(2, 90);
    connect(m_steps, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item) {
            emit elementActivated(item->data(1, Qt::UserRole).toString());
        }
    });

    auto *resultBox = new QWidget;
    auto *resultLayout = new QVBoxLayout(resultBox);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_banner);
    resultLayout->addWidget(m_summary);
    resultLayout->addWidget(m_steps, 1);

    // The request scrolls rather than holding the panel tall: the canvas above keeps its room.
    auto *requestScroll = new QScrollArea;
    requestScroll->setWidget(requestBox);
    requestScroll->setWidgetResizable(true);
    requestScroll->setFrameShape(QFrame::NoFrame);
    requestScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    requestScroll->setMinimumWidth(320);
    m_request->metadataTable()->setMinimumHeight(110);

    auto *split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    split->addWidget(requestScroll);
    split->addWidget(resultBox);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({360, 640});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    if (m_document) {
        connect(m_document, &RouteDocument::changed, this, &TracePanel::scheduleRetrace);
        connect(m_document, &RouteDocument::documentReset, this, &TracePanel::scheduleRetrace);
        connect(m_document, &RouteDocument::findingsChanged, this, &TracePanel::scheduleRetrace);
    }
    m_pending = true; // traced when first shown
}

void TracePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_pending) {
        retraceNow();
    }
}

void TracePanel::scheduleRetrace()
{
    if (m_pending) {
        return;
    }
    m_pending = true;
    if (!isVisible()) {
        return; // every tab has a Trace page: a hidden one traces when shown, not on every edit of a large route
    }
    // Coalesced: an edit emits several signals, and typing a value emits one per key.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_pending) {
                retraceNow();
            }
        },
        Qt::QueuedConnection);
}

void TracePanel::syncRouteParts()
{
    if (!m_document) {
        return;
    }
    const Route &route = m_document->route();
    m_request->offerKeys(RouteFields::metadataKeys(route));

    const std::vector<std::string> models = RouteFields::modelKeys(route);
    std::set<QString> checked;
    for (int i = 0; i < m_fail->count(); ++i) {
        if (m_fail->item(i)->checkState() == Qt::Checked) {
            checked.insert(m_fail->item(i)->text());
        }
    }
    std::vector<QString> listed;
    for (int i = 0; i < m_fail->count(); ++i) {
        listed.push_back(m_fail->item(i)->text());
    }
    std::vector<QString> wanted;
    for (const std::string &key : models) {
        wanted.push_back(qs(key));
    }
    if (listed == wanted) {
        return;
    }
    const QSignalBlocker block(m_fail);
    m_fail->clear();
    for (const QString &key : wanted) {
        auto *item = new QListWidgetItem(key, m_fail);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(key) ? Qt::Checked : Qt::Unchecked);
    }
}

void TracePanel::setFailing(const QString &modelKey, bool failing)
{
    for (int i = 0; i < m_fail->count(); ++i) {
        if (m_fail->item(i)->text() == modelKey) {
            m_fail->item(i)->setCheckState(failing ? Qt::Checked : Qt::Unchecked);
        }
    }
}

void TracePanel::traceRequest(const Json &metadata, std::uint64_t seed, const std::vector<std::string> &failing)
{
    syncRouteParts();
    m_request->setMetadata(metadata);
    {
        const QSignalBlocker blockSeed(m_seed);
        m_seed->setValue(
            static_cast<int>(std::min<std::uint64_t>(seed, static_cast<std::uint64_t>(m_seed->maximum()))));
        const QSignalBlocker blockFail(m_fail);
        for (int i = 0; i < m_fail->count(); ++i) {
            const std::string key = m_fail->item(i)->text().toStdString();
            const bool fails = std::find(failing.begin(), failing.end(), key) != failing.end();
            m_fail->item(i)->setCheckState(fails ? Qt::Checked : Qt::Unchecked);
        }
    }
    retraceNow();
}

void TracePanel::retraceNow()
{
    m_pending = false;
    if (!m_document) {
        return;
    }
    syncRouteParts();

    const int errors = static_cast<int>(std::count_if(m_document->findings().begin(), m_document->findings().end(),
                                                      [](const Finding &f) { return f.severity == Severity::Error; }));
    m_banner->setVisible(errors > 0);
    m_banner->setText(tr("This draft has %n error(s): the API would refuse it as it is. The trace goes as far as "
                         "the route lets it.",
                         nullptr, errors));

    QString problem;
    const std::optional<RequestContext> context = m_request->context(&problem);
    if (!context) {
        showProblem(problem);
        return;
    }
    const std::string metadataProblem = context->metadataProblem();
    TraceOptions options;
    options.seed = static_cast<std::uint64_t>(m_seed->value());
    for (int i = 0; i < m_fail->count(); ++i) {
        if (m_fail->item(i)->checkState() == Qt::Checked) {
            options.failing.push_back(m_fail->item(i)->text().toStdString());
        }
    }
    Decoded<TraceResult> traced = RouteTracer::trace(m_document->route(), *context, options);
    if (!traced) {
        showProblem(qs(traced.error ? traced.error->toString() : std::string("The route cannot be traced.")));
        return;
    }
    showResult(*traced.value);
    if (!metadataProblem.empty()) {
        // Traced anyway: the operator sees the path, and that Cloudflare would answer 400 before routing.
        m_summary->setText(m_summary->text() + QLatin1Char('\n') +
                           tr("Cloudflare would refuse this metadata: %1").arg(qs(metadataProblem)));
    }
}

void TracePanel::showProblem(const QString &text)
{
    m_result.reset();
    m_steps->clear();
    m_summary->setText(text);
    m_overlay = {};
    emit overlayChanged();
}

void TracePanel::showResult(const TraceResult &result)
{
    m_result = result;
    m_summary->setText(EngineText::traceSummary(result));

    const QSignalBlocker block(m_steps);
    m_steps->clear();
    m_overlay = {};
    m_overlay.dimOthers = true;
    int number = 0;
    for (const TraceResult::Step &step : result.path) {
        ++number;
        auto *item = new QTreeWidgetItem(m_steps);
        item->setText(0, QString::number(number));
        item->setText(1, qs(step.element));
        item->setData(1, Qt::UserRole, qs(step.element));
        item->setToolTip(1, qs(step.type));
        item->setText(2, step.output ? qs(*step.output) : QStringLiteral("—"));
        item->setText(3, qs(step.reason));
        item->setToolTip(3, qs(step.reason));

        FlowOverlay::Card &card = m_overlay.cards[step.element];
        card.lit = true;
        card.badge =
            card.badge.isEmpty() ? QString::number(number) : card.badge + QLatin1Char(',') + QString::number(number);
        if (step.output) {
            m_overlay.wires[{step.element, *step.output}].lit = true;
        }
    }
    emit overlayChanged();
}

QString TracePanel::summaryText() const
{
    return m_summary->text();
}

QString TracePanel::bannerText() const
{
    return !m_banner->isHidden() ? m_banner->text() : QString();
}

} // namespace rd
