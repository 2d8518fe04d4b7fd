#include "ui/evaluations/EvaluationsPage.h"

#include "app/StatusColors.h"
#include "app/api/ApiClient.h"
#include "ui/evaluations/DatasetList.h"
#include "ui/evaluations/EvaluationList.h"
#include "ui/evaluations/PageBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace rd {

namespace {

// A section's name in bold and what it holds, quieter, on one line above it.
QWidget *section(const QString &title, const QString &explanation, QWidget *body)
{
    auto *name = new QLabel(title);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    auto *words = new QLabel(explanation);
    QPalette muted = words->palette();
    muted.setColor(QPalette::WindowText, StatusColors::muted(muted));
    words->setPalette(muted);
    auto *line = new QHBoxLayout;
    line->setSpacing(10);
    line->addWidget(name);
    line->addWidget(words, 1);
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(line);
    layout->addWidget(body, 1);
    return box;
}

} // namespace

EvaluationsPage::EvaluationsPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("evaluationsPage"));
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("evaluationsTitle"));
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setBold(true);
    m_title->setFont(font);
    m_banner = new PageBanner;
    m_datasets = new DatasetList;
    m_evaluations = new EvaluationList;

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("evaluationsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(section(tr("Datasets"), tr("saved log filters; evaluations measure their logs"), m_datasets));
    splitter->addWidget(section(tr("Evaluations"),
                                tr("cost, speed and feedback over datasets, run by Cloudflare in the background"),
                                m_evaluations));
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 8);
    layout->setSpacing(8);
    layout->addWidget(m_title);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);

    const auto showError = [this](const QString &where, const ApiError &error) {
        m_banner->showError(where, error);
    };
    connect(m_datasets, &DatasetList::errorOccurred, this, showError);
    connect(m_evaluations, &EvaluationList::errorOccurred, this, showError);
    connect(m_datasets, &DatasetList::notice, m_banner, qOverload<const QString &>(&PageBanner::showNotice));
    connect(m_evaluations, &EvaluationList::notice, m_banner, qOverload<const QString &>(&PageBanner::showNotice));
    // New Evaluation… offers the datasets as the list shows them.
    connect(m_datasets, &DatasetList::datasetsChanged, this,
            [this] { m_evaluations->setDatasets(m_datasets->datasets()); });
    connect(m_datasets, &DatasetList::logsRequested, this,
            [this](const std::vector<LogFilter> &filters) { emit logsRequested(m_gatewayId, filters); });
}

ApiClient *EvaluationsPage::client() const
{
    return m_client;
}

QString EvaluationsPage::bannerText() const
{
    return m_banner->text();
}

void EvaluationsPage::setGateway(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    m_title->setText(tr("Datasets and evaluations of gateway %1").arg(gatewayId));
    m_banner->clear();
    m_datasets->setGateway(client, gatewayId);
    m_evaluations->setGateway(client, gatewayId);
}

void EvaluationsPage::refresh()
{
    m_banner->clear();
    m_datasets->reload();
    m_evaluations->reload();
}

} // namespace rd
