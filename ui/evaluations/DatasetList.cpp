#include "ui/evaluations/DatasetList.h"

#include "app/DatasetFilters.h"
#include "app/StatusColors.h"
#include "app/api/ApiClient.h"
#include "ui/evaluations/DatasetEditDialog.h"
#include "ui/evaluations/EvaluationText.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString quoted(const QString &text)
{
    return QStringLiteral("\u201c%1\u201d").arg(text);
}

QString nameOf(const Dataset &dataset)
{
    return QString::fromStdString(dataset.name());
}

} // namespace

DatasetList::DatasetList(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("datasetList"));
    m_table = new QTreeWidget;
    m_table->setObjectName(QStringLiteral("datasetTable"));
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setHeaderLabels({tr("Name"), tr("Filters"), tr("Enabled"), tr("Modified")});
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(FiltersColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = fontMetrics();
    m_table->header()->resizeSection(NameColumn,
                                     metrics.horizontalAdvance(QStringLiteral("OpenAI, expensive ones")) + 24);
    m_table->header()->resizeSection(EnabledColumn, metrics.horizontalAdvance(tr("Enabled")) + 40);
    m_table->header()->resizeSection(ModifiedColumn,
                                     metrics.horizontalAdvance(QStringLiteral("2025-12-31 23:59 CEST")) + 24);

    m_empty = new QLabel(m_table->viewport());
    m_empty->setObjectName(QStringLiteral("datasetEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    QPalette muted = m_empty->palette();
    muted.setColor(QPalette::WindowText, StatusColors::muted(muted));
    m_empty->setPalette(muted);

    m_new = new QPushButton(tr("&New Dataset\u2026"));
    m_new->setObjectName(QStringLiteral("datasetNew"));
    m_toggle = new QPushButton(tr("Disa&ble"));
    m_toggle->setObjectName(QStringLiteral("datasetToggle"));
    m_toggle->setToolTip(tr("Disabled datasets stay saved; evaluations only run over enabled ones"));
    m_edit = new QPushButton(tr("&Edit\u2026"));
    m_edit->setObjectName(QStringLiteral("datasetEdit"));
    m_delete = new QPushButton(tr("&Delete\u2026"));
    m_delete->setObjectName(QStringLiteral("datasetDelete"));
    m_logs = new QPushButton(QIcon(QStringLiteral(":/icons/logs.svg")), tr("Open &Logs"));
    m_logs->setObjectName(QStringLiteral("datasetOpenLogs"));
    m_logs->setToolTip(tr("Show the logs this dataset holds in the gateway's logs view"));
    m_refresh = new QPushButton(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("Refresh"));
    m_refresh->setObjectName(QStringLiteral("datasetRefresh"));
    connect(m_new, &QPushButton::clicked, this, &DatasetList::createNew);
    connect(m_toggle, &QPushButton::clicked, this, &DatasetList::toggleSelected);
    connect(m_edit, &QPushButton::clicked, this, &DatasetList::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &DatasetList::deleteSelected);
    connect(m_logs, &QPushButton::clicked, this, &DatasetList::openLogsOfSelected);
    connect(m_refresh, &QPushButton::clicked, this, &DatasetList::reload);
    connect(m_table, &QTreeWidget::itemSelectionChanged, this, &DatasetList::updateButtons);
    connect(m_table, &QTreeWidget::itemDoubleClicked, this, &DatasetList::editSelected);
    // The Enabled column's box is the same switch as the button.
    connect(m_table, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (m_filling || column != EnabledColumn) {
            return;
        }
        const QString id = item->data(NameColumn, kIdRole).toString();
        for (const Dataset &dataset : m_datasets) {
            if (QString::fromStdString(dataset.id()) == id &&
                dataset.enable() != (item->checkState(EnabledColumn) == Qt::Checked)) {
                const bool enable = !dataset.enable();
                update(dataset, nameOf(dataset), enable, dataset.filters(),
                       enable ? tr("Enabling %1").arg(quoted(nameOf(dataset)))
                              : tr("Disabling %1").arg(quoted(nameOf(dataset))));
                return;
            }
        }
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_toggle);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addSpacing(12);
    buttons->addWidget(m_logs);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    m_table->viewport()->installEventFilter(this);
    fill();
}

bool DatasetList::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        m_empty->setGeometry(m_table->viewport()->rect().adjusted(16, 16, -16, -16));
    }
    return QWidget::eventFilter(watched, event);
}

void DatasetList::setGateway(ApiClient *client, const QString &gatewayId)
{
    m_client = client;
    m_gatewayId = gatewayId;
    reload();
}

void DatasetList::reload()
{
    reloadThen({});
}

void DatasetList::reloadThen(std::function<void(bool ok)> then)
{
    if (!m_client) {
        return;
    }
    begin();
    m_client->listDatasets(m_gatewayId, PageQuery{1, 50, {}, QStringLiteral("created_at"), QStringLiteral("desc")},
                           this, [this, then](const ApiResult<ListPage<Dataset>> &result) {
                               end();
                               if (result) {
                                   m_datasets = result.value->items;
                                   fill();
                                   emit datasetsChanged();
                               } else {
                                   emit errorOccurred(tr("Reading the datasets failed."), *result.error);
                               }
                               if (then) {
                                   then(result.ok());
                               }
                           });
}

void DatasetList::fill()
{
    const QString keep =
        m_table->currentItem() ? m_table->currentItem()->data(NameColumn, kIdRole).toString() : QString();
    m_filling = true;
    m_table->clear();
    for (const Dataset &dataset : m_datasets) {
        auto *item = new QTreeWidgetItem(m_table);
        item->setText(NameColumn, nameOf(dataset));
        item->setData(NameColumn, kIdRole, QString::fromStdString(dataset.id()));
        const QString filters = DatasetFilters::describe(dataset.filters());
        item->setText(FiltersColumn, filters);
        item->setToolTip(FiltersColumn, filters);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        setEnabledItem(item, dataset.enable());
        item->setText(ModifiedColumn, EvaluationText::localTime(dataset.modifiedAt().empty() ? dataset.createdAt()
                                                                                             : dataset.modifiedAt()));
        if (item->data(NameColumn, kIdRole).toString() == keep) {
            m_table->setCurrentItem(item);
        }
    }
    m_filling = false;
    if (!m_table->currentItem() && m_table->topLevelItemCount() > 0) {
        m_table->setCurrentItem(m_table->topLevelItem(0));
    }
    const QString empty = emptyText();
    m_empty->setText(empty);
    m_empty->setVisible(!empty.isEmpty());
    m_empty->setGeometry(m_table->viewport()->rect().adjusted(16, 16, -16, -16));
    updateButtons();
}

QString DatasetList::emptyText() const
{
    if (!m_datasets.empty()) {
        return {};
    }
    if (!m_client) {
        return tr("Connect and pick a gateway to see its datasets.");
    }
    return tr("No datasets yet \u2014 save the logs view's filters as one (Logs \u203a Save as Dataset\u2026), or "
              "make one with New Dataset\u2026");
}

void DatasetList::setEnabledItem(QTreeWidgetItem *item, bool enable)
{
    item->setCheckState(EnabledColumn, enable ? Qt::Checked : Qt::Unchecked);
    item->setText(EnabledColumn, enable ? tr("Enabled") : tr("Disabled"));
}

bool DatasetList::select(const QString &datasetId)
{
    for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
        if (m_table->topLevelItem(i)->data(NameColumn, kIdRole).toString() == datasetId) {
            m_table->setCurrentItem(m_table->topLevelItem(i));
            return true;
        }
    }
    return false;
}

std::optional<Dataset> DatasetList::selected() const
{
    QTreeWidgetItem *item = m_table->currentItem();
    if (!item || !item->isSelected()) {
        return std::nullopt;
    }
    const QString id = item->data(NameColumn, kIdRole).toString();
    for (const Dataset &dataset : m_datasets) {
        if (QString::fromStdString(dataset.id()) == id) {
            return dataset;
        }
    }
    return std::nullopt;
}

void DatasetList::updateButtons()
{
    const auto dataset = selected();
    const bool ready = m_client && m_busy == 0;
    m_new->setEnabled(ready);
    m_toggle->setEnabled(ready && dataset);
    m_toggle->setText(dataset && !dataset->enable() ? tr("Ena&ble") : tr("Disa&ble"));
    m_edit->setEnabled(ready && dataset);
    m_delete->setEnabled(ready && dataset);
    m_logs->setEnabled(dataset.has_value());
    m_refresh->setEnabled(m_client && m_busy == 0);
}

void DatasetList::toggleSelected()
{
    if (const auto dataset = selected()) {
        const bool enable = !dataset->enable();
        update(*dataset, nameOf(*dataset), enable, dataset->filters(),
               enable ? tr("Enabling %1").arg(quoted(nameOf(*dataset)))
                      : tr("Disabling %1").arg(quoted(nameOf(*dataset))));
    }
}

void DatasetList::update(const Dataset &dataset, const QString &name, bool enable,
                         const std::vector<LogFilter> &filters, const QString &what)
{
    if (!m_client) {
        return;
    }
    begin();
    // A PUT sends the whole dataset: the API requires name, enable and filters.
    m_client->updateDataset(m_gatewayId, QString::fromStdString(dataset.id()), name, enable, filters, this,
                            [this, what](const ApiResult<Dataset> &result) {
                                end();
                                if (!result) {
                                    emit errorOccurred(tr("%1 failed.").arg(what), *result.error);
                                    fill(); // the switch goes back to what the server has
                                    if (result.error->mayHaveBeenApplied) {
                                        reload();
                                    }
                                    return;
                                }
                                for (Dataset &d : m_datasets) {
                                    if (d.id() == result.value->id()) {
                                        d = *result.value;
                                    }
                                }
                                fill();
                                emit datasetsChanged();
                            });
}

void DatasetList::editSelected()
{
    const auto dataset = selected();
    if (!dataset || !m_client || m_busy > 0) {
        return;
    }
    auto *dialog = new DatasetEditDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setDataset(nameOf(*dataset), dataset->filters());
    connect(dialog, &QDialog::accepted, this, [this, dialog, dataset = *dataset] {
        if (const auto filters = dialog->filters()) {
            update(dataset, dialog->name(), dataset.enable(), *filters, tr("Saving %1").arg(quoted(dialog->name())));
        }
    });
    dialog->open();
}

void DatasetList::createNew()
{
    if (!m_client || m_busy > 0) {
        return;
    }
    auto *dialog = new DatasetEditDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("New Dataset"));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto filters = dialog->filters();
        const QString name = dialog->name();
        if (!filters) {
            return;
        }
        begin();
        m_client->createDataset(
            m_gatewayId, name, true, *filters, this, [this, name](const ApiResult<Dataset> &result) {
                end();
                if (result) {
                    reloadThen([this, id = QString::fromStdString(result.value->id())](bool) { select(id); });
                    return;
                }
                emit errorOccurred(tr("Creating %1 failed.").arg(quoted(name)), *result.error);
                if (result.error->mayHaveBeenApplied) {
                    reloadThen([this, name](bool ok) {
                        if (!ok) {
                            return;
                        }
                        const bool found = std::any_of(m_datasets.begin(), m_datasets.end(),
                                                       [&](const Dataset &d) { return nameOf(d) == name; });
                        emit notice(found ? tr("The answer was lost, but the list read again "
                                               "has %1: it was created.")
                                                .arg(quoted(name))
                                          : tr("The answer was lost and the list read again has "
                                               "no %1: it was not created.")
                                                .arg(quoted(name)));
                    });
                }
            });
    });
    dialog->open();
}

void DatasetList::deleteSelected()
{
    const auto dataset = selected();
    if (!dataset || !m_client || m_busy > 0) {
        return;
    }
    const QString name = nameOf(*dataset);
    QMessageBox box(QMessageBox::Warning, tr("Delete Dataset"),
                    tr("Delete dataset %1 of gateway %2?").arg(quoted(name), quoted(m_gatewayId)), QMessageBox::Cancel,
                    this);
    box.setObjectName(QStringLiteral("datasetDeleteConfirm"));
    box.setInformativeText(tr("Its filters are lost. Evaluations already run over it keep their results."));
    QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != remove) {
        return;
    }
    const QString id = QString::fromStdString(dataset->id());
    begin();
    m_client->deleteDataset(m_gatewayId, id, this, [this, id, name](const ApiResult<Dataset> &result) {
        end();
        if (result) {
            emit notice(tr("Deleted dataset %1.").arg(quoted(name)));
            reload();
            return;
        }
        if (result.error->isNotFound()) {
            // A retry after a lost answer finds it gone, as does a delete made elsewhere: either way it is.
            emit notice(tr("Dataset %1 is gone: the server no longer has it (an earlier attempt whose answer was "
                           "lost, or someone else, deleted it).")
                            .arg(quoted(name)));
            reload();
            return;
        }
        if (!result.error->mayHaveBeenApplied) {
            emit errorOccurred(tr("Deleting %1 failed.").arg(quoted(name)), *result.error);
            return;
        }
        // The answer was lost: the list says whether the server deleted it.
        reloadThen([this, id, name](bool ok) {
            if (!ok) {
                return;
            }
            const bool still = std::any_of(m_datasets.begin(), m_datasets.end(),
                                           [&](const Dataset &d) { return QString::fromStdString(d.id()) == id; });
            emit notice(still ? tr("The answer to deleting %1 was lost; the list read again still has it: it was "
                                   "not deleted. You can try again.")
                                    .arg(quoted(name))
                              : tr("The answer to deleting %1 was lost; the list read again no longer has it: it "
                                   "was deleted.")
                                    .arg(quoted(name)));
        });
    });
}

void DatasetList::openLogsOfSelected()
{
    if (const auto dataset = selected()) {
        emit logsRequested(dataset->filters());
    }
}

} // namespace rd
