#include "ui/evaluations/EvaluationList.h"

#include "app/StatusColors.h"
#include "app/api/ApiClient.h"
#include "ui/evaluations/EvaluationDetailsDialog.h"
#include "ui/evaluations/NewEvaluationDialog.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kDefaultPollMs = 2000; // Cloudflare gives no time; a few seconds keeps the list current and calls few

QString quoted(const QString &text)
{
    return QStringLiteral("\u201c%1\u201d").arg(text);
}

QString nameOf(const Evaluation &evaluation)
{
    return QString::fromStdString(evaluation.name());
}

} // namespace

EvaluationList::EvaluationList(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("evaluationList"));
    m_poll = new QTimer(this);
    m_poll->setInterval(kDefaultPollMs);
    connect(m_poll, &QTimer::timeout, this, &EvaluationList::poll);

    m_table = new QTreeWidget;
    m_table->setObjectName(QStringLiteral("evaluationTable"));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setHeaderLabels({tr("Name"), tr("Datasets"), tr("Status"), tr("Results"), tr("Created")});
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(ResultsColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = fontMetrics();
    m_table->header()->resizeSection(NameColumn, metrics.horizontalAdvance(QStringLiteral("OpenAI in December")) + 24);
    m_table->header()->resizeSection(DatasetsColumn,
                                     metrics.horizontalAdvance(QStringLiteral("OpenAI, expensive")) + 24);
    m_table->header()->resizeSection(StatusColumn, metrics.horizontalAdvance(EvaluationText::processed(true)) + 24);
    m_table->header()->resizeSection(CreatedColumn,
                                     metrics.horizontalAdvance(QStringLiteral("2025-12-31 23:59 CEST")) + 24);

    m_empty = new QLabel(m_table->viewport());
    m_empty->setObjectName(QStringLiteral("evaluationEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    QPalette muted = m_empty->palette();
    muted.setColor(QPalette::WindowText, StatusColors::muted(muted));
    m_empty->setPalette(muted);
    m_table->viewport()->installEventFilter(this);

    m_new = new QPushButton(tr("New E&valuation\u2026"));
    m_new->setObjectName(QStringLiteral("evaluationNew"));
    m_detailsButton = new QPushButton(tr("De&tails\u2026"));
    m_detailsButton->setObjectName(QStringLiteral("evaluationDetails"));
    m_delete = new QPushButton(tr("Dele&te\u2026"));
    m_delete->setObjectName(QStringLiteral("evaluationDelete"));
    m_refresh = new QPushButton(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("Refresh"));
    m_refresh->setObjectName(QStringLiteral("evaluationRefresh"));
    connect(m_new, &QPushButton::clicked, this, &EvaluationList::createNew);
    connect(m_detailsButton, &QPushButton::clicked, this, &EvaluationList::showDetails);
    connect(m_delete, &QPushButton::clicked, this, &EvaluationList::deleteSelected);
    connect(m_refresh, &QPushButton::clicked, this, &EvaluationList::reload);
    connect(m_table, &QTreeWidget::itemSelectionChanged, this, &EvaluationList::updateButtons);
    connect(m_table, &QTreeWidget::itemDoubleClicked, this, &EvaluationList::showDetails);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_detailsButton);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    fill();
}

EvaluationDetailsDialog *EvaluationList::details() const
{
    return m_details;
}

void EvaluationList::setGateway(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    loadTypes();
    reload();
}

void EvaluationList::setDatasets(const std::vector<Dataset> &datasets)
{
    m_datasets = datasets;
    updateButtons();
}

void EvaluationList::setPollInterval(int ms)
{
    m_poll->setInterval(ms);
}

bool EvaluationList::isPolling() const
{
    return m_poll->isActive();
}

int EvaluationList::pendingCount() const
{
    return static_cast<int>(
        std::count_if(m_evaluations.begin(), m_evaluations.end(), [](const Evaluation &e) { return !e.processed(); }));
}

void EvaluationList::begin()
{
    ++m_busy;
    updateButtons();
}

void EvaluationList::end()
{
    --m_busy;
    updateButtons();
}

void EvaluationList::loadTypes()
{
    if (!m_client) {
        return;
    }
    begin();
    m_client->listEvaluationTypes(PageQuery{1, 50, {}, {}, {}}, this,
                                  [this](const ApiResult<ListPage<EvaluationType>> &result) {
                                      end();
                                      if (!result) {
                                          emit errorOccurred(tr("Reading the evaluators failed."), *result.error);
                                          return;
                                      }
                                      m_types = result.value->items;
                                      m_typeNames = EvaluationText::typeNames(m_types);
                                      fill(); // results name their evaluators now
                                  });
}

void EvaluationList::reload()
{
    reloadThen({});
}

void EvaluationList::reloadThen(std::function<void(bool ok)> then)
{
    if (!m_client) {
        return;
    }
    begin();
    m_client->listEvaluations(m_gatewayId, PageQuery{1, 50, {}, QStringLiteral("created_at"), QStringLiteral("desc")},
                              this, [this, then](const ApiResult<ListPage<Evaluation>> &result) {
                                  end();
                                  if (result) {
                                      m_evaluations = result.value->items;
                                      fill();
                                  } else {
                                      emit errorOccurred(tr("Reading the evaluations failed."), *result.error);
                                  }
                                  if (then) {
                                      then(result.ok());
                                  }
                              });
}

void EvaluationList::fill()
{
    const QString keep =
        m_table->currentItem() ? m_table->currentItem()->data(NameColumn, kIdRole).toString() : QString();
    m_table->clear();
    for (const Evaluation &evaluation : m_evaluations) {
        auto *item = new QTreeWidgetItem(m_table);
        const QString id = QString::fromStdString(evaluation.id());
        item->setText(NameColumn, nameOf(evaluation));
        item->setData(NameColumn, kIdRole, id);
        item->setText(DatasetsColumn, EvaluationText::datasets(evaluation));
        item->setToolTip(DatasetsColumn, item->text(DatasetsColumn));
        item->setText(StatusColumn, EvaluationText::processed(evaluation.processed()));
        const QString results = evaluation.processed() ? EvaluationText::results(evaluation, m_typeNames)
                                                       : tr("Cloudflare is running it\u2026");
        item->setText(ResultsColumn, results);
        item->setToolTip(ResultsColumn, results);
        item->setText(CreatedColumn, EvaluationText::localTime(evaluation.createdAt()));
        if (id == keep) {
            m_table->setCurrentItem(item);
        }
    }
    if (!m_table->currentItem() && m_table->topLevelItemCount() > 0) {
        m_table->setCurrentItem(m_table->topLevelItem(0));
    }
    const QString empty = emptyText();
    m_empty->setText(empty);
    m_empty->setVisible(!empty.isEmpty());
    m_empty->setGeometry(m_table->viewport()->rect().adjusted(16, 16, -16, -16));
    if (m_details) {
        for (const Evaluation &evaluation : m_evaluations) {
            if (QString::fromStdString(evaluation.id()) == m_details->evaluationId()) {
                m_details->setEvaluation(evaluation, m_typeNames);
            }
        }
    }
    updateButtons();
    updatePolling();
}

QString EvaluationList::emptyText() const
{
    if (!m_evaluations.empty()) {
        return {};
    }
    if (!m_client) {
        return tr("Connect and pick a gateway to see its evaluations.");
    }
    return m_datasets.empty() ? tr("No evaluations yet \u2014 an evaluation measures the logs of datasets: make a "
                                   "dataset first.")
                              : tr("No evaluations yet \u2014 New Evaluation\u2026 measures cost, speed and "
                                   "feedback over your datasets.");
}

bool EvaluationList::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        m_empty->setGeometry(m_table->viewport()->rect().adjusted(16, 16, -16, -16));
    }
    return QWidget::eventFilter(watched, event);
}

void EvaluationList::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updatePolling();
    if (isVisible() && pendingCount() > 0) {
        poll(); // what happened while the page was hidden, at once
    }
}

void EvaluationList::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_poll->stop(); // nobody sees it: no calls
}

void EvaluationList::updatePolling()
{
    const bool wanted = m_client && isVisible() && pendingCount() > 0;
    if (wanted && !m_poll->isActive()) {
        m_poll->start();
    } else if (!wanted) {
        m_poll->stop();
    }
}

void EvaluationList::poll()
{
    if (!m_client || !isVisible()) {
        m_poll->stop();
        return;
    }
    for (const Evaluation &evaluation : m_evaluations) {
        const QString id = QString::fromStdString(evaluation.id());
        if (evaluation.processed() || m_polling.contains(id)) {
            continue; // one read at a time per evaluation, however slow the server
        }
        m_polling.insert(id);
        m_client->getEvaluation(m_gatewayId, id, this, [this, id](const ApiResult<Evaluation> &result) {
            m_polling.remove(id);
            if (result) {
                received(*result.value);
            } else if (result.error->isNotFound()) {
                // Deleted elsewhere: the list read again says so.
                reload();
            } else {
                emit errorOccurred(tr("Reading an evaluation's progress failed."), *result.error);
                m_poll->stop(); // Refresh starts it again
            }
        });
    }
}

void EvaluationList::received(const Evaluation &evaluation)
{
    for (Evaluation &e : m_evaluations) {
        if (e.id() == evaluation.id()) {
            e = evaluation;
        }
    }
    fill();
}

bool EvaluationList::select(const QString &evaluationId)
{
    for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
        if (m_table->topLevelItem(i)->data(NameColumn, kIdRole).toString() == evaluationId) {
            m_table->setCurrentItem(m_table->topLevelItem(i));
            return true;
        }
    }
    return false;
}

std::optional<Evaluation> EvaluationList::selected() const
{
    QTreeWidgetItem *item = m_table->currentItem();
    if (!item || !item->isSelected()) {
        return std::nullopt;
    }
    const QString id = item->data(NameColumn, kIdRole).toString();
    for (const Evaluation &evaluation : m_evaluations) {
        if (QString::fromStdString(evaluation.id()) == id) {
            return evaluation;
        }
    }
    return std::nullopt;
}

void EvaluationList::updateButtons()
{
    const bool ready = m_client && m_busy == 0;
    const bool chosen = selected().has_value();
    m_new->setEnabled(ready && !m_datasets.empty() && !m_types.empty());
    m_new->setToolTip(m_datasets.empty() ? tr("Make a dataset first: an evaluation measures datasets' logs")
                                         : tr("Run evaluators over one or more datasets"));
    m_detailsButton->setEnabled(chosen);
    m_delete->setEnabled(ready && chosen);
    m_refresh->setEnabled(ready);
}

void EvaluationList::createNew()
{
    if (!m_client || m_busy > 0) {
        return;
    }
    auto *dialog = new NewEvaluationDialog(m_datasets, m_types, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { create(dialog->name(), dialog->datasetIds(), dialog->typeIds()); });
    dialog->open();
}

void EvaluationList::create(const QString &name, const QStringList &datasetIds, const QStringList &typeIds)
{
    QSet<QString> before;
    for (const Evaluation &evaluation : m_evaluations) {
        before.insert(QString::fromStdString(evaluation.id()));
    }
    begin();
    m_client->createEvaluation(
        m_gatewayId, name, datasetIds, typeIds, this, [this, name, before](const ApiResult<Evaluation> &result) {
            end();
            if (result) {
                m_evaluations.insert(m_evaluations.begin(), *result.value);
                fill();
                select(QString::fromStdString(result.value->id()));
                return;
            }
            emit errorOccurred(tr("Creating evaluation %1 failed.").arg(quoted(name)), *result.error);
            if (!result.error->mayHaveBeenApplied) {
                return;
            }
            // The answer was lost: a new evaluation of that name in the list read again is this one.
            reloadThen([this, name, before](bool ok) {
                if (!ok) {
                    return;
                }
                for (const Evaluation &evaluation : m_evaluations) {
                    const QString id = QString::fromStdString(evaluation.id());
                    if (!before.contains(id) && nameOf(evaluation) == name) {
                        select(id);
                        emit notice(tr("The answer to creating %1 was lost, but the list read again has it: it was "
                                       "created.")
                                        .arg(quoted(name)));
                        return;
                    }
                }
                emit notice(tr("The answer to creating %1 was lost and the list read again has no new evaluation of "
                               "that name: it was not created. You can try again.")
                                .arg(quoted(name)));
            });
        });
}

void EvaluationList::showDetails()
{
    const auto evaluation = selected();
    if (!evaluation) {
        return;
    }
    if (!m_details) {
        m_details = new EvaluationDetailsDialog(this);
        m_details->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_details->setEvaluation(*evaluation, m_typeNames);
    m_details->show();
    m_details->raise();
}

void EvaluationList::deleteSelected()
{
    const auto evaluation = selected();
    if (!evaluation || !m_client || m_busy > 0) {
        return;
    }
    const QString name = nameOf(*evaluation);
    QMessageBox box(QMessageBox::Warning, tr("Delete Evaluation"),
                    tr("Delete evaluation %1 of gateway %2?").arg(quoted(name), quoted(m_gatewayId)),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("evaluationDeleteConfirm"));
    box.setInformativeText(tr("Its results are lost; the datasets stay."));
    QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != remove) {
        return;
    }
    const QString id = QString::fromStdString(evaluation->id());
    begin();
    m_client->deleteEvaluation(m_gatewayId, id, this, [this, id, name](const ApiResult<Evaluation> &result) {
        end();
        if (result) {
            emit notice(tr("Deleted evaluation %1.").arg(quoted(name)));
            reload();
            return;
        }
        if (result.error->isNotFound()) {
            // A retry after a lost answer finds it gone, as does a delete made elsewhere: either way it is.
            emit notice(tr("Evaluation %1 is gone: the server no longer has it (an earlier attempt whose answer was "
                           "lost, or someone else, deleted it).")
                            .arg(quoted(name)));
            reload();
            return;
        }
        emit errorOccurred(tr("Deleting %1 failed.").arg(quoted(name)), *result.error);
        if (!result.error->mayHaveBeenApplied) {
            return;
        }
        reloadThen([this, id, name](bool ok) {
            if (!ok) {
                return;
            }
            const bool still = std::any_of(m_evaluations.begin(), m_evaluations.end(),
                                           [&](const Evaluation &e) { return QString::fromStdString(e.id()) == id; });
            emit notice(still ? tr("The answer to deleting %1 was lost; the list read again still has it: it was not "
                                   "deleted. You can try again.")
                                    .arg(quoted(name))
                              : tr("The answer to deleting %1 was lost; the list read again no longer has it: it "
                                   "was deleted.")
                                    .arg(quoted(name)));
        });
    });
}

} // namespace rd
