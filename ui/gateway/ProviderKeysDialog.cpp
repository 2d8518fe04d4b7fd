#include "ui/gateway/ProviderKeysDialog.h"

#include "app/api/ApiClient.h"
#include "ui/gateway/AddProviderKeyDialog.h"
#include "ui/gateway/AdminLabels.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rd {

namespace {
constexpr int kPerPage = 50;

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}
} // namespace

ProviderKeysDialog::ProviderKeysDialog(ApiClient *client, const QString &gatewayId, QWidget *parent)
    : QDialog(parent), m_client(client), m_gateway(gatewayId)
{
    setObjectName(QStringLiteral("providerKeysDialog"));
    setWindowTitle(tr("Provider Keys of “%1”").arg(gatewayId));

    auto *about = AdminLabels::hint(
        tr("Keys stored in the gateway (“bring your own key”): requests through it may leave out the provider's "
           "key and the gateway adds the one stored for that provider. Only a preview of each secret is shown."));
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("providerKeyList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Alias"), tr("Provider"), tr("Secret"), tr("Default"), tr("Rate limit")});
    m_list->header()->setStretchLastSection(true);

    m_status = AdminLabels::hint(QString());
    m_status->setObjectName(QStringLiteral("providerKeysStatus"));
    m_error = AdminLabels::problem(QStringLiteral("providerKeysError"));

    m_add = new QPushButton(tr("&Add Key…"));
    m_add->setObjectName(QStringLiteral("addProviderKeyButton"));
    m_refresh = new QPushButton(tr("&Refresh"));
    connect(m_add, &QPushButton::clicked, this, &ProviderKeysDialog::addKey);
    connect(m_refresh, &QPushButton::clicked, this, &ProviderKeysDialog::refresh);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_add, QDialogButtonBox::ActionRole);
    buttons->addButton(m_refresh, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(640, 360);
}

AddProviderKeyDialog *ProviderKeysDialog::addDialog() const
{
    return m_addDialog;
}

QString ProviderKeysDialog::statusText() const
{
    return m_status->text();
}

void ProviderKeysDialog::refresh()
{
    if (!m_client) {
        return;
    }
    PageQuery query;
    query.perPage = kPerPage;
    m_status->setText(tr("Loading keys…"));
    m_call =
        m_client->listProviderConfigs(m_gateway, query, this, [this](const ApiResult<ListPage<ProviderConfig>> &r) {
            m_call.clear();
            if (!r) {
                m_status->clear();
                AdminLabels::setProblem(m_error, tr("Loading the keys: %1").arg(r.error->toString()));
                return;
            }
            AdminLabels::setProblem(m_error, QString());
            m_list->clear();
            for (const ProviderConfig &config : r.value->items) {
                auto *item = new QTreeWidgetItem(m_list);
                item->setText(AliasColumn, qs(config.alias()));
                item->setText(ProviderColumn, qs(config.providerSlug()));
                item->setText(SecretColumn, qs(config.secretPreview()));
                item->setText(DefaultColumn, config.isDefault() ? tr("yes") : QString());
                const auto limit = config.rateLimit();
                const auto period = config.rateLimitPeriod();
                if (limit) {
                    item->setText(LimitColumn,
                                  period ? tr("%1 per %2 s").arg(qs(limit->toString()), qs(period->toString()))
                                         : qs(limit->toString()));
                } else {
                    item->setText(LimitColumn, tr("none"));
                }
                item->setToolTip(AliasColumn, tr("id %1\nmodified %2").arg(qs(config.id()), qs(config.modifiedAt())));
                if (item->text(AliasColumn) == m_select) {
                    m_list->setCurrentItem(item);
                }
            }
            m_select.clear();
            // Fitted to what was listed, with room to breathe (a fitted column clips under some styles).
            for (int column = AliasColumn; column < LimitColumn; ++column) {
                m_list->resizeColumnToContents(column);
                m_list->setColumnWidth(column, m_list->columnWidth(column) + 16);
            }
            m_status->setText(r.value->items.empty() ? tr("No keys stored in this gateway.")
                                                     : tr("Keys stored: %1").arg(r.value->items.size()));
        });
}

void ProviderKeysDialog::addKey()
{
    if (m_addDialog) {
        m_addDialog->raise();
        return;
    }
    m_addDialog = new AddProviderKeyDialog(m_client, m_gateway, this);
    m_addDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_addDialog, &AddProviderKeyDialog::added, this, [this](const QString &alias) {
        m_select = alias;
        refresh();
        emit keyAdded(m_gateway);
    });
    m_addDialog->open();
}

} // namespace rd
