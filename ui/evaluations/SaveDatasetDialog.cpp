#include "ui/evaluations/SaveDatasetDialog.h"

#include "app/StatusColors.h"
#include "app/api/ApiClient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {

QString quoted(const QString &text)
{
    return QStringLiteral("\u201c%1\u201d").arg(text);
}

} // namespace

SaveDatasetDialog::SaveDatasetDialog(ApiClient *client, const QString &gatewayId, const std::vector<LogFilter> &filters,
                                     const QString &search, QWidget *parent)
    : QDialog(parent), m_client(client), m_gatewayId(gatewayId),
      m_conversion(DatasetFilters::fromLogFilters(filters, search))
{
    setObjectName(QStringLiteral("saveDatasetDialog"));
    setWindowTitle(tr("Save as Dataset"));
    setMinimumWidth(520);

    auto *intro = new QLabel(tr("A dataset is a saved log filter of gateway %1; evaluations measure the logs it "
                                "picks.")
                                 .arg(quoted(gatewayId)));
    intro->setWordWrap(true);

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("datasetName"));
    m_name->setPlaceholderText(tr("e.g. OpenAI, expensive requests"));
    auto *kept = new QLabel(DatasetFilters::describe(m_conversion.accepted).toHtmlEscaped());
    kept->setObjectName(QStringLiteral("datasetKeptFilters"));
    kept->setWordWrap(true);
    kept->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("Logs"), kept);

    m_refused = new QLabel;
    m_refused->setObjectName(QStringLiteral("datasetRefusedFilters"));
    m_refused->setWordWrap(true);
    m_refused->setTextFormat(Qt::RichText);
    m_refused->setAttribute(Qt::WA_StyledBackground);
    if (!m_conversion.refused.empty()) {
        QString items;
        for (const auto &refused : m_conversion.refused) {
            items +=
                QStringLiteral("<li><b>%1</b>: %2</li>").arg(refused.what.toHtmlEscaped(), refused.why.toHtmlEscaped());
        }
        m_refused->setText(tr("<p>A dataset cannot hold these filters of the logs view (one value per filter; "
                              "eq, contains, lt or gt; no search):</p><ul style=\"margin-left: -20px\">%1</ul>"
                              "<p>Save without them, or cancel.</p>")
                               .arg(items));
        const StatusColors::Band band = StatusColors::band(StatusColors::Role::Warning, palette());
        m_refused->setStyleSheet(QStringLiteral("#datasetRefusedFilters { background: %1; border: 1px solid %2; "
                                                "border-radius: 4px; padding: 6px; }")
                                     .arg(band.background.name(), band.border.name()));
    }
    m_refused->setVisible(!m_conversion.refused.empty());

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("datasetSaveMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_save = m_buttons->addButton(m_conversion.refused.empty() ? tr("&Save") : tr("&Save Without Them"),
                                  QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("datasetSaveButton"));
    m_save->setDefault(true);
    m_save->setEnabled(false);
    connect(m_name, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_save->setEnabled(!text.trimmed().isEmpty() && !m_saved); });
    connect(m_save, &QPushButton::clicked, this, &SaveDatasetDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_refused);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
}

SaveDatasetDialog *SaveDatasetDialog::start(QWidget *parent, ApiClient *client, const QString &gatewayId,
                                            const std::vector<LogFilter> &filters, const QString &search)
{
    auto *dialog = new SaveDatasetDialog(client, gatewayId, filters, search, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QString SaveDatasetDialog::refusedText() const
{
    return m_refused->isVisible() || !m_conversion.refused.empty() ? m_refused->text() : QString();
}

QString SaveDatasetDialog::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void SaveDatasetDialog::save()
{
    const QString name = m_name->text().trimmed();
    if (!m_client || name.isEmpty() || m_saved) {
        return;
    }
    m_save->setEnabled(false);
    m_name->setEnabled(false);
    m_message->setText(tr("Saving\u2026"));
    m_message->setStyleSheet(QString());
    m_message->show();
    m_client->createDataset(m_gatewayId, name, true, m_conversion.accepted, this,
                            [this, name](const ApiResult<Dataset> &result) {
                                if (result) {
                                    showSaved(*result.value, tr("Saved dataset %1.").arg(quoted(name)));
                                } else if (result.error->mayHaveBeenApplied) {
                                    checkLostCreate(name);
                                } else {
                                    showError(*result.error);
                                }
                            });
}

void SaveDatasetDialog::checkLostCreate(const QString &name)
{
    // The request may have been applied: the gateway's datasets say whether it was, so nothing is saved twice.
    m_message->setText(
        tr("The answer was lost; reading the gateway's datasets to see whether %1 was saved\u2026").arg(quoted(name)));
    m_client->listDatasets(
        m_gatewayId, PageQuery{1, 50, {}, QStringLiteral("created_at"), QStringLiteral("desc")}, this,
        [this, name](const ApiResult<ListPage<Dataset>> &result) {
            if (!result) {
                showError(*result.error);
                m_message->setText(tr("The answer was lost and the datasets could not be read: look for %1 on the "
                                      "Evaluations page before saving again. %2")
                                       .arg(quoted(name), result.error->toString()));
                return;
            }
            for (const Dataset &dataset : result.value->items) {
                if (QString::fromStdString(dataset.name()) == name && dataset.filters() == m_conversion.accepted) {
                    showSaved(
                        dataset,
                        tr("The answer was lost, but the gateway has dataset %1 now: it was saved.").arg(quoted(name)));
                    return;
                }
            }
            m_message->setText(tr("The answer was lost and the gateway has no dataset %1: nothing was saved. You can "
                                  "try again.")
                                   .arg(quoted(name)));
            m_name->setEnabled(true);
            m_save->setEnabled(true);
        });
}

void SaveDatasetDialog::showSaved(const Dataset &dataset, const QString &sentence)
{
    m_saved = dataset;
    m_message->setText(sentence + QLatin1Char(' ') +
                       tr("Run an evaluation over it from the gateway's Evaluations page."));
    m_message->setStyleSheet(QString());
    m_save->hide();
    m_buttons->setStandardButtons(QDialogButtonBox::Close);
    connect(m_buttons->button(QDialogButtonBox::Close), &QPushButton::clicked, this, &QDialog::accept);
    emit datasetSaved(dataset);
}

void SaveDatasetDialog::showError(const ApiError &error)
{
    m_message->setText(tr("The dataset was not saved. %1").arg(error.toString()));
    m_message->setStyleSheet(
        QStringLiteral("color: %1").arg(StatusColors::text(StatusColors::Role::Error, palette()).name()));
    m_message->show();
    m_name->setEnabled(true);
    m_save->setEnabled(true);
}

} // namespace rd
